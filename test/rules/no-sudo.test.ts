import rule from '../../rules/no-sudo.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'RUN apt-get install sudo\n',
    { name: 'ONBUILD install', code: 'ONBUILD RUN apt-get install sudo\n' },
    { name: 'a word in a string', code: 'RUN echo "use sudo"\n' },
    { name: 'sudoers file', code: 'RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\n' },
  ],
  invalid: [
    {
      code: 'RUN sudo apt-get update\n',
      errors: [
        {
          messageId: 'sudo',
          line: 1,
          column: 5,
          endColumn: 24,
          message:
            '`sudo` is unreliable in a build; run this step as `USER root` (and switch back after), or use `gosu` at run time',
        },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'ONBUILD RUN sudo apt-get update\n',
      errors: [{ messageId: 'sudo', line: 1 }],
    },
    {
      name: 'chained',
      code: 'RUN apt-get update && sudo apt-get install\n',
      errors: [{ messageId: 'sudo', line: 1, column: 23 }],
    },
    {
      name: 'exec form',
      code: 'RUN ["sudo", "make", "install"]\n',
      errors: [{ messageId: 'sudo', line: 1 }],
    },
    {
      name: 'full path',
      code: 'RUN /usr/bin/sudo -u app make\n',
      errors: [{ messageId: 'sudo', line: 1 }],
    },
  ],
});
