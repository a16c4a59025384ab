import { expect, it } from 'vitest';
import { formatGnu } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

it('prints file:line:col: severity: message [rule]', async () => {
  expect(formatGnu(await reportInput())).toBe(
    [
      'app/Dockerfile:1:6: warning: base image `debian` has no tag, so it means `latest`; pin a version (`debian:<version>`) or a digest [pin-base-image-tag]',
      'app/Dockerfile:2:1: error: MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"` instead [maintainer-deprecated]',
      'app/Dockerfile:3:5: info: `apt-get update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists [apt-lists-cleanup]',
      'app/Dockerfile:4:1: error: WORKDIR `app` is relative; use an absolute path such as `/app` [workdir-absolute]',
      'broken.Dockerfile:2:1: error: unknown instruction `RUNN`; expected one of FROM, RUN, COPY, ADD, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, ONBUILD, MAINTAINER, STOPSIGNAL, VOLUME [parse-error]',
      '',
    ].join('\n'),
  );
});
