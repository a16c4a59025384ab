import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Absolute path of a file under fixtures/. */
export function fixture(...parts: string[]): string {
  return join(import.meta.dirname, '..', '..', 'fixtures', ...parts);
}

export function anchor(name: string): string {
  return fixture('anchors', name);
}

const made: string[] = [];
// Each test file evaluates this module afresh: remove its directories when the file is done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory (the only place tests write), removed when the test run ends. */
export function tempDir(prefix = 'layerlint-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
