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

  async push(text: string): Promise<void> {
    if (this.ended) return;
    this.lastPushAt = this.now();
    this.pieces.push(text);
    this.wakeReader?.();
    while (this.pieces.length > this.capacity && !this.ended) {
      await new Promise<void>((resolve) => this.wakeWriters.push(resolve));
    }
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
