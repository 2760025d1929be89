/** Letters NFKD does not take apart into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i' };

/**
 * Text as search compares it (issue 10, "valerie" finds "Valérie"): lower case, accents
 * and other marks dropped, compatibility forms folded (ﬁ → fi, full-width letters).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđðþæœßı]/g, (letter) => UNDECOMPOSED[letter] ?? letter);
}

/** What a client is found by: names, company, e-mail and phone, folded, in one line. */
export function clientSearchText(client: { first_name: string; last_name: string; company: string; email: string; phone: string }): string {
  return foldForSearch([client.first_name, client.last_name, client.company, client.email, client.phone].join('\n'));
}
