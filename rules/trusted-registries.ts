import { externalImages } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'trusted-registries',
    severity: 'error',
    hadolint: 'DL3026',
    docs: {
      summary: 'An image comes from a registry that is not in `trustedRegistries`.',
      rationale:
        'Organisations often allow images only from registries they control or vet. The rule is off ' +
        'until `trustedRegistries` lists at least one pattern: an exact host (`ghcr.io`), `*.suffix`, ' +
        '`prefix*`, or `*`. It checks `FROM`, `COPY --from=<image>` and `RUN --mount=…,from=<image>`; ' +
        'earlier stage names and `scratch` are not images. An image without a registry comes from ' +
        'Docker Hub, which matches `docker.io`, `index.docker.io`, `registry-1.docker.io` or ' +
        '`hub.docker.com`. Unlike hadolint, global ARG defaults are resolved first, and a reference ' +
        'that still holds a variable is skipped (we cannot know the registry).',
      bad: 'FROM quay.io/acme/app:1.2\n',
      good: 'FROM ghcr.io/acme/app:1.2\n',
      options: { trustedRegistries: ['ghcr.io'] },
    },
    messages: {
      untrusted:
        '`{{image}}` comes from `{{registry}}`, which is not a trusted registry ({{trusted}}); use an image from a trusted registry',
    },
    options: { trustedRegistries: [] as readonly string[] },
  },
  check(model, report, options) {
    const trusted = options.trustedRegistries;
    if (trusted.length === 0) return;
    for (const ref of externalImages(model)) {
      const registry = ref.image.registry?.toLowerCase() ?? 'docker.io';
      if (isTrusted(registry, trusted)) continue;
      report({
        messageId: 'untrusted',
        at: ref.at,
        data: { image: ref.image.resolved, registry, trusted: trusted.join(', ') },
      });
    }
  },
});

const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'];

function isTrusted(registry: string, patterns: readonly string[]): boolean {
  const names = DOCKER_HUB.includes(registry) ? DOCKER_HUB : [registry];
  return patterns.some((p) => names.some((name) => matchesPattern(name, p.toLowerCase())));
}

function matchesPattern(registry: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}
