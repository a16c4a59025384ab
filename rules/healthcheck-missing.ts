import type { DockerfileModel, Stage } from '../src/dockerfile/index.js';
import { baseStages } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'healthcheck-missing',
    severity: 'info',
    hadolint: 'DL3057',
    docs: {
      summary: 'The final image has no `HEALTHCHECK`.',
      rationale:
        'Without a health check Docker (and Swarm, Compose `depends_on: condition: service_healthy`) ' +
        'only knows that the process is running, not that it serves. The final stage and the stages ' +
        'it builds on are searched; `HEALTHCHECK NONE` counts as a deliberate choice. Off by default ' +
        '(as in hadolint): the base image may define one, orchestrators such as Kubernetes ignore ' +
        'it, and many images are not services.',
      bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      good: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]\n',
    },
    messages: {
      missing:
        'the final image has no `HEALTHCHECK`; add one (e.g. `HEALTHCHECK CMD ["curl", "-fsS", "http://localhost/"]`) or `HEALTHCHECK NONE` to say it has none',
    },
    enabledByDefault: false,
  },
  check(model, report) {
    const last = model.stages.at(-1);
    if (last && !hasHealthcheck(model, last)) report({ messageId: 'missing', at: last.from });
  },
});

function hasHealthcheck(model: DockerfileModel, stage: Stage): boolean {
  return [stage, ...baseStages(model, stage)].some((s) =>
    s.instructions.some((i) => i.keyword === 'HEALTHCHECK'),
  );
}
