import rule from '../../rules/add-extracts-archive.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    { name: 'not extracted', code: 'FROM debian:12\nCOPY app.tar.gz /srv/downloads/\n' },
    {
      name: 'zip (ADD would not unpack it)',
      code: 'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n',
    },
    {
      name: 'another archive is extracted',
      code: 'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz\n',
    },
    {
      name: 'tar creates, not extracts',
      code: 'FROM debian:12\nCOPY a.tar /tmp/\nRUN tar -cf /tmp/out.tar /tmp/a.tar\n',
    },
    {
      name: 'bind mount',
      code: 'FROM debian:12\nRUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt\n',
    },
    {
      name: 'from another stage',
      code: 'FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a /app.tar /tmp/\nRUN tar -xf /tmp/app.tar\n',
    },
    {
      name: 'extracted in another stage',
      code: 'FROM debian:12\nCOPY app.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/app.tar\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
      errors: [
        {
          messageId: 'useAdd',
          line: 2,
          column: 6,
          endColumn: 16,
          message:
            '`app.tar.gz` is copied and then unpacked on line 3, so the archive stays in this layer; use `ADD app.tar.gz <dir>/` (it unpacks tar archives) or a bind mount',
        },
      ],
    },
    {
      name: 'old-style tar options',
      code: 'FROM debian:12\nCOPY dist/site.tgz /tmp/\nRUN cd /srv && tar xzf /tmp/site.tgz\n',
      errors: [{ messageId: 'useAdd', line: 2 }],
    },
    {
      name: 'long option',
      code: 'FROM debian:12\nCOPY a.tar.xz /tmp/\nRUN tar --extract --file=/tmp/a.tar.xz\n',
      errors: [{ messageId: 'useAdd', line: 2 }],
    },
  ],
});
