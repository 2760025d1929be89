/** "15145550101" → "+1 514 555 0101"; other countries keep their digits after the "+". */
export function formatDid(digits: string): string {
  const bare = digits.replace(/^\+/, '');
  const nanp = /^1(\d{3})(\d{3})(\d{4})$/.exec(bare);
  return nanp ? `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}` : `+${bare}`;
}

/** A DID as people read it, never broken across lines. */
export function PhoneNumber({ digits }: { digits: string }) {
  return <span className="phone-number">{formatDid(digits)}</span>;
}
