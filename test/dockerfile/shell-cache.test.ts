import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { setShellCacheLimit } from '../../src/dockerfile/shell.js';

const DEFAULT_LIMIT = 1 << 20;
const dir = join(import.meta.dirname, '../../fixtures/dockerfiles');
const fixtures = readdirSync(dir)
  .filter((f, i) => f !== 'README.md' && i % 2 === 0)
  .map((f) => readFileSync(join(dir, f), 'utf8'));

/** Every other fixture, then again shifted down and right, in CRLF, and with a backtick escape. */
const variants = (text: string): string[] => [
  text,
  `# moved\n\n${text.replace(/^RUN /gm, 'RUN   ')}`,
  text.replace(/\r?\n/g, '\r\n'),
  `# escape=\`\n${text.replace(/\\\n/g, '`\n')}`,
];

const serialise = async (texts: readonly string[]) => {
  const out: string[] = [];
  for (const text of texts) out.push(JSON.stringify(await parseDockerfile(text)));
  return out;
};

describe('parsed RUN bodies reused by text', () => {
  afterEach(() => setShellCacheLimit(DEFAULT_LIMIT));

  it('gives the model a fresh parse gives, wherever the body sits', async () => {
    const texts = fixtures.flatMap(variants);
    setShellCacheLimit(0);
    const fresh = await serialise(texts);
    setShellCacheLimit(DEFAULT_LIMIT);
    expect(await serialise(texts)).toEqual(fresh);
    // All hits now, and again under a limit small enough to evict as it goes.
    expect(await serialise(texts)).toEqual(fresh);
    setShellCacheLimit(2000);
    expect(await serialise(texts)).toEqual(fresh);
  });

  it('hands out new objects on every hit', async () => {
    const text = 'FROM alpine:3.20\nRUN a=1 b | c "$(d -x)"\n';
    const [one, two] = [await parseDockerfile(text), await parseDockerfile(text)];
    const [a, b] = [one.find('RUN')[0]?.shell, two.find('RUN')[0]?.shell];
    expect(a).toEqual(b);
    expect(a?.commands[1]?.args[0]?.range).toBeDefined();
    expect(a?.commands[1]).not.toBe(b?.commands[1]);
    expect(a?.commands[1]?.args[0]?.range).not.toBe(b?.commands[1]?.args[0]?.range);
  });
});
