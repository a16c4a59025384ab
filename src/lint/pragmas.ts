/**
 * Inline ignore pragmas:
 *   # layerlint ignore=RULE,…          the next instruction (comment lines may sit between)
 *   # hadolint ignore=DLxxxx,…         same, for migrating users
 *   # layerlint global ignore=RULE,…   the whole file (hadolint form too)
 *   # layerlint stage ignore=RULE,…    directly above a FROM: that stage (hadolint 2.15 form too)
 * Free text may follow after another `#`.
 */
import type { Comment, DockerfileModel } from '../dockerfile/types.js';

export type PragmaScope = 'next' | 'global' | 'stage';

export interface Pragma {
  readonly scope: PragmaScope;
  /** The names as written (rule ids, DL or SC codes). */
  readonly names: readonly string[];
  readonly line: number;
  /** For `next`: the top-level instruction index it covers; for `stage`: the stage index. -1 if none. */
  readonly target: number;
}

const PRAGMA = /^(?:hadolint|layerlint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([^#]*?)\s*(?:#.*)?$/i;

/** Parses one comment's text (after `#`); null if it is not an ignore pragma. */
export function parsePragmaText(text: string): { scope: PragmaScope; names: string[] } | null {
  const match = PRAGMA.exec(text.trim());
  if (!match) return null;
  const names = (match[2] ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) return null;
  const scope = (match[1]?.toLowerCase() as 'global' | 'stage' | undefined) ?? 'next';
  return { scope, names };
}

/** Every ignore pragma in the file, with what it covers. */
export function findPragmas(model: DockerfileModel): Pragma[] {
  const commentLines = new Set(model.comments.map((c) => c.line));
  const pragmas: Pragma[] = [];
  for (const comment of model.comments) {
    const parsed = parsePragmaText(comment.text);
    if (!parsed) continue;
    pragmas.push({
      ...parsed,
      line: comment.line,
      target: targetOf(parsed.scope, comment, model, commentLines),
    });
  }
  return pragmas;
}

function targetOf(
  scope: PragmaScope,
  comment: Comment,
  model: DockerfileModel,
  commentLines: ReadonlySet<number>,
): number {
  if (scope === 'global') return -1;
  const next = model.instructions.find((i) => i.range.start.line > comment.line);
  if (!next) return -1;
  for (let line = comment.line + 1; line < next.range.start.line; line++) {
    if (!commentLines.has(line)) return -1;
  }
  if (scope === 'stage') return next.keyword === 'FROM' ? next.stageIndex : -1;
  return next.index;
}
