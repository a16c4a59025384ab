import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

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
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'url')) {
      if (isAbsoluteUrl(label.value)) continue;
      report({ messageId: 'notUrl', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

function isAbsoluteUrl(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) || !URL.canParse(value) || /\s/.test(value)) return false;
  const url = new URL(value);
  const needsHost = ['http:', 'https:', 'ftp:', 'ws:', 'wss:'].includes(url.protocol);
  return !needsHost || (/^[a-z]+:\/\/[^/]/i.test(value) && url.hostname !== '');
}
