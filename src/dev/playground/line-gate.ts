import { PassThrough } from 'node:stream';

/**
 * Hands the terminal's keystrokes to readline one line at a time. Readline echoes and emits every
 * line of a chunk at once, so lines typed ahead or pasted would all be echoed before the bot's
 * answer to the first; held back here, each appears after its own prompt, in transcript order.
 * Ctrl-C still gets through while a line is being handled.
 */
export class LineGate {
  readonly output = new PassThrough();
  private pending = '';
  private holding = false;

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly onInterrupt: () => void,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      if (this.holding && chunk.includes('\x03')) {
        this.onInterrupt();
        return;
      }
      this.pending += chunk;
      this.flush();
    });
    input.on('end', () => this.output.end());
  }

  /** The line handed out last has been dealt with: let the next one through. */
  release(): void {
    this.holding = false;
    this.flush();
  }

  private flush(): void {
    if (this.holding || this.pending.length === 0) return;
    const end = this.pending.search(/[\r\n]/);
    if (end === -1) {
      this.output.write(this.pending);
      this.pending = '';
      return;
    }
    // \r\n counts as one line end
    const cut = this.pending[end] === '\r' && this.pending[end + 1] === '\n' ? end + 2 : end + 1;
    this.output.write(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
    this.holding = true;
  }
}
