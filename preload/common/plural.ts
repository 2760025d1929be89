/** "1 call", "2,500 calls": a count and the word that agrees with it. */
export const plural = (count: number, one: string, many: string): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
