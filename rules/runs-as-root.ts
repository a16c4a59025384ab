import type { ImageAnalysis } from '../src/analysis/types.js';
import { defineImageRule } from '../src/lint/rule.js';

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'runs-as-root',
    severity: 'warning',
    hadolint: null,
    docs: {
      summary: "The image's processes run as root: its config has no user, or `root`/`0`.",
      rationale:
        'A container that runs as root turns any bug in the application into root inside the ' +
        'container, and a container escape into root on the host unless user namespaces are on. ' +
        "This checks the built image's config (`User`), which is what a runtime uses, so it " +
        'also catches a USER set in an earlier stage only or reset by a base image. `root`, `0`, ' +
        '`root:<group>`, `0:<gid>` and an empty user all mean uid 0. A named user like `app` is ' +
        'taken as non-root (its uid lives in /etc/passwd, whose contents layerlint does not read). ' +
        'Windows images are skipped (their users are not uids). Many base images run as root on ' +
        'purpose; the images built on them should not.',
      bad: 'FROM debian:12\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
      good: 'FROM debian:12\nRUN useradd --system --uid 10001 app\nCOPY app /usr/local/bin/app\nUSER app\nCMD ["app"]\n',
    },
    messages: {
      noUser:
        'The image sets no user, so its processes run as root; create an unprivileged user and end the Dockerfile with `USER <name>` (e.g. `RUN useradd --system --uid 10001 app` … `USER app`)',
      rootUser:
        'The image runs as `{{user}}`, which is root; switch to an unprivileged user with `USER <name>` after creating it (e.g. `RUN useradd --system --uid 10001 app` … `USER app`)',
    },
  },
  check(analysis, report) {
    if (analysis.image.os === 'windows') return;
    const user = analysis.image.user.trim();
    if (user === '') {
      report({ messageId: 'noUser', layer: null });
    } else if (isRoot(user)) {
      report({ messageId: 'rootUser', layer: null, data: { user } });
    }
  },
});

/** `root`, `0`, `00`, `root:staff`, `0:0`: the user part names uid 0. */
function isRoot(user: ImageAnalysis['image']['user']): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}
