// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-apt-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    {
      name: 'pinned, options before install',
      code: 'RUN apt-get -yqq --no-install-recommends install nodejs=0.10\n',
    },
    {
      name: 'wildcard versions on continuation lines',
      code: 'RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n',
    },
    { name: 'local .deb', code: 'RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n' },
    {
      name: 'target release value is not a package',
      code: 'RUN apt-get install -y -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1\n',
    },
    { name: 'release pin', code: 'RUN apt-get install -y curl/bookworm-backports\n' },
    {
      name: '-o value is not a package',
      code: 'RUN apt-get -o Dpkg::Options::=--force-confold install -y curl=7.88.1\n',
    },
    { name: 'packages from a variable', code: 'RUN apt-get install -y $PACKAGES ${EXTRA}\n' },
    { name: 'apt-get update alone', code: 'RUN apt-get update\n' },
    { name: 'apt-get remove', code: 'RUN apt-get remove -y curl\n' },
    { name: 'install as an echo argument', code: 'RUN echo apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 66,
          endColumn: 70,
          message: '`curl` is not pinned in `apt-get install`; use `curl=<version>`',
        },
      ],
    },
    {
      name: 'each unpinned package',
      code: 'RUN apt-get install -y \\\n    curl \\\n    git=1:2.39.5-0+deb12u1 \\\n    "ca-certificates"\n',
      errors: [
        { messageId: 'unpinned', line: 2, column: 5, endColumn: 9 },
        {
          messageId: 'unpinned',
          line: 4,
          column: 5,
          message:
            '`ca-certificates` is not pinned in `apt-get install`; use `ca-certificates=<version>`',
        },
      ],
    },
    {
      name: 'apt install',
      code: 'RUN apt install -y python3\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 1,
          message: '`python3` is not pinned in `apt install`; use `python3=<version>`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN apt-get update && apt-get install python\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 47 }],
    },
    {
      name: 'exec form',
      code: 'RUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ messageId: 'unpinned', line: 1 }],
    },
  ],
});
