import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'single-entrypoint',
    severity: 'error',
    hadolint: 'DL4004',
    docs: {
      summary: 'A stage has more than one `ENTRYPOINT`.',
      rationale:
        'Only the last `ENTRYPOINT` of a stage takes effect, so an earlier one is dead text that misleads readers. ' +
        'The earlier ones are reported, since they are the ones to delete. Each stage is checked on ' +
        'its own (a later stage may set its own); `ONBUILD ENTRYPOINT` is a trigger for another build and ' +
        'is not counted.',
      bad: 'FROM debian:12\nENTRYPOINT ["/bin/app"]\nENTRYPOINT ["/docker-entrypoint.sh"]\n',
      good: 'FROM debian:12\nENTRYPOINT ["/docker-entrypoint.sh"]\n',
    },
    messages: {
      overridden:
        'this `ENTRYPOINT` has no effect: the `ENTRYPOINT` on line {{line}} replaces it; remove this one',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const found = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
      const last = found.at(-1);
      if (!last) continue;
      for (const earlier of found.slice(0, -1)) {
        report({ messageId: 'overridden', at: earlier, data: { line: last.range.start.line } });
      }
    }
  },
});
