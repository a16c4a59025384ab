import { defineImageRule } from '../src/lint/rule.js';
import {
  countFiles,
  describeLayer,
  formatBytes,
  joinWords,
  layerRef,
  type MetadataReadd,
  metadataOnlyReadds,
  summarizePaths,
} from './helpers/image.js';

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'duplicated-by-metadata-change',
    severity: 'warning',
    hadolint: null,
    docs: {
      summary: 'A later `chmod`/`chown` stored whole files again just to change mode or owner.',
      rationale:
        'A layer records whole files, not attribute changes: `RUN chmod -R …` or ' +
        '`RUN chown -R …` over files an earlier layer added stores every one of them again, and ' +
        'the earlier copies still ship. A file counts when a later layer re-adds it as a regular ' +
        'file of the same size with a different mode or owner (contents are not read, so same ' +
        'size is taken as same content; a change of content with the same mode is not this). ' +
        'The finding is on the re-adding layer, with the bytes duplicated and the layers the ' +
        'originals came from. Fix: set mode and owner when the files are added ' +
        '(`COPY --chmod=… --chown=…`, or chmod/chown in the same RUN that creates them).',
      bad: 'FROM debian:12\nCOPY app/ /srv/app/\nRUN chmod -R 755 /srv/app && chown -R 10001 /srv/app\n',
      good: 'FROM debian:12\nCOPY --chmod=755 --chown=10001 app/ /srv/app/\n',
    },
    messages: {
      mode: '{{layer}} stores {{files}} in {{paths}} again, {{size}}, only to change their mode; the copies from {{sources}} still ship. Set the mode where the files are added: `COPY --chmod=…`, or chmod in the RUN that creates them',
      owner:
        '{{layer}} stores {{files}} in {{paths}} again, {{size}}, only to change their owner; the copies from {{sources}} still ship. Set the owner where the files are added: `COPY --chown=…`, or chown in the RUN that creates them',
      modeAndOwner:
        '{{layer}} stores {{files}} in {{paths}} again, {{size}}, only to change their mode and owner; the copies from {{sources}} still ship. Set them where the files are added: `COPY --chmod=… --chown=…`, or chmod/chown in the RUN that creates them',
    },
  },
  check(analysis, report) {
    const byLayer = new Map<number, MetadataReadd[]>();
    for (const readd of metadataOnlyReadds(analysis)) {
      const list = byLayer.get(readd.hidden.hiddenByLayer) ?? [];
      list.push(readd);
      byLayer.set(readd.hidden.hiddenByLayer, list);
    }
    for (const index of [...byLayer.keys()].sort((a, b) => a - b)) {
      const readds = byLayer.get(index)!;
      const layer = analysis.layers[index]!;
      const files = readds.map((r) => r.hidden);
      const bytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      const mode = readds.some((r) => r.modeChanged);
      const owner = readds.some((r) => r.ownerChanged);
      const sources = [...new Set(files.map((f) => f.addedInLayer))]
        .sort((a, b) => a - b)
        .map((i) => layerRef(analysis.layers[i]!));
      report({
        messageId: mode && owner ? 'modeAndOwner' : mode ? 'mode' : 'owner',
        layer: index,
        data: {
          layer: describeLayer(layer),
          files: countFiles(files.length),
          fileCount: files.length,
          size: formatBytes(bytes),
          bytes,
          paths: summarizePaths(files),
          sources: joinWords(sources),
        },
      });
    }
  },
});
