import rule from '../../rules/zypper-non-interactive.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean --all\n',
    { name: '-n before the command', code: 'RUN zypper -n in curl=8.6.0\n' },
    { name: '-y after the command', code: 'RUN zypper install -y curl=8.6.0\n' },
    { name: '--no-confirm', code: 'RUN zypper remove --no-confirm curl\n' },
    { name: 'global cluster', code: 'RUN zypper -qn update\n' },
    { name: 'zypper refresh does not ask', code: 'RUN zypper refresh\n' },
    { name: 'zypper clean does not ask', code: 'RUN zypper clean --all\n' },
    { name: 'option value before the command', code: 'RUN zypper --root /mnt -n install x=1\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean --all\n',
      errors: [
        {
          messageId: 'interactive',
          line: 2,
          column: 5,
          endColumn: 30,
          message:
            '`zypper install` stops at a confirmation prompt, which fails the build; use `zypper -n install` or add `-y`',
        },
      ],
    },
    {
      name: '-n after the command is --name',
      code: 'RUN zypper install -n curl=8.6.0\n',
      errors: [{ messageId: 'interactive', line: 1, column: 5 }],
    },
    {
      name: 'zypper dup',
      code: 'RUN zypper dup\n',
      errors: [
        {
          messageId: 'interactive',
          line: 1,
          message:
            '`zypper dup` stops at a confirmation prompt, which fails the build; use `zypper -n dup` or add `-y`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN zypper rm curl\n',
      errors: [{ messageId: 'interactive', line: 1, column: 13 }],
    },
  ],
});
