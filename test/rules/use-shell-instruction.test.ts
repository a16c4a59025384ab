import rule from '../../rules/use-shell-instruction.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n',
    { name: 'linking from /bin/sh', code: 'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh\n' },
    { name: 'other link', code: 'FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      errors: [
        {
          messageId: 'relink',
          line: 2,
          column: 5,
          endColumn: 29,
          message:
            '`ln -sf /bin/bash /bin/sh` replaces `/bin/sh` for the whole image; use `SHELL ["/bin/bash", "-c"]` to change the shell RUN uses',
        },
      ],
    },
    {
      name: 'chained',
      code: 'FROM debian:12\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n',
      errors: [{ messageId: 'relink', line: 2, column: 19 }],
    },
  ],
});
