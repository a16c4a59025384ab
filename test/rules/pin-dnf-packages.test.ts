// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-dnf-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    { name: 'full version-release.arch', code: 'RUN dnf install -y httpd-2.4.6-99.el7.x86_64\n' },
    {
      name: 'dash in the name, then a version',
      code: 'RUN dnf install -y java-17-openjdk-17.0.12.0.7\n',
    },
    { name: 'wildcard version', code: 'RUN dnf install -y mariadb-10.4*\n' },
    { name: 'version comparison', code: "RUN dnf install -y 'httpd >= 2.4'\n" },
    {
      name: 'local and remote rpm',
      code: 'RUN dnf install -y ./x.rpm https://example.com/y-1.0.noarch.rpm\n',
    },
    { name: 'group', code: 'RUN dnf install -y @development\n' },
    { name: 'module with a stream', code: 'RUN dnf module install -y nodejs:20\n' },
    {
      name: 'option values are not packages',
      code: 'RUN dnf --enablerepo epel -x kernel install -y htop-3.3.0\n',
    },
    { name: 'packages from a variable', code: 'RUN dnf install -y $PKGS "${MORE}"\n' },
    { name: 'dnf remove', code: 'RUN dnf remove -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 20,
          endColumn: 25,
          message: '`httpd` is not pinned in `dnf install`; use `httpd-<version>`',
        },
      ],
    },
    {
      name: 'a dash inside the name is not a version',
      code: 'RUN dnf install -y python3-pip gcc-c++ mariadb-10.4\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`python3-pip` is not pinned in `dnf install`; use `python3-pip-<version>`',
        },
        { messageId: 'unpinned', line: 1 },
      ],
    },
    {
      name: 'module without a stream',
      code: 'RUN dnf module install -y nodejs\n',
      errors: [
        {
          messageId: 'unpinnedModule',
          line: 1,
          message: '`nodejs` does not name a stream in `dnf module install`; use `nodejs:<stream>`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN dnf install -y httpd\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
    {
      name: 'microdnf and the in alias',
      code: 'RUN microdnf install -y httpd && dnf in -y curl\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          column: 25,
          message: '`httpd` is not pinned in `microdnf install`; use `httpd-<version>`',
        },
        { messageId: 'unpinned', line: 1, column: 44 },
      ],
    },
  ],
});
