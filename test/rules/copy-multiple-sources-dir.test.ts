// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/copy-multiple-sources-dir.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'COPY a b /app/\n',
    { name: 'one source', code: 'COPY package.json /app\n' },
    {
      name: 'dot destination (hadolint flags it)',
      code: 'FROM node:22\nCOPY package.json package-lock.json .\n',
    },
    { name: 'variable destination', code: 'COPY a b ${DEST}\n' },
    { name: 'JSON form', code: 'COPY ["a", "b", "/app/"]\n' },
    { name: 'Windows directory', code: 'COPY a b C:\\\\app\\\\\n' },
    {
      name: 'global pragma',
      code: '# hadolint global ignore = DL3023 , DL3021\nFROM node as foo\nCOPY --from=foo bar baz /x\n',
    },
  ],
  invalid: [
    {
      code: 'COPY package.json package-lock.json /app\n',
      errors: [
        {
          messageId: 'notDir',
          line: 1,
          column: 37,
          endColumn: 41,
          message: '`COPY` has 2 sources, so `/app` must be a directory; end it with `/` (`/app/`)',
        },
      ],
    },
    { name: 'ADD', code: 'ADD a.tar b.tar /opt\n', errors: [{ messageId: 'notDir', line: 1 }] },
    {
      name: 'with --from',
      code: 'FROM node as foo\nCOPY --from=foo bar baz /x\n',
      errors: [{ messageId: 'notDir', line: 2 }],
    },
  ],
});
