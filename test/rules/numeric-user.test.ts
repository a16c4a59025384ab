// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/numeric-user.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nUSER 10001\n',
    { name: 'uid:gid', code: 'FROM debian:12\nUSER 10001:10001\n' },
    { name: 'uid with group name', code: 'FROM debian:12\nUSER 10001:app\n' },
    { name: 'root', code: 'FROM debian:12\nUSER root\n' },
    { name: 'variable', code: 'FROM debian:12\nUSER ${UID}\n' },
    {
      name: 'Windows account',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n',
    },
    {
      name: 'Windows account, unknown base',
      code: 'FROM golang:1.26-nanoserver\nUSER ContainerAdministrator\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nUSER app\n',
      errors: [
        {
          messageId: 'name',
          line: 2,
          column: 6,
          endColumn: 9,
          message:
            '`USER app` is a name that tools outside the container cannot resolve; use its numeric UID (e.g. `USER 10001`)',
        },
      ],
    },
    {
      name: 'name:gid',
      code: 'FROM debian:12\nUSER app:1000\n',
      errors: [{ messageId: 'name', line: 2 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD USER app\n',
      errors: [{ messageId: 'name', line: 2 }],
    },
  ],
});
