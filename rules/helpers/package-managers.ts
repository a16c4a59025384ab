/** What the package-manager rules know about apt, dnf, yum, zypper, apk, npm and pip. */
import type {
  DockerfileModel,
  RunInstruction,
  ShellCommand,
  ShellWord,
} from '../../src/dockerfile/index.js';
import { baseStages, commandName, is, stageInstructions } from '../../src/dockerfile/index.js';

/** apt-get (and apt) options that take a separate value (`-t bookworm-backports`, `-o Key=value`). */
export const APT_OPTIONS_WITH_VALUE = [
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
];

/** yum 3 options that take a separate value. */
export const YUM_OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-x',
  '--exclude',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--installroot',
  '--releasever',
  '--enablerepo',
  '--disablerepo',
  '--setopt',
  '--downloaddir',
  '--color',
  '--rpmverbosity',
];

/** dnf (and microdnf, and yum 4+, which is dnf) options that take a separate value. */
export const DNF_OPTIONS_WITH_VALUE = [
  ...YUM_OPTIONS_WITH_VALUE,
  '--repo',
  '--repoid',
  '--repofrompath',
  '--destdir',
  '--forcearch',
  '--comment',
];

/** zypper global options (before the command) that take a separate value. */
export const ZYPPER_GLOBAL_OPTIONS_WITH_VALUE = [
  '-c',
  '--config',
  '-R',
  '--root',
  '-D',
  '--reposd-path',
  '-C',
  '--cache-dir',
  '--raw-cache-dir',
  '--solv-cache-dir',
  '--pkg-cache-dir',
  '-p',
  '--plus-repo',
  '--plus-content',
];

/** zypper options, global and per command, that take a separate value. */
export const ZYPPER_OPTIONS_WITH_VALUE = [
  ...ZYPPER_GLOBAL_OPTIONS_WITH_VALUE,
  '-r',
  '--repo',
  '--from',
  '-t',
  '--type',
  '--download',
];

/** apk options that take a separate value (`-X <repo>`, `--virtual <name>`). */
export const APK_OPTIONS_WITH_VALUE = [
  '-X',
  '--repository',
  '-t',
  '--virtual',
  '-p',
  '--root',
  '--keys-dir',
  '--repositories-file',
  '--cache-dir',
  '--cache-max-age',
  '--arch',
  '--timeout',
];

/** npm options that take a separate value. */
export const NPM_OPTIONS_WITH_VALUE = [
  '--registry',
  '--loglevel',
  '--prefix',
  '--cache',
  '--tag',
  '--userconfig',
  '--globalconfig',
  '-w',
  '--workspace',
  '--omit',
  '--include',
  '--install-strategy',
  '--before',
  '--otp',
  '--location',
  '--os',
  '--cpu',
  '--libc',
  '--script-shell',
  '--fetch-retries',
  '--fetch-timeout',
  '--proxy',
  '--https-proxy',
  '--cafile',
];

/** pip general options that take a separate value (they may precede the command). */
export const PIP_GENERAL_OPTIONS_WITH_VALUE = [
  '--python',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--use-feature',
  '--use-deprecated',
];

/**
 * Whether a RUN sees `setting` in its own text or in the RUNs before it: earlier in its stage,
 * and every RUN of the stages it builds on (where config files such as apt.conf are written).
 */
export function seesSetting(model: DockerfileModel, run: RunInstruction, setting: RegExp): boolean {
  const earlier = stageInstructions(model, run).filter((i) => is(i, 'RUN') && i.index < run.index);
  const inBases = baseStages(model, model.stageOf(run)).flatMap((stage) =>
    stage.instructions.filter((i) => is(i, 'RUN')),
  );
  return [...earlier, ...inBases, run].some((i) => setting.test(i.text));
}

/** A pip run: `pip3 …` or `python3 -m pip …` (and `pipx …` when asked), as written, and its arguments. */
export interface PipInvocation {
  /** `pip3`, `/usr/bin/python3 -m pip`, `pipx`. */
  readonly label: string;
  /** The arguments after `pip` (after `-m pip` for python). */
  readonly args: readonly ShellWord[];
}

export function pipInvocation(
  command: ShellCommand,
  { orPipx = false }: { readonly orPipx?: boolean } = {},
): PipInvocation | null {
  const name = commandName(command);
  if (/^pip[0-9.]*$/.test(name) || (orPipx && name === 'pipx')) {
    return { label: command.name, args: command.args };
  }
  if (!/^python[0-9.]*$/.test(name)) return null;
  const args = command.args;
  const m = args.findIndex((a, i) => a.value === '-m' && args[i + 1]?.value === 'pip');
  return m === -1 ? null : { label: `${command.name} -m pip`, args: args.slice(m + 2) };
}
