import type { HistoryEntry, ImageConfigInfo } from '../image/types.js';

export interface LayerHistory {
  /** The history entry of the layer itself, when one could be assigned. */
  readonly history: HistoryEntry | undefined;
  /** empty_layer entries between the previous layer's entry and this one's. */
  readonly emptyHistory: readonly HistoryEntry[];
}

export interface HistoryMapping {
  readonly layers: readonly LayerHistory[];
  /** empty_layer entries after the last layer (CMD, ENTRYPOINT… at the end of a build). */
  readonly trailing: readonly HistoryEntry[];
  readonly warning: string | undefined;
}

/**
 * Assigns history to layers: each entry without `empty_layer` consumes the next layer, and the
 * empty ones before it ride along. When the counts disagree (rebased or hand-assembled images),
 * entries are aligned from the bottom, as dive and `docker history` do, and a warning says the
 * commands may belong to other layers.
 */
export function mapHistory(history: readonly HistoryEntry[], layerCount: number): HistoryMapping {
  const layers: { history: HistoryEntry | undefined; emptyHistory: HistoryEntry[] }[] = [];
  let pending: HistoryEntry[] = [];
  let nonEmpty = 0;
  for (const entry of history) {
    if (entry.emptyLayer) {
      pending.push(entry);
      continue;
    }
    nonEmpty++;
    if (layers.length < layerCount) {
      layers.push({ history: entry, emptyHistory: pending });
      pending = [];
    }
  }
  while (layers.length < layerCount) {
    layers.push({ history: undefined, emptyHistory: pending });
    pending = [];
  }
  const warning =
    nonEmpty === layerCount
      ? undefined
      : `history has ${nonEmpty} layer entries for ${layerCount} layers; commands may be attributed to the wrong layers`;
  return { layers, trailing: pending, warning };
}

const BUILDKIT_SUFFIX = / # buildkit(:[^\s]*)?$/;
const ARGS_PREFIX = /^\|(\d+) /;
const SHELL_PREFIXES = ['/bin/sh -c ', '/bin/bash -c ', 'cmd /S /C ', 'powershell -Command '];

/**
 * The instruction behind a history `created_by`, without the builder's wrapping: `/bin/sh -c `,
 * `#(nop) `, `|N ARG=… ` and ` # buildkit` are removed, and a classic-builder shell command
 * becomes `RUN …` so every builder's output reads as a Dockerfile instruction.
 */
export function cleanCommand(createdBy: string): string {
  let s = createdBy.replace(BUILDKIT_SUFFIX, '');
  let isRunKeyword = false;
  if (s.startsWith('RUN ')) {
    isRunKeyword = true;
    s = s.slice(4);
  }
  const args = ARGS_PREFIX.exec(s);
  if (args) {
    // `|2 A=1 B=2 /bin/sh -c …`: drop the count and the N assignments before the shell.
    const shellAt = SHELL_PREFIXES.map((p) => s.indexOf(` ${p}`)).filter((i) => i >= 0);
    if (shellAt.length > 0) {
      s = s.slice(Math.min(...shellAt) + 1);
    } else {
      let rest = s.slice(args[0].length);
      for (let i = 0; i < Number(args[1]); i++) {
        const space = rest.indexOf(' ');
        rest = space < 0 ? '' : rest.slice(space + 1);
      }
      s = rest;
    }
  }
  for (const prefix of SHELL_PREFIXES) {
    if (s.startsWith(prefix)) {
      s = s.slice(prefix.length);
      const nop = /^#\(nop\)\s+/.exec(s);
      if (nop) return s.slice(nop[0].length).trimEnd();
      return `RUN ${s.trim()}`;
    }
  }
  if (isRunKeyword) return `RUN ${s.trim()}`;
  return s.trim();
}

const INTERACTIVE_SHELLS = new Set([
  'sh',
  '/bin/sh',
  'bash',
  '/bin/bash',
  '/usr/bin/bash',
  'ash',
  '/bin/ash',
  'zsh',
  '/bin/zsh',
]);
const BUILDER_COMMENT = /^(buildkit\.|FROM |Imported from|lifecycle )/;

/**
 * Whether a layer was made by `docker commit` / `buildah commit` rather than a build
 * instruction (research/formats.md §3.4). Only strong signals count; each one found is a reason.
 */
export function commitReasons(
  entry: HistoryEntry | undefined,
  config: ImageConfigInfo,
  isTopLayer: boolean,
): string[] {
  if (!entry) return [];
  const reasons: string[] = [];
  const createdBy = (entry.createdBy ?? '').trim();
  const comment = entry.comment ?? '';
  if (INTERACTIVE_SHELLS.has(createdBy)) {
    reasons.push(
      comment.startsWith('FROM ')
        ? `created by a bare shell (${createdBy}) with comment "${comment}": buildah/podman commit`
        : `created by an interactive shell (${createdBy}): docker commit`,
    );
  } else if (
    createdBy === '' &&
    isRealTimestamp(entry.created) &&
    !comment.startsWith('Imported from')
  ) {
    reasons.push('no created_by on a layer entry: docker commit (containerd store)');
  } else if (/^(sh|bash|ash) -c /.test(createdBy)) {
    reasons.push(
      `created by "${createdBy.split(' ').slice(0, 2).join(' ')} …", not a build step: docker commit`,
    );
  }
  if (comment !== '' && !BUILDER_COMMENT.test(comment) && !isBuilderCommand(createdBy)) {
    reasons.push(`commit message "${comment}"`);
  }
  if (
    isTopLayer &&
    config.container &&
    config.hostname &&
    config.container.startsWith(config.hostname) &&
    config.containerCmd &&
    config.containerCmd.join(' ') === createdBy &&
    !isBuilderCommand(createdBy)
  ) {
    reasons.push('config records the container it was committed from');
  }
  return reasons;
}

/** Tools that assemble images without a builder write a zero time (0001-01-01 or 1970-01-01). */
function isRealTimestamp(created: string | undefined): boolean {
  return created !== undefined && !created.startsWith('0001-') && !created.startsWith('1970-01-01');
}

function isBuilderCommand(createdBy: string): boolean {
  return (
    SHELL_PREFIXES.some((p) => createdBy.startsWith(p)) ||
    ARGS_PREFIX.test(createdBy) ||
    createdBy.includes('#(nop)') ||
    BUILDKIT_SUFFIX.test(createdBy) ||
    /^(RUN|COPY|ADD|WORKDIR|ENV|ARG|LABEL|USER|VOLUME|EXPOSE|CMD|ENTRYPOINT|SHELL|HEALTHCHECK|STOPSIGNAL|ONBUILD|MAINTAINER) /.test(
      createdBy,
    )
  );
}
