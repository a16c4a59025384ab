import type { DockerfileModel, Stage } from '../src/dockerfile/index.js';
import { baseStages, is } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-required',
    severity: 'info',
    hadolint: 'DL3049',
    docs: {
      summary: 'The final image lacks a label the label schema requires.',
      rationale:
        'Every label listed in `label-schema` must be set on the image the build produces: the last ' +
        'stage, together with the stages it builds on through `FROM <stage>`. Unlike hadolint, build ' +
        'stages that only feed `COPY --from` are not required to carry the labels, since their labels ' +
        'never reach an image. Labels inherited from an external base image cannot be seen here. Off ' +
        'when there is no schema.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.title=app\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.title=app org.opencontainers.image.source=https://github.com/acme/app\n',
      options: {
        labelSchema: {
          'org.opencontainers.image.title': 'text',
          'org.opencontainers.image.source': 'url',
        },
      },
    },
    messages: {
      missing:
        'the final image has no `{{key}}` label, which the label schema requires; add `LABEL {{key}}=…` to this stage',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    const last = model.stages.at(-1);
    if (!last) return;
    const present = labelKeys(model, last);
    for (const key of Object.keys(options.labelSchema)) {
      if (!present.has(key)) report({ messageId: 'missing', at: last.from, data: { key } });
    }
  },
});

/** Label keys set in the stage and the earlier stages it builds on. */
function labelKeys(model: DockerfileModel, stage: Stage): Set<string> {
  const labels = [stage, ...baseStages(model, stage)]
    .flatMap((s) => s.instructions)
    .flatMap((i) => (is(i, 'LABEL') ? i.pairs : []));
  return new Set(labels.map((pair) => pair.key));
}
