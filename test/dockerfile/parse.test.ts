// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import { describe, expect, it } from 'vitest';
import { feedsPipe, is, parseDockerfile } from '../../src/dockerfile/index.js';

const commandsOf = async (code: string) => {
  const model = await parseDockerfile(code);
  return model
    .find('RUN')
    .map((run) =>
      run.shell.commands.map(
        (c) =>
          `${c.range.start.line}:${c.range.start.column} ${[c.name, ...c.args.map((a) => a.value)].join(' ')}`,
      ),
    );
};

describe('parseDockerfile: stages and FROM', () => {
  it('resolves global ARG defaults and recognises earlier stage names', async () => {
    const model = await parseDockerfile(
      'ARG REG=ghcr.io\nARG BASE=${REG}/acme/base:1.2\nARG NOPE\nFROM ${BASE} AS Build\nFROM build AS test\nFROM ${NOPE:-alpine}:3\nFROM $NOPE\n',
    );
    expect(model.globalArgs.map((a) => a.pairs.map((p) => `${p.key}=${p.value}`))).toEqual([
      ['REG=ghcr.io'],
      ['BASE=${REG}/acme/base:1.2'],
      ['NOPE=null'],
    ]);
    expect(
      model.stages.map((s) => ({
        name: s.name,
        resolved: s.from.image.resolved,
        registry: s.from.image.registry,
        image: s.from.image.name,
        tag: s.from.image.tag,
        base: s.baseStageIndex,
        used: s.isUsedAsBase,
        last: s.isLast,
        unresolved: s.from.image.hasUnresolvedVariable,
      })),
    ).toEqual([
      {
        name: 'Build',
        resolved: 'ghcr.io/acme/base:1.2',
        registry: 'ghcr.io',
        image: 'acme/base',
        tag: '1.2',
        base: null,
        used: true,
        last: false,
        unresolved: false,
      },
      {
        name: 'test',
        resolved: 'build',
        registry: null,
        image: 'build',
        tag: null,
        base: 0,
        used: false,
        last: false,
        unresolved: false,
      },
      {
        name: null,
        resolved: 'alpine:3',
        registry: null,
        image: 'alpine',
        tag: '3',
        base: null,
        used: false,
        last: false,
        unresolved: false,
      },
      {
        name: null,
        resolved: '$NOPE',
        registry: null,
        image: '$NOPE',
        tag: null,
        base: null,
        used: false,
        last: true,
        unresolved: true,
      },
    ]);
    expect(model.stages[0]?.from.image.range).toEqual({
      start: { line: 4, column: 6 },
      end: { line: 4, column: 13 },
    });
  });

  it('parses digests, ports and COPY --from usage', async () => {
    const model = await parseDockerfile(
      'FROM localhost:5000/app:1@sha256:abc AS a\nFROM scratch\nCOPY --from=a /x /y\nCOPY --from=0 /z /w\n',
    );
    const image = model.stages[0]?.from.image;
    expect([image?.registry, image?.name, image?.tag, image?.digest]).toEqual([
      'localhost:5000',
      'app',
      '1',
      'sha256:abc',
    ]);
    expect(model.stages[0]?.isCopiedFrom).toBe(true);
    expect(model.stages[1]?.from.isScratch).toBe(true);
    const copy = model.find('COPY')[0];
    expect([copy?.from, copy?.sources.map((s) => s.value), copy?.destination?.value]).toEqual([
      'a',
      ['/x'],
      '/y',
    ]);
  });
});

describe('parseDockerfile: RUN as shell', () => {
  it('splits &&, ;, ||, pipes, subshells, if bodies and $(…) with exact positions', async () => {
    expect(
      await commandsOf(
        'FROM a:1\nRUN set -eux; apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" \\\n  && (cd /x; make) | tee log || true; if [ -n "$X" ]; then echo $(uname -m); fi\n',
      ),
    ).toEqual([
      [
        '2:5 set -eux',
        '2:15 apt-get update',
        '2:33 apt-get install -y curl',
        '3:7 cd /x',
        '3:14 make',
        '3:22 tee log',
        '3:33 true',
        '3:60 echo $(uname -m)',
        '3:67 uname -m',
      ],
    ]);
  });

  it('skips comment and blank lines inside continuations, as Docker does', async () => {
    expect(
      await commandsOf(
        'FROM a:1\nRUN apt-get update \\\n# a comment\n\n    && rm -rf /var/lib/apt/lists/*\n',
      ),
    ).toEqual([['2:5 apt-get update', '5:8 rm -rf /var/lib/apt/lists/*']]);
  });

  it('reads heredoc RUN bodies and sh heredocs as scripts', async () => {
    expect(
      await commandsOf(
        'FROM a:1\nRUN <<EOF\nset -e\napt-get update\nEOF\nRUN cat <<EOT > /etc/motd\nhello\nEOT\nRUN sh <<EOS\necho inner\nEOS\nRUN python3 <<EOP\nprint(1)\nEOP\n',
      ),
    ).toEqual([
      ['3:1 set -e', '4:1 apt-get update'],
      ['6:5 cat'],
      ['9:5 sh', '10:1 echo inner'],
      ['12:5 python3'],
    ]);
  });

  it('reads JSON form, and parses the script of ["sh", "-c", …]', async () => {
    const model = await parseDockerfile(
      'FROM a:1\nRUN ["apt-get", "install", "-y", "curl"]\nRUN ["/bin/sh", "-c", "a && b"]\nRUN [not json\n',
    );
    const runs = model.find('RUN');
    expect(runs.map((r) => r.form)).toEqual(['json', 'json', 'shell']);
    expect(runs[0]?.shell.commands.map((c) => [c.name, c.flags])).toEqual([['apt-get', ['y']]]);
    expect(runs[1]?.shell.commands.map((c) => `${c.range.start.column} ${c.name}`)).toEqual([
      '24 a',
      '29 b',
    ]);
  });

  it('parses BuildKit mounts', async () => {
    const model = await parseDockerfile(
      'FROM a:1\nRUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=type=secret,id=npm,dst=/run/s --network=none pip install x\n',
    );
    const run = model.find('RUN')[0];
    expect(run?.mounts.map((m) => [m.type, m.target, m.options.sharing ?? null])).toEqual([
      ['cache', '/root/.cache', 'locked'],
      ['secret', '/run/s', null],
    ]);
    expect([run?.network, run?.argsText]).toEqual(['none', 'pip install x']);
  });

  it('does not parse PowerShell or cmd bodies; SHELL and Windows bases set the dialect', async () => {
    const model = await parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\nSHELL ["powershell", "-Command"]\nRUN $ErrorActionPreference = \'Stop\'; `\n    Write-Host hi\n',
    );
    expect(model.escapeChar).toBe('`');
    expect(model.find('RUN').map((r) => [r.shell.dialect, r.shell.commands.length])).toEqual([
      ['cmd', 0],
      ['powershell', 0],
    ]);
    expect(model.find('RUN')[1]?.argsText).toBe(
      "$ErrorActionPreference = 'Stop';     Write-Host hi",
    );
  });
});

describe('parseDockerfile: ONBUILD SHELL', () => {
  it('leaves the dialect of the current stage alone (it applies to images built FROM this one)', async () => {
    const model = await parseDockerfile(
      'FROM debian:12 AS base\nONBUILD SHELL ["powershell", "-Command"]\nRUN curl -f u | tar x\nFROM base\nRUN echo hi\n',
    );
    const trigger = model.find('SHELL')[0];
    expect([trigger?.isOnbuildTrigger, trigger?.execArgs.map((w) => w.value)]).toEqual([
      true,
      ['powershell', '-Command'],
    ]);
    expect(model.find('RUN').map((r) => [r.shell.dialect, r.shell.commands.length])).toEqual([
      ['posix', 2],
      ['posix', 1],
    ]);
    expect(model.stages.map((s) => s.dialect)).toEqual(['posix', 'posix']);
  });

  it('still lets a plain SHELL change the dialect', async () => {
    const model = await parseDockerfile(
      'FROM debian:12\nSHELL ["pwsh", "-c"]\nONBUILD SHELL ["/bin/sh", "-c"]\nRUN Write-Host hi\n',
    );
    expect(model.find('RUN').map((r) => r.shell.dialect)).toEqual(['powershell']);
  });
});

describe('parseDockerfile: where a command sits', () => {
  const runCommandsOf = async (code: string) =>
    (await parseDockerfile(code)).find('RUN')[0]?.shell.commands ?? [];

  it('gives each command its place in the innermost pipeline, its subshell and substitution', async () => {
    const commands = await runCommandsOf(
      'FROM a:1\nRUN x && curl -fsSL u | (tar xz; cd y) | tee log && echo $(uname -m | tr a b) |& cat\n',
    );
    expect(
      commands.map((c) => [
        c.name,
        c.pipeline ? `${c.pipeline.index}/${c.pipeline.length}@${c.pipeline.firstCommand}` : null,
        c.isInPipeline,
        c.isInSubshell,
        c.isInSubstitution,
      ]),
    ).toEqual([
      ['x', null, false, false, false],
      ['curl', '0/3@1', true, false, false],
      ['tar', '1/3@1', true, true, false],
      ['cd', '1/3@1', true, true, false],
      ['tee', '2/3@1', true, false, false],
      ['echo', '0/2@5', true, false, false],
      ['uname', '0/2@6', true, false, true],
      ['tr', '1/2@6', true, false, true],
      ['cat', '1/2@5', true, false, false],
    ]);
    expect(commands.filter(feedsPipe).map((c) => c.name)).toEqual([
      'curl',
      'tar',
      'cd',
      'echo',
      'uname',
    ]);
  });

  it('lists export, declare, local, readonly and typeset as commands with their assignments', async () => {
    const commands = await runCommandsOf(
      'FROM a:1\nRUN export PIP_NO_CACHE_DIR=1 PATH="/x:$PATH" HOME && declare -x A=\'b c\'; local l; readonly R=2; typeset -i n=3; B=1 pip install x\n',
    );
    expect(
      commands.map((c) => [
        c.name,
        c.args.map((a) => a.value),
        c.assignments.map((a) => `${a.name}=${a.value}`),
        c.flags,
      ]),
    ).toEqual([
      ['export', ['HOME'], ['PIP_NO_CACHE_DIR=1', 'PATH=/x:$PATH'], []],
      ['declare', ['-x'], ['A=b c'], ['x']],
      ['local', ['l'], [], []],
      ['readonly', [], ['R=2'], []],
      ['typeset', ['-i'], ['n=3'], ['i']],
      ['pip', ['install', 'x'], ['B=1'], []],
    ]);
    expect(commands[0]?.text).toBe('export PIP_NO_CACHE_DIR=1 PATH="/x:$PATH" HOME');
    expect(commands[0]?.range.start).toEqual({ line: 2, column: 5 });
  });

  it('derives flags as hadolint does, but keeps attached option values out', async () => {
    const model = await parseDockerfile(
      'FROM a:1\nRUN apt-get -yq -q=2 -oAPT::Get::Assume-Yes=true --no-install-recommends=1 -x=foo -j4 - install -- -z\nRUN ["apt-get", "-q=2", "-oDebug::pkgProblemResolver=yes", "-qq"]\n',
    );
    expect(model.find('RUN').map((r) => r.shell.commands[0]?.flags)).toEqual([
      ['y', 'q', 'q', 'o', 'no-install-recommends', 'x', 'j', '4'],
      ['q', 'o', 'q', 'q'],
    ]);
  });
});

describe('parseDockerfile: other instructions', () => {
  it('models ONBUILD triggers so RUN rules see them', async () => {
    const model = await parseDockerfile('FROM a:1\nONBUILD RUN apt-get update\n');
    const [trigger] = model.find('RUN');
    expect(trigger?.isOnbuildTrigger).toBe(true);
    expect(trigger?.shell.commands[0]?.range.start).toEqual({ line: 2, column: 13 });
    expect(model.instructions.map((i) => i.keyword)).toEqual(['FROM', 'ONBUILD']);
    expect(model.allInstructions.map((i) => i.keyword)).toEqual(['FROM', 'ONBUILD', 'RUN']);
  });

  it('reads ENV/LABEL pairs, EXPOSE ports, USER, WORKDIR, HEALTHCHECK, CMD forms', async () => {
    const model = await parseDockerfile(
      'FROM a:1\nENV A=1 B="two words"\nLABEL x.y=z\nEXPOSE 80/tcp 8000-8010 ${P}\nUSER app:staff\nWORKDIR "/srv/app"\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\nCMD echo hi\nENTRYPOINT ["/e"]\n',
    );
    const [env] = model.find('ENV');
    expect(env?.pairs.map((p) => [p.key, p.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(model.find('EXPOSE')[0]?.ports.map((p) => [p.port, p.endPort, p.protocol])).toEqual([
      [80, 80, 'tcp'],
      [8000, 8010, null],
      [null, null, null],
    ]);
    expect([model.find('USER')[0]?.user, model.find('USER')[0]?.group]).toEqual(['app', 'staff']);
    expect(model.find('WORKDIR')[0]?.path).toBe('/srv/app');
    expect(model.find('HEALTHCHECK')[0]?.form).toBe('json');
    expect([model.find('CMD')[0]?.form, model.find('ENTRYPOINT')[0]?.form]).toEqual([
      'shell',
      'json',
    ]);
    const label = model.instructions[2];
    expect(label && is(label, 'LABEL') ? label.pairs[0]?.key : null).toBe('x.y');
  });

  it('lists comments, including a first-line pragma, and directives', async () => {
    const model = await parseDockerfile(
      '# syntax=docker/dockerfile:1\n# hadolint ignore=DL3006\nFROM a\n  # indented\nRUN x\n',
    );
    expect(model.directives).toEqual([{ name: 'syntax', value: 'docker/dockerfile:1', line: 1 }]);
    expect(model.comments.map((c) => [c.line, c.text])).toEqual([
      [1, 'syntax=docker/dockerfile:1'],
      [2, 'hadolint ignore=DL3006'],
      [4, 'indented'],
    ]);
  });

  it('never throws on odd input', async () => {
    for (const code of [
      '',
      '\n\n',
      'FROM',
      '\u0000\u0001',
      'RUN <<EOF\n',
      'FROM a\nRUN "unterminated\n',
    ]) {
      await expect(parseDockerfile(code)).resolves.toBeDefined();
    }
  });
});
