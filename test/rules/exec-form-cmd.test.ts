import rule from '../../rules/exec-form-cmd.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nENTRYPOINT ["foo", "bar"]\n',
    {
      name: 'CMD JSON with spaces',
      code: 'FROM scratch as build\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
    },
    {
      name: 'JSON over continuation lines',
      code: 'CMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n',
    },
    { name: 'shell form that execs', code: 'FROM nginx:1.27\nCMD exec nginx -g "daemon off;"\n' },
    { name: 'RUN is not checked', code: 'FROM debian:12\nRUN make\n' },
  ],
  invalid: [
    {
      code: 'FROM node as foo\nENTRYPOINT something\n',
      errors: [
        {
          messageId: 'shellForm',
          line: 2,
          column: 1,
          endColumn: 21,
          message:
            '`ENTRYPOINT something` runs under `/bin/sh -c`, which does not pass signals on; use the JSON form `ENTRYPOINT ["something"]`',
        },
      ],
    },
    {
      code: 'FROM node as foo\nCMD node server.js --port 80\n',
      errors: [
        {
          messageId: 'shellForm',
          line: 2,
          message:
            '`CMD node server.js --port 80` runs under `/bin/sh -c`, which does not pass signals on; use the JSON form `CMD ["node", "server.js", "--port", "80"]`',
        },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:22\nONBUILD CMD npm start\n',
      errors: [{ messageId: 'shellForm', line: 2 }],
    },
  ],
});
