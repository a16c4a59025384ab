import rule from '../../rules/pointless-command.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y vim openssh-client procps\n',
    {
      name: 'ssh-keyscan',
      code: 'FROM debian:12\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n',
    },
    { name: 'word in an argument', code: 'FROM debian:12\nRUN echo top\n' },
    { name: 'command substitution', code: 'FROM debian:12\nRUN echo "$(ps -p 1 -o comm=)"\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN service nginx start\n',
      errors: [
        {
          messageId: 'pointless',
          line: 2,
          column: 5,
          endColumn: 24,
          message:
            '`service` does nothing useful in a build step (no terminal, no running services, the container is thrown away); remove it or move it to CMD/ENTRYPOINT',
        },
      ],
    },
    {
      name: 'several',
      code: 'FROM debian:12\nRUN make && ps aux && /sbin/shutdown -h now\n',
      errors: [
        { messageId: 'pointless', line: 2, column: 13 },
        { messageId: 'pointless', line: 2, column: 23 },
      ],
    },
  ],
});
