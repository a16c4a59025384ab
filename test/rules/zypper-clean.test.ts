import rule from '../../rules/zypper-clean.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n',
    { name: 'cc -a', code: 'RUN zypper -n in mariadb=10.4 && zypper cc -a\n' },
    {
      name: 'global option before clean',
      code: 'RUN zypper -n install mariadb=10.4 && zypper -n clean -a\n',
    },
    {
      name: 'cache directory removed',
      code: 'RUN zypper -n install mariadb=10.4 && rm -rf /var/cache/zypp/*\n',
    },
    {
      name: 'cache mount',
      code: 'RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb\n',
    },
    {
      name: 'tmpfs mount',
      code: 'RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb\n',
    },
    { name: 'zypper refresh alone', code: 'RUN zypper refresh\n' },
    {
      name: 'repository value is not the command',
      code: 'RUN zypper --root /mnt ref\n',
    },
    {
      name: 'intermediate stage nobody builds on',
      code: 'FROM opensuse/leap:15.6 AS build\nRUN zypper -n in gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 2,
          column: 5,
          endColumn: 33,
          message:
            '`zypper install` leaves its cache in the layer; add `&& zypper clean --all` to the same RUN, or use a cache mount on /var/cache/zypp',
        },
      ],
    },
    {
      name: 'plain zypper clean keeps the metadata',
      code: 'RUN zypper install -y mariadb=10.4 && zypper clean\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 5 }],
    },
    {
      name: 'clean before install',
      code: 'RUN zypper clean -a && zypper in -y mariadb=10.4\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 24 }],
    },
    {
      name: 'zypper patch',
      code: 'RUN zypper -n patch\n',
      errors: [
        {
          messageId: 'leftInLayer',
          line: 1,
          message:
            '`zypper patch` leaves its cache in the layer; add `&& zypper clean --all` to the same RUN, or use a cache mount on /var/cache/zypp',
        },
      ],
    },
    {
      name: 'an unrelated rm -rf is not cleanup',
      code: 'RUN zypper in -y mariadb=10.4 && rm -rf /tmp/*\n',
      errors: [{ messageId: 'leftInLayer', line: 1 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN zypper install -y mariadb=10.4\n',
      errors: [{ messageId: 'leftInLayer', line: 1, column: 13 }],
    },
  ],
});
