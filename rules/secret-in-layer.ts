import { hiddenFileList } from '../src/analysis/hidden-files.js';
import type { HiddenFile } from '../src/analysis/types.js';
import { KIND_FILE } from '../src/image/layer-entries.js';
import { defineImageRule } from '../src/lint/rule.js';
import { describeLayer, exactBytes, layerRef } from './helpers/image.js';

/** Exact trailing paths (after a `/`, or the whole path) and what they hold. */
const CREDENTIAL_FILES: readonly (readonly [string, string])[] = [
  ['.aws/credentials', 'AWS credentials'],
  ['.aws/config', 'an AWS CLI config'],
  ['.docker/config.json', 'Docker registry credentials'],
  ['.npmrc', 'an npm config with registry tokens (.npmrc)'],
  ['.pypirc', 'PyPI credentials (.pypirc)'],
  ['.git-credentials', 'Git credentials'],
  ['.netrc', 'a .netrc with passwords'],
  ['_netrc', 'a _netrc with passwords'],
  ['.pgpass', 'a PostgreSQL password file'],
  ['.config/gcloud/credentials.db', 'Google Cloud credentials'],
  ['.config/gcloud/access_tokens.db', 'Google Cloud access tokens'],
  ['.config/gcloud/application_default_credentials.json', 'Google Cloud credentials'],
  ['.kube/config', 'a Kubernetes config with cluster credentials'],
  ['.azure/accessTokens.json', 'Azure CLI tokens'],
  ['.azure/msal_token_cache.json', 'Azure CLI tokens'],
  ['.azure/msal_token_cache.bin', 'Azure CLI tokens'],
  ['.config/gh/hosts.yml', 'a GitHub CLI token'],
  ['.terraform.d/credentials.tfrc.json', 'Terraform credentials'],
  ['.cargo/credentials', 'a Cargo registry token'],
  ['.cargo/credentials.toml', 'a Cargo registry token'],
  ['.gem/credentials', 'RubyGems credentials'],
  ['.vault-token', 'a Vault token'],
  ['.s3cfg', 's3cmd credentials'],
  ['.boto', 'boto credentials'],
];

const SSH_KEY_NAMES = new Set([
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  'id_ecdsa_sk',
  'id_ed25519_sk',
]);

/** `.env.example` and friends are templates, not secrets. */
const ENV_TEMPLATE_SUFFIXES = new Set([
  'example',
  'sample',
  'template',
  'tpl',
  'dist',
  'default',
  'defaults',
  'schema',
]);

/** Path segments of third-party code and test data, which ship sample keys and configs. */
const EXEMPT_SEGMENTS = new Set([
  'node_modules',
  'site-packages',
  'dist-packages',
  'vendor',
  'test',
  'tests',
  'testdata',
  'fixtures',
  '__fixtures__',
]);

/** Places where `.pem`/`.key` files are public certificates or signing keys of package managers. */
const PUBLIC_KEY_DIRS = [
  'etc/ssl/certs/',
  'etc/ca-certificates/',
  'usr/share/ca-certificates/',
  'usr/local/share/ca-certificates/',
  'etc/pki/ca-trust/',
  'etc/pki/tls/certs/',
  'etc/pki/rpm-gpg/',
  'etc/apt/',
  'usr/share/keyrings/',
  'etc/apk/keys/',
  'usr/share/doc/',
];

/** File names that some credential file has (`credentials`, `config.json`, `.npmrc`…). */
const CREDENTIAL_NAMES = new Set(
  CREDENTIAL_FILES.map(([suffix]) => suffix.slice(suffix.lastIndexOf('/') + 1)),
);

/** Exact names (SSH keys, credential files) by length, first and last byte, to filter bytes. */
function shapeOf(length: number, first: number, last: number): number {
  return length * 65536 + first * 256 + last;
}
const EXACT_SHAPES = new Set(
  [...SSH_KEY_NAMES, ...CREDENTIAL_NAMES].map((n) => {
    const b = Buffer.from(n);
    return shapeOf(b.length, b[0]!, b[b.length - 1]!);
  }),
);
const SUFFIXES = ['.ppk', '.key', '.pem'].map((s) => Buffer.from(s));
const ENV = Buffer.from('.env');

function hasAt(bytes: Uint8Array, at: number, part: Uint8Array): boolean {
  for (let i = 0; i < part.length; i++) if (bytes[at + i] !== part[i]) return false;
  return true;
}

/**
 * A superset of `isCandidateName` on the name's UTF-8 bytes: run on every file of every layer,
 * so that only the few names that pass are decoded.
 */
export function mayBeCandidate(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length >= 4) {
    if (hasAt(bytes, start, ENV)) return true;
    for (const suffix of SUFFIXES) if (hasAt(bytes, end - 4, suffix)) return true;
  }
  return length > 0 && EXACT_SHAPES.has(shapeOf(length, bytes[start]!, bytes[end - 1]!));
}

/** Whether a file name could be a secret at all (a cheap first test for every entry). */
export function isCandidateName(name: string): boolean {
  return (
    SSH_KEY_NAMES.has(name) ||
    CREDENTIAL_NAMES.has(name) ||
    name.startsWith('.env') ||
    name.endsWith('.ppk') ||
    name.endsWith('.key') ||
    name.endsWith('.pem')
  );
}

/** What secret a path holds, judged by its name only; undefined when it is not one. */
export function secretKind(path: string): string | undefined {
  // Most paths are not secrets by their name alone: decide that before splitting the path.
  if (!isCandidateName(path.slice(path.lastIndexOf('/') + 1))) return undefined;
  const segments = path.split('/');
  if (segments.some((s) => EXEMPT_SEGMENTS.has(s))) return undefined;
  const name = segments[segments.length - 1]!;
  if (SSH_KEY_NAMES.has(name)) return 'an SSH private key';
  for (const [suffix, kind] of CREDENTIAL_FILES) {
    if (path === suffix || path.endsWith(`/${suffix}`)) return kind;
  }
  if (name === '.env') return 'a .env file';
  if (name.startsWith('.env.') && !ENV_TEMPLATE_SUFFIXES.has(name.slice(5).toLowerCase())) {
    return 'a .env file';
  }
  if (name.endsWith('.ppk')) return 'a PuTTY private key';
  if (PUBLIC_KEY_DIRS.some((d) => path.startsWith(d))) return undefined;
  if (name.endsWith('.key')) return 'a private key';
  if (name.endsWith('.pem') && /(^|[-_.])(key|private|privkey|priv|secret)([-_.]|$)/i.test(name)) {
    return 'a private key';
  }
  return undefined;
}

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'secret-in-layer',
    severity: 'error',
    hadolint: null,
    docs: {
      summary:
        'A layer holds a private key, `.env` or credential file, even if a later one deletes it.',
      rationale:
        'Anyone who can pull an image can unpack every layer. A secret that one layer adds and a ' +
        'later layer deletes is hidden from the container but still in the image, and so is in ' +
        'every registry and cache it reaches: the secret must be considered leaked and rotated. ' +
        'Found by path only (contents are never read): SSH private keys (id_rsa, id_ed25519, …), ' +
        '`.env` files (not `.env.example`/`.sample`/`.template`), PuTTY keys, `*.key` files and ' +
        '`*.pem` files with key-ish names (`key.pem`, `privkey.pem`, `server-key.pem`), and ' +
        'credential files: .aws/credentials and config, .docker/config.json, .npmrc, .pypirc, ' +
        '.git-credentials, .netrc, .pgpass, gcloud, kubectl, Azure, gh, Terraform, Cargo, ' +
        'RubyGems, Vault and s3cmd credentials. To keep false positives low, empty files, CA ' +
        'certificates and package-manager signing keys (/etc/ssl/certs, /etc/pki, /etc/apt, ' +
        '/usr/share/keyrings, /etc/apk/keys…) and third-party code or test data (node_modules, ' +
        'site-packages, vendor, test, fixtures…) are not reported. Each finding names the layer ' +
        'that holds the bytes. Fix: pass secrets only to the step that needs them with BuildKit ' +
        '`RUN --mount=type=secret` or `--mount=type=ssh`, keep them out of the build context ' +
        '(.dockerignore), and rotate any that were shipped.',
      bad:
        'FROM alpine:3.20\n' +
        'COPY id_rsa /root/.ssh/id_rsa\n' +
        'RUN git clone git@example.com:acme/app.git /app\n' +
        'RUN rm /root/.ssh/id_rsa\n',
      good:
        'FROM alpine:3.20\n' + 'RUN --mount=type=ssh git clone git@example.com:acme/app.git /app\n',
    },
    messages: {
      inImage:
        '{{layer}} adds {{kind}}, `{{path}}` ({{size}}), and it is in the final image: anyone who pulls the image can read it. Keep it out of the image (.dockerignore) and pass it only to the step that needs it with `RUN --mount=type=secret` (or `--mount=type=ssh`); rotate it',
      hiddenLater:
        '{{layer}} adds {{kind}}, `{{path}}` ({{size}}); {{hider}} {{verb}} it, but that does not remove it from the image: {{holder}} still holds the bytes and anyone who pulls the image can extract them. Rotate it, and pass it only to the step that needs it with `RUN --mount=type=secret` (or `--mount=type=ssh`) instead of copying it in',
    },
  },
  check(analysis, report) {
    // Secrets first (a name test per file entry, on its last segment only), then only their
    // paths among the hidden files.
    const secrets: { index: number; path: string; sizeBytes: number; kind: string }[] = [];
    analysis.layerEntries.forEach((entries, index) => {
      for (let k = 0; k < entries.length; k++) {
        if (entries.kinds[k] !== KIND_FILE || entries.whiteouts[k] !== 0) continue;
        const sizeBytes = entries.sizes[k]!;
        if (sizeBytes === 0) continue;
        const id = entries.ids[k]!;
        if (!entries.paths.testName(id, mayBeCandidate)) continue;
        const path = entries.paths.path(id);
        const kind = secretKind(path);
        if (kind !== undefined) secrets.push({ index, path, sizeBytes, kind });
      }
    });
    if (secrets.length === 0) return;
    // Hidden versions of those paths, found by path id in the hidden files' columns.
    const hiddenFiles = hiddenFileList(analysis);
    const table = hiddenFiles.table;
    const wanted = new Set<number>();
    for (const s of secrets) {
      const id = table.find(s.path);
      if (id !== undefined) wanted.add(id);
    }
    const hiddenByPath = new Map<string, HiddenFile[]>();
    for (let i = 0; i < hiddenFiles.length; i++) {
      if (!wanted.has(hiddenFiles.ids[i]!)) continue;
      const h = hiddenFiles.at(i);
      const list = hiddenByPath.get(h.path);
      if (list) list.push(h);
      else hiddenByPath.set(h.path, [h]);
    }
    for (const { index, kind, sizeBytes, ...secret } of secrets) {
      const layer = analysis.layers[index]!;
      const path = `/${secret.path}`;
      const data = {
        layer: describeLayer(layer),
        kind,
        path,
        size: exactBytes(sizeBytes),
        bytes: sizeBytes,
      };
      const hidden = hiddenByPath.get(path)?.find((h) => h.addedInLayer === index);
      if (!hidden) {
        report({ messageId: 'inImage', layer: index, data });
        continue;
      }
      const hider = analysis.layers[hidden.hiddenByLayer]!;
      report({
        messageId: 'hiddenLater',
        layer: index,
        data: {
          ...data,
          hider: describeLayer(hider),
          verb: hidden.how === 'overwritten' ? 'overwrites' : 'deletes',
          holder: layer.instruction
            ? `the layer of ${layerRef(layer)} (layer ${index})`
            : `layer ${index}`,
          hiddenByLayer: hider.index,
        },
      });
    }
  },
});
