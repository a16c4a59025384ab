// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'no-latest-tag',
    severity: 'warning',
    hadolint: 'DL3007',
    docs: {
      summary: 'A base image uses the `latest` tag.',
      rationale:
        '`latest` moves whenever the publisher pushes, so the same Dockerfile builds a different ' +
        'image from one day to the next. Pin a release tag, or a digest for full reproducibility. ' +
        'Global ARG defaults are resolved, so `ARG TAG=latest` + `FROM debian:${TAG}` is caught too.',
      bad: 'FROM debian:latest\n',
      good: 'FROM debian:12.7\n',
    },
    messages: {
      latest:
        '`{{image}}` follows whatever upstream pushes next; pin a release tag (e.g. `{{name}}:<version>`) or a digest',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const image = stage.from.image;
      if (image.tag === 'latest' && image.digest === null) {
        report({
          messageId: 'latest',
          at: image,
          data: { image: image.resolved, name: image.name },
        });
      }
    }
  },
});
