import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'single-cmd',
    severity: 'warning',
    hadolint: 'DL4003',
    docs: {
      summary: 'A stage has more than one `CMD`.',
      rationale:
        'Only the last `CMD` of a stage takes effect, so an earlier one is dead text that misleads readers. ' +
        'The earlier ones are reported, since they are the ones to delete. Each stage is checked on ' +
        'its own (a later stage may set its own); `ONBUILD CMD` is a trigger for another build and ' +
        'is not counted.',
      bad: 'FROM nginx:1.27\nCMD ["nginx"]\nCMD ["nginx", "-g", "daemon off;"]\n',
      good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
    messages: {
      overridden:
        'this `CMD` has no effect: the `CMD` on line {{line}} replaces it; remove this one',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const found = stage.instructions.filter((i) => i.keyword === 'CMD');
      const last = found.at(-1);
      if (!last) continue;
      for (const earlier of found.slice(0, -1)) {
        report({ messageId: 'overridden', at: earlier, data: { line: last.range.start.line } });
      }
    }
  },
});
