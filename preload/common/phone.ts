/**
 * The one phone-number normaliser: every dialled number, CDR destination and DID goes
 * through here before it is compared, stored or classified. Pure and dependency-free,
 * so main (engine, services) and the window use the same rule.
 *
 * The result is the number in international form without '+' ("E.164 digits"):
 * calling code first, then the national number.
 */

const ALL_DIGITS = /^\d*$/;
/** What people and portals put between digits: spaces, dashes, parentheses, dots. */
const FORMATTING = /[\s\-().]/g;
const NANP_CALLING_CODE = '1';

/** "+1 (514) 555-1234" → "+15145551234": only the formatting goes, '+' and digits stay. */
export function stripPhoneFormatting(text: string): string {
  return ALL_DIGITS.test(text) ? text : text.replace(FORMATTING, '');
}

function isNanpLeadDigit(code: number): boolean {
  return code >= 50 && code <= 57; // '2'..'9'
}

/**
 * NANP numbering plan: NPA-NXX-XXXX where both the area code (NPA) and the exchange (NXX)
 * start with 2-9. Ten digits of that shape are a NANP number dialled without its '1'
 * (the provider writes '5145551234'); ten digits of any other shape ('4930123456',
 * +49 30 123456 written without its '+') are already international.
 */
export function isNanpWithoutCountryCode(digits: string): boolean {
  // Cheap checks first: this runs for every rated call (engine bench).
  return digits.length === 10 && isNanpLeadDigit(digits.charCodeAt(0)) && isNanpLeadDigit(digits.charCodeAt(3)) && ALL_DIGITS.test(digits);
}

/**
 * Digits in international form, as the prefix rules expect them.
 * - '+' and formatting characters are dropped.
 * - A leading international prefix ('011' dialled from NANP, '00' elsewhere) is
 *   dropped: what follows is already country code + number.
 * - Ten NANP-shaped digits with no '+' or international prefix get NANP's '1'.
 * Anything else that is not digits ('*97') is kept as is and matches no prefix.
 *
 * Normalise once, from what was dialled: the output of a '+' number is not marked as
 * international any more, so feeding it back in may read it as NANP ('+32 12 34 56 78'
 * → '3212345678' → '1 321 234 5678'). Callers keep the raw text and pass that.
 */
export function normalizePhoneNumber(text: string): string {
  let digits = stripPhoneFormatting(text);
  let international = false;
  if (digits.startsWith('+')) {
    digits = digits.slice(1);
    international = true;
  }
  if (digits.startsWith('011')) {
    digits = digits.slice(3);
    international = true;
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (!international && isNanpWithoutCountryCode(digits)) digits = NANP_CALLING_CODE + digits;
  return digits;
}
