// Writes a zip archive as a stream, one entry at a time, never holding more than the entry being
// written: `add` resolves once the archive has taken the entry's bytes (so a slow download slows the
// producer down instead of piling entries up in memory), and rejects once the download is gone.
//
// Why yazl (npm "yazl", MIT): a maintained, dependency-light (buffer-crc32 only) zip writer built for
// streaming: entries are written in order to one output stream with the central directory at the end,
// and an entry's data can be supplied lazily, when its turn comes. archiver (the other common choice)
// wraps zip-stream plus a dozen helper packages and queues every appended buffer, which would keep
// the whole export in memory; yazl's `addBuffer` would too (each entry keeps its compressed buffer
// until the end), hence `addReadStreamLazy` here. Its sibling yauzl reads zips in the tests.
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/** The reader went away (the download was cancelled or the connection dropped) before the archive was complete. */
export class DownloadClosed extends Error {
  constructor(cause?: unknown) {
    super('the download was closed before the archive was complete', { cause });
    this.name = 'DownloadClosed';
  }
}

export class ZipWriter {
  readonly #zip = new ZipFile();
  /** yazl's output is a PassThrough; its types only promise the older NodeJS.ReadableStream. */
  readonly #output = this.#zip.outputStream as Readable;
  #failure: Error | null = null;
  #aborting = false;
  readonly #waiters = new Set<(error: Error) => void>();
  /** Every entry name written, in order. */
  readonly names: string[] = [];

  constructor() {
    const fail = (error: Error) => {
      // Unless the producer aborted, the output only fails or closes early because its reader went away.
      this.#failure ??= this.#aborting || error instanceof DownloadClosed ? error : new DownloadClosed(error);
      for (const reject of this.#waiters) reject(this.#failure);
      this.#waiters.clear();
    };
    this.#zip.on('error', fail);
    this.#output.on('error', fail);
    // Closed before the archive ended: the download was cancelled (or failed) and nobody reads on.
    this.#output.on('close', () => {
      if (!this.#output.readableEnded) fail(new DownloadClosed());
    });
  }

  /** The archive's bytes, for a Response body; cancelling it stops the producer at its next `add`. */
  webStream(): ReadableStream<Uint8Array> {
    return Readable.toWeb(this.#output) as ReadableStream<Uint8Array>;
  }

  /** Adds one file; resolves when the archive has consumed it. */
  add(name: string, content: string | Uint8Array, mtime = new Date()): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    let pending: Buffer | null = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const size = pending.length;
    this.names.push(name);
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        this.#waiters.delete(reject);
        if (error) reject(error);
        else resolve();
      };
      this.#waiters.add(reject);
      this.#zip.addReadStreamLazy(name, { mtime, size }, (give) => {
        // Hand the bytes over and forget them: the archive keeps only the entry's metadata.
        const source = Readable.from(pending ?? Buffer.alloc(0), { objectMode: false });
        pending = null;
        source.once('end', () => settle());
        source.once('error', (error) => settle(error));
        give(null, source);
      });
    });
  }

  /** Writes the central directory; the stream ends when the reader has taken the rest. */
  end(): void {
    if (!this.#failure) this.#zip.end();
  }

  /** Stops the archive: the download ends with an error (an incomplete zip must not look complete). */
  abort(error: Error): void {
    this.#aborting = true;
    this.#output.destroy(error);
  }
}
