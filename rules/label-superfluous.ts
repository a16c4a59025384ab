import { defineRule } from '../src/lint/rule.js';
import { NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-superfluous',
    severity: 'info',
    hadolint: 'DL3050',
    docs: {
      summary: 'A label is not in the label schema (strict labels).',
      rationale:
        'With `strict-labels: true`, the label schema is the complete list of labels an image may ' +
        'carry, which keeps metadata consistent across a fleet of images. Off unless both a schema ' +
        'and `strict-labels` are set.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.title=app team=web\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      options: { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true },
    },
    messages: {
      superfluous:
        'label `{{key}}` is not in the label schema and strict labels are on; remove it or add it to `label-schema`',
    },
    options: { labelSchema: NO_LABEL_SCHEMA, strictLabels: false },
  },
  check(model, report, options) {
    const schema = options.labelSchema;
    if (!options.strictLabels || Object.keys(schema).length === 0) return;
    for (const pair of model.find('LABEL').flatMap((l) => l.pairs)) {
      if (!Object.hasOwn(schema, pair.key) && !pair.key.includes('$')) {
        report({ messageId: 'superfluous', at: pair.keyRange, data: { key: pair.key } });
      }
    }
  },
});
