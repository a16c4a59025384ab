import rule from '../../rules/consecutive-run.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:10\n',
    { name: 'separated by WORKDIR', code: 'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n' },
    {
      name: 'different mount flags',
      code: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    },
    { name: 'first chains with &&', code: 'RUN foo && bar\nRUN foobar\n' },
    { name: 'second chains with &&', code: 'RUN foobar\nRUN foo && bar\n' },
    { name: 'second chains with ;', code: 'RUN foobar\nRUN foo; bar\n' },
    { name: 'both chain', code: 'RUN foo && bar\nRUN foo; bar\n' },
    { name: 'a pipe is two commands', code: 'RUN foobar\nRUN foo | bar\n' },
    { name: 'heredoc RUNs', code: 'RUN <<EOF\nfoo\nEOF\nRUN <<EOF\nbar\nEOF\n' },
    { name: 'across stages', code: 'FROM a:1\nRUN foo\nFROM b:1\nRUN bar\n' },
  ],
  invalid: [
    {
      code: 'RUN /foo.sh\nRUN /bar.sh\n',
      errors: [
        {
          messageId: 'consecutive',
          line: 2,
          column: 1,
          message:
            'this RUN follows another single-command RUN (line 1); join them with `&&` to make one layer',
        },
      ],
    },
    {
      name: 'a comment does not separate',
      code: 'RUN /foo.sh\n# a comment\nRUN /bar.sh\n',
      errors: [{ messageId: 'consecutive', line: 3 }],
    },
    {
      name: 'equal flags',
      code: 'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
      errors: [{ messageId: 'consecutive', line: 2 }],
    },
    {
      name: 'third single command after a chained one',
      code: 'RUN foo && bar\nRUN foo\nRUN bar\n',
      errors: [{ messageId: 'consecutive', line: 3 }],
    },
    {
      name: 'exec form counts as one command',
      code: 'FROM debian:12\nRUN ["make"]\nRUN make install\n',
      errors: [{ messageId: 'consecutive', line: 3 }],
    },
  ],
});
