// A one-line progress indicator on standard error: shown only on a terminal, only once a run
// has taken a second, redrawn at most ten times a second, and erased when the run is done.

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly start = performance.now();
  private lastDraw = 0;
  private shown = false;

  constructor(stream: NodeJS.WriteStream) {
    this.stream = stream;
  }

  /** A progress indicator for stream, or null when it is not a terminal or quiet is asked. */
  static create(stream: NodeJS.WriteStream, quiet: boolean): Progress | null {
    return quiet || stream.isTTY !== true ? null : new Progress(stream);
  }

  update(done: number, total: number, cached: number): void {
    const now = performance.now();
    if (now - this.start < 1000 || (now - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = now;
    this.shown = true;
    const width = this.stream.columns ?? 80;
    const cachedText = cached > 0 ? `, ${cached} from the cache` : "";
    const text = `gopitfall: ${done}/${total} packages${cachedText}, ${((now - this.start) / 1000).toFixed(1)}s`;
    this.stream.write(`\r${text.slice(0, Math.max(0, width - 1))}\x1b[K`);
  }

  /** Erases the line, if it was drawn. */
  done(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }
}
