import { copyKeepingHiddenFiles } from '../analysis/hidden-files.js';
import { cleanCommand } from '../analysis/history.js';
import type { ImageAnalysis, InstructionRef, LayerAnalysis } from '../analysis/types.js';
import type { DockerfileModel, Instruction } from '../dockerfile/index.js';
import type { HistoryEntry } from '../image/types.js';

export interface LayerMapping {
  /** The analysis with `instruction` set on every layer that could be matched. */
  readonly analysis: ImageAnalysis;
  /** Per layer: how its instruction was found. */
  readonly how: readonly ('matched' | 'base-image' | 'unmatched')[];
  /** Layers or instructions that could not be matched (an out-of-date Dockerfile). */
  readonly warnings: readonly string[];
}

/** The instructions that built the final stage, bottom first: its base stages' and its own. */
function buildChain(model: DockerfileModel): { root: Instruction; steps: Instruction[] } | null {
  const last = model.stages[model.stages.length - 1];
  if (!last) return null;
  const stages = [last];
  const seen = new Set([last.index]);
  for (let s = last; s.baseStageIndex !== null; ) {
    const base = model.stages[s.baseStageIndex];
    if (!base || seen.has(base.index)) break;
    seen.add(base.index);
    stages.unshift(base);
    s = base;
  }
  const steps = stages.flatMap((s) => s.instructions.filter((i) => i.keyword !== 'FROM'));
  return { root: stages[0]!.from, steps };
}

const WS = /\s+/g;

function normalise(text: string): string {
  return text
    .replace(/\\\r?\n/g, ' ')
    .replace(WS, ' ')
    .trim();
}

function tokens(text: string): Set<string> {
  return new Set(normalise(text).split(' ').filter(Boolean));
}

function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

function historyKeyword(command: string): string {
  const m = /^([A-Z]+)\b/.exec(command);
  return m ? m[1]! : '';
}

function stripTrailingSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/**
 * How well a history entry's command matches a Dockerfile instruction: 0 for no match, 3 for
 * the same text, in between for the same keyword and similar text. Classic builders record
 * `COPY file:<sha> in <dest>`, so COPY/ADD also match on their destination.
 */
function matchScore(command: string, instruction: Instruction): number {
  const keyword = historyKeyword(command);
  if (keyword === '' || keyword !== instruction.keyword) return 0;
  const historyArgs = normalise(command.slice(keyword.length));
  const args = normalise(instruction.argsText);
  if (historyArgs === args) return 3;
  const full = normalise(instruction.text.slice(instruction.keywordText.length));
  if (historyArgs === full) return 3;
  if (keyword === 'COPY' || keyword === 'ADD') {
    const classic = / in (\S+)\s*$/.exec(historyArgs);
    const dest = classic ? classic[1]! : historyArgs.split(' ').pop()!;
    const wanted = instruction.args[instruction.args.length - 1]?.value ?? '';
    if (stripTrailingSlash(dest) === stripTrailingSlash(wanted)) return 2.5;
    return 0.5;
  }
  const sim = Math.max(similarity(historyArgs, args), similarity(historyArgs, full));
  if (sim >= 0.5) return 1 + sim;
  // A RUN is its command: a different one is a different step. Metadata instructions are
  // rewritten by some builders (BuildKit's `EXPOSE map[8080/tcp:{}]`), so their keyword and
  // order are enough for a weak match.
  return keyword === 'RUN' ? 0 : 0.5;
}

/**
 * Aligns history entries with the chain of instructions (both in build order), maximising the
 * total match score; each side may skip entries. Returns, per history entry, the index of its
 * instruction or -1.
 */
function align(commands: readonly string[], steps: readonly Instruction[]): number[] {
  const m = commands.length;
  const n = steps.length;
  // best[i][j]: best score aligning commands[i..] with steps[j..]
  const best: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  const score = (i: number, j: number) => matchScore(commands[i]!, steps[j]!);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i]![j] = Math.max(
        best[i + 1]![j]!,
        best[i]![j + 1]!,
        s > 0 ? s + best[i + 1]![j + 1]! : 0,
      );
    }
  }
  const result = new Array<number>(m).fill(-1);
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const s = score(i, j);
    if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
      result[i] = j;
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) {
      i++;
    } else {
      j++;
    }
  }
  return result;
}

function ref(model: DockerfileModel, instruction: Instruction): InstructionRef {
  return {
    file: model.file,
    line: instruction.range.start.line,
    endLine: instruction.range.end.line,
    text: instruction.text,
  };
}

function layerLabel(layer: LayerAnalysis): string {
  const command = layer.command.length > 60 ? `${layer.command.slice(0, 59)}…` : layer.command;
  return `layer ${layer.index} (${command || 'no history'})`;
}

/**
 * Maps each layer to the Dockerfile instruction that produced it, by normalised instruction
 * text and order (history entries of every builder: classic, BuildKit, buildah, kaniko). Layers
 * below the first matched entry come from the base image and map to its FROM line.
 */
export function mapLayersToLines(analysis: ImageAnalysis, model: DockerfileModel): LayerMapping {
  const chain = buildChain(model);
  const how: ('matched' | 'base-image' | 'unmatched')[] = analysis.layers.map(() => 'unmatched');
  if (!chain) {
    return { analysis, how, warnings: [`${model.file}: no FROM; cannot map layers to lines`] };
  }
  // Every history entry in order, remembering which layer a non-empty one is.
  const entries: { entry: HistoryEntry; layer: number | null }[] = [];
  for (const layer of analysis.layers) {
    for (const e of layer.emptyHistory) entries.push({ entry: e, layer: null });
    if (layer.history) entries.push({ entry: layer.history, layer: layer.index });
  }
  const commands = entries.map(({ entry }) =>
    entry.createdBy ? cleanCommand(entry.createdBy) : '',
  );
  const matched = align(commands, chain.steps);
  const firstMatch = matched.findIndex((j) => j >= 0);
  const instructions = new Map<number, InstructionRef>();
  const warnings: string[] = [];
  entries.forEach(({ layer }, k) => {
    if (layer === null) return;
    const j = matched[k]!;
    if (j >= 0) {
      instructions.set(layer, ref(model, chain.steps[j]!));
      how[layer] = 'matched';
    } else if (firstMatch < 0 || k < firstMatch) {
      instructions.set(layer, ref(model, chain.root));
      how[layer] = 'base-image';
    }
  });
  for (const layer of analysis.layers) {
    if (how[layer.index] !== 'unmatched') continue;
    warnings.push(
      layer.commitBuilt
        ? `${layerLabel(layer)} was made by a commit and has no Dockerfile line`
        : `${layerLabel(layer)} matches no instruction of ${model.file}; is the Dockerfile out of date?`,
    );
  }
  const used = new Set(matched.filter((j) => j >= 0));
  chain.steps.forEach((step, j) => {
    if (
      (step.keyword === 'RUN' || step.keyword === 'COPY' || step.keyword === 'ADD') &&
      !used.has(j)
    ) {
      if (firstMatch >= 0) {
        warnings.push(
          `${model.file}:${step.range.start.line}: ${step.keyword} has no layer in the image; is the image out of date?`,
        );
      }
    }
  });
  const layers = analysis.layers.map((l) => {
    const instruction = instructions.get(l.index);
    return instruction ? { ...l, instruction } : l;
  });
  return { analysis: copyKeepingHiddenFiles(analysis, { layers }), how, warnings };
}
