import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A real terminal: the built CLI under tmux (needs `npm run build`, which pretest runs). */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const isBuilt = existsSync('dist/src/cli/main.js');
// A fresh session name per test: a session being torn down must not collide with the next.
let sessionCount = 0;
let session = `layerlint-test-${process.pid}-0`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

/**
 * Runs `explore` on the dive test image in a detached session of `columns` × `rows`; it prints
 * BEFORE first and EXIT=<status> after, so tests can check the screen is restored.
 */
function startExplorer(columns: number, rows: number): void {
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    String(columns),
    '-y',
    String(rows),
    `printf 'BEFORE\\n'; node bin/layerlint.js explore fixtures/anchors/wagoodman-dive__test-docker-image.tar; echo "EXIT=$?"; sleep 60`,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function screenUntil(
  check: (screen: string) => boolean,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (check(screen)) return screen;
    await sleep(100);
  }
  return screen;
}

async function keys(...names: string[]): Promise<void> {
  for (const name of names) {
    tmux('send-keys', '-t', session, name);
    await sleep(150);
  }
}

beforeEach(() => {
  sessionCount++;
  session = `layerlint-test-${process.pid}-${sessionCount}`;
});

afterEach(() => {
  spawnSync('tmux', ['kill-session', '-t', session]);
});

describe.skipIf(!hasTmux || !isBuilt)('explore in a real terminal (tmux)', () => {
  it('draws at 80×24, navigates, filters, and restores the screen on q', async () => {
    startExplorer(80, 24);
    const first = await screenUntil((s) => s.includes('▶ Layers') && s.includes('Filetree'));
    const lines = first.split('\n');
    expect(lines[0]).toBe(
      '┌─▶ Layers ─────────────────────┐┌─ Current Layer Contents ────────────────────┐',
    );
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    await sleep(500);
    await keys('j', 'j', 'Tab', 'C-f', 'n', 'e', 't', 'w', 'o', 'r', 'k', 'Enter');
    const layer2 = await screenUntil((s) => s.includes('Path Filter: network'));
    expect(layer2).toContain('Layer 2 details');
    // Layer 2 (`mkdir -p /root/example/really/nested`) leaves /etc/network unmodified: no marks.
    expect(layer2).toContain('│       0 B      └── network                  │');
    expect(layer2).toContain(' 1/6 ─┘');
    await keys('Escape', 'q');
    const after = await screenUntil((s) => s.includes('EXIT='));
    expect(after).toContain('BEFORE');
    expect(after).toContain('EXIT=0');
    expect(after).not.toContain('Layers');
  });

  it('restores the screen when killed with SIGTERM', async () => {
    startExplorer(100, 30);
    await screenUntil((s) => s.includes('Filetree'));
    // The shell in the pane started node; signal that child (our own process), as `kill` would.
    const shell = tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim();
    const child = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(child), 'SIGTERM');
    const after = await screenUntil((s) => s.includes('EXIT='));
    expect(after).toContain('BEFORE');
    expect(after).toContain('EXIT=143');
    expect(after).not.toContain('Filetree');
  });
});
