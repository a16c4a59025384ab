import type { ImageAnalysis } from '../src/analysis/types.js';
import { defineImageRule } from '../src/lint/rule.js';
import { countFiles, describeLayer, formatBytes, summarizePaths } from './helpers/image.js';

type CacheKind = 'aptLists' | 'aptArchives' | 'apk' | 'pip' | 'npm' | 'yarn' | 'tmp';

/** Where each cache lives; `~` is /root and every /home/<user>. */
const CACHE_DIRS: readonly { readonly kind: CacheKind; readonly dir: string }[] = [
  { kind: 'aptLists', dir: '/var/lib/apt/lists' },
  { kind: 'aptArchives', dir: '/var/cache/apt' },
  { kind: 'apk', dir: '/var/cache/apk' },
  { kind: 'pip', dir: '~/.cache/pip' },
  { kind: 'npm', dir: '~/.npm/_cacache' },
  { kind: 'yarn', dir: '/usr/local/share/.cache/yarn' },
  { kind: 'yarn', dir: '~/.cache/yarn' },
  { kind: 'tmp', dir: '/tmp' },
  { kind: 'tmp', dir: '/var/tmp' },
];

interface Found {
  readonly kind: CacheKind;
  readonly dir: string;
  readonly layer: number;
  readonly files: { path: string; sizeBytes: number }[];
  bytes: number;
}

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'package-cache-in-image',
    severity: 'warning',
    hadolint: null,
    docs: {
      summary: 'Package-manager caches or /tmp files are left in the final image.',
      rationale:
        'apt lists (/var/lib/apt/lists), apt archives and caches (/var/cache/apt), the apk cache ' +
        '(/var/cache/apk), pip (~/.cache/pip), npm (~/.npm/_cacache) and yarn ' +
        '(/usr/local/share/.cache/yarn, ~/.cache/yarn) caches, and files in /tmp and /var/tmp, ' +
        'are needed only while building. This looks at the final filesystem of the built image ' +
        '(so it sees what any RUN, COPY or base image left, whatever the command was) and ' +
        'reports each cache on the layer that last wrote its files, with their bytes. `~` is ' +
        '/root and every /home/<user>. Empty files (lock files) do not count. Fix: clean up in ' +
        'the RUN that fills the cache, or keep the cache out of the layer with a BuildKit ' +
        '`--mount=type=cache` (or tmpfs) mount. The hadolint-style Dockerfile rules guess this ' +
        'from command text; this rule measures it.',
      bad: 'FROM python:3.12-slim\nRUN pip install flask\n',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    },
    messages: {
      aptLists:
        '{{layer}} leaves {{size}} of apt package lists in {{dir}} ({{files}}) in the final image; add `&& rm -rf /var/lib/apt/lists/*` to the RUN that runs `apt-get update`',
      aptArchives:
        '{{layer}} leaves {{size}} of apt caches and downloaded packages in {{dir}} ({{files}}) in the final image; add `&& apt-get clean` (or `rm -rf /var/cache/apt/*`) to the same RUN, or use `--mount=type=cache,target=/var/cache/apt`',
      apk: '{{layer}} leaves {{size}} of apk cache in {{dir}} ({{files}}) in the final image; use `apk add --no-cache`',
      pip: '{{layer}} leaves {{size}} of pip cache in {{dir}} ({{files}}) in the final image; use `pip install --no-cache-dir`, or `--mount=type=cache,target={{dir}}`',
      npm: '{{layer}} leaves {{size}} of npm cache in {{dir}} ({{files}}) in the final image; add `&& npm cache clean --force` to the same RUN, or use `--mount=type=cache,target={{dir}}`',
      yarn: '{{layer}} leaves {{size}} of yarn cache in {{dir}} ({{files}}) in the final image; add `&& yarn cache clean` to the same RUN, or use `--mount=type=cache,target={{dir}}`',
      tmp: '{{layer}} leaves {{size}} in {{dir}} in the final image ({{files}}: {{paths}}); delete temporary files in the RUN that creates them, or use `--mount=type=tmpfs,target={{dir}}`',
    },
  },
  check(analysis, report) {
    const found = findCaches(analysis);
    for (const f of found) {
      const layer = analysis.layers[f.layer]!;
      report({
        messageId: f.kind,
        layer: f.layer,
        data: {
          layer: describeLayer(layer),
          dir: f.dir,
          size: formatBytes(f.bytes),
          bytes: f.bytes,
          files: countFiles(f.files.length),
          fileCount: f.files.length,
          paths: summarizePaths(f.files),
        },
      });
    }
  },
});

/** Every cache directory present, its non-empty files grouped by the layer that last wrote them. */
function findCaches(analysis: ImageAnalysis): Found[] {
  const fs = analysis.finalFiles;
  const homes = ['/root', ...fs.childrenOf('home').map((name) => `/home/${name}`)];
  const found: Found[] = [];
  for (const { kind, dir } of CACHE_DIRS) {
    const dirs = dir.startsWith('~/') ? homes.map((h) => h + dir.slice(1)) : [dir];
    for (const path of dirs) {
      if (fs.typeOf(path.slice(1)) !== 'dir') continue;
      const byLayer = new Map<number, Found>();
      const seen = new Set<number>();
      for (const file of fs.filesUnder(path.slice(1))) {
        if (file.sizeBytes === 0 || seen.has(file.inode)) continue;
        seen.add(file.inode);
        let entry = byLayer.get(file.layer);
        if (!entry) {
          entry = { kind, dir: path, layer: file.layer, files: [], bytes: 0 };
          byLayer.set(file.layer, entry);
        }
        entry.files.push({ path: file.path, sizeBytes: file.sizeBytes });
        entry.bytes += file.sizeBytes;
      }
      found.push(...[...byLayer.values()].sort((a, b) => a.layer - b.layer));
    }
  }
  return found.sort((a, b) => a.layer - b.layer);
}
