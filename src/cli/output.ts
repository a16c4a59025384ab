import { writeFile } from 'node:fs/promises';
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
