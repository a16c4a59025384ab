import rule from '../../rules/yum-assume-yes.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    { name: '-y before the verb', code: 'RUN yum -y install httpd-2.4.6\n' },
    { name: 'near-miss: group list does not prompt', code: 'RUN yum group list\n' },
    { name: '--assumeyes', code: 'RUN yum --assumeyes groupinstall "Development Tools"\n' },
    { name: '-y in a cluster', code: 'RUN yum install -qy httpd-2.4.6\n' },
    { name: '--setopt', code: 'RUN yum --setopt=assumeyes=1 update\n' },
    {
      name: 'assumeyes in yum.conf from an earlier RUN',
      code: 'FROM centos:7\nRUN echo "assumeyes=1" >> /etc/yum.conf\nRUN yum install httpd-2.4.6\n',
    },
    { name: 'yum clean', code: 'RUN yum clean all\n' },
    { name: 'yum makecache', code: 'RUN yum makecache\n' },
    { name: 'not yum', code: 'RUN echo yum install httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 2,
          column: 5,
          endColumn: 28,
          message: '`yum install` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'groupinstall and localinstall',
      code: 'RUN yum groupinstall "Development Tools" && yum localinstall ./x.rpm\n',
      errors: [
        { messageId: 'missingYes', line: 1, column: 5 },
        { messageId: 'missingYes', line: 1, column: 45 },
      ],
    },
    {
      name: 'yum update',
      code: 'RUN yum update\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 1,
          message: '`yum update` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'yum group install',
      code: 'RUN yum group install "Development Tools"\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 1,
          message:
            '`yum group install` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'assumeyes=0',
      code: 'RUN yum --setopt=assumeyes=0 remove httpd\n',
      errors: [{ messageId: 'missingYes', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN yum install httpd-2.4.6\n',
      errors: [{ messageId: 'missingYes', line: 1, column: 13 }],
    },
  ],
});
