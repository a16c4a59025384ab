// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/copy-relative-dest.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node:22\nWORKDIR /app\nCOPY package.json .\n',
    { name: 'absolute', code: 'FROM node:22\nCOPY package.json /app/\n' },
    { name: 'variable', code: 'FROM node:22\nCOPY package.json ${APP_HOME}/\n' },
    {
      name: 'Windows drive',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\\n',
    },
    {
      name: 'WORKDIR in the base stage',
      code: 'FROM node:22 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n',
    },
    { name: 'ONBUILD COPY', code: 'FROM node:22\nONBUILD COPY . .\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCOPY package.json .\n',
      errors: [
        {
          messageId: 'relative',
          line: 2,
          column: 19,
          endColumn: 20,
          message:
            '`.` is relative, but no `WORKDIR` is set yet, so it depends on the base image; add `WORKDIR <dir>` before this line or use an absolute path',
        },
      ],
    },
    {
      name: 'WORKDIR only after',
      code: 'FROM node:22\nCOPY a app/\nWORKDIR /srv\nCOPY b app/\n',
      errors: [{ messageId: 'relative', line: 2 }],
    },
    {
      name: 'WORKDIR of another stage does not count',
      code: 'FROM node:22 AS a\nWORKDIR /app\nFROM node:22\nCOPY --from=a /app/dist dist\n',
      errors: [{ messageId: 'relative', line: 4 }],
    },
  ],
});
