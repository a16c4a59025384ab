import type { Stage } from '../src/dockerfile/index.js';
import { sameStageName } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'unique-stage-names',
    severity: 'error',
    hadolint: 'DL3024',
    docs: {
      summary: 'Two stages have the same name.',
      rationale:
        'BuildKit rejects a Dockerfile whose stage names repeat (DuplicateStageName), and with older ' +
        'builders `COPY --from=<name>` silently picks one of them. Names compare case-insensitively, ' +
        'as BuildKit does (hadolint compares them exactly).',
      bad: 'FROM golang:1.22 AS build\nFROM node:22 AS build\n',
      good: 'FROM golang:1.22 AS build-go\nFROM node:22 AS build-web\n',
    },
    messages: {
      duplicate:
        'stage name `{{name}}` is already used on line {{line}}; give this stage a different name',
    },
  },
  check(model, report) {
    const named: Stage[] = [];
    for (const stage of model.stages) {
      const { name } = stage;
      const range = stage.from.stageNameRange;
      if (name === null || range === null) continue;
      const first = named.find((s) => s.name !== null && sameStageName(s.name, name));
      if (first) {
        report({
          messageId: 'duplicate',
          at: range,
          data: { name, line: first.from.range.start.line },
        });
      } else {
        named.push(stage);
      }
    }
  },
});
