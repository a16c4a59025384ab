// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/parse-error.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN echo ok\n',
    { name: 'closed heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\necho ok\nEOF\n' },
    { name: 'global ARG before FROM', code: 'ARG V=1\nFROM alpine:${V}\n' },
    { name: 'HEALTHCHECK NONE', code: 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUNN apk add curl\n',
      errors: [
        {
          messageId: 'problem',
          line: 2,
          column: 1,
          endColumn: 5,
          message:
            'unknown instruction `RUNN`; expected one of FROM, RUN, COPY, ADD, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, ONBUILD, MAINTAINER, STOPSIGNAL, VOLUME',
        },
      ],
    },
    {
      name: 'unclosed heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho never closed\n',
      errors: [
        {
          messageId: 'problem',
          line: 2,
          message: 'the heredoc `<<EOF` is never closed; end it with a line `EOF`',
        },
      ],
    },
    {
      name: 'instruction without arguments',
      code: 'FROM alpine:3.20\nWORKDIR\n',
      errors: [
        {
          messageId: 'problem',
          line: 2,
          message: '`WORKDIR` has no arguments; give it what it needs or remove the line',
        },
      ],
    },
    {
      name: 'empty file',
      code: '# just a comment\n',
      errors: [
        {
          messageId: 'problem',
          line: 1,
          message: 'the file has no instructions; a Dockerfile needs at least a FROM',
        },
      ],
    },
    {
      name: 'no FROM',
      code: 'RUN echo hi\n',
      errors: [
        {
          messageId: 'problem',
          line: 1,
          message: 'the file has no FROM instruction; start the first stage with FROM',
        },
      ],
    },
  ],
});
