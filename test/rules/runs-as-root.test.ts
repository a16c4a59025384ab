import { describe, expect, it } from 'vitest';
import rule from '../../rules/runs-as-root.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { runImageRule } from '../../src/lint/engine.js';
import {
  analyzeArchive,
  analyzeFixture,
  DEMO_LINES,
  withInstructions,
} from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis) =>
  runImageRule(rule, a).map((f) => ({
    layer: f.layer ?? null,
    line: f.line,
    messageId: f.messageId,
    message: f.message,
  }));

const NO_USER = {
  layer: null,
  line: 0,
  messageId: 'noUser',
  message:
    'The image sets no user, so its processes run as root; create an unprivileged user and end the Dockerfile with `USER <name>` (e.g. `RUN useradd --system --uid 10001 app` … `USER app`)',
};

const withUser = (a: ImageAnalysis, user: string): ImageAnalysis => ({
  ...a,
  image: { ...a.image, user },
});

describe('runs-as-root', () => {
  it('flags the demo image (no USER), with or without Dockerfile lines', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    expect(a.image.user).toBe('');
    expect(findings(a)).toEqual([NO_USER]);
    expect(findings(withInstructions(a, ['demo', 'Dockerfile'], DEMO_LINES))).toEqual([NO_USER]);
  });

  it('flags built/commit and dive’s image, which set no user', async () => {
    expect(findings(await analyzeFixture('built', 'commit.docker-archive.tar'))).toEqual([NO_USER]);
    expect(
      findings(await analyzeFixture('anchors', 'wagoodman-dive__test-docker-image.tar')),
    ).toEqual([NO_USER]);
  });

  it('near-miss: built/wasteful runs as `app`', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    expect(a.image.user).toBe('app');
    expect(findings(a)).toEqual([]);
  });

  it.each(['root', '0', '00', 'root:root', '0:0', ' root '])(
    'flags user %j as root',
    async (user) => {
      const a = withUser(await analyzeFixture('built', 'wasteful.docker-archive.tar'), user);
      expect(findings(a)).toEqual([
        {
          layer: null,
          line: 0,
          messageId: 'rootUser',
          message: `The image runs as \`${user.trim()}\`, which is root; switch to an unprivileged user with \`USER <name>\` after creating it (e.g. \`RUN useradd --system --uid 10001 app\` … \`USER app\`)`,
        },
      ]);
    },
  );

  it.each(['1000', '1000:0', 'app:root', 'rooty', '10', 'nobody'])(
    'near-miss: user %j is not root',
    async (user) => {
      const a = withUser(await analyzeFixture('built', 'wasteful.docker-archive.tar'), user);
      expect(findings(a)).toEqual([]);
    },
  );

  it('reads User from a real config; skips Windows images', async () => {
    const layers = [{ createdBy: '/bin/sh -c true', members: [{ name: 'a', data: 'a' }] }];
    expect(findings(await analyzeArchive(layers, { user: '0' }))).toEqual([
      {
        layer: null,
        line: 0,
        messageId: 'rootUser',
        message:
          'The image runs as `0`, which is root; switch to an unprivileged user with `USER <name>` after creating it (e.g. `RUN useradd --system --uid 10001 app` … `USER app`)',
      },
    ]);
    expect(findings(await analyzeArchive(layers, { user: '1000:1000' }))).toEqual([]);
    expect(findings(await analyzeArchive(layers, { os: 'windows' }))).toEqual([]);
  });
});
