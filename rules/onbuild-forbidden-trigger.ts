import { defineRule } from '../src/lint/rule.js';

const FORBIDDEN = ['ONBUILD', 'FROM', 'MAINTAINER'];

export default defineRule({
  meta: {
    id: 'onbuild-forbidden-trigger',
    severity: 'error',
    hadolint: 'DL3043',
    docs: {
      summary: '`ONBUILD` wraps `ONBUILD`, `FROM` or `MAINTAINER`.',
      rationale:
        'Docker does not allow `ONBUILD ONBUILD`, `ONBUILD FROM` or `ONBUILD MAINTAINER`: the build ' +
        'fails when the trigger is added (or, for `MAINTAINER`, it is deprecated anyway). Put the ' +
        'instruction in the child Dockerfile, or use `ONBUILD LABEL` for metadata.',
      bad: 'FROM node:22\nONBUILD FROM node:22\n',
      good: 'FROM node:22\nONBUILD COPY . /app/\n',
    },
    messages: {
      forbidden:
        '`ONBUILD {{keyword}}` is not allowed; move the `{{keyword}}` into the Dockerfile that builds on this image',
    },
  },
  check(model, report) {
    for (const onbuild of model.find('ONBUILD')) {
      const trigger = onbuild.trigger;
      if (trigger && FORBIDDEN.includes(trigger.keyword)) {
        report({
          messageId: 'forbidden',
          at: trigger.keywordRange,
          data: { keyword: trigger.keyword },
        });
      }
    }
  },
});
