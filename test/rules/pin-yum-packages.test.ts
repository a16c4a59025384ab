// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-yum-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    { name: 'full version-release.arch', code: 'RUN yum install -y httpd-2.4.6-99.el7.x86_64\n' },
    {
      name: 'dash in the name, then a version',
      code: 'RUN yum install -y java-17-openjdk-17.0.12.0.7\n',
    },
    { name: 'wildcard version', code: 'RUN yum install -y mariadb-10.4*\n' },
    { name: 'version comparison', code: "RUN yum install -y 'httpd >= 2.4'\n" },
    {
      name: 'local and remote rpm',
      code: 'RUN yum install -y ./x.rpm https://example.com/y-1.0.noarch.rpm\n',
    },
    { name: 'group', code: 'RUN yum install -y @development\n' },
    { name: 'module with a stream', code: 'RUN yum module install -y nodejs:20\n' },
    {
      name: 'option values are not packages',
      code: 'RUN yum --enablerepo epel -x kernel install -y htop-3.3.0\n',
    },
    { name: 'packages from a variable', code: 'RUN yum install -y $PKGS "${MORE}"\n' },
    { name: 'yum remove', code: 'RUN yum remove -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 20,
          endColumn: 25,
          message: '`httpd` is not pinned in `yum install`; use `httpd-<version>`',
        },
      ],
    },
    {
      name: 'a dash inside the name is not a version',
      code: 'RUN yum install -y python3-pip gcc-c++ mariadb-10.4\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`python3-pip` is not pinned in `yum install`; use `python3-pip-<version>`',
        },
        { messageId: 'unpinned', line: 1 },
      ],
    },
    {
      name: 'module without a stream',
      code: 'RUN yum module install -y nodejs\n',
      errors: [
        {
          messageId: 'unpinnedModule',
          line: 1,
          message: '`nodejs` does not name a stream in `yum module install`; use `nodejs:<stream>`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN yum install -y httpd\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
  ],
});
