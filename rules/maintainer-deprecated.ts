import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'maintainer-deprecated',
    severity: 'error',
    hadolint: 'DL4000',
    docs: {
      summary: 'The deprecated MAINTAINER instruction is used.',
      rationale:
        'MAINTAINER has been deprecated since Docker 1.13; tools read the author from the ' +
        '`org.opencontainers.image.authors` label instead.',
      bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    messages: {
      deprecated:
        'MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="{{author}}"` instead',
    },
  },
  check(model, report) {
    for (const maintainer of model.find('MAINTAINER')) {
      const author = maintainer.argsText.replace(/"/g, '\\"');
      report({
        messageId: 'deprecated',
        at: maintainer,
        data: { author },
        fix: `LABEL org.opencontainers.image.authors="${author}"`,
      });
    }
  },
});
