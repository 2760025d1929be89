/**
 * Text pieces sent by the window (a file read slice by slice), handed to the parser as
 * an async iterable. At most `capacity` pieces wait here: `push` resolves only when
 * there is room, so main holds a few pieces of a 150 MB file, never the file.
 */
export class ChunkFeed implements AsyncIterable<string> {
  private readonly pieces: string[] = [];
  private ended = false;
  private wakeReader: (() => void) | null = null;
  private readonly wakeWriters: (() => void)[] = [];
  lastPushAt: number;

  /** `now`: the clock the idle check reads (injected by tests). */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly capacity = 2,
  ) {
    this.lastPushAt = now();
  }

  /** UTF-8 bytes of the text pushed (what the parser counts) and the file bytes they came from. */
  private textBytes = 0;
  private fileBytes = 0;

  /** `fileBytes`: the piece's size in the file, when it differs from its UTF-8 size (a UTF-16 file). */
  async push(text: string, fileBytes?: number): Promise<void> {
    if (this.ended) return;
    this.lastPushAt = this.now();
    const textBytes = Buffer.byteLength(text);
    this.textBytes += textBytes;
    this.fileBytes += fileBytes ?? textBytes;
    this.pieces.push(text);
    this.wakeReader?.();
    while (this.pieces.length > this.capacity && !this.ended) {
      await new Promise<void>((resolve) => this.wakeWriters.push(resolve));
    }
  }

  /** How far into the file the parser is, from how far into the text it is (UTF-8 bytes). */
  fileBytesAt(parsedTextBytes: number): number {
    if (parsedTextBytes >= this.textBytes) return this.fileBytes;
    return this.textBytes === 0 ? 0 : Math.round((parsedTextBytes * this.fileBytes) / this.textBytes);
  }

  /** No more pieces: the parser finishes what it has. */
  end(): void {
    this.ended = true;
    this.wakeReader?.();
    for (const wake of this.wakeWriters.splice(0)) wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    for (;;) {
      const piece = this.pieces.shift();
      if (piece !== undefined) {
        this.wakeWriters.shift()?.();
        yield piece;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
      this.wakeReader = null;
    }
  }
}
