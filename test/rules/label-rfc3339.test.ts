// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-rfc3339.js';
import { ruleTester } from '../helpers/rule-tester.js';

const key = 'org.opencontainers.image.created';
const schema = { labelSchema: { [key]: 'rfc3339' } };
const label = (value: string) => `FROM debian:12\nLABEL ${key}=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('2024-05-01') },
    { name: 'Z', code: label('2024-05-01T12:00:00Z'), options: schema },
    { name: 'offset and fraction', code: label('2024-02-29T23:59:59.123+05:30'), options: schema },
    { name: 'space separator', code: label('"2024-05-01 12:00:00Z"'), options: schema },
    { name: 'variable', code: label('${BUILD_DATE}'), options: schema },
  ],
  invalid: [
    {
      code: label('2024-05-01'),
      options: schema,
      errors: [
        {
          messageId: 'notRfc3339',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.created` is `2024-05-01`, which is not an RFC 3339 date-time; use e.g. `2024-05-01T12:00:00Z` (`date -u +%Y-%m-%dT%H:%M:%SZ`)',
        },
      ],
    },
    {
      name: 'no offset',
      code: label('2024-05-01T12:00:00'),
      options: schema,
      errors: [{ messageId: 'notRfc3339', line: 2 }],
    },
    {
      name: 'no such day',
      code: label('2023-02-29T12:00:00Z'),
      options: schema,
      errors: [{ messageId: 'notRfc3339', line: 2 }],
    },
    {
      name: 'month 13',
      code: label('2024-13-01T12:00:00Z'),
      options: schema,
      errors: [{ messageId: 'notRfc3339', line: 2 }],
    },
  ],
});
