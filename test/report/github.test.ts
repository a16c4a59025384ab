import { expect, it } from 'vitest';
import { formatGithub } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

it('prints one workflow command per finding, escaped', async () => {
  const lines = formatGithub(await reportInput()).split('\n');
  expect(lines[0]).toBe(
    '::warning file=app/Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=pin-base-image-tag (DL3006)::base image `debian` has no tag, so it means `latest`; pin a version (`debian:<version>`) or a digest',
  );
  expect(lines[2]).toBe(
    '::notice file=app/Dockerfile,line=3,col=5,endLine=3,endColumn=19,title=apt-lists-cleanup (DL3009)::`apt-get update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists',
  );
  expect(
    lines[4]?.startsWith(
      '::error file=broken.Dockerfile,line=2,col=1,endLine=2,endColumn=5,title=parse-error (DL1000)::unknown instruction',
    ),
  ).toBe(true);
  expect(lines).toHaveLength(6);
});
