import type { ImageRef, Stage } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'pin-base-image-tag',
    severity: 'warning',
    hadolint: 'DL3006',
    docs: {
      summary: 'A base image has neither a tag nor a digest.',
      rationale:
        'Without a tag Docker pulls `latest`, which changes under you. A name that refers to an ' +
        'earlier stage (`FROM builder`), `scratch`, and an ARG without a default are not base ' +
        'images to pin; ARG defaults are resolved first.',
      bad: 'FROM debian\n',
      good: 'FROM debian:12.7\n',
    },
    messages: {
      untagged:
        'base image `{{image}}` has no tag, so it means `latest`; pin a version (`{{image}}:<version>`) or a digest',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      if (needsPin(stage)) {
        report({
          messageId: 'untagged',
          at: stage.from.image,
          data: { image: stage.from.image.resolved },
        });
      }
    }
  },
});

function needsPin(stage: Stage): boolean {
  const image = stage.from.image;
  if (stage.baseStageIndex !== null || stage.from.isScratch) return false;
  if (image.resolved === '' || isUnresolved(image)) return false;
  return image.tag === null && image.digest === null;
}

/** `FROM ${BASE}` with no default: we cannot know the image. */
function isUnresolved(image: ImageRef): boolean {
  return image.hasUnresolvedVariable;
}
