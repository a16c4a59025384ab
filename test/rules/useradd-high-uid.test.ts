// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/useradd-high-uid.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN useradd -l -u 123456 app\n',
    { name: 'long option', code: 'FROM debian:12\nRUN useradd --no-log-init --uid=123456 app\n' },
    { name: 'five digits', code: 'FROM debian:12\nRUN useradd -u 10001 app\n' },
    { name: 'no uid', code: 'FROM debian:12\nRUN useradd -m app\n' },
    { name: 'variable', code: 'FROM debian:12\nRUN useradd -u ${UID} app\n' },
    { name: 'combined with l', code: 'FROM debian:12\nRUN useradd -lu 123456 app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd -u 123456 app\n',
      errors: [
        {
          messageId: 'noLogInit',
          line: 2,
          column: 5,
          endColumn: 26,
          message:
            '`useradd` with UID 123456 without `-l` writes huge sparse lastlog/faillog files into the layer; add `-l` (`--no-log-init`)',
        },
      ],
    },
    {
      name: '--uid',
      code: 'FROM debian:12\nRUN groupadd -g 1000 app && useradd --uid 1000000 -g app app\n',
      errors: [{ messageId: 'noLogInit', line: 2, column: 29 }],
    },
    {
      name: 'attached',
      code: 'FROM debian:12\nRUN useradd -mu 2000000 app\n',
      errors: [{ messageId: 'noLogInit', line: 2 }],
    },
  ],
});
