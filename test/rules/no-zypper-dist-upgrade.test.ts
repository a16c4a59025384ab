import rule from '../../rules/no-zypper-dist-upgrade.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean --all\n',
    { name: 'zypper update', code: 'RUN zypper -n update\n' },
    { name: 'dup as a package name', code: 'RUN zypper -n install dup\n' },
    { name: 'not zypper', code: 'RUN echo zypper dup\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean --all\n',
      errors: [
        {
          messageId: 'distUpgrade',
          line: 2,
          column: 5,
          endColumn: 27,
          message:
            '`zypper dist-upgrade` upgrades the whole distribution inside the image; use a newer base image, and `zypper patch` or `zypper update` for fixes',
        },
      ],
    },
    {
      name: 'dup with a root value',
      code: 'RUN zypper --root /mnt dup -y\n',
      errors: [{ messageId: 'distUpgrade', line: 1, column: 5 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN zypper dup\n',
      errors: [{ messageId: 'distUpgrade', line: 1, column: 13 }],
    },
  ],
});
