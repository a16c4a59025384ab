import type { DockerfileModel, RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import {
  baseStages,
  hasCacheMount,
  hasFlag,
  is,
  isCommand,
  shipsInImage,
  stageInstructions,
} from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { operands } from './helpers/commands.js';
import { PIP_GENERAL_OPTIONS_WITH_VALUE, pipInvocation } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'pip-no-cache-dir',
    severity: 'warning',
    hadolint: 'DL3042',
    docs: {
      summary: '`pip install` without `--no-cache-dir` leaves its download cache in the layer.',
      rationale:
        'pip keeps every wheel and sdist it downloads (and the wheels it builds) in ~/.cache/pip; ' +
        'in an image that cache is dead weight, often larger than the packages themselves. Pass ' +
        '`--no-cache-dir`, set `PIP_NO_CACHE_DIR` (ENV or ARG earlier in the stage or in a stage ' +
        'it builds on, a prefix on the command, or `export` earlier in the RUN), or keep the cache out of ' +
        'the layer with a BuildKit cache or tmpfs mount on ~/.cache/pip (or ~/.cache). pipx and ' +
        'pipenv are not pip. Unlike hadolint, any valid boolean value of PIP_NO_CACHE_DIR counts, ' +
        'including `0`, `false` and `off`: pip disables the cache for every value it accepts ' +
        '(documented backwards-compatible behaviour), so hadolint\u2019s warning there is wrong. ' +
        'Only the stages that end up in an image are checked.',
      bad: 'FROM python:3.12-slim\nRUN pip install requests==2.32.3\n',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir requests==2.32.3\n',
    },
    messages: {
      keepsCache:
        '`{{command}}` keeps downloaded packages in ~/.cache/pip; add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount on /root/.cache/pip',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || keepsCacheOutOfLayer(run)) continue;
      if (isCacheDisabledByEnvironment(model, run)) continue;
      for (const command of run.shell.commands) {
        const pip = pipInstall(command);
        if (pip === null || hasFlag(command, 'no-cache-dir', 'no-cache')) continue;
        if (command.assignments.some(disablesCache) || exportsNoCacheDirBefore(run, command))
          continue;
        report({ messageId: 'keepsCache', at: command, data: { command: pip } });
      }
    }
  },
});

/** `pip install` / `python3 -m pip install` as written, or null when the command is not a pip install. */
function pipInstall(command: ShellCommand): string | null {
  const pip = pipInvocation(command);
  if (pip === null) return null;
  const verb = operands(pip.args, PIP_GENERAL_OPTIONS_WITH_VALUE)[0]?.value;
  return verb === 'install' ? `${pip.label} install` : null;
}

function keepsCacheOutOfLayer(run: RunInstruction): boolean {
  return (
    hasCacheMount(run, '.cache/pip') ||
    run.mounts.some(
      (m) => (m.type === 'cache' || m.type === 'tmpfs') && /\/\.cache\/?$/.test(m.target),
    )
  );
}

/** pip turns the cache off for every value its strtobool accepts, even `0` and `false`. */
const PIP_BOOLEANS = ['y', 'yes', 't', 'true', 'on', '1', 'n', 'no', 'f', 'false', 'off', '0'];

function disablesCache(assignment: { readonly name: string; readonly value: string | null }) {
  return (
    assignment.name === 'PIP_NO_CACHE_DIR' &&
    assignment.value !== null &&
    PIP_BOOLEANS.includes(assignment.value.toLowerCase())
  );
}

/** `export PIP_NO_CACHE_DIR=…` (or `declare -x`) earlier in the RUN. */
function exportsNoCacheDirBefore(run: RunInstruction, pip: ShellCommand): boolean {
  return run.shell.commands.some(
    (c) => c.index < pip.index && isExport(c) && c.assignments.some(disablesCache),
  );
}

function isExport(command: ShellCommand): boolean {
  return (
    isCommand(command, 'export') ||
    (isCommand(command, 'declare', 'typeset') && hasFlag(command, 'x'))
  );
}

/** ENV or ARG PIP_NO_CACHE_DIR seen by the RUN: earlier in its stage, or ENV in a stage it builds on. */
function isCacheDisabledByEnvironment(model: DockerfileModel, run: RunInstruction): boolean {
  const visible = [
    ...stageInstructions(model, run).filter((i) => run.isOnbuildTrigger || i.index < run.index),
    ...baseStages(model, model.stageOf(run)).flatMap((s) =>
      s.instructions.filter((i) => is(i, 'ENV')),
    ),
  ];
  return visible.some(
    (i) =>
      (is(i, 'ENV') || is(i, 'ARG')) &&
      i.pairs.some((p) => disablesCache({ name: p.key, value: p.value })),
  );
}
