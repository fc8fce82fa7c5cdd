/**
 * Turns the several change notices of one operation into one: inside `run`, notices are held and
 * announced once when the outermost run ends; outside, each is announced at once. Storing the
 * demo credentials writes four secrets, and each announcement used to list the twins again.
 */
export class ChangeBatch {
  private depth = 0;
  private held = false;

  constructor(private readonly announce: () => void) {}

  changed(): void {
    if (this.depth > 0) this.held = true;
    else this.announce();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.depth += 1;
    try {
      return await work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0 && this.held) {
        this.held = false;
        this.announce();
      }
    }
  }
}
