/**
 * Builds layerlint's DockerfileModel from dockerfile-ast. The only module that imports the parser
 * library; RUN bodies go through `shell.ts`.
 */
import {
  type Argument,
  type Heredoc as AstHeredoc,
  type Instruction as AstInstruction,
  Instruction as AstInstructionClass,
  ModifiableInstruction as AstModifiableInstruction,
  type Dockerfile,
  DockerfileParser,
  type Flag,
  type Property,
} from 'dockerfile-ast';
import type { Parser as TreeSitterParser } from 'web-tree-sitter';
import { flagsOf, loadShellParser, parseShellText, type TextOrigin } from './shell.js';
import type {
  CmdInstruction,
  Comment,
  CopyInstruction,
  Directive,
  DockerfileModel,
  ExposeInstruction,
  FromInstruction,
  HealthcheckInstruction,
  Heredoc,
  ImageRef,
  Instruction,
  InstructionByKeyword,
  InstructionFlag,
  InstructionForm,
  KeyValue,
  KeyValueInstruction,
  Keyword,
  Mount,
  OnbuildInstruction,
  ParseProblem,
  Position,
  Range,
  RunInstruction,
  ShellCommand,
  ShellDialect,
  ShellScript,
  Stage,
  UserInstruction,
  Word,
  WorkdirInstruction,
} from './types.js';

export const KNOWN_KEYWORDS: readonly Keyword[] = [
  'FROM',
  'RUN',
  'COPY',
  'ADD',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'HEALTHCHECK',
  'ENV',
  'ARG',
  'LABEL',
  'WORKDIR',
  'USER',
  'EXPOSE',
  'ONBUILD',
  'MAINTAINER',
  'STOPSIGNAL',
  'VOLUME',
];

const DIRECTIVE_NAMES = new Set(['escape', 'syntax', 'check']);

interface AstRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** Parses Dockerfile text into the model. Never throws for bad Dockerfile content. */
export async function parseDockerfile(
  source: string,
  options: { readonly file?: string } = {},
): Promise<DockerfileModel> {
  const shellParser = await loadShellParser();
  return buildModel(source, options.file ?? 'Dockerfile', shellParser);
}

class SourceText {
  readonly lines: string[];
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    this.lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }
  offset(line0: number, character: number): number {
    const start = this.lineStarts[line0];
    if (start === undefined) return this.text.length;
    return Math.min(start + character, this.text.length);
  }
  slice(range: AstRange): string {
    return this.text.slice(
      this.offset(range.start.line, range.start.character),
      this.offset(range.end.line, range.end.character),
    );
  }
  /** 0-based position of an offset. */
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - (this.lineStarts[lo] ?? 0) };
  }
}

function toRange(range: AstRange): Range {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

interface StageState {
  readonly index: number;
  readonly name: string | null;
  dialect: ShellDialect;
  startDialect: ShellDialect;
}

interface BuildContext {
  readonly src: SourceText;
  readonly escapeChar: '\\' | '`';
  readonly shellParser: TreeSitterParser;
  readonly globalArgDefaults: Map<string, string | null>;
  readonly stages: StageState[];
  readonly problems: ParseProblem[];
  stage: StageState | null;
  index: number;
}

function buildModel(source: string, file: string, shellParser: TreeSitterParser): DockerfileModel {
  const src = new SourceText(source);
  let ast: Dockerfile;
  const problems: ParseProblem[] = [];
  try {
    ast = DockerfileParser.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push({
      message: `the Dockerfile could not be parsed (${message})`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
    return assembleModel(file, source, src.lines, '\\', [], [], [], [], problems);
  }
  const escapeChar = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  // dockerfile-ast reads any first-line `# word …=…` as a directive; keep the real ones.
  const directives: Directive[] = ast
    .getDirectives()
    .map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      line: d.getRange().start.line + 1,
    }))
    .filter((d) => DIRECTIVE_NAMES.has(d.name));
  const ctx: BuildContext = {
    src,
    escapeChar,
    shellParser,
    globalArgDefaults: new Map(),
    stages: [],
    problems,
    stage: null,
    index: 0,
  };
  const instructions: Instruction[] = [];
  for (const astInstruction of ast.getInstructions()) {
    const instruction = buildInstruction(astInstruction, ctx, false);
    instructions.push(instruction);
    ctx.index++;
  }
  if (instructions.length === 0) {
    problems.push({
      message: 'the file has no instructions; a Dockerfile needs at least a FROM',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
  } else if (!instructions.some((i) => i.keyword === 'FROM')) {
    const first = instructions[0];
    if (first) {
      problems.push({
        message: 'the file has no FROM instruction; start the first stage with FROM',
        range: first.keywordRange,
      });
    }
  }
  const comments = collectComments(src.lines, instructions);
  const stageStates = ctx.stages;
  return assembleModel(
    file,
    source,
    src.lines,
    escapeChar,
    directives,
    comments,
    instructions,
    stageStates,
    problems,
  );
}

/**
 * `#` lines outside instructions. Computed from the text because dockerfile-ast reads a first-line
 * `# hadolint ignore=X` as a parser directive; directive lines are listed here too.
 */
function collectComments(
  lines: readonly string[],
  instructions: readonly Instruction[],
): Comment[] {
  const covered = new Set<number>();
  for (const instruction of instructions) {
    for (let line = instruction.range.start.line; line <= instruction.range.end.line; line++) {
      covered.add(line);
    }
  }
  const comments: Comment[] = [];
  lines.forEach((text, i) => {
    const line = i + 1;
    const hash = text.search(/\S/);
    if (covered.has(line) || hash === -1 || text[hash] !== '#') return;
    comments.push({
      text: text.slice(hash + 1).trim(),
      line,
      range: { start: { line, column: hash + 1 }, end: { line, column: text.length + 1 } },
    });
  });
  return comments;
}

function assembleModel(
  file: string,
  source: string,
  lines: readonly string[],
  escapeChar: '\\' | '`',
  directives: readonly Directive[],
  comments: readonly Comment[],
  instructions: readonly Instruction[],
  stageStates: readonly StageState[],
  parseProblems: readonly ParseProblem[],
): DockerfileModel {
  const allInstructions: Instruction[] = [];
  for (const instruction of instructions) {
    allInstructions.push(instruction);
    if (isOnbuild(instruction) && instruction.trigger) allInstructions.push(instruction.trigger);
  }
  const froms = instructions.filter(isFrom);
  const copyFromRefs = allInstructions
    .filter(isCopy)
    .map((c) => ({ from: c.from, index: c.index }))
    .filter((c): c is { from: string; index: number } => c.from !== null);
  const stages: Stage[] = froms.map((from, index) => {
    const state = stageStates[index];
    const name = from.stageName;
    const laterFroms = froms.slice(index + 1);
    return {
      index,
      name,
      from,
      instructions: instructions.filter((i) => i.stageIndex === index),
      baseStageIndex: from.baseStageIndex,
      isLast: index === froms.length - 1,
      isUsedAsBase: laterFroms.some((f) => f.baseStageIndex === index),
      isCopiedFrom: copyFromRefs.some(
        (c) =>
          c.index > from.index &&
          (c.from === String(index) || (name !== null && sameStageName(c.from, name))),
      ),
      dialect: state?.startDialect ?? 'posix',
    };
  });
  const byKeyword = new Map<string, Instruction[]>();
  for (const instruction of allInstructions) {
    const list = byKeyword.get(instruction.keyword) ?? [];
    list.push(instruction);
    byKeyword.set(instruction.keyword, list);
  }
  const model: DockerfileModel = {
    file,
    source,
    lines,
    escapeChar,
    directives,
    comments,
    instructions,
    allInstructions,
    globalArgs: instructions.filter(
      (i): i is KeyValueInstruction => i.keyword === 'ARG' && i.stageIndex === -1,
    ),
    stages,
    parseProblems,
    find<K extends Keyword>(keyword: K): readonly InstructionByKeyword[K][] {
      return (byKeyword.get(keyword) ?? []) as unknown as InstructionByKeyword[K][];
    },
    stageOf(instruction: Instruction): Stage | null {
      return stages[instruction.stageIndex] ?? null;
    },
    findStage(ref: string, beforeIndex?: number): Stage | null {
      const candidates =
        beforeIndex === undefined ? stages : stages.filter((s) => s.from.index < beforeIndex);
      const byName = candidates.find((s) => s.name !== null && sameStageName(s.name, ref));
      if (byName) return byName;
      if (/^\d+$/.test(ref)) return candidates[Number(ref)] ?? null;
      return null;
    },
  };
  return model;
}

/** Stage names compare case-insensitively, as in BuildKit. */
export function sameStageName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function isOnbuild(i: Instruction): i is OnbuildInstruction {
  return i.keyword === 'ONBUILD';
}
function isFrom(i: Instruction): i is FromInstruction {
  return i.keyword === 'FROM';
}
function isCopy(i: Instruction): i is CopyInstruction {
  return i.keyword === 'COPY' || i.keyword === 'ADD';
}

interface AstWithFlags {
  getFlags(): Flag[];
}
interface AstWithHeredocs {
  getHeredocs(): AstHeredoc[];
}
interface AstWithProperties {
  getProperties(): Property[];
}
interface AstWithTrigger {
  getTriggerInstruction(): AstInstruction | null;
}

function hasMethod<T>(value: object, method: keyof T): value is T & object {
  return typeof (value as Record<PropertyKey, unknown>)[method] === 'function';
}

/**
 * dockerfile-ast rescans an instruction's text for its arguments on every call, and its own
 * constructors and accessors (flags, heredocs, JSON form, content) call that again and again:
 * quadratic in long RUNs, and most of the parse time. An instruction's text never changes once
 * built, so the scan is cached per instruction, and the array is shared: nothing changes it but
 * ModifiableInstruction's `getArguments`, which shifts the flags off a copy; here it slices them
 * off instead, and returns the cached array itself when there are none. (`getExpandedArguments`
 * writes into what `getArguments` returns; nothing calls it.)
 */
const argumentsCache = new WeakMap<object, unknown[]>();
const proto = AstInstructionClass.prototype as unknown as {
  getRawArguments(): unknown[];
  getArguments(): unknown[];
  getHeredocs(): unknown[];
};
const scanArguments = proto.getRawArguments;
proto.getRawArguments = function cachedRawArguments(this: object): unknown[] {
  let raw = argumentsCache.get(this);
  if (!raw) {
    raw = scanArguments.call(this);
    argumentsCache.set(this, raw);
  }
  return raw;
};
const instructionArguments = proto.getArguments;
(
  AstModifiableInstruction.prototype as unknown as { getArguments(this: AstWithFlags): unknown[] }
).getArguments = function argumentsAfterFlags(this: AstWithFlags): unknown[] {
  const args = instructionArguments.call(this);
  const flagCount = this.getFlags().length;
  return flagCount === 0 ? args : args.slice(flagCount);
};
/**
 * `getHeredocs` scans the whole instruction again; its heredocs all come from arguments starting
 * with `<<`, so without one there are none.
 */
const scanHeredocs = proto.getHeredocs;
proto.getHeredocs = function heredocsIfAny(this: { getArguments(): Argument[] }): unknown[] {
  for (const arg of this.getArguments()) {
    if (arg.getValue().startsWith('<<')) return scanHeredocs.call(this);
  }
  return [];
};

function buildInstruction(
  ast: AstInstruction,
  ctx: BuildContext,
  isOnbuildTrigger: boolean,
): Instruction {
  const keywordText = ast.getInstruction();
  const keyword = keywordText.toUpperCase();
  const range = toRange(ast.getRange());
  const keywordRange = toRange(ast.getInstructionRange());
  const flags: InstructionFlag[] = hasMethod<AstWithFlags>(ast, 'getFlags')
    ? ast.getFlags().map(toFlag)
    : [];
  const heredocs: Heredoc[] = hasMethod<AstWithHeredocs>(ast, 'getHeredocs')
    ? ast.getHeredocs().map((h) => toHeredoc(h, ctx.src))
    : [];
  const heredocBodyStartLine0 = firstHeredocBodyLine(ast, heredocs);
  const astArgs = ast
    .getArguments()
    .filter(
      (a) => heredocBodyStartLine0 === null || a.getRange().start.line < heredocBodyStartLine0,
    );
  if (keyword === 'FROM' && !isOnbuildTrigger) {
    startStage(ast, astArgs, ctx);
  }
  const stageIndex = ctx.stage?.index ?? -1;
  const args = astArgs.map(toWord);
  const firstArg = astArgs[0];
  const argsStartOffset = firstArg
    ? ctx.src.offset(firstArg.getRange().start.line, firstArg.getRange().start.character)
    : null;
  const endOffset = ctx.src.offset(ast.getRange().end.line, ast.getRange().end.character);
  const bodyStartOffset =
    heredocBodyStartLine0 === null ? endOffset : ctx.src.offset(heredocBodyStartLine0, 0);
  const rawArgs =
    argsStartOffset === null
      ? ''
      : ctx.src.text.slice(argsStartOffset, Math.max(argsStartOffset, bodyStartOffset));
  const argsText = joinContinuations(rawArgs, ctx.escapeChar).trim();
  const base = {
    keyword,
    keywordText,
    keywordRange,
    range,
    text: ctx.src.slice(ast.getRange()),
    argsText,
    args,
    flags,
    heredocs,
    stageIndex,
    isOnbuildTrigger,
    index: ctx.index,
  };

  if (!KNOWN_KEYWORDS.includes(keyword as Keyword)) {
    ctx.problems.push({
      message: `unknown instruction \`${keywordText}\`; expected one of ${KNOWN_KEYWORDS.join(', ')}`,
      range: keywordRange,
    });
  } else if (args.length === 0 && heredocs.length === 0) {
    ctx.problems.push({
      message: `\`${keyword}\` has no arguments; give it what it needs or remove the line`,
      range: keywordRange,
    });
  }
  for (const heredoc of heredocs) {
    if (!heredoc.isTerminated) {
      ctx.problems.push({
        message: `the heredoc \`<<${heredoc.name}\` is never closed; end it with a line \`${heredoc.name}\``,
        range: heredoc.range,
      });
    }
  }

  const exec = () =>
    argsStartOffset === null ? null : parseExecForm(rawArgs, argsStartOffset, ctx);

  switch (keyword) {
    case 'FROM':
      return buildFrom(base, astArgs, flags, ctx, isOnbuildTrigger);
    case 'RUN': {
      const execArgs = exec();
      const dialect = ctx.stage?.dialect ?? 'posix';
      const run: RunInstruction = {
        ...base,
        keyword: 'RUN',
        form: execArgs ? 'json' : 'shell',
        execArgs: execArgs ?? [],
        shell: buildRunShell(
          execArgs,
          rawArgs,
          argsStartOffset,
          heredocs,
          dialect,
          ctx,
          bodyStartOffset,
        ),
        mounts: flags.filter((f) => f.name === 'mount').map(toMount),
        network: flags.find((f) => f.name === 'network')?.value ?? null,
      };
      return run;
    }
    case 'COPY':
    case 'ADD': {
      const execArgs = exec();
      const words = execArgs ?? args;
      const copy: CopyInstruction = {
        ...base,
        keyword,
        from: flagValue(flags, 'from'),
        chown: flagValue(flags, 'chown'),
        chmod: flagValue(flags, 'chmod'),
        sources: words.slice(0, -1),
        destination: words.length >= 2 ? (words[words.length - 1] ?? null) : null,
        form: execArgs ? 'json' : 'shell',
      };
      return copy;
    }
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL': {
      const execArgs = exec();
      const shellPath = execArgs?.[0]?.value;
      // `ONBUILD SHELL` changes the shell of images built FROM this one, not of this stage.
      if (keyword === 'SHELL' && ctx.stage && shellPath !== undefined && !isOnbuildTrigger) {
        ctx.stage.dialect = dialectOfShell(shellPath);
      }
      const cmd: CmdInstruction = {
        ...base,
        keyword,
        form: execArgs ? 'json' : 'shell',
        execArgs: execArgs ?? [],
      };
      return cmd;
    }
    case 'HEALTHCHECK': {
      const isNone = args[0]?.value.toUpperCase() === 'NONE';
      const cmdIndex = args.findIndex((a) => a.value.toUpperCase() === 'CMD');
      const cmdRest = astArgs[cmdIndex + 1];
      let form: InstructionForm | null = null;
      if (!isNone && cmdIndex >= 0 && cmdRest) {
        const restOffset = ctx.src.offset(
          cmdRest.getRange().start.line,
          cmdRest.getRange().start.character,
        );
        const rest = ctx.src.text.slice(restOffset, Math.max(restOffset, bodyStartOffset));
        form = parseExecForm(rest, restOffset, ctx) ? 'json' : 'shell';
      }
      const healthcheck: HealthcheckInstruction = { ...base, keyword, isNone, form };
      return healthcheck;
    }
    case 'ENV':
    case 'ARG':
    case 'LABEL': {
      const pairs = keyValuePairs(ast);
      if (keyword === 'ARG' && stageIndex === -1 && !isOnbuildTrigger) {
        for (const pair of pairs) {
          ctx.globalArgDefaults.set(
            pair.key,
            pair.value === null ? null : substituteArgs(pair.value, ctx.globalArgDefaults),
          );
        }
      }
      const kv: KeyValueInstruction = { ...base, keyword, pairs };
      return kv;
    }
    case 'WORKDIR': {
      const workdir: WorkdirInstruction = { ...base, keyword, path: stripQuotes(argsText) };
      return workdir;
    }
    case 'USER': {
      const [user = '', group] = argsText.split(':');
      const userInstruction: UserInstruction = {
        ...base,
        keyword,
        user,
        group: group ?? null,
      };
      return userInstruction;
    }
    case 'EXPOSE':
      return buildExpose(base, args);
    case 'ONBUILD': {
      const triggerAst = hasMethod<AstWithTrigger>(ast, 'getTriggerInstruction')
        ? ast.getTriggerInstruction()
        : null;
      const trigger = triggerAst ? buildInstruction(triggerAst, ctx, true) : null;
      const onbuild: OnbuildInstruction = { ...base, keyword, trigger };
      return onbuild;
    }
    default:
      return base;
  }
}

function firstHeredocBodyLine(ast: AstInstruction, heredocs: readonly Heredoc[]): number | null {
  if (heredocs.length === 0) return null;
  // Bodies start on the line after the instruction's first line that opens a heredoc.
  const starts = heredocs.map((h) => h.range.start.line - 1);
  const first = Math.min(...starts);
  const instructionEnd = ast.getRange().end.line;
  return Math.min(first + 1, instructionEnd + 1);
}

function toWord(arg: Argument): Word {
  return { value: arg.getValue(), range: toRange(arg.getRange()) };
}

function toFlag(flag: Flag): InstructionFlag {
  const options: Record<string, string> = {};
  for (const option of flag.getOptions()) {
    options[option.getName()] = option.getValue() ?? '';
  }
  return {
    name: flag.getName(),
    value: flag.getValue(),
    range: toRange(flag.getRange()),
    options,
  };
}

function toMount(flag: InstructionFlag): Mount {
  const options: Record<string, string> = {};
  for (const part of (flag.value ?? '').split(',')) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (key) options[key] = eq === -1 ? '' : part.slice(eq + 1).trim();
  }
  return {
    type: options.type ?? 'bind',
    target: options.target ?? options.dst ?? options.destination ?? '',
    from: options.from ?? null,
    options,
    range: flag.range,
  };
}

function flagValue(flags: readonly InstructionFlag[], name: string): string | null {
  return flags.find((f) => f.name === name)?.value ?? null;
}

function toHeredoc(heredoc: AstHeredoc, src: SourceText): Heredoc {
  const contentRange = heredoc.getContentRange();
  const delimiterRange = heredoc.getDelimiterRange();
  const start = heredoc.getStartRange();
  const end = delimiterRange ?? contentRange ?? start;
  return {
    name: heredoc.getName(),
    content: contentRange ? src.slice(contentRange) : '',
    contentRange: contentRange ? toRange(contentRange) : null,
    isTerminated: delimiterRange !== null,
    range: toRange({ start: start.start, end: end.end }),
  };
}

/** Removes escape+newline continuations and comment lines inside them, as Docker does. */
function joinContinuations(raw: string, escapeChar: string): string {
  const escapeCode = escapeChar.charCodeAt(0);
  let out = '';
  let continued = false;
  let start = 0;
  for (;;) {
    const newline = raw.indexOf('\n', start);
    const lineEnd = newline === -1 ? raw.length : newline;
    // The line without its `\r`.
    const end = lineEnd > start && raw.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (!(continued && isCommentLine(raw, start, end))) {
      let trimmed = end;
      while (trimmed > start) {
        const code = raw.charCodeAt(trimmed - 1);
        if (code !== 32 && code !== 9) break;
        trimmed--;
      }
      continued = trimmed > start && raw.charCodeAt(trimmed - 1) === escapeCode;
      out += continued ? raw.slice(start, trimmed - 1) : raw.slice(start, end);
    }
    if (newline === -1) return out;
    start = newline + 1;
  }
}

/** Whether `text.slice(start, end)` matches `/^\s*#/`. */
function isCommentLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 35) return true;
    if (!isJsSpace(code)) return false;
  }
  return false;
}

/** Whether a UTF-16 unit matches `/\s/`. */
function isJsSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

/**
 * Prepares raw shell-form text for bash with positions preserved: comment and blank lines inside a
 * continuation become `\` lines (Docker drops them), and a backtick escape becomes a backslash.
 */
function shellSafeText(raw: string, escapeChar: string): string {
  const lines = raw.split('\n');
  let continued = false;
  return lines
    .map((rawLine) => {
      const hasCr = rawLine.endsWith('\r');
      let line = hasCr ? rawLine.slice(0, -1) : rawLine;
      if (continued && (/^\s*#/.test(line) || line.trim() === '')) {
        line = line.length === 0 ? '\\' : `${' '.repeat(line.length - 1)}\\`;
        return hasCr ? `${line} ` : line;
      }
      const trimmedEnd = line.replace(/[ \t]+$/, '');
      continued = trimmedEnd.endsWith(escapeChar);
      if (continued && escapeChar === '`') {
        line = `${trimmedEnd.slice(0, -1)}\\${line.slice(trimmedEnd.length)}`;
      }
      return hasCr ? `${line} ` : line;
    })
    .join('\n');
}

/** JSON (exec) form: a JSON array of strings. Returns its strings with ranges, or null. */
function parseExecForm(raw: string, startOffset: number, ctx: BuildContext): Word[] | null {
  const joined = joinContinuations(raw, ctx.escapeChar).trim();
  if (!joined.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(joined);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return null;
  const words: Word[] = [];
  const re = /"(?:[^"\\\n]|\\.)*"/g;
  for (const match of raw.matchAll(re)) {
    const startIndex = startOffset + (match.index ?? 0);
    let value: string;
    try {
      value = JSON.parse(match[0]) as string;
    } catch {
      value = match[0].slice(1, -1);
    }
    const start = ctx.src.positionAt(startIndex);
    const end = ctx.src.positionAt(startIndex + match[0].length);
    words.push({ value, range: toRange({ start, end }) });
  }
  return words.length === parsed.length
    ? words
    : (parsed as string[]).map((value, i) => ({
        value,
        range:
          words[i]?.range ??
          toRange({ start: ctx.src.positionAt(startOffset), end: ctx.src.positionAt(startOffset) }),
      }));
}

function buildRunShell(
  execArgs: readonly Word[] | null,
  rawArgs: string,
  argsStartOffset: number | null,
  heredocs: readonly Heredoc[],
  dialect: ShellDialect,
  ctx: BuildContext,
  bodyStartOffset: number,
): ShellScript {
  const empty = (text: string, d: ShellDialect): ShellScript => ({
    dialect: d,
    text,
    commands: [],
    hasSyntaxError: false,
    hasPipe: false,
  });
  if (execArgs) {
    const [first, second, script] = execArgs;
    if (first && second?.value === '-c' && script && isPosixShellPath(first.value)) {
      const origin = { line: script.range.start.line, column: script.range.start.column + 1 };
      return parseScripts([{ text: script.value, origin }], 'posix', ctx, script.value);
    }
    if (!first) return empty('', 'posix');
    const args = execArgs
      .slice(1)
      .map((w) => ({ value: w.value, raw: JSON.stringify(w.value), range: w.range }));
    const command: ShellCommand = {
      name: first.value,
      args,
      assignments: [],
      flags: flagsOf(args.map((a) => a.value)),
      index: 0,
      text: execArgs.map((w) => w.value).join(' '),
      range: {
        start: first.range.start,
        end: execArgs[execArgs.length - 1]?.range.end ?? first.range.end,
      },
      isInPipeline: false,
      isInSubstitution: false,
      isInSubshell: false,
      pipeline: null,
    };
    return {
      dialect: 'posix',
      text: command.text,
      commands: [command],
      hasSyntaxError: false,
      hasPipe: false,
    };
  }
  if (argsStartOffset === null) return empty('', dialect);
  const commandText = rawArgs;
  if (dialect !== 'posix') return empty(joinContinuations(commandText, ctx.escapeChar), dialect);
  const start0 = ctx.src.positionAt(argsStartOffset);
  const origin: TextOrigin = { line: start0.line + 1, column: start0.character + 1 };
  const withoutMarkers = commandText.replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '').trim();
  const joinedCommand = joinContinuations(withoutMarkers, ctx.escapeChar).trim();
  if (heredocs.length > 0 && joinedCommand === '') {
    // `RUN <<EOF` alone: each heredoc body is the script.
    const scripts = heredocs
      .filter((h) => h.contentRange !== null && !isForeignShebang(h.content))
      .map((h) => ({
        text: h.content,
        origin: {
          line: h.contentRange?.start.line ?? 1,
          column: h.contentRange?.start.column ?? 1,
        },
      }));
    return parseScripts(scripts, 'posix', ctx, heredocs.map((h) => h.content).join('\n'));
  }
  const fullText = ctx.src.text.slice(
    argsStartOffset,
    heredocs.length > 0 ? lastHeredocEnd(heredocs, ctx) : bodyStartOffset,
  );
  return parseScripts(
    [{ text: shellSafeText(fullText, ctx.escapeChar), origin }],
    'posix',
    ctx,
    joinContinuations(fullText, ctx.escapeChar),
  );
}

function lastHeredocEnd(heredocs: readonly Heredoc[], ctx: BuildContext): number {
  let end = 0;
  for (const h of heredocs) {
    end = Math.max(end, ctx.src.offset(h.range.end.line - 1, h.range.end.column - 1));
  }
  return end;
}

function parseScripts(
  scripts: readonly { text: string; origin: TextOrigin }[],
  dialect: ShellDialect,
  ctx: BuildContext,
  text: string,
): ShellScript {
  const commands: ShellCommand[] = [];
  let hasSyntaxError = false;
  let hasPipe = false;
  const queue = [...scripts];
  while (queue.length > 0) {
    const script = queue.shift();
    if (!script) break;
    const parsed = parseShellText(ctx.shellParser, script.text, script.origin, commands.length);
    commands.push(...parsed.commands);
    hasSyntaxError ||= parsed.hasSyntaxError;
    hasPipe ||= parsed.hasPipe;
    queue.push(...parsed.nestedScripts);
  }
  return { dialect, text, commands, hasSyntaxError, hasPipe };
}

function isPosixShellPath(path: string): boolean {
  return /(^|\/)(sh|bash|ash|dash|zsh|ksh)$/.test(path);
}

function isForeignShebang(content: string): boolean {
  const first = content.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return false;
  return !/(^#!\s*\/(usr\/)?bin\/(env\s+)?(sh|bash|ash|dash|zsh|ksh)\b)/.test(first);
}

function dialectOfShell(executable: string): ShellDialect {
  const name = executable.toLowerCase();
  if (name.includes('pwsh') || name.includes('powershell')) return 'powershell';
  if (/(^|[\\/])cmd(\.exe)?$/.test(name)) return 'cmd';
  return 'posix';
}

function isWindowsImage(resolved: string): boolean {
  return /(^|[/:-])(windows|nanoserver|servercore|windowsservercore)([/:-]|$)/i.test(resolved);
}

function startStage(ast: AstInstruction, astArgs: readonly Argument[], ctx: BuildContext): void {
  const image = astArgs[0]?.getValue() ?? '';
  const resolved = substituteArgs(image, ctx.globalArgDefaults);
  const base = ctx.stages.find(
    (s) => s.name !== null && sameStageName(s.name, resolved.split(':')[0] ?? ''),
  );
  const asIndex = astArgs.findIndex((a, i) => i > 0 && a.getValue().toUpperCase() === 'AS');
  const name = asIndex > 0 ? (astArgs[asIndex + 1]?.getValue() ?? null) : null;
  const dialect: ShellDialect = base
    ? base.dialect
    : isWindowsImage(resolved) || ctx.escapeChar === '`'
      ? 'cmd'
      : 'posix';
  void ast;
  const stage: StageState = { index: ctx.stages.length, name, dialect, startDialect: dialect };
  ctx.stages.push(stage);
  ctx.stage = stage;
}

function buildFrom(
  base: Omit<
    FromInstruction,
    | 'keyword'
    | 'image'
    | 'stageName'
    | 'stageNameRange'
    | 'platform'
    | 'baseStageIndex'
    | 'isScratch'
  >,
  astArgs: readonly Argument[],
  flags: readonly InstructionFlag[],
  ctx: BuildContext,
  isOnbuildTrigger: boolean,
): FromInstruction {
  const imageArg = astArgs[0];
  const raw = imageArg?.getValue() ?? '';
  const imageRange = imageArg ? toRange(imageArg.getRange()) : base.keywordRange;
  const asIndex = astArgs.findIndex((a, i) => i > 0 && a.getValue().toUpperCase() === 'AS');
  const nameArg = asIndex > 0 ? astArgs[asIndex + 1] : undefined;
  const image = parseImageRef(raw, substituteArgs(raw, ctx.globalArgDefaults), imageRange);
  const current = ctx.stage;
  const baseStage = isOnbuildTrigger
    ? undefined
    : ctx.stages.find(
        (s) =>
          current !== null &&
          s.index < current.index &&
          s.name !== null &&
          image.tag === null &&
          image.digest === null &&
          sameStageName(s.name, image.resolved),
      );
  return {
    ...base,
    keyword: 'FROM',
    image,
    stageName: nameArg?.getValue() ?? null,
    stageNameRange: nameArg ? toRange(nameArg.getRange()) : null,
    platform: flagValue(flags, 'platform'),
    baseStageIndex: baseStage?.index ?? null,
    isScratch: image.resolved.toLowerCase() === 'scratch',
  };
}

/** Substitutes `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}` from ARG defaults. */
export function substituteArgs(text: string, defaults: ReadonlyMap<string, string | null>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      match,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const value = defaults.get(name);
      const isSet = value !== undefined && value !== null;
      const isNonEmpty = isSet && value !== '';
      if (op === ':-') return isNonEmpty ? value : (word ?? '');
      if (op === '-') return isSet ? value : (word ?? '');
      if (op === ':+') return isNonEmpty ? (word ?? '') : '';
      if (op === '+') return isSet ? (word ?? '') : '';
      return isSet ? value : match;
    },
  );
}

/** Splits `registry/name:tag@digest`. */
export function parseImageRef(raw: string, resolved: string, range: Range): ImageRef {
  let rest = resolved;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  return {
    raw,
    resolved,
    hasUnresolvedVariable: resolved.includes('$'),
    registry,
    name: rest,
    tag,
    digest,
    range,
  };
}

function keyValuePairs(ast: AstInstruction): KeyValue[] {
  let properties: Property[] = [];
  if (hasMethod<AstWithProperties>(ast, 'getProperties')) properties = ast.getProperties();
  return properties.map((p) => {
    const valueRange = p.getValueRange();
    return {
      key: p.getName(),
      value: p.getValue() === null ? null : removeQuotes(p.getUnescapedValue() ?? ''),
      range: toRange(
        valueRange ? { start: p.getNameRange().start, end: valueRange.end } : p.getRange(),
      ),
      keyRange: toRange(p.getNameRange()),
    };
  });
}

function buildExpose(
  base: Omit<ExposeInstruction, 'keyword' | 'ports'>,
  args: readonly Word[],
): ExposeInstruction {
  const ports = args.map((arg) => {
    const [portPart = '', protocol] = arg.value.split('/');
    const match = /^(\d+)(?:-(\d+))?$/.exec(portPart);
    const port = match?.[1] ? Number(match[1]) : null;
    const endPort = match?.[2] ? Number(match[2]) : port;
    return { value: arg.value, port, endPort, protocol: protocol ?? null, range: arg.range };
  });
  return { ...base, keyword: 'EXPOSE', ports };
}

/** Shell-like quote removal for ENV/ARG/LABEL values: `a"b c"'d'` → `ab cd`. */
function removeQuotes(value: string): string {
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (quote === null && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = null;
    else if (ch === '\\' && quote === '"' && i + 1 < value.length) out += value[++i] ?? '';
    else out += ch;
  }
  return out;
}

function stripQuotes(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) {
    return t.slice(1, -1);
  }
  return t;
}

export type { Position };
