import rule from '../../rules/apt-get-assume-yes.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: '-q=2 after -q', code: 'RUN apt-get -q install -q=2 curl\n' },
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    { name: '-y before install', code: 'RUN apt-get -y install python\n' },
    { name: '--yes', code: 'RUN apt-get --yes install python\n' },
    { name: '--assume-yes', code: 'RUN apt-get --assume-yes install python\n' },
    { name: 'short-flag cluster', code: 'RUN apt-get install -yq python\n' },
    { name: '-qq implies -y', code: 'RUN apt-get install -qq python\n' },
    { name: '-q -q implies -y', code: 'RUN apt-get install -q -q python\n' },
    { name: '-q=2 implies -y', code: 'RUN apt-get install -q=2 python\n' },
    { name: '--quiet --quiet implies -y', code: 'RUN apt-get install --quiet --quiet python\n' },
    {
      name: 'Assume-Yes through -o',
      code: 'RUN apt-get -o APT::Get::Assume-Yes=true install python\n',
    },
    {
      name: 'Assume-Yes written to apt.conf in an earlier RUN',
      code: 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install python\n',
    },
    {
      name: 'Assume-Yes written in the stage this one builds on',
      code: 'FROM debian:12 AS base\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM base\nRUN apt-get purge python\n',
    },
    { name: 'apt-get update does not prompt', code: 'RUN apt-get update\n' },
    { name: 'apt-get clean does not prompt', code: 'RUN apt-get clean\n' },
    {
      name: '-o value is not the verb',
      code: 'RUN apt-get -o Acquire::Retries=3 -y install python\n',
    },
  ],
  invalid: [
    {
      name: 'a y inside an -o value is not -y',
      code: 'FROM debian:12\nRUN apt-get install -oDebug::pkgProblemResolver=yes curl\n',
      errors: [{ messageId: 'missingYes', line: 2, column: 5 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 2,
          column: 23,
          message:
            '`apt-get install` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'a single -q is not enough',
      code: 'RUN apt-get install -q python\n',
      errors: [{ messageId: 'missingYes', line: 1, column: 5, endColumn: 30 }],
    },
    {
      name: 'a single --quiet is not enough',
      code: 'RUN apt-get install --quiet python\n',
      errors: [{ messageId: 'missingYes', line: 1 }],
    },
    {
      name: 'DEBIAN_FRONTEND does not answer the prompt',
      code: 'RUN DEBIAN_FRONTEND=noninteractive apt-get install python\n',
      errors: [{ messageId: 'missingYes', line: 1 }],
    },
    {
      name: 'apt-get upgrade and apt remove',
      code: 'RUN apt-get upgrade && apt remove python\n',
      errors: [
        {
          messageId: 'missingYes',
          line: 1,
          column: 5,
          message:
            '`apt-get upgrade` stops at a confirmation prompt, which fails the build; add `-y`',
        },
        {
          messageId: 'missingYes',
          line: 1,
          column: 24,
          message: '`apt remove` stops at a confirmation prompt, which fails the build; add `-y`',
        },
      ],
    },
    {
      name: 'Assume-Yes set in a later RUN',
      code: 'FROM debian:12\nRUN apt-get install python\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\n',
      errors: [{ messageId: 'missingYes', line: 2 }],
    },
    {
      name: 'Assume-Yes set in an unrelated stage',
      code: 'FROM debian:12 AS a\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM debian:12\nRUN apt-get install python\n',
      errors: [{ messageId: 'missingYes', line: 4 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN apt-get install python\n',
      errors: [{ messageId: 'missingYes', line: 1, column: 13 }],
    },
  ],
});
