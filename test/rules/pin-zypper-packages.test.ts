// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-zypper-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n',
    { name: 'in alias', code: 'RUN zypper -n in mariadb=10.4\n' },
    { name: 'comparison', code: "RUN zypper install -y 'curl>=8' 'git<3'\n" },
    { name: 'rpm file', code: 'RUN zypper install -y ./x-1.0.rpm\n' },
    { name: 'pattern type', code: 'RUN zypper install -y -t pattern devel_basis\n' },
    { name: 'pattern prefix', code: 'RUN zypper install -y pattern:devel_basis\n' },
    {
      name: 'repository value is not a package',
      code: 'RUN zypper install -y -r oss curl=8.6.0\n',
    },
    { name: 'packages from a variable', code: 'RUN zypper install -y $PKGS "${MORE}"\n' },
    { name: 'zypper refresh', code: 'RUN zypper refresh\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 23,
          endColumn: 27,
          message: '`curl` is not pinned in `zypper install`; use `curl=<version>`',
        },
      ],
    },
    {
      name: 'explicit package type',
      code: 'RUN zypper -n in -t package git curl=8.6.0\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          column: 29,
          message: '`git` is not pinned in `zypper in`; use `git=<version>`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN zypper install -y mariadb\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 31 }],
    },
  ],
});
