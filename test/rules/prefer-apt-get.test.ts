import rule from '../../rules/prefer-apt-get.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    { name: 'apt-cache', code: 'RUN apt-cache policy curl\n' },
    { name: 'apt as an argument', code: 'RUN echo apt install curl\n' },
    { name: 'apt-key and apt-mark', code: 'RUN apt-mark hold curl && apt-key list\n' },
    { name: 'a path ending in apt', code: 'RUN ls /etc/apt\n' },
  ],
  invalid: [
    {
      name: 'the value of -a is not the subcommand',
      code: 'FROM debian:12\nRUN apt -a arm64 install -y libc6\n',
      errors: [
        {
          messageId: 'useAptGet',
          line: 2,
          message:
            '`apt` has no stable command-line interface for scripts; use `apt-get install` instead of `apt install`',
        },
      ],
    },
    {
      code: 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
      errors: [
        {
          messageId: 'useAptGet',
          line: 2,
          column: 5,
          endColumn: 15,
          message:
            '`apt` has no stable command-line interface for scripts; use `apt-get update` instead of `apt update`',
        },
        {
          messageId: 'useAptGet',
          line: 2,
          column: 19,
          message:
            '`apt` has no stable command-line interface for scripts; use `apt-get install` instead of `apt install`',
        },
      ],
    },
    {
      name: 'apt search is apt-cache',
      code: 'RUN apt search curl\n',
      errors: [
        {
          messageId: 'useAptGet',
          line: 1,
          message:
            '`apt` has no stable command-line interface for scripts; use `apt-cache search` instead of `apt search`',
        },
      ],
    },
    {
      name: 'option value before the verb',
      code: 'RUN apt -o Acquire::Retries=3 -y upgrade\n',
      errors: [
        {
          messageId: 'useAptGet',
          line: 1,
          message:
            '`apt` has no stable command-line interface for scripts; use `apt-get upgrade` instead of `apt upgrade`',
        },
      ],
    },
    {
      name: 'full path',
      code: 'RUN /usr/bin/apt install -y curl\n',
      errors: [{ messageId: 'useAptGet', line: 1, column: 5 }],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN apt install -y curl\n',
      errors: [{ messageId: 'useAptGet', line: 1, column: 13 }],
    },
  ],
});
