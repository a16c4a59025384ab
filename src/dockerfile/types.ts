/**
 * layerlint's Dockerfile model. Rules read only these types; the parser library stays behind
 * `parse.ts`. Every position is 1-based; a range's `end` points just past its last character
 * (so `end.column` is exclusive, as in SARIF and editors).
 */

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, like editors). */
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  /** Just past the last character. */
  readonly end: Position;
}

/** Anything a rule can report at: a range, or a model node that has one. */
export type Locatable = Range | { readonly range: Range };

/** A word of an instruction (an argument as written, quotes kept). */
export interface Word {
  readonly value: string;
  readonly range: Range;
}

/** A `--name=value` flag of an instruction (`--mount=…`, `--from=…`, `--platform=…`). */
export interface InstructionFlag {
  /** Without the leading dashes, as written (`mount`, `from`). */
  readonly name: string;
  /** `null` for a bare `--flag`. */
  readonly value: string | null;
  readonly range: Range;
  /** `key=value` options of the value, split on commas (`type=cache`, `target=/root/.cache`). */
  readonly options: Readonly<Record<string, string>>;
}

/** A BuildKit `RUN --mount=…`. */
export interface Mount {
  /** `bind` when not given, as BuildKit does. */
  readonly type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh' | string;
  /** `target`, `dst` or `destination`; '' when absent. */
  readonly target: string;
  /** `from=` (a stage or image), or null. */
  readonly from: string | null;
  readonly options: Readonly<Record<string, string>>;
  readonly range: Range;
}

/** A heredoc attached to an instruction (`RUN <<EOF`, `COPY <<EOT /etc/conf`). */
export interface Heredoc {
  /** The delimiter name without quotes or `-` (`EOF`). */
  readonly name: string;
  /** Body text exactly as written (lines joined with `\n`, no trailing newline). */
  readonly content: string;
  /** Range of the body; null when the body is empty. */
  readonly contentRange: Range | null;
  /** False when the closing delimiter is missing. */
  readonly isTerminated: boolean;
  readonly range: Range;
}

/** Whether a shell-ish instruction is in JSON (exec) form or shell form. */
export type InstructionForm = 'json' | 'shell';

/** The dialect the shell form runs in (from `SHELL`, or a Windows base image). */
export type ShellDialect = 'posix' | 'powershell' | 'cmd';

/** A word of a shell command, in Dockerfile coordinates. */
export interface ShellWord {
  /** The word with quotes removed where that is certain (`"curl"` → `curl`); expansions kept as text. */
  readonly value: string;
  /** As written. */
  readonly raw: string;
  readonly range: Range;
}

/** A `NAME=value` of a command prefix (`DEBIAN_FRONTEND=noninteractive apt-get …`) or a declaration. */
export interface ShellAssignment {
  readonly name: string;
  /** Quotes removed where that is certain; '' for `NAME=`. */
  readonly value: string;
}

/** A command's place in the innermost pipeline around it (not crossing a `$(…)`). */
export interface PipelinePosition {
  /** 0-based stage that holds the command: in `a | (b; c) | d`, a is 0, b and c are 1, d is 2. */
  readonly index: number;
  /** Number of stages (`a | b | c`: 3). */
  readonly length: number;
  /** `index` (in the RUN) of the pipeline's first command; the same for all commands of one pipeline. */
  readonly firstCommand: number;
}

/**
 * A simple command found anywhere in a RUN: across `&&`, `||`, `;`, pipes, subshells, `if`, loops,
 * `$(…)`. Declarations (`export`, `declare`, `typeset`, `local`, `readonly`) are commands too: their
 * `name` is the keyword and `assignments` the variables they set, which (unlike a prefix
 * assignment) last for the rest of the script; `args` holds their other words (`-x`, bare names).
 */
export interface ShellCommand {
  /** The command name as written, unquoted (`apt-get`, `/usr/bin/pip3`); '' for a bare assignment. */
  readonly name: string;
  /** The arguments after the name (a declaration's assignments are in `assignments` instead). */
  readonly args: readonly ShellWord[];
  /** `VAR=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get …`), or what a declaration sets. */
  readonly assignments: readonly ShellAssignment[];
  /**
   * Flags derived from the args as hadolint does, without option values: `--foo=bar` → `foo`;
   * `-abc` (letters and digits only) → `a`,`b`,`c`; a single-dash word with anything else in it
   * is one flag and its attached value: `-q=2` → `q`, `-oAPT::Get::Assume-Yes=true` → `o`.
   * Stops at `--`.
   */
  readonly flags: readonly string[];
  /** Order of the command in its RUN, 0-based. */
  readonly index: number;
  /** The source text of the command. */
  readonly text: string;
  readonly range: Range;
  /** Inside a pipeline (`a | b`), at any depth (also inside a `$(…)` or subshell that is piped). */
  readonly isInPipeline: boolean;
  /** Its place in the innermost pipeline around it, or null; a `$(…)` starts afresh. */
  readonly pipeline: PipelinePosition | null;
  /** Inside `$(…)` or backticks. */
  readonly isInSubstitution: boolean;
  /** Inside a `( … )` subshell: a `cd` or `export` there does not outlive the parentheses. */
  readonly isInSubshell: boolean;
}

/** A RUN body as shell: its commands in order. */
export interface ShellScript {
  readonly dialect: ShellDialect;
  /** The script text as given to the shell (for a heredoc RUN: the heredoc body). */
  readonly text: string;
  /** Empty for a non-POSIX dialect (we do not parse PowerShell or cmd). */
  readonly commands: readonly ShellCommand[];
  /** The shell parser recovered from a syntax error somewhere in the script. */
  readonly hasSyntaxError: boolean;
  /** A pipe (`|`) appears between commands. */
  readonly hasPipe: boolean;
}

/** A `KEY=value` pair of ENV, ARG or LABEL. */
export interface KeyValue {
  readonly key: string;
  /** Quotes removed; `null` for `ARG NAME` without a default. */
  readonly value: string | null;
  readonly range: Range;
  readonly keyRange: Range;
}

export interface ImageRef {
  /** As written (`${BASE}`, `ubuntu:22.04`). */
  readonly raw: string;
  /** After substituting global ARG defaults (`ubuntu:22.04`). Equals `raw` when nothing to substitute. */
  readonly resolved: string;
  /** The `resolved` text still contains `$` (an ARG without a default, or an unknown variable). */
  readonly hasUnresolvedVariable: boolean;
  /** Registry host if the reference names one (`ghcr.io`, `localhost:5000`), else null. */
  readonly registry: string | null;
  /** Repository path without registry, tag or digest (`library/ubuntu` is kept as `ubuntu`). */
  readonly name: string;
  readonly tag: string | null;
  /** `sha256:…` or null. */
  readonly digest: string | null;
  readonly range: Range;
}

interface InstructionBase {
  /** Upper-cased keyword (`RUN`); unknown keywords keep their upper-cased spelling. */
  readonly keyword: string;
  /** The keyword as written (`run`), for casing rules. */
  readonly keywordText: string;
  readonly keywordRange: Range;
  /** The whole instruction: continuation lines and heredoc bodies included. */
  readonly range: Range;
  /** Source text of the whole instruction, as written. */
  readonly text: string;
  /** Arguments with continuations joined and flags removed (dockerfile-ast's arguments content). */
  readonly argsText: string;
  /** Non-flag arguments as words. Heredoc bodies are not included. */
  readonly args: readonly Word[];
  readonly flags: readonly InstructionFlag[];
  readonly heredocs: readonly Heredoc[];
  /** Stage this instruction belongs to (index into `model.stages`); -1 before the first FROM. */
  readonly stageIndex: number;
  /** True for the instruction inside an `ONBUILD` (the trigger). */
  readonly isOnbuildTrigger: boolean;
  /** Document order among top-level instructions; a trigger has its ONBUILD's index. */
  readonly index: number;
}

export interface FromInstruction extends InstructionBase {
  readonly keyword: 'FROM';
  readonly image: ImageRef;
  /** `AS name`, as written, or null. */
  readonly stageName: string | null;
  readonly stageNameRange: Range | null;
  /** `--platform` value or null. */
  readonly platform: string | null;
  /** Index of an earlier stage this FROM builds on (`FROM builder`), else null. */
  readonly baseStageIndex: number | null;
  /** `FROM scratch`. */
  readonly isScratch: boolean;
}

export interface RunInstruction extends InstructionBase {
  readonly keyword: 'RUN';
  readonly form: InstructionForm;
  /** JSON form: the argv strings. Empty for shell form. */
  readonly execArgs: readonly Word[];
  /** Commands of the RUN. For JSON form, one command from argv (or the `sh -c` script parsed). */
  readonly shell: ShellScript;
  readonly mounts: readonly Mount[];
  /** `--network=` value or null. */
  readonly network: string | null;
}

export interface CopyInstruction extends InstructionBase {
  readonly keyword: 'COPY' | 'ADD';
  /** `--from=` value or null. */
  readonly from: string | null;
  readonly chown: string | null;
  readonly chmod: string | null;
  /** Sources (all args but the last; heredoc names like `<<EOT` are included as written). */
  readonly sources: readonly Word[];
  /** The last argument, or null when missing. */
  readonly destination: Word | null;
  readonly form: InstructionForm;
}

export interface CmdInstruction extends InstructionBase {
  readonly keyword: 'CMD' | 'ENTRYPOINT' | 'SHELL';
  readonly form: InstructionForm;
  /** JSON form: the argv strings. Empty for shell form. */
  readonly execArgs: readonly Word[];
}

export interface HealthcheckInstruction extends InstructionBase {
  readonly keyword: 'HEALTHCHECK';
  /** `HEALTHCHECK NONE`. */
  readonly isNone: boolean;
  /** Form of the CMD part; null for NONE. */
  readonly form: InstructionForm | null;
}

export interface KeyValueInstruction extends InstructionBase {
  readonly keyword: 'ENV' | 'ARG' | 'LABEL';
  readonly pairs: readonly KeyValue[];
}

export interface WorkdirInstruction extends InstructionBase {
  readonly keyword: 'WORKDIR';
  /** The path as written (quotes removed); '' when missing. */
  readonly path: string;
}

export interface UserInstruction extends InstructionBase {
  readonly keyword: 'USER';
  readonly user: string;
  readonly group: string | null;
}

export interface ExposeInstruction extends InstructionBase {
  readonly keyword: 'EXPOSE';
  readonly ports: readonly {
    readonly value: string;
    /** Start port, or null when not a number (e.g. `${PORT}`). */
    readonly port: number | null;
    /** End of a range `8000-8010`, else equal to port. */
    readonly endPort: number | null;
    readonly protocol: string | null;
    readonly range: Range;
  }[];
}

export interface OnbuildInstruction extends InstructionBase {
  readonly keyword: 'ONBUILD';
  /** The wrapped instruction (`isOnbuildTrigger: true`), or null when missing. */
  readonly trigger: Instruction | null;
}

/** Any other instruction (MAINTAINER, STOPSIGNAL, VOLUME, unknown keywords…). */
export interface OtherInstruction extends InstructionBase {
  readonly keyword:
    | 'MAINTAINER'
    | 'STOPSIGNAL'
    | 'VOLUME'
    | (string & { readonly __other?: never });
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CopyInstruction
  | CmdInstruction
  | HealthcheckInstruction
  | KeyValueInstruction
  | WorkdirInstruction
  | UserInstruction
  | ExposeInstruction
  | OnbuildInstruction
  | OtherInstruction;

/** Maps a keyword to its instruction type, for `model.find('RUN')`. */
export interface InstructionByKeyword {
  FROM: FromInstruction;
  RUN: RunInstruction;
  COPY: CopyInstruction;
  ADD: CopyInstruction;
  CMD: CmdInstruction;
  ENTRYPOINT: CmdInstruction;
  SHELL: CmdInstruction;
  HEALTHCHECK: HealthcheckInstruction;
  ENV: KeyValueInstruction;
  ARG: KeyValueInstruction;
  LABEL: KeyValueInstruction;
  WORKDIR: WorkdirInstruction;
  USER: UserInstruction;
  EXPOSE: ExposeInstruction;
  ONBUILD: OnbuildInstruction;
  MAINTAINER: OtherInstruction;
  STOPSIGNAL: OtherInstruction;
  VOLUME: OtherInstruction;
}

export type Keyword = keyof InstructionByKeyword;

export interface Stage {
  readonly index: number;
  /** `AS name` as written, or null. Compare with `sameStageName`. */
  readonly name: string | null;
  readonly from: FromInstruction;
  /** The stage's top-level instructions, FROM first. */
  readonly instructions: readonly Instruction[];
  /** Index of the earlier stage this one builds on (`FROM builder`), else null. */
  readonly baseStageIndex: number | null;
  /** The stage the build produces by default (the last one). */
  readonly isLast: boolean;
  /** A later `FROM <this stage>` builds on it. */
  readonly isUsedAsBase: boolean;
  /** A later `COPY --from=<this stage>` (name or index) reads from it. */
  readonly isCopiedFrom: boolean;
  /** Shell dialect of RUNs in this stage, from `SHELL` or a Windows base image (at the stage's start). */
  readonly dialect: ShellDialect;
}

export interface Comment {
  /** Text after `#`, trimmed. */
  readonly text: string;
  readonly line: number;
  readonly range: Range;
}

export interface Directive {
  /** Lower-cased (`escape`, `syntax`, `check`). */
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** Something in the file that Docker would reject; reported by the `parse-error` rule. */
export interface ParseProblem {
  readonly message: string;
  readonly range: Range;
}

export interface DockerfileModel {
  /** The path as given (`Dockerfile`, `-` for stdin). */
  readonly file: string;
  /** The text, as read. */
  readonly source: string;
  /** Source lines without line terminators; `lines[0]` is line 1. */
  readonly lines: readonly string[];
  /** Escape character from `# escape=` (default backslash). */
  readonly escapeChar: '\\' | '`';
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  /** Top-level instructions in document order (ONBUILD triggers are inside their ONBUILD). */
  readonly instructions: readonly Instruction[];
  /** Top-level instructions plus, right after each ONBUILD, its trigger. */
  readonly allInstructions: readonly Instruction[];
  /** `ARG`s before the first FROM. */
  readonly globalArgs: readonly KeyValueInstruction[];
  readonly stages: readonly Stage[];
  readonly parseProblems: readonly ParseProblem[];
  /** All instructions (triggers included) with this keyword, typed. */
  find<K extends Keyword>(keyword: K): readonly InstructionByKeyword[K][];
  /** The stage an instruction belongs to, or null before the first FROM. */
  stageOf(instruction: Instruction): Stage | null;
  /** The stage named (case-insensitively) or numbered `ref`, declared before `beforeIndex` if given. */
  findStage(ref: string, beforeIndex?: number): Stage | null;
}
