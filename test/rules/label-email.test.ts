// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-email.js';
import { ruleTester } from '../helpers/rule-tester.js';

const schema = { labelSchema: { maintainer: 'email' } };
const label = (value: string) => `FROM debian:12\nLABEL maintainer=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('"Jane <jane@example.com>"') },
    { name: 'address', code: label('jane.doe+docker@example.com'), options: schema },
    { name: 'local domain', code: label('root@localhost'), options: schema },
    { name: 'variable', code: label('${MAINTAINER}'), options: schema },
  ],
  invalid: [
    {
      code: label('"Jane <jane@example.com>"'),
      options: schema,
      errors: [
        {
          messageId: 'notEmail',
          line: 2,
          column: 7,
          message:
            'label `maintainer` is `Jane <jane@example.com>`, which is not an e-mail address; write just the address, e.g. `team@example.com`',
        },
      ],
    },
    {
      name: 'no at',
      code: label('jane.example.com'),
      options: schema,
      errors: [{ messageId: 'notEmail', line: 2 }],
    },
    {
      name: 'double dot',
      code: label('jane..doe@example.com'),
      options: schema,
      errors: [{ messageId: 'notEmail', line: 2 }],
    },
  ],
});
