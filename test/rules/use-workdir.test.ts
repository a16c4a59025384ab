import rule from '../../rules/use-workdir.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'cd in a ( … ) subshell',
      code: 'RUN (cd /opt/src && make) && make -C /opt/src install\n',
    },
    'WORKDIR /opt\n',
    { name: 'cd as an argument', code: 'RUN echo cd /opt\n' },
    { name: 'command substitution', code: 'RUN echo "$(cd /opt && pwd)"\n' },
    { name: 'a command named like cd', code: 'RUN cdrecord --help\n' },
  ],
  invalid: [
    {
      code: 'RUN cd /opt\n',
      errors: [
        {
          messageId: 'cd',
          line: 1,
          column: 5,
          endColumn: 12,
          message:
            '`cd /opt` changes directory for this RUN only; set the directory with `WORKDIR` before the RUN instead',
        },
      ],
    },
    {
      name: 'chained, continuation line',
      code: 'FROM debian:12\nRUN git clone https://example.com/x.git \\\n && cd x && make\n',
      errors: [{ messageId: 'cd', line: 3, column: 5 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN cd /src && make\n',
      errors: [{ messageId: 'cd', line: 2 }],
    },
  ],
});
