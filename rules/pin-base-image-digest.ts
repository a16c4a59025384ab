import { externalImages } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'pin-base-image-digest',
    severity: 'info',
    hadolint: null,
    docs: {
      summary: 'An image is pinned by tag but not by digest.',
      rationale:
        'A tag is a movable pointer: publishers re-push `debian:12` with every point release, so the ' +
        'same Dockerfile builds different images over time. A digest (`debian:12@sha256:…`) names ' +
        'exactly one image; keep the tag beside it for readers and let a bot (Renovate, Dependabot) ' +
        'bump both. Off by default because it needs tooling to keep digests fresh. Checks FROM, ' +
        '`COPY --from=<image>` and `RUN --mount=…,from=<image>`; stage names, `scratch` and ' +
        'references that still hold a variable are skipped. hadolint has no such rule.',
      bad: 'FROM debian:12\n',
      good: 'FROM debian:12@sha256:3f1d6c17773a45c97bd8f158d665c9709d7b29ed7917ac934086ad96f92e4510\n',
    },
    messages: {
      noDigest:
        '`{{image}}` is not pinned by digest, so it can change under the same tag; append `@sha256:<digest>` (e.g. from `docker buildx imagetools inspect {{image}}`)',
    },
    enabledByDefault: false,
  },
  check(model, report) {
    for (const ref of externalImages(model)) {
      if (ref.image.digest === null) {
        report({ messageId: 'noDigest', at: ref.at, data: { image: ref.image.resolved } });
      }
    }
  },
});
