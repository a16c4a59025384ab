import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { LayerlintError } from '../errors.js';

/** Writes a report to a file, or to stdout when no file is named. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (file === undefined || file === '-') {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
    return;
  }
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new LayerlintError(`${file}: cannot write the report (${code})`, { cause: error });
  }
}

/**
 * Writes a report given in pieces, to stdout (waiting for each to drain) or to a file (each
 * written at once: through a stream, every piece of a large report waited for a thread-pool
 * round trip).
 */
export async function writeChunks(
  chunks: Iterable<string | Uint8Array>,
  file: string | undefined,
): Promise<void> {
  const toStdout = file === undefined || file === '-';
  if (!toStdout) {
    writeChunksToFile(chunks, file);
    return;
  }
  const out: Writable = process.stdout;
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  try {
    for (const chunk of chunks) {
      if (!out.write(chunk)) {
        await Promise.race([new Promise((resolve) => out.once('drain', resolve)), failed]);
      }
    }
    const done = (resolve: () => void, reject: (e: unknown) => void) => (error?: unknown) =>
      error ? reject(error) : resolve();
    await Promise.race([
      new Promise<void>((resolve, reject) => out.write('', done(resolve, reject))),
      failed,
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    // The reader went away (`| head`): nothing left to say, as other Unix tools do.
    if (code === 'EPIPE') return;
    throw new LayerlintError(`stdout: cannot write the report (${code})`, { cause: error });
  }
}

function writeChunksToFile(chunks: Iterable<string | Uint8Array>, file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w');
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    const opened = fd;
    fd = undefined;
    closeSync(opened); // can fail too (a full disk on NFS): reported like a write
  } catch (error) {
    // The file system's errors are the user's to fix; anything else is a bug, thrown as it is.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || (error as NodeJS.ErrnoException).syscall === undefined) throw error;
    // A pipe or FIFO (`--output /dev/stdout | head`) whose reader went away, as on stdout.
    if (code === 'EPIPE') return;
    throw new LayerlintError(`${file}: cannot write the report (${code})`, { cause: error });
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // The error being reported is the first one.
      }
    }
  }
}
