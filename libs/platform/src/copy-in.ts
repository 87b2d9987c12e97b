import type { ClientBase } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';

/**
 * One `COPY … FROM STDIN` on a connection (a repository's bulk path: the statement is its own), fed text in COPY text format (see copy-text.ts).
 * `write` waits while PostgreSQL has not taken in what was written before (backpressure: memory
 * stays at about one batch); `end` resolves once the rows are in the table. While it is open the
 * connection runs nothing else: every other query on it waits for `end` or `abort`, so whoever opens
 * one must end or abort it before the next query (and before the transaction is rolled back).
 */
export class CopyIn {
  private failure: Error | undefined;
  private closed = false;

  private constructor(private readonly stream: CopyStreamQuery) {
    // PostgreSQL refusing a row arrives as 'error', perhaps while nobody waits on the stream.
    stream.on('error', (error: Error) => (this.failure ??= error));
  }

  static start(client: ClientBase, copyStatement: string): CopyIn {
    // Writes are batches of rows: let a whole one through before asking to wait.
    return new CopyIn(client.query(copyFrom(copyStatement, { highWaterMark: 1 << 20 })));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = () => {
        this.stream.off('drain', settle);
        this.stream.off('error', settle);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.stream.on('drain', settle);
      this.stream.on('error', settle);
    });
  }

  /** Finishes the COPY; resolves with the number of rows it added once they are in the table. */
  async end(): Promise<number> {
    if (this.failure) throw this.failure;
    this.closed = true;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('finish', resolve);
      this.stream.once('error', reject);
      this.stream.end();
    });
    return this.stream.rowCount;
  }

  /** Cancels the COPY (PostgreSQL discards its rows), so that the connection can run the rollback. */
  async abort(reason: string): Promise<void> {
    if (this.closed || this.failure) return;
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.stream.once('close', resolve);
      this.stream.destroy(new Error(reason));
    });
  }
}
