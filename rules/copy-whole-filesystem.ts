import type { Word } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-whole-filesystem',
    severity: 'warning',
    hadolint: 'DL3067',
    docs: {
      summary: '`COPY --from` copies the whole filesystem of another stage or image.',
      rationale:
        'Copying `/` brings along the package manager, caches, shells and everything else the ' +
        'multi-stage build was meant to leave behind, in one large layer. Copy only the paths the ' +
        'image needs (`/out/app`, `/etc/ssl/certs`). To build a root filesystem on purpose, ' +
        'assemble it under a directory (`/rootfs`) in the build stage and copy that.',
      bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build / /\n',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
    messages: {
      whole:
        '`COPY --from={{from}} {{source}}` copies the entire filesystem of `{{from}}`; copy only the files the image needs',
    },
  },
  check(model, report) {
    for (const copy of model.find('COPY')) {
      if (copy.from === null) continue;
      const source = copy.sources.find(isRoot);
      if (source)
        report({ messageId: 'whole', at: source, data: { from: copy.from, source: source.value } });
    }
  },
});

function isRoot(source: Word): boolean {
  return ['/', '/.', '/*'].includes(source.value.replace(/^["']|["']$/g, ''));
}
