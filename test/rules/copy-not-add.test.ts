// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/copy-not-add.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'ADD file.bz2 /usr/src/app/\n',
    { name: 'xz', code: 'ADD file.xz /usr/src/app/\n' },
    { name: 'tgz', code: 'ADD file.tgz /usr/src/app/\n' },
    { name: 'tar.gz', code: 'ADD rootfs.tar.gz /\n' },
    { name: 'URL', code: 'ADD https://example.com/a.txt /a.txt\n' },
    { name: 'git URL', code: 'ADD git@github.com:moby/buildkit.git /src\n' },
    { name: 'variable', code: 'ADD ${ARCHIVE} /opt/\n' },
    { name: 'COPY', code: 'COPY file /usr/src/app/\n' },
    { name: 'one archive among files', code: 'ADD app.tar.gz config.json /opt/\n' },
    { name: 'JSON form archive', code: 'ADD ["rootfs.tar.xz", "/"]\n' },
  ],
  invalid: [
    {
      code: 'ADD file /usr/src/app/\n',
      errors: [
        {
          messageId: 'useCopy',
          line: 1,
          column: 1,
          endColumn: 4,
          message: '`ADD file` copies a plain file; use `COPY`, which does only that',
        },
      ],
    },
    {
      name: 'zip is not unpacked',
      code: 'FROM debian:12\nADD --chown=app:app dist.zip /srv/\n',
      errors: [{ messageId: 'useCopy', line: 2 }],
    },
    {
      name: 'several plain files, lower case',
      code: 'add a.txt b.txt /srv/\n',
      errors: [
        {
          messageId: 'useCopy',
          line: 1,
          message: '`ADD a.txt b.txt` copies a plain file; use `COPY`, which does only that',
        },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'ONBUILD ADD . /app/src\n',
      errors: [{ messageId: 'useCopy', line: 1, column: 9 }],
    },
  ],
});
