import rule from '../../rules/label-superfluous.js';
import { ruleTester } from '../helpers/rule-tester.js';

const strict = { labelSchema: { 'org.opencontainers.image.title': 'text' }, strictLabels: true };

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: 'FROM debian:12\nLABEL team=web\n' },
    {
      name: 'off without strict labels',
      code: 'FROM debian:12\nLABEL team=web\n',
      options: { labelSchema: { a: 'text' } },
    },
    {
      name: 'only schema labels',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      options: strict,
    },
    {
      name: 'strict with an empty schema',
      code: 'FROM debian:12\nLABEL team=web\n',
      options: { labelSchema: {}, strictLabels: true },
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=app team=web\n',
      options: strict,
      errors: [
        {
          messageId: 'superfluous',
          line: 2,
          column: 42,
          endColumn: 46,
          message:
            'label `team` is not in the label schema and strict labels are on; remove it or add it to `label-schema`',
        },
      ],
    },
  ],
});
