import { defineImageRule } from '../src/lint/rule.js';
import { describeLayer, formatBytes } from './helpers/image.js';

export default defineImageRule({
  meta: {
    kind: 'image',
    id: 'commit-built-layer',
    severity: 'warning',
    hadolint: null,
    docs: {
      summary: 'A layer was made by `docker commit` or `buildah commit`, not by a build step.',
      rationale:
        'A committed layer holds whatever a shell session left behind: nobody can rebuild it, ' +
        'review how it was made, or patch it when a base image or package gets a security fix. ' +
        'The history says only `/bin/sh` (or nothing), so layerlint cannot tie its bytes to a ' +
        'Dockerfile line either. Detection uses only strong signals from the image history ' +
        '(a bare interactive shell as `created_by`, a commit message, a containerd-store layer ' +
        'without `created_by`); every reason found is named in the message. Fix: write the ' +
        'commands you ran in the container as RUN steps in a Dockerfile and build the image.',
      bad:
        'docker run -it --name work debian:12 bash   # apt-get install …, edit files, exit\n' +
        'docker commit work myimage:1\n',
      good:
        'FROM debian:12\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n' +
        'COPY app.conf /etc/app/app.conf\n',
    },
    messages: {
      committed:
        '{{layer}} was made by `docker commit`/`buildah commit` ({{reasons}}), not by a build step: its {{size}} cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`',
    },
  },
  check(analysis, report) {
    for (const layer of analysis.layers) {
      if (!layer.commitBuilt) continue;
      report({
        messageId: 'committed',
        layer: layer.index,
        data: {
          layer: describeLayer(layer),
          reasons: layer.commitReasons.join('; '),
          size: formatBytes(layer.sizeBytes),
          bytes: layer.sizeBytes,
        },
      });
    }
  },
});
