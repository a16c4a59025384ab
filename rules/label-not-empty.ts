import { defineRule } from '../src/lint/rule.js';
import { NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-not-empty',
    severity: 'warning',
    hadolint: 'DL3051',
    docs: {
      summary: 'A label in the label schema is set to an empty value.',
      rationale:
        'A label the schema asks for is there to carry information; `LABEL key=""` satisfies ' +
        'label-required but tells nobody anything, and often means a build argument was not ' +
        'passed. Only labels in `label-schema` are checked; a value from a variable is trusted. Off ' +
        'when there is no schema.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.title=""\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      options: { labelSchema: { 'org.opencontainers.image.title': 'text' } },
    },
    messages: {
      empty: 'label `{{key}}` is empty; give it a value (or pass the build argument that sets it)',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const pair of model.find('LABEL').flatMap((l) => l.pairs)) {
      if (Object.hasOwn(options.labelSchema, pair.key) && (pair.value ?? '').trim() === '') {
        report({ messageId: 'empty', at: pair, data: { key: pair.key } });
      }
    }
  },
});
