import prettyBytes from 'pretty-bytes';
import type { HiddenFile, HiddenHow, ImageAnalysis } from '../analysis/types.js';
import { findingPlace } from '../findings.js';

const MAX_HIDDEN_ROWS = 10;

function percent(fraction: number | null): string {
  return fraction === null ? 'n/a' : `${(fraction * 100).toFixed(2)} %`;
}

function truncate(text: string, width: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ↵ ');
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}

/** `analyze --format text`: the same facts as the JSON, for a person. */
export function formatAnalysisText(a: ImageAnalysis, width = 100): string {
  const out: string[] = [];
  const name = a.image.tags[0] ?? a.image.id.slice(0, 19);
  out.push(
    `${a.image.source}  ${name}  ${a.image.os}/${a.image.architecture}  (${a.image.format})`,
  );
  out.push('');
  const hasLines = a.layers.some((l) => l.instruction);
  const commandWidth = Math.max(20, width - (hasLines ? 29 : 22));
  out.push(`  #      Size  ${hasLines ? 'Line   ' : ''}Command`);
  for (const l of a.layers) {
    const mark = l.commitBuilt ? 'C' : ' ';
    const size = prettyBytes(l.sizeBytes).padStart(9);
    const line = hasLines ? `${(l.instruction ? `L${l.instruction.line}` : '-').padEnd(5)}  ` : '';
    out.push(
      `${String(l.index).padStart(3)}${mark} ${size}  ${line}${truncate(l.command || '(no history)', commandWidth)}`,
    );
  }
  if (a.layers.some((l) => l.commitBuilt))
    out.push('  (C = made by a commit, not a build instruction)');
  out.push('');
  out.push(
    `Total size:        ${prettyBytes(a.sizeBytes)} (${a.sizeBytes} bytes) in ${a.layers.length} layers`,
  );
  out.push(
    `Hidden bytes:      ${prettyBytes(a.hiddenBytes)} (${a.hiddenBytes} bytes) stored in layers but not visible`,
  );
  out.push(`Efficiency:        ${percent(a.efficiency)}  (dive)`);
  out.push(`Wasted bytes:      ${prettyBytes(a.wastedBytes)} (${a.wastedBytes} bytes, dive)`);
  out.push(`User wasted:       ${percent(a.userWastedPercent)}  (dive)`);
  if (a.hiddenFiles.length > 0) {
    out.push('');
    out.push('Largest hidden files:');
    out.push('       Size  Added  Hidden  How          Path');
    const at = (layer: number) => {
      const line = a.layers[layer]?.instruction?.line;
      return line === undefined ? String(layer) : `${layer} L${line}`;
    };
    for (const f of a.hiddenFiles.slice(0, MAX_HIDDEN_ROWS)) {
      out.push(
        `  ${prettyBytes(f.sizeBytes).padStart(9)}  ${at(f.addedInLayer).padStart(5)}  ${at(f.hiddenByLayer).padStart(6)}  ${f.how.padEnd(11)}  ${f.path}`,
      );
    }
    if (a.hiddenFiles.length > MAX_HIDDEN_ROWS) {
      out.push(`  … and ${a.hiddenFiles.length - MAX_HIDDEN_ROWS} more`);
    }
  }
  if (a.findings.length > 0) {
    out.push('');
    out.push('Findings:');
    for (const f of a.findings) {
      const where = findingPlace(f);
      out.push(`  ${f.severity.padEnd(7)} ${where}  ${f.message}  [${f.rule}]`);
    }
  }
  for (const w of a.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

/** `analyze --format json`: SPEC's shape (schemaVersion 1), without the internal history objects. */
export function formatAnalysisJson(a: ImageAnalysis): string {
  return [...formatAnalysisJsonChunks(a)].join('');
}

const HIDDEN_FILES_PER_CHUNK = 2000;

/** `how` as JSON; the values never need escaping. */
const HOW_JSON: Readonly<Record<HiddenHow, string>> = {
  deleted: '"deleted"',
  opaque: '"opaque"',
  overwritten: '"overwritten"',
};

/**
 * One hidden file as `JSON.stringify(f, null, 2)` writes it as an item of an array whose key sits
 * at indentation `indent`. Written by hand because the generic stringify (and re-indenting its
 * output) dominated the time of large reports. It relies on `computeHiddenBytes` building every
 * entry with exactly these keys in this order; numbers take the fast path only when `String`
 * writes them as JSON does (non-finite numbers would be `null`), anything else goes through
 * JSON.stringify.
 */
function hiddenFileJson(f: HiddenFile, indent: string): string {
  const how = Object.hasOwn(HOW_JSON, f.how) ? HOW_JSON[f.how] : undefined;
  if (
    how === undefined ||
    !Number.isSafeInteger(f.sizeBytes) ||
    !Number.isSafeInteger(f.addedInLayer) ||
    !Number.isSafeInteger(f.hiddenByLayer)
  ) {
    return `${indent}  ${JSON.stringify(f, null, 2).replace(/\n/g, `\n${indent}  `)}`;
  }
  return `${indent}  {
${indent}    "path": ${JSON.stringify(f.path)},
${indent}    "sizeBytes": ${f.sizeBytes},
${indent}    "addedInLayer": ${f.addedInLayer},
${indent}    "hiddenByLayer": ${f.hiddenByLayer},
${indent}    "how": ${how}
${indent}  }`;
}

/**
 * A hidden-file list as `JSON.stringify(.., null, 2)` writes the value of a key at indentation
 * `indent`, a few thousand files per piece.
 */
export function* hiddenFilesJsonChunks(
  hiddenFiles: readonly HiddenFile[],
  indent: string,
  perChunk = HIDDEN_FILES_PER_CHUNK,
): Generator<string> {
  if (!(perChunk >= 1)) throw new RangeError(`perChunk must be at least 1, not ${perChunk}`);
  if (hiddenFiles.length === 0) {
    yield '[]';
    return;
  }
  yield '[\n';
  for (let i = 0; i < hiddenFiles.length; i += perChunk) {
    const end = Math.min(i + perChunk, hiddenFiles.length);
    let chunk = hiddenFileJson(hiddenFiles[i]!, indent);
    for (let k = i + 1; k < end; k++) chunk += `,\n${hiddenFileJson(hiddenFiles[k]!, indent)}`;
    yield `${chunk}${end === hiddenFiles.length ? `\n${indent}]` : ',\n'}`;
  }
}

/**
 * The same JSON text as `formatAnalysisJson`, in pieces: the hidden-file list (which can hold
 * hundreds of thousands of entries) is written a few thousand at a time, so the whole report is
 * never one string in memory.
 */
export function* formatAnalysisJsonChunks(
  a: ImageAnalysis,
  perChunk = HIDDEN_FILES_PER_CHUNK,
): Generator<string> {
  if (!(perChunk >= 1)) throw new RangeError(`perChunk must be at least 1, not ${perChunk}`);
  const layers = a.layers.map((l) => {
    const { history, commitReasons, entryCount, ...rest } = l;
    void history;
    return {
      ...rest,
      emptyHistory: l.emptyHistory.map((h) => h.createdBy ?? ''),
      commitReasons,
      entryCount,
    };
  });
  const { layerEntries, finalFiles, ...serialisable } = a;
  const hiddenFiles = a.hiddenFiles;
  void layerEntries;
  void finalFiles;
  const text = JSON.stringify({ ...serialisable, layers, hiddenFiles: 0 }, null, 2);
  // A newline and two spaces before a key occur only at the top level (newlines inside strings
  // are escaped), so this finds the placeholder even if a command or tag contains the same text.
  const key = '\n  "hiddenFiles": ';
  const at = text.indexOf(`${key}0`) + key.length;
  yield text.slice(0, at);
  yield* hiddenFilesJsonChunks(hiddenFiles, '  ', perChunk);
  yield `${text.slice(at + 1)}\n`;
}
