import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'single-healthcheck',
    severity: 'error',
    hadolint: 'DL3012',
    docs: {
      summary: 'A stage has more than one `HEALTHCHECK`.',
      rationale:
        'Only the last `HEALTHCHECK` of a stage takes effect (`HEALTHCHECK NONE` included), so an earlier one is dead text that misleads readers. ' +
        'The earlier ones are reported, since they are the ones to delete. Each stage is checked on ' +
        'its own (a later stage may set its own); `ONBUILD HEALTHCHECK` is a trigger for another build and ' +
        'is not counted.',
      bad: 'FROM nginx:1.27\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
      good: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    },
    messages: {
      overridden:
        'this `HEALTHCHECK` has no effect: the `HEALTHCHECK` on line {{line}} replaces it; remove this one',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const found = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      const last = found.at(-1);
      if (!last) continue;
      for (const earlier of found.slice(0, -1)) {
        report({ messageId: 'overridden', at: earlier, data: { line: last.range.start.line } });
      }
    }
  },
});
