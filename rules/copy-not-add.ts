import type { CopyInstruction, Word } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'copy-not-add',
    severity: 'error',
    hadolint: 'DL3020',
    docs: {
      summary: '`ADD` is used for plain local files.',
      rationale:
        '`ADD` also downloads URLs, clones git repositories and unpacks local tar archives, so a ' +
        'reader cannot tell what an `ADD` does without knowing the file. For plain files and ' +
        'directories, `COPY` says exactly that. `ADD` is fine for URLs, git sources and tar ' +
        'archives (`.tar`, `.tar.gz`/`.tgz`, `.bz2`, `.xz`, `.zst`, …). A source that holds a ' +
        'variable is unknown and left alone. `.zip` is not unpacked by `ADD`, so it is flagged. ' +
        'Unlike hadolint, an ADD that also has an archive or URL source is not flagged: COPY could ' +
        'not replace it.',
      bad: 'FROM debian:12\nADD app.py /srv/\n',
      good: 'FROM debian:12\nCOPY app.py /srv/\nADD rootfs.tar.gz /\n',
    },
    messages: {
      useCopy: '`ADD {{source}}` copies a plain file; use `COPY`, which does only that',
    },
  },
  check(model, report) {
    for (const add of model.find('ADD')) {
      const sources = add.sources;
      if (sources.length === 0 || !sources.every(isPlainLocalFile)) continue;
      report({
        messageId: 'useCopy',
        at: add.keywordRange,
        data: { source: sources.map((s) => s.value).join(' ') },
        fix: copyInstead(add),
      });
    }
  },
});

const ARCHIVE =
  /\.(tar|tar\.gz|tgz|taz|tar\.bz2|tbz|tbz2|tb2|bz2|tar\.xz|txz|xz|tar\.zst|tzst|zst|tar\.lz|tlz|lz|lzma|tar\.Z|tZ|Z|gz)$/i;

function isPlainLocalFile(source: Word): boolean {
  const value = source.value.replace(/^["']|["']$/g, '');
  if (value.includes('$') || value.startsWith('<<')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value)) return false;
  return !ARCHIVE.test(value);
}

function copyInstead(add: CopyInstruction): string {
  return `COPY${add.text.slice(add.keywordText.length)}`;
}
