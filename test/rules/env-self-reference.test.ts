// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/env-self-reference.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    { name: 'own earlier value', code: 'FROM debian:12\nENV PATH=/opt/bin:$PATH\n' },
    { name: 'defined later in the same ENV', code: 'FROM debian:12\nENV A=$B B=2\n' },
    { name: 'name that only starts the same', code: 'FROM debian:12\nENV A=1 B=$AB\n' },
    { name: 'old syntax', code: 'FROM debian:12\nENV A $A:1\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
      errors: [
        {
          messageId: 'selfReference',
          line: 2,
          column: 23,
          message:
            '`APP_BIN` uses `$APP_HOME`, which this same ENV sets, but Docker substitutes the value from before it; move `APP_BIN` to a separate `ENV` after this one',
        },
      ],
    },
    {
      name: 'braces',
      code: 'FROM debian:12\nENV A=1 \\\n    B=${A:-x}\n',
      errors: [{ messageId: 'selfReference', line: 3 }],
    },
    {
      name: 'redefined',
      code: 'FROM debian:12\nENV A=1 A=$A:2\n',
      errors: [{ messageId: 'selfReference', line: 2 }],
    },
  ],
});
