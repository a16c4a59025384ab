import { createWriteStream } from 'node:fs';
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

/** Writes a report given in pieces, waiting for each to drain; to stdout or a file. */
export async function writeChunks(
  chunks: Iterable<string | Uint8Array>,
  file: string | undefined,
): Promise<void> {
  const toStdout = file === undefined || file === '-';
  const out: Writable = toStdout ? process.stdout : createWriteStream(file);
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
      new Promise<void>((resolve, reject) => {
        if (toStdout) out.write('', done(resolve, reject));
        else out.end(done(resolve, reject));
      }),
      failed,
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    // The reader went away (`| head`): nothing left to say, as other Unix tools do.
    if (code === 'EPIPE') return;
    throw new LayerlintError(`${file ?? 'stdout'}: cannot write the report (${code})`, {
      cause: error,
    });
  }
}
