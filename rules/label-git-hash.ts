import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-git-hash',
    severity: 'warning',
    hadolint: 'DL3055',
    docs: {
      summary: 'A label the schema types as `hash` is not a git commit hash.',
      rationale:
        'Labels such as `org.opencontainers.image.revision` should hold the commit the image was built from: a full 40-character SHA-1 (or 64-character SHA-256) hash, or an abbreviated one of at least 7 hex digits. The rule runs only for labels that `label-schema` types as `hash`; values with variables (`$GIT_COMMIT`) are skipped.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.revision=main\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.revision=8f936c5e2c1a4b0d9e7f6a5b4c3d2e1f0a9b8c7d\n',
      options: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
    },
    messages: {
      notHash:
        'label `{{key}}` is `{{value}}`, which is not a git commit hash; use the full hash (`git rev-parse HEAD`)',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'hash')) {
      if (isGitHash(label.value)) continue;
      report({ messageId: 'notHash', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

function isGitHash(value: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(value) || /^[0-9a-f]{64}$/i.test(value);
}
