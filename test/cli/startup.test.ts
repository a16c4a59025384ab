/**
 * What each command loads: "a command loads ink/react, the shell parser and the rules only if it
 * uses them". A module hook in the child process records every module it loads.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as imageRules } from '../../rules/image-index.js';
import { fixture, tempDir } from '../helpers/image-fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'layerlint.js');

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LAYERLINT_TEST_TRACE, url + '\\n');
  return next(url, context);
}
`;

/** Runs the CLI and returns the modules it loaded, as paths relative to the repository. */
function modulesLoadedBy(args: readonly string[]): string[] {
  const dir = tempDir();
  const hooks = join(dir, 'hooks.mjs');
  const register = join(dir, 'register.mjs');
  const trace = join(dir, 'trace.txt');
  writeFileSync(hooks, HOOKS);
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LAYERLINT_TEST_TRACE: trace },
  });
  expect([0, 1], r.stderr).toContain(r.status);
  const root = pathToFileURL(ROOT + sep).href;
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(root))
    .map((url) => url.slice(root.length));
}

const DOCKERFILE_ONLY = [
  /^dist\/rules\/index\.js$/,
  /^dist\/src\/dockerfile\//,
  /^dist\/src\/lint\/lint-source\.js$/,
  /^node_modules\/(dockerfile-ast|web-tree-sitter|tree-sitter-bash)\//,
];
const NOT_FOR_A_REPORT = [/^node_modules\/(ink|react|yaml|zod)\//, /^dist\/src\/tui\//];

describe('start-up: what a command loads', () => {
  it('analyze without --dockerfile loads the image rules only, no Dockerfile parser', () => {
    const loaded = modulesLoadedBy([
      'analyze',
      fixture('demo', 'demo.tar'),
      '--format',
      'json',
      '--output',
      '/dev/null',
    ]);
    expect(loaded).toContain('dist/rules/image-index.js');
    const rulesLoaded = loaded
      .map((m) => /^dist\/rules\/([a-z0-9-]+)\.js$/.exec(m)?.[1])
      .filter((id) => id !== undefined && id !== 'image-index');
    expect(rulesLoaded.sort()).toEqual(imageRules.map((r) => r.meta.id).sort());
    for (const pattern of [...DOCKERFILE_ONLY, ...NOT_FOR_A_REPORT]) {
      expect(loaded.filter((m) => pattern.test(m))).toEqual([]);
    }
  });

  it('lint loads every rule and the Dockerfile parser, but not the image reader or ink', () => {
    const loaded = modulesLoadedBy(['lint', fixture('demo', 'Dockerfile')]);
    expect(loaded).toContain('dist/rules/index.js');
    expect(loaded).toContain('dist/src/dockerfile/parse.js');
    expect(loaded).not.toContain('dist/rules/image-index.js');
    for (const pattern of [/^dist\/src\/image\/read-image\.js$/, ...NOT_FOR_A_REPORT]) {
      expect(loaded.filter((m) => pattern.test(m))).toEqual([]);
    }
  });

  it('ci without a config file loads neither the YAML parser nor the Dockerfile parser', () => {
    const loaded = modulesLoadedBy(['ci', fixture('demo', 'demo.tar')]);
    expect(loaded).toContain('dist/src/ci/config.js');
    expect(loaded).not.toContain('dist/src/ci/parse-config.js');
    for (const pattern of [...DOCKERFILE_ONLY, ...NOT_FOR_A_REPORT]) {
      expect(loaded.filter((m) => pattern.test(m))).toEqual([]);
    }
  });
});
