import type { DockerfileModel, KeyValue } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

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
    options: { labelSchema: {} as Readonly<Record<string, string>> },
  },
  check(model, report, options) {
    for (const pair of typedLabels(model, options.labelSchema)) {
      const value = pair.value ?? '';
      if (!isValid(value)) {
        report({ messageId: 'notSemver', at: pair, data: { key: pair.key, value } });
      }
    }
  },
});

type LabelSchema = Readonly<Record<string, string>>;

/** Every LABEL pair whose key the schema types as `semver`, with a value we can read. */
function typedLabels(model: DockerfileModel, schema: LabelSchema): KeyValue[] {
  return model
    .find('LABEL')
    .flatMap((label) => label.pairs)
    .filter(
      (p) =>
        schema[p.key] === 'semver' && p.value !== null && p.value !== '' && !p.value.includes('$'),
    );
}

/** The official Semantic Versioning 2.0.0 pattern. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function isValid(value: string): boolean {
  return SEMVER.test(value);
}
