// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/label-spdx.js';
import { ruleTester } from '../helpers/rule-tester.js';

const key = 'org.opencontainers.image.licenses';
const schema = { labelSchema: { [key]: 'spdx' } };
const label = (value: string) => `FROM debian:12\nLABEL ${key}=${value}\n`;

ruleTester(rule, {
  valid: [
    { name: 'off without a schema', code: label('"Apache 2"') },
    { name: 'identifier', code: label('Apache-2.0'), options: schema },
    { name: 'case-insensitive', code: label('mit'), options: schema },
    { name: 'OR', code: label('"MIT OR Apache-2.0"'), options: schema },
    {
      name: 'WITH exception',
      code: label('"GPL-2.0-only WITH Classpath-exception-2.0"'),
      options: schema,
    },
    {
      name: 'parentheses and AND',
      code: label('"(MIT AND BSD-3-Clause) OR GPL-3.0-or-later"'),
      options: schema,
    },
    { name: 'or-later plus', code: label('LGPL-2.1+'), options: schema },
    { name: 'LicenseRef', code: label('LicenseRef-acme-proprietary'), options: schema },
    { name: 'variable', code: label('${LICENSE}'), options: schema },
    { name: 'other label', code: 'FROM debian:12\nLABEL license="Apache 2"\n', options: schema },
  ],
  invalid: [
    {
      code: label('"Apache 2"'),
      options: schema,
      errors: [
        {
          messageId: 'notSpdx',
          line: 2,
          column: 7,
          message:
            'label `org.opencontainers.image.licenses` is `Apache 2`, which is not an SPDX license expression; use identifiers such as `Apache-2.0` or `MIT OR Apache-2.0`',
        },
      ],
    },
    {
      name: 'GPLv2',
      code: label('GPLv2'),
      options: schema,
      errors: [{ messageId: 'notSpdx', line: 2 }],
    },
    {
      name: 'dangling OR',
      code: label('"MIT OR"'),
      options: schema,
      errors: [{ messageId: 'notSpdx', line: 2 }],
    },
    {
      name: 'unknown exception',
      code: label('"MIT WITH Foo-exception"'),
      options: schema,
      errors: [{ messageId: 'notSpdx', line: 2 }],
    },
    {
      name: 'unbalanced',
      code: label('"(MIT OR ISC"'),
      options: schema,
      errors: [{ messageId: 'notSpdx', line: 2 }],
    },
  ],
});
