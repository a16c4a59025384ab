import type { DockerfileModel, KeyValue } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'label-url',
    severity: 'warning',
    hadolint: 'DL3052',
    docs: {
      summary: 'A label the schema types as `url` is not an absolute URL.',
      rationale:
        'Labels such as `org.opencontainers.image.source` are read by registries and scanners that expect an absolute URL with a scheme (`https://github.com/acme/app`); a bare `github.com/acme/app` is not one. The rule runs only for labels that `label-schema` types as `url`. Values with variables (`$SOURCE_URL`) are set at build time and skipped; empty values are left to label-not-empty.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.source=github.com/acme/app\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n',
      options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
    },
    messages: {
      notUrl:
        'label `{{key}}` is `{{value}}`, which is not an absolute URL; write it with a scheme, e.g. `https://{{value}}`',
    },
    options: { labelSchema: {} as Readonly<Record<string, string>> },
  },
  check(model, report, options) {
    for (const pair of typedLabels(model, options.labelSchema)) {
      const value = pair.value ?? '';
      if (!isValid(value)) {
        report({ messageId: 'notUrl', at: pair, data: { key: pair.key, value } });
      }
    }
  },
});

type LabelSchema = Readonly<Record<string, string>>;

/** Every LABEL pair whose key the schema types as `url`, with a value we can read. */
function typedLabels(model: DockerfileModel, schema: LabelSchema): KeyValue[] {
  return model
    .find('LABEL')
    .flatMap((label) => label.pairs)
    .filter(
      (p) =>
        schema[p.key] === 'url' && p.value !== null && p.value !== '' && !p.value.includes('$'),
    );
}

function isValid(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) || !URL.canParse(value) || /\s/.test(value)) return false;
  const url = new URL(value);
  const needsHost = ['http:', 'https:', 'ftp:', 'ws:', 'wss:'].includes(url.protocol);
  return !needsHost || (/^[a-z]+:\/\/[^/]/i.test(value) && url.hostname !== '');
}
