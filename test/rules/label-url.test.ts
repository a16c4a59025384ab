// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-url.js';
import { ruleTester } from '../helpers/rule-tester.js';

const key = 'org.opencontainers.image.source';
const schema = { labelSchema: { [key]: 'url' } };
const label = (value: string) => `FROM debian:12\nLABEL ${key}=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('github.com/acme/app') },
    { name: 'https', code: label('https://github.com/acme/app'), options: schema },
    { name: 'git+ssh', code: label('git+ssh://git@github.com/acme/app.git'), options: schema },
    { name: 'mailto', code: label('mailto:security@example.com'), options: schema },
    { name: 'variable', code: label('${SOURCE_URL}'), options: schema },
    { name: 'empty is label-not-empty', code: label('""'), options: schema },
  ],
  invalid: [
    {
      code: label('github.com/acme/app'),
      options: schema,
      errors: [
        {
          messageId: 'notUrl',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.source` is `github.com/acme/app`, which is not an absolute URL; write it with a scheme, e.g. `https://github.com/acme/app`',
        },
      ],
    },
    {
      name: 'http without host',
      code: label('http:/acme'),
      options: schema,
      errors: [{ messageId: 'notUrl', line: 2 }],
    },
    {
      name: 'spaces',
      code: label('"https://example.com/a b"'),
      options: schema,
      errors: [{ messageId: 'notUrl', line: 2 }],
    },
  ],
});
