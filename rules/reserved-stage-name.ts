import { defineRule } from '../src/lint/rule.js';

/** Names BuildKit gives a meaning of its own (`FROM scratch`, the `context` build context). */
const RESERVED = ['scratch', 'context'];

export default defineRule({
  meta: {
    id: 'reserved-stage-name',
    severity: 'warning',
    hadolint: 'DL3063',
    docs: {
      summary: 'A stage is named with a reserved word (`scratch`, `context`).',
      rationale:
        '`FROM scratch` always means the empty image and `context` names the build context, so a ' +
        'stage called either cannot be referenced the way its author expects (BuildKit: ' +
        'ReservedStageName). Names compare case-insensitively, as BuildKit does.',
      bad: 'FROM golang:1.22 AS scratch\n',
      good: 'FROM golang:1.22 AS build\n',
    },
    messages: {
      reserved: 'stage name `{{name}}` is reserved ({{meaning}}); pick another name',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const range = stage.from.stageNameRange;
      const name = stage.name;
      if (name === null || range === null) continue;
      const lower = name.toLowerCase();
      if (RESERVED.includes(lower)) {
        const meaning =
          lower === 'scratch'
            ? '`FROM scratch` is the empty image'
            : '`context` is the build context';
        report({ messageId: 'reserved', at: range, data: { name, meaning } });
      }
    }
  },
});
