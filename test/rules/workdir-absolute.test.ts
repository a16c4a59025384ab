// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/workdir-absolute.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'WORKDIR /usr/local\n',
    { name: 'variable', code: 'WORKDIR ${work}\n' },
    { name: 'single-quoted absolute', code: "WORKDIR '/usr/local'\n" },
    { name: 'double-quoted absolute', code: 'WORKDIR "/usr/local"\n' },
    { name: 'windows drive, backslash', code: "WORKDIR 'C:\\'\n" },
    { name: 'windows drive, slash', code: 'WORKDIR C:/\n' },
    { name: 'windows drive, quoted', code: 'WORKDIR "C:/"\n' },
    {
      name: 'windows escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nWORKDIR app\n',
      errors: [
        {
          messageId: 'relative',
          line: 2,
          column: 1,
          endColumn: 12,
          message: 'WORKDIR `app` is relative; use an absolute path such as `/app`',
        },
      ],
    },
    {
      name: 'single quotes',
      code: "WORKDIR 'relative/dir'\n",
      errors: [{ messageId: 'relative', line: 1 }],
    },
    {
      name: 'double quotes',
      code: 'WORKDIR "relative/dir"\n',
      errors: [{ messageId: 'relative', line: 1 }],
    },
    {
      name: 'inside ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD WORKDIR src\n',
      errors: [{ messageId: 'relative', line: 2, column: 9 }],
    },
  ],
});
