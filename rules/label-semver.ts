import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-semver',
    severity: 'warning',
    hadolint: 'DL3056',
    docs: {
      summary: 'A label the schema types as `semver` is not a semantic version.',
      rationale:
        'Labels such as `org.opencontainers.image.version` typed `semver` must follow Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH`, optional `-prerelease` and `+build`, no leading zeros and no `v` prefix. The rule runs only for labels that `label-schema` types as `semver`; values with variables (`$VERSION`) are set at build time and skipped (hadolint flags them).',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.version=v1.2\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.version=1.2.0\n',
      options: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
    },
    messages: {
      notSemver:
        'label `{{key}}` is `{{value}}`, which is not a semantic version; use `MAJOR.MINOR.PATCH` such as `1.2.0` (no `v` prefix)',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'semver')) {
      if (isSemver(label.value)) continue;
      report({ messageId: 'notSemver', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

/** The official Semantic Versioning 2.0.0 pattern. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function isSemver(value: string): boolean {
  return SEMVER.test(value);
}
