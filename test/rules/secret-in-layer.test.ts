import { describe, expect, it } from 'vitest';
import rule, { isCandidateName, mayBeCandidate, secretKind } from '../../rules/secret-in-layer.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { runImageRule } from '../../src/lint/engine.js';
import {
  analyzeArchive,
  analyzeFixture,
  analyzePrefix,
  DEMO_LINES,
  imageReports,
  withInstructions,
} from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis) =>
  runImageRule(rule, a).map((f) => ({
    layer: f.layer,
    severity: f.severity,
    messageId: f.messageId,
    message: f.message,
  }));

const reports = (a: ImageAnalysis) => imageReports(rule, a);

const ADVICE =
  'Rotate it, and pass it only to the step that needs it with `RUN --mount=type=secret` (or `--mount=type=ssh`) instead of copying it in';

describe('secret-in-layer', () => {
  it('demo: the deploy key layer 5 still holds after layer 10 deletes it', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    expect(findings(a)).toEqual([
      {
        layer: 5,
        severity: 'error',
        messageId: 'hiddenLater',
        message: `layer 5 (\`COPY file:5690b688012e… in /root/.ssh/id_rsa\`) adds an SSH private key, \`/root/.ssh/id_rsa\` (131 bytes); layer 10 (\`RUN rm /root/.ssh/id_rsa\`) deletes it, but that does not remove it from the image: layer 5 still holds the bytes and anyone who pulls the image can extract them. ${ADVICE}`,
      },
    ]);
    expect(reports(a)).toEqual([
      {
        at: 5,
        layer: 'layer 5 (`COPY file:5690b688012e… in /root/.ssh/id_rsa`)',
        kind: 'an SSH private key',
        path: '/root/.ssh/id_rsa',
        size: '131 bytes',
        bytes: 131,
        hider: 'layer 10 (`RUN rm /root/.ssh/id_rsa`)',
        verb: 'deletes',
        holder: 'layer 5',
        hiddenByLayer: 10,
      },
    ]);
  });

  it('demo with its Dockerfile: line 8 adds it, line 13 deletes it, layer 5 holds it', async () => {
    const a = withInstructions(
      await analyzeFixture('demo', 'demo.tar'),
      ['demo', 'Dockerfile'],
      DEMO_LINES,
    );
    expect(findings(a).map((f) => f.message)).toEqual([
      `line 8 (\`COPY deploy_key /root/.ssh/id_rsa\`) adds an SSH private key, \`/root/.ssh/id_rsa\` (131 bytes); line 13 (\`RUN rm /root/.ssh/id_rsa\`) deletes it, but that does not remove it from the image: the layer of line 8 (layer 5) still holds the bytes and anyone who pulls the image can extract them. ${ADVICE}`,
    ]);
  });

  it('demo before line 13: the key is in the final image', async () => {
    const a = await analyzePrefix(10, 'demo', 'demo.tar');
    expect(findings(a)).toEqual([
      {
        layer: 5,
        severity: 'error',
        messageId: 'inImage',
        message:
          'layer 5 (`COPY file:5690b688012e… in /root/.ssh/id_rsa`) adds an SSH private key, `/root/.ssh/id_rsa` (131 bytes), and it is in the final image: anyone who pulls the image can read it. Keep it out of the image (.dockerignore) and pass it only to the step that needs it with `RUN --mount=type=secret` (or `--mount=type=ssh`); rotate it',
      },
    ]);
  });

  it('wasteful: id_rsa (layer 5) and .env (layer 6), both deleted by layer 11', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    expect(reports(a).map((r) => [r.at, r.path, r.bytes, r.kind, r.hiddenByLayer])).toEqual([
      [5, '/root/.ssh/id_rsa', 119, 'an SSH private key', 11],
      [6, '/opt/app/.env', 93, 'a .env file', 11],
    ]);
    expect(findings(a)[1]!.message).toBe(
      `layer 6 (\`COPY file:66fea45e5dcc… in /opt/app/.env\`) adds a .env file, \`/opt/app/.env\` (93 bytes); layer 11 (\`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /root/.ssh/id_rsa…\`) deletes it, but that does not remove it from the image: layer 6 still holds the bytes and anyone who pulls the image can extract them. ${ADVICE}`,
    );
  });

  it.each([
    ['built', 'commit.docker-archive.tar'],
    ['built', 'opaque.docker-archive.tar'],
    ['anchors', 'wagoodman-dive__test-docker-image.tar'],
    ['anchors', 'generated-buildah__commit-docker-archive.tar'],
    ['anchors', 'aquasecurity-trivy__alpine-311.tar.gz'],
  ])('near-miss: no secrets in %s/%s (alpine ships /etc/ssl/cert.pem)', async (...p) => {
    expect(findings(await analyzeFixture(...p))).toEqual([]);
  });

  it('credential files by path; overwritten and directory-deleted secrets still count', async () => {
    const a = await analyzeArchive([
      {
        createdBy: '/bin/sh -c #(nop) COPY dir:0123 in / ',
        members: [
          { name: 'root/.aws/credentials', data: 116 },
          { name: 'root/.docker/config.json', data: 200 },
          { name: 'home/app/.npmrc', data: 60 },
          { name: 'srv/.env.production', data: 40 },
          { name: 'etc/ssl/private/server.key', data: 1700 },
          { name: 'srv/certs/privkey.pem', data: 1700 },
          { name: 'root/.config/gcloud/application_default_credentials.json', data: 300 },
          { name: 'root/.kube/config', data: 5000 },
          // not secrets:
          { name: 'etc/ssl/certs/ca-certificates.crt', data: 200000 },
          { name: 'etc/ssl/certs/ISRG_Root_X1.pem', data: 1900 },
          { name: 'usr/share/keyrings/docker.key', data: 2000 },
          { name: 'srv/.env.example', data: 40 },
          { name: 'srv/.env', data: '' },
          { name: 'srv/certs/fullchain.pem', data: 3000 },
          { name: 'srv/certs/cert.pem', data: 1500 },
          { name: 'root/.ssh/id_rsa.pub', data: 400 },
          { name: 'root/.ssh/known_hosts', data: 400 },
          { name: 'usr/local/lib/node_modules/npm/.npmrc', data: 20 },
          { name: 'srv/node_modules/x/test/fixtures/keys/agent1-key.pem', data: 900 },
        ],
      },
      {
        createdBy: '/bin/sh -c rm -rf /root/.aws && echo {} > /root/.docker/config.json',
        members: [
          { name: 'root/.wh..aws', data: '' },
          { name: 'root/.docker/config.json', data: 3 },
        ],
      },
    ]);
    expect(reports(a).map((r) => [r.at, r.path, r.kind, r.verb ?? 'in image'])).toEqual([
      [0, '/root/.aws/credentials', 'AWS credentials', 'deletes'],
      [0, '/root/.docker/config.json', 'Docker registry credentials', 'overwrites'],
      [0, '/home/app/.npmrc', 'an npm config with registry tokens (.npmrc)', 'in image'],
      [0, '/srv/.env.production', 'a .env file', 'in image'],
      [0, '/etc/ssl/private/server.key', 'a private key', 'in image'],
      [0, '/srv/certs/privkey.pem', 'a private key', 'in image'],
      [
        0,
        '/root/.config/gcloud/application_default_credentials.json',
        'Google Cloud credentials',
        'in image',
      ],
      [0, '/root/.kube/config', 'a Kubernetes config with cluster credentials', 'in image'],
      [1, '/root/.docker/config.json', 'Docker registry credentials', 'in image'],
    ]);
    expect(findings(a)[1]!.message).toBe(
      `layer 0 (\`COPY dir:0123 in /\`) adds Docker registry credentials, \`/root/.docker/config.json\` (200 bytes); layer 1 (\`RUN rm -rf /root/.aws && echo {} > /root/.docker/config.json\`) overwrites it, but that does not remove it from the image: layer 0 still holds the bytes and anyone who pulls the image can extract them. ${ADVICE}`,
    );
  });

  it.each([
    ['root/.ssh/id_ed25519', 'an SSH private key'],
    ['home/ci/.ssh/id_ecdsa', 'an SSH private key'],
    ['app/.env', 'a .env file'],
    ['app/.env.local', 'a .env file'],
    ['root/.git-credentials', 'Git credentials'],
    ['root/.netrc', 'a .netrc with passwords'],
    ['root/.pypirc', 'PyPI credentials (.pypirc)'],
    ['root/.config/gcloud/credentials.db', 'Google Cloud credentials'],
    ['etc/nginx/tls/tls.key', 'a private key'],
    ['app/server-key.pem', 'a private key'],
    ['keys/deploy.ppk', 'a PuTTY private key'],
  ])('path %s is %s', (path, kind) => {
    expect(secretKind(path)).toBe(kind);
  });

  it.each([
    'root/.ssh/id_ed25519.pub',
    'root/.ssh/authorized_keys',
    'app/.env.sample',
    'app/.env.template',
    'app/environment',
    'etc/ssl/certs/ssl-cert-snakeoil.pem',
    'etc/pki/tls/certs/server.key',
    'etc/apt/trusted.gpg.d/repo.key',
    'etc/apk/keys/alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub',
    'app/ca.pem',
    'app/keystore.pem',
    'usr/lib/python3/dist-packages/certifi/cacert.pem',
    'app/vendor/github.com/x/testdata/id_rsa',
    'app/tests/.env',
    'root/.awsconfig',
    'root/.docker/daemon.json',
  ])('near-miss: path %s is not a secret', (path) => {
    expect(secretKind(path)).toBeUndefined();
  });

  it('the byte filter lets through every name the name test accepts, and few others', () => {
    const names = [
      'id_rsa',
      'id_dsa',
      'id_ecdsa',
      'id_ed25519',
      'id_ecdsa_sk',
      'id_ed25519_sk',
      'credentials',
      'config',
      'config.json',
      '.npmrc',
      '.pypirc',
      '.git-credentials',
      '.netrc',
      '_netrc',
      '.pgpass',
      'credentials.db',
      'access_tokens.db',
      'application_default_credentials.json',
      'accessTokens.json',
      'msal_token_cache.json',
      'msal_token_cache.bin',
      'hosts.yml',
      'credentials.tfrc.json',
      'credentials.toml',
      '.vault-token',
      '.s3cfg',
      '.boto',
      '.env',
      '.env.local',
      '.envrc',
      'a.ppk',
      '.key',
      'tls.key',
      'server-key.pem',
      'ca.pem',
      'clé.pem',
      'ключ.key',
    ];
    for (const name of names) {
      const bytes = Buffer.from(`x${name}y`);
      expect([name, isCandidateName(name)]).toEqual([name, true]);
      expect([name, mayBeCandidate(bytes, 1, bytes.length - 1)]).toEqual([name, true]);
    }
    const others = ['index.js', 'package.json', 'README.md', 'libc.so.6', 'environment', 'id'];
    expect(others.filter((n) => mayBeCandidate(Buffer.from(n), 0, Buffer.byteLength(n)))).toEqual(
      [],
    );
  });
});
