// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'instruction-order',
    severity: 'error',
    hadolint: 'DL3061',
    docs: {
      summary: 'An instruction other than `ARG` comes before the first `FROM`.',
      rationale:
        'A Dockerfile must start with `FROM`, optionally preceded by `ARG`s (used in `FROM`), parser ' +
        'directives and comments; anything else before the first `FROM` is a build error ("no build ' +
        'stage in current context"). Only the first offending instruction is reported: moving it ' +
        'usually means moving the lines around it too.',
      bad: 'LABEL org.opencontainers.image.title=app\nFROM debian:12\n',
      good: 'ARG DEBIAN_TAG=12\nFROM debian:${DEBIAN_TAG}\nLABEL org.opencontainers.image.title=app\n',
    },
    messages: {
      beforeFrom:
        '`{{keyword}}` comes before the first `FROM`; only `ARG` may precede it, so move this after `FROM`',
      noFrom:
        '`{{keyword}}` is not in any stage: this Dockerfile has no `FROM`; start it with `FROM <image>`',
    },
  },
  check(model, report) {
    const first = model.instructions.find((i) => i.stageIndex === -1 && i.keyword !== 'ARG');
    if (!first) return;
    report({
      messageId: model.stages.length === 0 ? 'noFrom' : 'beforeFrom',
      at: first.keywordRange,
      data: { keyword: first.keyword },
    });
  },
});
