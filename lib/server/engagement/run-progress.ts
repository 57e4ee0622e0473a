import "server-only";

/**
 * A run's progress, counted in the database without holding up the work: each addition is sent after the one
 * before (so they never race), and the work goes on meanwhile instead of waiting a round trip per chunk. A failed
 * update is reported by `settled`, which a run awaits before it finishes.
 */
export class RunProgress {
  private last: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(private readonly store: (clients: number) => Promise<unknown>) {}

  add(clients: number): void {
    this.last = this.last
      .then(async () => {
        if (this.failure === null) await this.store(clients);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }

  async settled(): Promise<void> {
    await this.last;
    if (this.failure !== null) throw this.failure;
  }
}
