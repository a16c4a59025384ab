import rule from '../../rules/dnf-assume-yes.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    { name: '-y before the verb', code: 'RUN dnf -y install httpd-2.4.62\n' },
    { name: 'near-miss: module list does not prompt', code: 'RUN dnf module list\n' },
    { name: '--assumeyes', code: 'RUN dnf --assumeyes upgrade\n' },
    { name: '--setopt', code: 'RUN dnf --setopt=assumeyes=True module enable nodejs:20\n' },
    {
      name: 'assumeyes in dnf.conf from the stage this one builds on',
      code: 'FROM fedora:40 AS base\nRUN echo "assumeyes=True" >> /etc/dnf/dnf.conf\nFROM base\nRUN dnf install httpd-2.4.62\n',
    },
    { name: 'microdnf never asks', code: 'RUN microdnf install httpd-2.4.62\n' },
    { name: 'dnf clean', code: 'RUN dnf clean all\n' },
    { name: 'dnf makecache', code: 'RUN dnf makecache\n' },
    { name: 'option value before the verb', code: 'RUN dnf --enablerepo epel -y in htop-3.3.0\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 2,
          column: 5,
          endColumn: 29,
          message: '`dnf install` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'module enable',
      code: 'RUN dnf module enable nodejs:20\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 1,
          message:
            '`dnf module enable` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'dnf5 remove',
      code: 'RUN dnf5 remove httpd\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 1,
          message: '`dnf5 remove` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'assumeyes written in an unrelated stage',
      code: 'FROM fedora:40 AS a\nRUN echo "assumeyes=True" >> /etc/dnf/dnf.conf\nFROM fedora:40\nRUN dnf in httpd-2.4.62\n',
      errors: [{ messageId: 'missingYes', line: 4 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN dnf groupinstall "Development Tools"\n',
      errors: [{ messageId: 'missingYes', line: 1, column: 13 }],
    },
  ],
});
