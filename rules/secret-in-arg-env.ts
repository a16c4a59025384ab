import { defineRule } from '../src/lint/rule.js';

/** Name parts that mark a secret (BuildKit's SecretsUsedInArgOrEnv list). */
const SECRET_PARTS = new Set([
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'passwd',
  'pword',
  'secret',
  'token',
]);

/** Name parts that say the value is not the secret itself. */
const HARMLESS_PARTS = new Set([
  'public',
  'pub',
  'gpg',
  'pgp',
  'fingerprint',
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'host',
  'id',
  'name',
  'type',
  'length',
  'size',
]);

export default defineRule({
  meta: {
    id: 'secret-in-arg-env',
    severity: 'warning',
    hadolint: 'DL3064',
    docs: {
      summary: 'An `ARG` or `ENV` name suggests it carries a secret.',
      rationale:
        'ENV values are stored in the image config, and ARG values used by a RUN show up in ' +
        '`docker history` and the build cache, so a password or token passed that way ships with ' +
        'the image. Pass it with `RUN --mount=type=secret,id=…` (or `--mount=type=ssh`) instead. ' +
        "Names are split into words (`NPM_TOKEN`, `dbPassword`) and compared with BuildKit's list " +
        '(key, token, secret, password, passwd, auth, credential(s), apikey). Unlike BuildKit, names ' +
        'that point at the secret or describe it are not flagged: `…_FILE`, `…_PATH`, `…_URL`, ' +
        '`…_ID`, and public keys such as `GPG_KEY` (which official images use for key fingerprints).',
      bad: 'FROM node:22\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\n',
      good: 'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    },
    messages: {
      secret:
        '`{{name}}` looks like a secret, and {{keyword}} values stay in the image (config or history); pass it with `RUN --mount=type=secret,id=…` instead',
    },
  },
  check(model, report) {
    for (const instruction of [...model.find('ARG'), ...model.find('ENV')]) {
      for (const pair of instruction.pairs) {
        if (looksSecret(pair.key)) {
          report({
            messageId: 'secret',
            at: pair.keyRange,
            data: { name: pair.key, keyword: instruction.keyword },
          });
        }
      }
    }
  },
});

function looksSecret(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '');
  return parts.some((p) => SECRET_PARTS.has(p)) && !parts.some((p) => HARMLESS_PARTS.has(p));
}
