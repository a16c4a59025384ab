import rule from '../../rules/yum-clean-all.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    { name: 'not a yum command', code: 'RUN bash -c `# not even a yum command`\n' },
    { name: 'near-miss: group remove installs nothing', code: 'RUN yum group remove -y x\n' },
    {
      name: 'cache directory removed',
      code: 'RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    },
    {
      name: 'clean after the last of several installs',
      code: 'RUN yum install -y epel-release-7 \\\n && yum install -y nginx-1.20.1 \\\n && yum clean all\n',
    },
    {
      name: 'cache mount',
      code: 'RUN --mount=type=cache,target=/var/cache/yum yum install -y mariadb-10.4\n',
    },
    {
      name: 'tmpfs mount on dnf cache (yum is dnf)',
      code: 'RUN --mount=type=tmpfs,target=/var/cache/dnf yum install -y mariadb-10.4\n',
    },
    {
      name: 'clean with options in between',
      code: 'RUN yum -y install mariadb-10.4 && yum -q clean all\n',
    },
    { name: 'yum remove installs nothing', code: 'RUN yum remove -y httpd\n' },
    {
      name: 'intermediate stage nobody builds on',
      code: 'FROM centos:7 AS build\nRUN yum install -y gcc-4.8.5\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 31,
          message:
            '`yum install` leaves its cache in the layer; add `&& yum clean all` to the same RUN, or use a cache mount on /var/cache/yum',
        },
      ],
    },
    {
      name: 'clean before install',
      code: 'RUN yum clean all && yum install -y\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 22 }],
    },
    {
      name: 'clean between two installs covers only the first',
      code: 'RUN yum install -y a-1 && yum clean all && yum install -y b-2\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 44 }],
    },
    {
      name: 'an unrelated rm -rf is not cleanup',
      code: 'RUN yum install -y mariadb-10.4 && rm -rf /tmp/*\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'clean metadata leaves the packages',
      code: 'RUN yum install -y mariadb-10.4 && yum clean metadata\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'yum update',
      code: 'RUN yum -y update\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`yum update` leaves its cache in the layer; add `&& yum clean all` to the same RUN, or use a cache mount on /var/cache/yum',
        },
      ],
    },
    {
      name: 'yum group install',
      code: 'RUN yum group install -y "Development Tools"\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`yum group install` leaves its cache in the layer; add `&& yum clean all` to the same RUN, or use a cache mount on /var/cache/yum',
        },
      ],
    },
    {
      name: 'cache mount somewhere else',
      code: 'RUN --mount=type=cache,target=/root/.cache yum install -y mariadb-10.4\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN yum install -y mariadb-10.4\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 13 }],
    },
  ],
});
