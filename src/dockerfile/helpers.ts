/** Small named helpers rules use to read like their messages. All pure. */
import { parseImageRef } from './parse.js';
import type {
  DockerfileModel,
  ImageRef,
  Instruction,
  InstructionByKeyword,
  Keyword,
  Range,
  RunInstruction,
  ShellCommand,
  Stage,
} from './types.js';

/** Type guard: `is(instruction, 'RUN')` narrows to `RunInstruction`. */
export function is<K extends Keyword>(
  instruction: Instruction,
  keyword: K,
): instruction is Instruction & InstructionByKeyword[K] {
  return instruction.keyword === keyword;
}

/** The command's program name without its directory (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(command: ShellCommand): string {
  const slash = command.name.lastIndexOf('/');
  return slash === -1 ? command.name : command.name.slice(slash + 1);
}

/** The command is one of `names` (compared without directory). */
export function isCommand(command: ShellCommand, ...names: string[]): boolean {
  return names.includes(commandName(command));
}

/** Some argument equals one of `values` exactly (after quote removal). */
export function hasArg(command: ShellCommand, ...values: string[]): boolean {
  return command.args.some((a) => values.includes(a.value));
}

/** Some flag (see `ShellCommand.flags`) is one of `flags`: `hasFlag(cmd, 'y', 'yes', 'assume-yes')`. */
export function hasFlag(command: ShellCommand, ...flags: string[]): boolean {
  return command.flags.some((f) => flags.includes(f));
}

/**
 * The command's output goes on down a pipe (`curl … | tar x`: curl): it is not the last stage of
 * its pipeline, so without `pipefail` its failure goes unnoticed.
 */
export function feedsPipe(command: ShellCommand): boolean {
  return command.pipeline !== null && command.pipeline.index < command.pipeline.length - 1;
}

/** Arguments that are not flags (do not start with `-`), e.g. packages after `install`. */
export function positionalArgs(command: ShellCommand): string[] {
  return command.args.map((a) => a.value).filter((v) => !v.startsWith('-'));
}

/** Every shell command of every RUN (ONBUILD RUN included), with its RUN. */
export function runCommands(
  model: DockerfileModel,
): { readonly run: RunInstruction; readonly command: ShellCommand }[] {
  return model
    .find('RUN')
    .flatMap((run) => run.shell.commands.map((command) => ({ run, command })));
}

/**
 * A BuildKit cache or tmpfs mount whose target contains one of the `fragments` (hadolint's
 * substring rule): `hasCacheMount(run, '/var/lib/apt/lists')`.
 */
export function hasCacheMount(run: RunInstruction, ...fragments: string[]): boolean {
  return run.mounts.some(
    (m) =>
      (m.type === 'cache' || m.type === 'tmpfs') && fragments.some((f) => m.target.includes(f)),
  );
}

/** The commands of the RUN that come after `command`. */
export function commandsAfter(run: RunInstruction, command: ShellCommand): ShellCommand[] {
  return run.shell.commands.filter((c) => c.index > command.index);
}

/**
 * The instruction's layer ends up in an image: it is in the last stage, in a stage a later FROM
 * builds on, before any FROM, or an ONBUILD trigger (which runs in images built FROM this one).
 */
export function shipsInImage(model: DockerfileModel, instruction: Instruction): boolean {
  if (instruction.isOnbuildTrigger) return true;
  const stage = model.stageOf(instruction);
  return stage === null || stage.isLast || stage.isUsedAsBase;
}

/** The top-level instructions of the instruction's stage (before the first FROM: those there). */
export function stageInstructions(
  model: DockerfileModel,
  instruction: Instruction,
): readonly Instruction[] {
  const stage = model.stageOf(instruction);
  return stage ? stage.instructions : model.instructions.filter((i) => i.stageIndex === -1);
}

/** The stages `stage` builds on through `FROM <stage>`, nearest first. */
export function baseStages(model: DockerfileModel, stage: Stage | null): Stage[] {
  const bases: Stage[] = [];
  for (let base = stage?.baseStageIndex ?? null; base !== null; ) {
    const baseStage = model.stages[base];
    if (baseStage === undefined) break;
    bases.push(baseStage);
    base = baseStage.baseStageIndex;
  }
  return bases;
}

/** An image the build pulls, and where it is named. */
export interface ExternalImage {
  readonly image: ImageRef;
  readonly at: Range;
}

/**
 * Every image the build pulls: FROM, `COPY --from=` and `RUN --mount=…,from=` that name no stage.
 * `scratch` and references that are empty or still hold a variable are left out.
 */
export function externalImages(model: DockerfileModel): ExternalImage[] {
  const images: ExternalImage[] = [];
  for (const stage of model.stages) {
    const image = stage.from.image;
    if (stage.baseStageIndex !== null || stage.from.isScratch || isUnknown(image)) continue;
    images.push({ image, at: image.range });
  }
  for (const instruction of model.allInstructions) {
    for (const flag of instruction.flags) {
      const ref =
        flag.name === 'from' ? flag.value : flag.name === 'mount' ? flag.options.from : undefined;
      if (!ref || /^\d+$/.test(ref) || model.findStage(ref, instruction.index)) continue;
      const image = parseImageRef(ref, ref, flag.range);
      if (isUnknown(image)) continue;
      images.push({ image, at: flag.range });
    }
  }
  return images;
}

function isUnknown(image: ImageRef): boolean {
  return image.resolved === '' || image.hasUnresolvedVariable;
}
