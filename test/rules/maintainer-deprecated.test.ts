import rule from '../../rules/maintainer-deprecated.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane@example.com"\n',
    { name: 'the word in a RUN', code: 'FROM alpine:3.20\nRUN echo MAINTAINER\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      errors: [
        {
          messageId: 'deprecated',
          line: 2,
          column: 1,
          message:
            'MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"` instead',
        },
      ],
    },
    {
      name: 'lower-case keyword',
      code: 'FROM alpine:3.20\nmaintainer "Jane"\n',
      errors: [{ messageId: 'deprecated', line: 2 }],
    },
  ],
});
