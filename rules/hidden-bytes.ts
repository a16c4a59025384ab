import {
  type HiddenFileList,
  HOW_DELETED,
  HOW_OPAQUE,
  HOW_OVERWRITTEN,
  hiddenFileList,
} from '../src/analysis/hidden-files.js';
import type { ImageAnalysis } from '../src/analysis/types.js';
import { defineImageRule } from '../src/lint/rule.js';
import {
  countFiles,
  describeLayer,
  formatBytes,
  layerKeyword,
  metadataOnlyReadds,
  summarizePathIds,
} from './helpers/image.js';

/** Hidden bytes of one (adding layer, hiding layer) pair: its files as indices into `list`. */
interface Group {
  readonly addedInLayer: number;
  readonly hiddenByLayer: number;
  readonly files: number[];
  bytes: number;
  /** Bit per `HiddenFileList.hows` value present. */
  hows: number;
}

const DELETED = 1 << HOW_DELETED;
const OPAQUE = 1 << HOW_OPAQUE;
const OVERWRITTEN = 1 << HOW_OVERWRITTEN;

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'hidden-bytes',
    severity: 'warning',
    hadolint: null,
    docs: {
      summary: 'A layer adds bytes that a later layer deletes or overwrites: they still ship.',
      rationale:
        'Layers only add. Deleting a file in a later step hides it from the container but every ' +
        'pull still downloads it, because the layer that added it is unchanged. This reports, on ' +
        'the layer that added them, the regular-file bytes each later layer hides (deleted by a ' +
        'whiteout, hidden by an opaque directory, or overwritten by the same path), grouped by ' +
        '(adding layer, hiding layer), with the directories they sit in. Option `minBytes` ' +
        '(default 1024): a group smaller than this is not reported; 1 KiB keeps out the few-byte ' +
        'rewrites of files like /etc/passwd and /etc/group that adding a user or package makes, ' +
        'and still finds every real case in the fixtures (the smallest is 2054 bytes). Set it to ' +
        '0 to see everything, or to e.g. 1048576 to see only megabytes. Files a later `chmod -R`/' +
        '`chown -R` re-added unchanged are left to `duplicated-by-metadata-change`, so the same ' +
        'bytes are not reported twice; secrets deleted later are reported by `secret-in-layer` ' +
        'whatever their size.',
      bad:
        'FROM debian:12\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl\n' +
        'RUN rm -rf /var/lib/apt/lists/*\n',
      good:
        'FROM debian:12\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
    },
    options: { minBytes: 1024 },
    messages: {
      removedLater:
        '{{adder}} adds {{size}} in {{paths}} that {{hider}} removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      copiedThenRemoved:
        '{{adder}} copies {{size}} into {{paths}} that {{hider}} removes; a later delete does not shrink the image. Do not copy them: exclude them in .dockerignore, or use them in a build stage and `COPY --from` only the result',
      overwrittenLater:
        '{{adder}} adds {{size}} in {{paths}} that {{hider}} overwrites; both versions ship in the image. Write the final version in the step that creates the files',
      removedOrOverwrittenLater:
        '{{adder}} adds {{size}} in {{paths}} that {{hider}} removes or overwrites; a later step does not shrink the image. Create, change and clean up the files in the same RUN',
    },
  },
  check(analysis, report, options) {
    const list = hiddenFileList(analysis);
    for (const group of hiddenGroups(analysis, list)) {
      if (group.bytes < options.minBytes) continue;
      const adder = analysis.layers[group.addedInLayer]!;
      const hider = analysis.layers[group.hiddenByLayer]!;
      const overwritten = (group.hows & OVERWRITTEN) !== 0;
      const removed = (group.hows & (DELETED | OPAQUE)) !== 0;
      const copied = layerKeyword(adder) === 'COPY' || layerKeyword(adder) === 'ADD';
      report({
        messageId:
          overwritten && removed
            ? 'removedOrOverwrittenLater'
            : overwritten
              ? 'overwrittenLater'
              : copied
                ? 'copiedThenRemoved'
                : 'removedLater',
        layer: adder.index,
        data: {
          adder: describeLayer(adder),
          hider: describeLayer(hider),
          size: formatBytes(group.bytes),
          bytes: group.bytes,
          files: countFiles(group.files.length),
          fileCount: group.files.length,
          paths: summarizePathIds(list.table, list.ids, list.sizes, 3, group.files),
          hiddenByLayer: hider.index,
        },
      });
    }
  },
});

/** Hidden files grouped by (adding layer, hiding layer), bottom first; chmod/chown re-adds excluded. */
function hiddenGroups(analysis: ImageAnalysis, list: HiddenFileList): Group[] {
  const readd = new Uint8Array(list.length);
  for (const r of metadataOnlyReadds(analysis)) readd[r.index] = 1;
  // A number per (adder, hider) pair: no key string per file.
  const layerCount = analysis.layers.length;
  const groups = new Map<number, Group>();
  for (let i = 0; i < list.length; i++) {
    if (readd[i] === 1) continue;
    const addedInLayer = list.adders[i]!;
    const hiddenByLayer = list.hiders[i]!;
    const key = addedInLayer * layerCount + hiddenByLayer;
    let group = groups.get(key);
    if (!group) {
      group = { addedInLayer, hiddenByLayer, files: [], bytes: 0, hows: 0 };
      groups.set(key, group);
    }
    group.files.push(i);
    group.bytes += list.sizes[i]!;
    group.hows |= 1 << list.hows[i]!;
  }
  return [...groups.values()].sort(
    (a, b) => a.addedInLayer - b.addedInLayer || a.hiddenByLayer - b.hiddenByLayer,
  );
}
