import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    severity: 'error',
    hadolint: 'DL1000',
    docs: {
      summary: 'The Dockerfile has something Docker would refuse to build.',
      rationale:
        'An unknown instruction, an instruction without arguments, an unclosed heredoc or a file ' +
        'without FROM fails `docker build`. Other rules still run on what could be read.',
      bad: 'FROM alpine:3.20\nRUNN apk add --no-cache curl\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    messages: {
      problem: '{{message}}',
    },
  },
  check(model, report) {
    for (const problem of model.parseProblems) {
      report({ messageId: 'problem', at: problem.range, data: { message: problem.message } });
    }
  },
});
