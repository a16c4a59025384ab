// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-not-empty.js';
import { ruleTester } from '../helpers/rule-tester.js';

const schema = { labelSchema: { 'org.opencontainers.image.title': 'text' } };

ruleTester(rule, {
  valid: [
    {
      name: 'off without a schema',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=""\n',
    },
    {
      name: 'set',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      options: schema,
    },
    {
      name: 'variable',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=${TITLE}\n',
      options: schema,
    },
    {
      name: 'empty label outside the schema',
      code: 'FROM debian:12\nLABEL team=""\n',
      options: schema,
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title=""\n',
      options: schema,
      errors: [
        {
          messageId: 'empty',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.title` is empty; give it a value (or pass the build argument that sets it)',
        },
      ],
    },
    {
      name: 'nothing after =',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.title= a=b\n',
      options: schema,
      errors: [{ messageId: 'empty', line: 2 }],
    },
  ],
});
