import { describe, expect, it } from 'vitest';
import { formatTty } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

describe('tty', () => {
  it('groups by file with code frames and a summary, no colour when asked not to', async () => {
    const input = await reportInput(false);
    const first = input.results[0];
    const out = formatTty({ ...input, results: first ? [first] : [] });
    expect(out).toBe(
      [
        'app/Dockerfile',
        '  1:6     warning base image `debian` has no tag, so it means `latest`; pin a version (`debian:<version>`) or a digest  pin-base-image-tag (DL3006)',
        '    > 1 | FROM debian',
        '        |      ^^^^^^',
        '  2:1     error   MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"` instead  maintainer-deprecated (DL4000)',
        '      1 | FROM debian',
        '    > 2 | MAINTAINER Jane <jane@example.com>',
        '        | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  3:5     info    `apt-get update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists  apt-lists-cleanup (DL3009)',
        '      2 | MAINTAINER Jane <jane@example.com>',
        '    > 3 | RUN apt-get update && apt-get install -y curl',
        '        |     ^^^^^^^^^^^^^^',
        '  4:1     error   WORKDIR `app` is relative; use an absolute path such as `/app`  workdir-absolute (DL3000)',
        '      3 | RUN apt-get update && apt-get install -y curl',
        '    > 4 | WORKDIR app',
        '        | ^^^^^^^^^^^',
        '',
        '✖ 4 problems (2 errors, 1 warning, 1 info) in 1 of 1 file',
        '',
      ].join('\n'),
    );
  });

  it('colours severities only when colour is on, and says so when all is clean', async () => {
    const input = await reportInput(true);
    const coloured = formatTty(input);
    expect(coloured).toContain('\u001b[31merror');
    expect(coloured).toContain('5 problems (3 errors, 1 warning, 1 info) in 2 of 3 files');
    expect(formatTty({ ...input, color: false, results: input.results.slice(1, 2) })).toBe(
      '✔ no problems in 1 file\n',
    );
  });
});
