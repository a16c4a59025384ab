import rule from '../../rules/apt-no-install-recommends.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    { name: 'before install', code: 'RUN apt-get --no-install-recommends install -y python\n' },
    {
      name: 'through -o',
      code: 'RUN apt-get -o APT::Install-Recommends=false install python\n',
    },
    {
      name: 'through -o with 0',
      code: 'RUN apt-get install -o APT::Install-Recommends=0 -y python\n',
    },
    {
      name: 'written to apt.conf in an earlier RUN',
      code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y python\n',
    },
    {
      name: 'written to apt.conf in the same RUN, escaped quotes',
      code: 'RUN echo "APT::Install-Recommends \\"0\\";" > /etc/apt/apt.conf.d/99nr && apt-get install -y python\n',
    },
    { name: 'apt-get upgrade', code: 'RUN apt-get upgrade -y\n' },
    { name: 'install as an echo argument', code: 'RUN echo apt-get install python\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8\n',
      errors: [
        {
          messageId: 'installsRecommends',
          line: 2,
          column: 23,
          message:
            '`apt-get install` also installs recommended packages; add `--no-install-recommends`',
        },
      ],
    },
    {
      name: 'Install-Recommends set to true',
      code: 'RUN apt-get -o APT::Install-Recommends=true install -y python\n',
      errors: [{ messageId: 'installsRecommends', line: 1, column: 5 }],
    },
    {
      name: 'apt install',
      code: 'RUN apt install -y python3\n',
      errors: [
        {
          messageId: 'installsRecommends',
          line: 1,
          message:
            '`apt install` also installs recommended packages; add `--no-install-recommends`',
        },
      ],
    },
    {
      name: 'setting written in an unrelated stage',
      code: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99nr\nFROM debian:12\nRUN apt-get install -y python\n',
      errors: [{ messageId: 'installsRecommends', line: 4 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN apt-get -y install python\n',
      errors: [{ messageId: 'installsRecommends', line: 1, column: 13 }],
    },
  ],
});
