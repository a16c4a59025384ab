import rule from '../../rules/dnf-clean-all.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    {
      name: 'near-miss: module enable installs nothing',
      code: 'RUN dnf module enable -y nodejs:20\n',
    },
    {
      name: 'microdnf clean all',
      code: 'RUN microdnf install -y mariadb-10.4 && microdnf clean all\n',
    },
    { name: 'other verbs', code: 'RUN dnf -y up-min && dnf clean all\n' },
    {
      name: 'dnf cache directory removed',
      code: 'RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/dnf\n',
    },
    {
      name: 'dnf5 cache directory removed',
      code: 'RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/libdnf5/*\n',
    },
    {
      name: 'microdnf cache directory removed',
      code: 'RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    },
    {
      name: 'cache mount on the dnf 4 cache',
      code: 'RUN --mount=type=cache,target=/var/cache/dnf dnf install -y mariadb-10.4\n',
    },
    {
      name: 'tmpfs mount on the dnf 5 cache',
      code: 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf in -y mariadb-10.4\n',
    },
    { name: 'not dnf', code: 'RUN notdnf install mariadb\n' },
    { name: 'dnf remove', code: 'RUN dnf remove -y mariadb\n' },
    {
      name: 'option value before the verb',
      code: 'RUN dnf --setopt install_weak_deps=False -y install x-1 && dnf clean all\n',
    },
    {
      name: 'intermediate stage nobody builds on',
      code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 32,
          message:
            '`dnf install` leaves its cache in the layer; add `&& dnf clean all` to the same RUN, or use a cache mount on /var/cache/dnf',
        },
      ],
    },
    {
      name: 'microdnf',
      code: 'RUN microdnf install -y mariadb-10.4\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`microdnf install` leaves its cache in the layer; add `&& microdnf clean all` to the same RUN, or use a cache mount on /var/cache/yum',
        },
      ],
    },
    {
      name: 'removing the yum cache does not clean dnf’s',
      code: 'RUN dnf in -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 5 }],
    },
    {
      name: 'dnf and microdnf are tracked separately',
      code: 'RUN dnf install -y mariadb-10.4 && microdnf clean all\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 5 }],
    },
    {
      name: 'clean before install',
      code: 'RUN rm -rf /var/cache/libdnf5 && dnf in -y mariadb-10.4\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 34 }],
    },
    {
      name: 'dnf upgrade without packages',
      code: 'RUN dnf -y upgrade\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`dnf upgrade` leaves its cache in the layer; add `&& dnf clean all` to the same RUN, or use a cache mount on /var/cache/dnf',
        },
      ],
    },
    {
      name: 'module install',
      code: 'RUN dnf module install -y nodejs:20\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`dnf module install` leaves its cache in the layer; add `&& dnf clean all` to the same RUN, or use a cache mount on /var/cache/dnf',
        },
      ],
    },
    {
      name: 'clean metadata only',
      code: 'RUN dnf install -y x-1 && dnf clean metadata\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'cache mount in the wrong place',
      code: 'RUN --mount=type=cache,target=/var/cache/foo dnf install -y x-1\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN dnf -y upgrade\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 13 }],
    },
  ],
});
