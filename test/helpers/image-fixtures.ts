import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Absolute path of a file under fixtures/. */
export function fixture(...parts: string[]): string {
  return join(import.meta.dirname, '..', '..', 'fixtures', ...parts);
}

export function anchor(name: string): string {
  return fixture('anchors', name);
}

/** A fresh temporary directory (the only place tests write). */
export function tempDir(prefix = 'layerlint-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
