import assert from 'node:assert/strict';
import { evaluate, problemsOf, targets } from './helpers/models.ts';
import { planDocument } from '../controller/core/plan.ts';
import { evaluateModels } from '../controller/core/evaluate.ts';
import { memoryRepoReader } from '../controller/core/models/repo-reader.ts';

const infra = targets(2);
/** services.yaml with a two-target infrastructure and `web` placed on t1. */
const withWeb = (services: string) => ({
  'services.yaml': services,
  'infrastructure.yaml': infra,
  'distribution.yaml': 'distribution:\n  web: [t1]\n',
});

describe('validation: every problem as FILE:LINE:COL: message', () => {
  it('reports YAML syntax errors where they are', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    process:\n      command: /bin/web\n     args: [a]\n',
    });

    assert.deepEqual(problems, [
      'services.yaml:5:1: YAML syntax error: All mapping items must start at the same column',
    ]);
  });

  it('reports a YAML syntax error, and not the problems that only follow from it', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  web:\n    process: { command: /bin/web }\n    dependsOn: [db]\n    requiresUniqueIdsFor: [ports]\n',
      'services/db.yaml': 'services:\n  db:\n    process: { command: /bin/db\n',
      'infrastructure.yaml': 'targets:\n  t1: [unclosed\n',
      'idresources.yaml': 'pools:\n  ports: { min: 1, max: }\n',
      'distribution.yaml': 'distribution:\n  web: [t1]\n  db: [t1]\n',
    });

    assert.deepEqual(
      problems.map((p) => p.split(': ')[0]),
      ['idresources.yaml:2:25', 'infrastructure.yaml:3:1', 'services/db.yaml:4:1'],
    );
  });

  it('reports a key written twice', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: package\n  web:\n    type: package\n',
    });

    assert.deepEqual(problems, ['services.yaml:4:3: YAML syntax error: Map keys must be unique']);
  });

  it('reports every schema violation of a file, each at its value or key', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process:\n      command: 42\n      umask: 022\n      nice: 40\n      environment:\n        1BAD: x\n    colour: blue\n',
      ),
    );

    assert.deepEqual(problems, [
      'services.yaml:4:16: command: must be a string',
      'services.yaml:5:14: umask: must be an octal umask in quotes, such as "022"',
      'services.yaml:6:13: nice: must be <= 19',
      "services.yaml:8:9: '1BAD' must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)",
      "services.yaml:9:5: unknown field 'colour'",
    ]);
  });

  it('reports unknown services in dependencies, with a suggestion', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process:\n      command: /bin/web\n    dependsOn: [databse]\n  database:\n    type: package\n',
      ),
    );

    assert.deepEqual(problems, ["services.yaml:5:17: unknown service 'databse' (did you mean 'database'?)"]);
  });

  it('reports unknown services and targets in the distribution', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    process: {command: /bin/web}\n',
      'infrastructure.yaml': infra,
      'distribution.yaml':
        'distribution:\n  web: [t1, t9]\n  ghost: [t1]\n  web2: {targets: [{target: t1}]}\n',
    });

    assert.deepEqual(problems, [
      "distribution.yaml:2:13: unknown target 't9' (did you mean 't1'?)",
      "distribution.yaml:3:3: unknown service 'ghost'",
      "distribution.yaml:4:3: unknown service 'web2' (did you mean 'web'?)",
    ]);
  });

  it('reports a container the target does not offer', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: tomcat\n',
      'infrastructure.yaml': infra,
      'distribution.yaml':
        'distribution:\n  web:\n    targets:\n      - target: t1\n        container: mysql\n',
    });

    assert.deepEqual(problems, [
      "distribution.yaml:4:9: target 't1' has no container 'mysql' (it offers: process, package)",
    ]);
  });

  it('names a dependency cycle through dependsOn and activatesAfter, and allows connectsTo cycles', () => {
    const problems = problemsOf({
      ...withWeb(
        'services:\n  web:\n    process: {command: /bin/web}\n    dependsOn: [api]\n    connectsTo: [db]\n' +
          '  api:\n    process: {command: /bin/api}\n    activatesAfter: [db]\n' +
          '  db:\n    process: {command: /bin/db}\n    dependsOn: [web]\n    connectsTo: [web]\n',
      ),
      'distribution.yaml': 'distribution:\n  web: [t1]\n  api: [t1]\n  db: [t2]\n',
    });

    assert.deepEqual(problems, ['services.yaml:4:17: dependency cycle: api -> db -> web -> api']);
  });

  it('reports unknown pools, min > max and bad follows', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: package\n    requiresUniqueIdsFor: [ports, uidz]\n',
      'idresources.yaml':
        'pools:\n  ports:\n    min: 9000\n    max: 8000\n  uids:\n    min: 1\n    max: 10\n  gids:\n    follows: uid\n  other:\n    follows: uids\n    step: 2\n',
    });

    assert.deepEqual(problems, [
      "idresources.yaml:3:10: pool 'ports': min 9000 is greater than max 8000",
      "idresources.yaml:9:14: pool 'gids' follows unknown pool 'uid' (did you mean 'uids'?)",
      "idresources.yaml:12:11: pool 'other' follows 'uids' and takes its range and scope; remove step",
      "services.yaml:4:35: unknown pool 'uidz' (did you mean 'uids'?)",
    ]);
  });

  it('rejects names that are not plain identifiers (no shell metacharacters, no path escapes)', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  "web;rm -rf":\n    type: package\n',
      'infrastructure.yaml': 'targets:\n  ../etc:\n    hostname: x\n',
    });

    assert.deepEqual(problems, [
      "infrastructure.yaml:2:3: target name '../etc' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)",
      "services.yaml:2:3: service name 'web;rm -rf' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)",
    ]);
  });

  it('rejects package and template paths that leave the repository or do not exist', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    package: ../../etc\n    process:\n      command: /bin/web\n    files:\n' +
          '      a.conf:\n        template: missing.conf\n      b.conf:\n        template: ./../x\n      c.conf: {}\n',
      ),
    );

    assert.deepEqual(problems, [
      "services.yaml:3:14: package path '../../etc' leaves the repository",
      "services.yaml:8:19: template file 'missing.conf' does not exist in the repository",
      "services.yaml:10:19: template path './../x' leaves the repository",
      "services.yaml:11:15: file 'c.conf' needs exactly one of 'template' (a file of the repository) or 'content'",
    ]);
  });

  it('names both files when fragments define a service twice', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: package\n',
      'services/more.yaml': 'services:\n  api:\n    type: package\n  web:\n    type: package\n',
    });

    assert.deepEqual(problems, [
      "services/more.yaml:4:3: service 'web' is defined twice: in services.yaml and in services/more.yaml",
    ]);
  });

  it('reports unknown template references in YAML and in template files, naming the targets concerned', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  web:\n    process:\n      command: /bin/web\n' +
        '      args: ["--port", "${{ ids.port }}", "${{ target.properties.zone }}"]\n' +
        '    files:\n      app.conf:\n        template: app.conf\n',
      'app.conf': 'line one\nlisten ${{ deps.db.ids.ports }}\nname ${{ name\n',
      'infrastructure.yaml':
        'targets:\n  t1:\n    hostname: a\n    properties: {zone: z1}\n  t2:\n    hostname: b\n',
      'distribution.yaml': 'distribution:\n  web: [t1, t2]\n',
    });

    assert.deepEqual(problems, [
      "app.conf:2:8: unknown template reference 'deps.db.ids.ports': 'deps' has no 'db'",
      "app.conf:3:6: template reference is not closed: '${{' without '}}'",
      "services.yaml:5:24: unknown template reference 'ids.port': 'ids' has no 'port'",
      "services.yaml:5:43: unknown template reference 'target.properties.zone': 'target.properties' has no 'zone' (on target t2)",
    ]);
  });

  it('requires a command or daemon, one health check kind and a HOST:PORT for tcp checks', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process:\n      user: web\n    healthCheck:\n      tcp: 127.0.0.1:80\n      http: http://x/\n',
      ),
    );
    const badTcp = problemsOf(
      withWeb('services:\n  web:\n    process: {command: /bin/web}\n    healthCheck: {tcp: "localhost"}\n'),
    );

    assert.deepEqual(problems, [
      "services.yaml:4:7: process needs 'command' (runs in the foreground) or 'daemon' (daemonises itself)",
      'services.yaml:6:7: healthCheck needs exactly one of tcp, http or command (found tcp, http)',
    ]);
    assert.deepEqual(badTcp, ["services.yaml:4:24: healthCheck tcp must be HOST:PORT, got 'localhost'"]);
  });

  it('rejects depending on a package, and a process container without a process', () => {
    const pkgDep = problemsOf(
      withWeb(
        'services:\n  web:\n    process: {command: /bin/web}\n    dependsOn: [lib]\n  lib:\n    type: package\n',
      ),
    );
    const noProcess = problemsOf(withWeb('services:\n  web:\n    description: nothing to run\n'));

    assert.deepEqual(pkgDep, [
      "services.yaml:4:17: 'lib' is a package: it is never activated, so it cannot be in dependsOn",
    ]);
    assert.deepEqual(noProcess, [
      "distribution.yaml:2:9: service 'web' runs in container 'process' on 't1' but has no process block",
    ]);
  });

  it('rejects a dependency that is not distributed anywhere', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process: {command: /bin/web}\n    dependsOn: [db]\n  db:\n    process: {command: /bin/db}\n',
      ),
    );

    assert.deepEqual(problems, [
      "services.yaml:4:17: 'db' is not distributed to any target, so 'web' cannot reach it",
    ]);
  });

  it('reports problems across all files in one run', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    process: {command: /bin/web}\n    dependsOn: [nope]\n',
      'infrastructure.yaml': 'targets:\n  t1:\n    port: 99999\n',
      'distribution.yaml': 'distribution:\n  web: [t2]\n',
    });

    assert.deepEqual(problems, [
      "distribution.yaml:2:9: unknown target 't2' (did you mean 't1'?)",
      'infrastructure.yaml:3:5: t1: an ssh target needs a hostname (or transport: local)',
      'infrastructure.yaml:3:11: port: must be <= 65535',
      "services.yaml:4:17: unknown service 'nope'",
    ]);
  });

  it('rejects a unit no process manager runs, where it is placed (apply could not activate it)', () => {
    const unmanaged = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: tomcat\n',
      'infrastructure.yaml': targets(1, '    containers:\n      tomcat: {port: 8080}\n'),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
    });
    const installOnly = evaluate({
      'services.yaml': 'services:\n  web:\n    type: tomcat\n',
      'infrastructure.yaml': targets(1, '    containers:\n      tomcat: {processManager: package}\n'),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
    });
    const noProcess = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: sv\n',
      'infrastructure.yaml': targets(1, '    containers:\n      sv: {processManager: systemd}\n'),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
    });

    assert.deepEqual(unmanaged, [
      "distribution.yaml:2:9: drover cannot activate service 'web' in container 'tomcat' of target 't1': " +
        'no process manager runs that container; give it a processManager (supervisord, systemd, s6, ' +
        'sysvinit, bsdrc, launchd, docker, process), or processManager: package to only install what is ' +
        "placed there, or place the service in 'package'",
    ]);
    assert.deepEqual(
      installOnly.units.map((u) => u.spec.manager),
      ['package'],
    );
    assert.deepEqual(noProcess, [
      "distribution.yaml:2:9: service 'web' runs in container 'sv' on 't1' but has no process block",
    ]);
  });

  it('reports a container property of the wrong type for the renderer that reads it, at the property', () => {
    const problems = problemsOf({
      ...withWeb('services:\n  web:\n    type: s6-box\n    process: {command: /bin/web}\n'),
      'infrastructure.yaml':
        'targets:\n  t1:\n    hostname: a\n    containers:\n' +
        '      s6-box:\n        processManager: s6\n        scanDir: run/scan\n' +
        '      sv:\n        processManager: supervisord\n        config: 42\n        includeDir: /etc/sv\n' +
        '      other:\n        processManager: upstart\n',
    });

    assert.deepEqual(problems, [
      'infrastructure.yaml:7:18: scanDir (read by s6): must be an absolute path of letters, digits and . _ + - / (it ends up in every manager configuration)',
      'infrastructure.yaml:10:17: config (read by supervisord): must be an absolute path of letters, digits and . _ + - / (it ends up in every manager configuration)',
      'infrastructure.yaml:13:25: processManager must be one of supervisord, systemd, s6, sysvinit, bsdrc, launchd, docker, process, an activation module (fileset, wrapper, postgresql-database, mysql-database, nginx-webapplication), or package (drover only installs what is placed there)',
    ]);
  });

  it('keeps hostname, port and hostKey to ssh targets, and requires a hostname of them', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  web:\n    type: package\n',
      'infrastructure.yaml':
        'targets:\n  here:\n    transport: local\n    hostname: a\n    port: 22\n  there:\n    user: deploy\n',
    });

    assert.deepEqual(problems, [
      'infrastructure.yaml:4:5: hostname: only an ssh target has a hostname (this one has transport: local)',
      'infrastructure.yaml:5:5: port: only an ssh target has a port (this one has transport: local)',
      'infrastructure.yaml:7:5: there: an ssh target needs a hostname (or transport: local)',
    ]);
  });

  it('asks for services when there are none', () => {
    const problems = problemsOf({ 'infrastructure.yaml': infra });

    assert.deepEqual(problems, [
      'services.yaml:1:1: no services: the repository needs services.yaml or services/*.yaml',
    ]);
  });
});

describe('validation: names, overrides and modes a target could not keep apart or hold', () => {
  it('rejects two services one manager would know by the same name on a target, at the later placement', () => {
    const bsdrc = problemsOf({
      'services.yaml':
        'services:\n  a-b:\n    process: {command: /bin/a}\n  a_b:\n    process: {command: /bin/b}\n' +
        '  a.b:\n    process: {command: /bin/c}\n',
      'infrastructure.yaml': targets(2, '    processManager: bsdrc\n'),
      'distribution.yaml': 'distribution:\n  a-b: [t1, t2]\n  a_b: [t2]\n  a.b: [t1]\n',
    });
    const s6 = problemsOf({
      'services.yaml':
        'services:\n  x:\n    process: {command: /bin/x}\n  x-log:\n    process: {command: /bin/y}\n',
      'infrastructure.yaml': targets(1, '    processManager: s6\n'),
      'distribution.yaml': 'distribution:\n  x: [t1]\n  x-log: [t1]\n',
    });

    assert.deepEqual(bsdrc, [
      "distribution.yaml:3:9: bsdrc on target 't2' would know services 'a-b' and 'a_b' both as 'drover_a_b': rename one of them",
      "distribution.yaml:4:9: bsdrc on target 't1' would know services 'a-b' and 'a.b' both as 'drover_a_b': rename one of them",
    ]);
    assert.deepEqual(s6, [
      "distribution.yaml:3:11: s6 on target 't1' would know services 'x' and 'x-log' both as 'x-log': rename one of them",
    ]);
  });

  it('rejects supervisord settings it could not read, which would stop it from rereading any section', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  web:\n    process:\n      command: /bin/web\n' +
        '      overrides: {supervisord: {startretries: "-x", autorestart: sometimes, priority: -5, startsecs: 3}}\n',
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
    });

    assert.deepEqual(problems, [
      'services.yaml:5:47: web: supervisord cannot use process.overrides.supervisord.startretries: it is not a whole number',
      'services.yaml:5:66: web: supervisord cannot use process.overrides.supervisord.autorestart: it is not true or false (or unexpected)',
    ]);
  });

  it('rejects names that meet once case is ignored (launchd) or compose lowercases them (docker)', () => {
    const services =
      'services:\n  Web:\n    process: {command: /bin/a}\n  web:\n    process: {command: /bin/b}\n' +
      '  web.v2:\n    process: {command: /bin/c}\n  web-v2:\n    process: {command: /bin/d}\n';
    const placed = 'distribution:\n  Web: [t1]\n  web: [t1]\n  web.v2: [t1]\n  web-v2: [t1]\n';
    const launchd = problemsOf({
      'services.yaml': services,
      'infrastructure.yaml': targets(1, '    processManager: launchd\n'),
      'distribution.yaml': placed,
    });
    const docker = problemsOf({
      'services.yaml': services,
      'infrastructure.yaml': targets(1, '    processManager: docker\n'),
      'distribution.yaml': placed,
    });

    assert.deepEqual(launchd, [
      "distribution.yaml:3:9: launchd on target 't1' would know services 'Web' and 'web' both as 'dev.drover.web' (its names ignore case): rename one of them",
    ]);
    assert.deepEqual(docker, [
      "distribution.yaml:3:9: docker on target 't1' would know services 'Web' and 'web' both as 'drover-web': rename one of them",
      "distribution.yaml:4:12: docker on target 't1' would know services 'web-v2' and 'web.v2' both as 'drover-web-v2': rename one of them",
    ]);
  });

  it('rejects the names a manager keeps for itself, on the targets it runs on', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  all:\n    process: {command: /bin/all}\n  supervisord:\n    process: {command: /bin/sv}\n' +
        '  web:\n    process: {command: /bin/web}\n',
      'infrastructure.yaml':
        'targets:\n  t1:\n    hostname: a\n  t2:\n    hostname: b\n    processManager: systemd\n' +
        '    containers:\n      sv: {processManager: supervisord}\n' +
        '  t3:\n    hostname: c\n    processManager: systemd\n',
      'distribution.yaml':
        'distribution:\n  all: [t1, t3]\n  supervisord: [t1, t2, t3]\n' +
        '  web:\n    targets:\n      - target: t2\n        container: sv\n',
    });

    assert.deepEqual(problems, [
      "distribution.yaml:2:9: supervisord on target 't1' keeps the name 'all' for itself (supervisorctl takes it for every program): rename service 'all'",
      "distribution.yaml:3:17: supervisord on target 't1' keeps the name 'supervisord' for itself (drover's own supervisord: its log file, PID file and control socket): rename service 'supervisord'",
      "distribution.yaml:3:21: supervisord on target 't2' keeps the name 'supervisord' for itself (drover's own supervisord: its log file, PID file and control socket): rename service 'supervisord'",
    ]);
  });

  it('rejects a service run twice on one target (two containers), but not one also installed there', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  web:\n    process: {command: /bin/web}\n  api:\n    process: {command: /bin/api}\n' +
        '  lib:\n    process: {command: /bin/lib}\n',
      'infrastructure.yaml':
        'targets:\n  t1:\n    hostname: a\n    containers:\n' +
        '      sv: {processManager: supervisord}\n      sd: {processManager: systemd}\n',
      'distribution.yaml':
        'distribution:\n' +
        '  web:\n    targets:\n      - target: t1\n      - target: t1\n        container: sv\n' +
        '  api:\n    targets:\n      - target: t1\n      - target: t1\n        container: sd\n' +
        '  lib:\n    targets:\n      - target: t1\n      - target: t1\n        container: package\n',
    });

    assert.deepEqual(problems, [
      "distribution.yaml:5:9: service 'web' is placed twice under supervisord on target 't1' (containers 'process' and 'sv'): supervisord would know both as 'web'",
      "distribution.yaml:10:9: service 'api' is placed twice on target 't1' (containers 'process' and 'sd'): both units would use its log file and run folder",
    ]);
  });

  it("checks override keys and values against each manager's format, naming the service, key and manager", () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process:\n      command: /bin/web\n      overrides:\n' +
          '        supervisord: { "startsecs\\n[program:evil]\\ncommand": /bin/evil, stopsignal: "INT\\e" }\n' +
          '        systemd:\n          "Service]\\n[Unit": { After: x }\n' +
          '          Service: { "User\\nExecStartPre": /bin/evil, ExecStart: "x\\\\" }\n' +
          '        bsdrc: { "x; id": 1, sig_stop: "a\\nb" }\n' +
          '        launchd: { "Keep\\nAlive": true, Nested: { a: "\\x01" } }\n' +
          '        docker: { __proto__: { user: root } }\n' +
          '        s6: { Log: false }\n' +
          '        sysvinit: { runlevel: [3] }\n' +
          '        process: { anything: 1 }\n',
      ),
    );

    assert.deepEqual(problems, [
      'services.yaml:6:24: web: supervisord cannot use process.overrides.supervisord: its key "startsecs\\n[program:evil]\\ncommand" is not a supervisord program setting ([a-z][a-z0-9_]*)',
      'services.yaml:6:85: web: supervisord cannot use process.overrides.supervisord.stopsignal: it contains the control character U+001B',
      'services.yaml:8:11: web: systemd cannot use process.overrides.systemd: its key "Service]\\n[Unit" is not a systemd section name ([A-Za-z][A-Za-z0-9-]*)',
      'services.yaml:9:22: web: systemd cannot use process.overrides.systemd.Service: its key "User\\nExecStartPre" is not a systemd setting name ([A-Za-z][A-Za-z0-9]*, or X- and a name)',
      'services.yaml:9:66: web: systemd cannot use process.overrides.systemd.Service.ExecStart: it ends with a backslash, which would join it to the next line',
      'services.yaml:10:18: web: bsdrc cannot use process.overrides.bsdrc: its key "x; id" is not an rc.subr variable name ([A-Za-z_][A-Za-z0-9_]*)',
      'services.yaml:10:40: web: bsdrc cannot use process.overrides.bsdrc.sig_stop: it is not a single-line value',
      'services.yaml:11:20: web: launchd cannot use process.overrides.launchd: its key "Keep\\nAlive" is not a launchd property list key ([A-Za-z0-9_.-]+)',
      'services.yaml:11:54: web: launchd cannot use process.overrides.launchd.Nested.a: it contains the control character U+0001, which a property list cannot hold',
      'services.yaml:12:19: web: docker cannot use process.overrides.docker: its key "__proto__" is not a compose service key ([a-z][a-z0-9_]*, or x- and a name)',
      'services.yaml:13:15: web: s6 cannot use process.overrides.s6: its key "Log" is not one s6 reads (log, timeout-kill)',
      'services.yaml:14:21: web: sysvinit cannot use process.overrides.sysvinit: its key "runlevel" is not one sysvinit reads (runlevels)',
      'services.yaml:15:20: web: process cannot use process.overrides.process: its key "anything" is not used: process has no manager configuration to override',
    ]);
  });

  it('refuses file modes above 0777 (setuid, setgid, sticky) and world-writable ones, at the mode', () => {
    const problems = problemsOf(
      withWeb(
        'services:\n  web:\n    process: {command: /bin/web}\n    files:\n' +
          '      setuid: {content: x, mode: "4755"}\n' +
          '      setgid: {content: x, mode: "2750"}\n' +
          '      sticky: {content: x, mode: "1644"}\n' +
          '      shared: {content: x, mode: "0666"}\n' +
          '      open: {content: x, mode: "777"}\n' +
          '      fine: {content: x, mode: "0640"}\n' +
          '      script: {content: x, mode: "755"}\n',
      ),
    );

    assert.deepEqual(problems, [
      "services.yaml:5:34: file 'setuid': mode 4755 sets the setuid bit; drover refuses setuid, setgid and sticky bits (at most 0777)",
      "services.yaml:6:34: file 'setgid': mode 2750 sets the setgid bit; drover refuses setuid, setgid and sticky bits (at most 0777)",
      "services.yaml:7:34: file 'sticky': mode 1644 sets the sticky bit; drover refuses setuid, setgid and sticky bits (at most 0777)",
      "services.yaml:8:34: file 'shared': mode 0666 lets every user write it; drover refuses world-writable files",
      "services.yaml:9:32: file 'open': mode 777 lets every user write it; drover refuses world-writable files",
    ]);
  });
});

describe('validation: the services the scheduler places', () => {
  const service = (fields: string) => `services:\n  web:\n    process: { command: /bin/web }\n${fields}`;

  it('places replicas without distribution.yaml, and refuses a service listed there too', () => {
    const placed = evaluate({ 'services.yaml': service('    replicas: 2\n'), 'infrastructure.yaml': infra });
    assert.deepEqual(
      placed.units.map((u) => u.target),
      ['t1', 't2'],
    );
    assert.deepEqual(placed.placements.placements, { web: { t1: 'new replica', t2: 'new replica' } });

    assert.deepEqual(problemsOf(withWeb(service('    replicas: 2\n'))), [
      "distribution.yaml:2:9: service 'web' is placed by the scheduler (replicas): it cannot be in distribution.yaml too",
    ]);
  });

  it('reports conflicting fields where they are written', () => {
    const files = (fields: string) => ({ 'services.yaml': service(fields), 'infrastructure.yaml': infra });
    assert.deepEqual(problemsOf(files('    replicas: 1\n    placement: { everywhere: true }\n')), [
      'services.yaml:5:30: a service has replicas or placement.everywhere, not both',
    ]);
    assert.deepEqual(problemsOf(files('    placement: { spread: zone }\n')), [
      'services.yaml:4:16: placement is for a service with replicas or placement.everywhere',
    ]);
    assert.deepEqual(problemsOf(files('    replicas: 2\n    exclusive: true\n')), [
      'services.yaml:5:16: an exclusive service runs once: it needs replicas: 1',
    ]);
    assert.deepEqual(
      problemsOf({
        'services.yaml':
          'services:\n  web:\n    process: { daemon: /bin/webd }\n    replicas: 1\n    exclusive: true\n',
        'infrastructure.yaml': infra,
      }),
      [
        'services.yaml:5:16: an exclusive service runs under a lease that stops its process: it needs process.command (a daemon is not watched)',
      ],
    );
  });

  it('runs an exclusive service under its lease: the guard starts the command', () => {
    const [unit] = evaluate({
      'services.yaml': service('    replicas: 1\n    exclusive: true\n'),
      'infrastructure.yaml': infra,
    }).units;
    const rendered = JSON.stringify(unit);
    assert.match(rendered, /"drover-lease","[^"]*\/leases\/web","\/bin\/web"/);
  });

  it('says how many copies fit, and why each other target will not do', () => {
    const problems = problemsOf({
      'services.yaml': service(
        '    replicas: 3\n    resources: { cpu: 1, memory: 1Gi }\n    placement: { constraints: { zone: [a, b] } }\n',
      ),
      'infrastructure.yaml':
        'targets:\n' +
        '  t1: { hostname: h1, properties: { zone: a }, capacity: { cpu: 4, memory: 8Gi } }\n' +
        '  t2: { hostname: h2, properties: { zone: b }, capacity: { cpu: 4, memory: 512Mi } }\n' +
        '  t3: { hostname: h3, properties: { zone: c } }\n' +
        '  t4: { hostname: h4, properties: { zone: a }, cordoned: true }\n',
    });

    assert.deepEqual(problems, [
      'services.yaml:4:15: web: 1 of 3 copies fit; t2: needs memory 1Gi, has memory 512Mi free; t3: zone is "c", not "a" or "b"; t4: cordoned',
    ]);
  });
});

describe("templates: a loop over a dependency's instances", () => {
  const models = (template: string) => ({
    'services.yaml':
      'services:\n' +
      '  web:\n    process: { command: /bin/web }\n    requiresUniqueIdsFor: [ports]\n    replicas: 3\n' +
      '  proxy:\n    process: { command: /bin/proxy }\n    dependsOn: [web]\n' +
      '    files:\n      upstream.conf:\n        template: upstream.conf\n',
    'upstream.conf': template,
    'infrastructure.yaml': targets(4),
    'distribution.yaml': 'distribution:\n  proxy: [t4]\n',
    'idresources.yaml': 'pools:\n  ports: { min: 5000, max: 5099 }\n',
  });
  const rendered = (template: string) => {
    const proxy = evaluate(models(template)).units.find((u) => u.service === 'proxy')!;
    return proxy.spec.files.find((f) => f.name === 'upstream.conf')!.content;
  };

  it('repeats the body once per replica, by target name', () => {
    const text = rendered(
      'upstream web {\n${{ for w in deps.web.instances }}  server ${{ w.target.hostname }}:${{ w.ids.ports }};\n${{ end }}}\n',
    );

    assert.equal(
      text,
      'upstream web {\n  server 10.0.0.1:5000;\n  server 10.0.0.2:5000;\n  server 10.0.0.3:5000;\n}\n',
    );
  });

  it('reports a loop that is not closed, an end without a loop, and a loop over what is not a list', () => {
    const problems = problemsOf(
      models(
        '${{ end }}\n${{ for w in deps.web }}${{ end }}\n${{ deps.web.instances }}\n${{ for w in deps.web.instances }}\n',
      ),
    );

    assert.deepEqual(problems, [
      "upstream.conf:1:1: '${{ end }}' without a '${{ for … }}' to end",
      "upstream.conf:2:1: template reference 'deps.web' is not a list to loop over",
      "upstream.conf:3:1: template reference 'deps.web.instances' is a list: loop over it with '${{ for x in deps.web.instances }}' … '${{ end }}'",
      "upstream.conf:4:1: '${{ for w in deps.web.instances }}' is not closed by '${{ end }}'",
    ]);
  });
});

describe("templates: a dependency's attributes", () => {
  const models = (attributes: string, template: string) => ({
    'services.yaml':
      'services:\n' +
      `  web:\n    process: { command: /bin/web }\n    requiresUniqueIdsFor: [ports]\n    replicas: 2\n    attributes: ${attributes}\n` +
      '  proxy:\n    process: { command: /bin/proxy }\n    dependsOn: [web]\n' +
      '    files:\n      proxy.conf:\n        template: proxy.conf\n',
    'proxy.conf': template,
    'infrastructure.yaml': targets(3),
    'distribution.yaml': 'distribution:\n  proxy: [t3]\n',
    'idresources.yaml': 'pools:\n  ports: { min: 5000, max: 5099 }\n',
  });
  const rendered = (attributes: string, template: string) => {
    const proxy = evaluate(models(attributes, template)).units.find((u) => u.service === 'proxy')!;
    return proxy.spec.files.find((f) => f.name === 'proxy.conf')!.content;
  };

  it("are seen as deps.<name>.attributes, each instance's in a loop, templates resolved where each runs", () => {
    const text = rendered(
      '{ dnsName: "web-${{ target.name }}.local", port: "${{ ids.ports }}", tls: false }',
      'first ${{ deps.web.attributes.dnsName }}\n${{ for w in deps.web.instances }}${{ w.attributes.dnsName }} -> ${{ w.target.hostname }}:${{ w.attributes.port }} tls=${{ w.attributes.tls }}\n${{ end }}',
    );

    assert.equal(
      text,
      'first web-t1.local\nweb-t1.local -> 10.0.0.1:5000 tls=false\nweb-t2.local -> 10.0.0.2:5000 tls=false\n',
    );
  });

  it('a mistake in one is reported at the attribute, once, and an unknown one where it is used', () => {
    const problems = problemsOf(
      models('{ dnsName: "${{ target.nmae }}" }', '${{ deps.web.attributes.port }}\n'),
    );

    assert.deepEqual(problems, [
      "proxy.conf:1:1: unknown template reference 'deps.web.attributes.port': 'deps.web.attributes' has no 'port' (it has: dnsName)",
      "services.yaml:6:28: unknown template reference 'target.nmae': 'target' has no 'nmae' (it has: hostname, name, port, properties, stateDir, user)",
    ]);
  });
});

describe('instances: several named services from one definition', () => {
  const services = `services:
  webapp:
    process:
      command: /bin/webapp
      environment: { PORT: "\${{ ids.ports }}", NAME: "\${{ name }}", INSTANCE: "\${{ instanceName }}" }
    requiresUniqueIdsFor: [ports]
    attributes: { dnsName: "\${{ instanceName }}.local" }
    instances:
      webapp1: {}
      webapp2: { process: { environment: { EXTRA: two } } }
      webapp3: { requiresUniqueIdsFor: [ports, uids] }
  proxy:
    process: { command: /bin/proxy }
    dependsOn: [webapp1, webapp3]
    files:
      proxy.conf:
        content: "\${{ for w in deps.webapp.instances }}\${{ w.attributes.dnsName }} \${{ w.ids.ports }}\\n\${{ end }}"
`;
  const files = (text = services) => ({
    'services.yaml': text,
    'infrastructure.yaml': targets(2),
    'distribution.yaml': 'distribution:\n  webapp1: [t1]\n  webapp2: [t1]\n  webapp3: [t2]\n  proxy: [t2]\n',
    'idresources.yaml': 'pools:\n  ports: { min: 5000, max: 5099 }\n  uids: { min: 2000, max: 2099 }\n',
  });

  it('are services of their own, with their own IDs, the definition merged under their fields', () => {
    const evaluation = evaluate(files());
    const env = (service: string) =>
      evaluation.units.find((u) => u.service === service)!.spec.process!.environment;

    assert.deepEqual(
      evaluation.units.map((u) => u.service),
      ['proxy', 'webapp1', 'webapp2', 'webapp3'],
    );
    assert.deepEqual(evaluation.ids.ids, {
      ports: { webapp1: 5000, webapp2: 5001, webapp3: 5002 },
      uids: { webapp3: 2000 },
    });
    assert.deepEqual(env('webapp1'), { INSTANCE: 'webapp1', NAME: 'webapp', PORT: '5000' });
    assert.deepEqual(env('webapp2'), { EXTRA: 'two', INSTANCE: 'webapp2', NAME: 'webapp', PORT: '5001' });
  });

  it("are seen together under the definition's name: those a dependent reaches", () => {
    const proxy = evaluate(files()).units.find((u) => u.service === 'proxy')!;

    assert.equal(proxy.spec.files[0]!.content, 'webapp1.local 5000\nwebapp3.local 5002\n');
  });

  it('report a mistake where it is written: in the instance when it overrides the field, else in the definition', () => {
    const text = services
      .replace(
        'webapp3: { requiresUniqueIdsFor: [ports, uids] }',
        'webapp3: { requiresUniqueIdsFor: [ports, gids] }',
      )
      .replace('dependsOn: [webapp1, webapp3]', 'dependsOn: [webapp]');

    assert.deepEqual(problemsOf(files(text)), [
      "services.yaml:11:48: unknown pool 'gids' (did you mean 'uids'?)",
      "services.yaml:14:17: 'webapp' has instances: name those to reach (webapp1, webapp2, webapp3)",
    ]);
    assert.deepEqual(
      problemsOf(files(services.replace('      webapp3:', '      proxy:'))).filter((p) =>
        p.includes('twice'),
      ),
      ["services.yaml:12:3: service 'proxy' is defined twice: in services.yaml and in services.yaml"],
    );
  });
});

describe('container-providing services', () => {
  const services = (dbArgs = 'v1', socket = '${{ target.stateDir }}/run/db.sock') => `services:
  db:
    process: { command: /usr/sbin/dbd, args: ["${dbArgs}", "\${{ ids.dbPorts }}"] }
    requiresUniqueIdsFor: [dbPorts]
    provides:
      containers:
        database:
          port: "\${{ ids.dbPorts }}"
          socket: "${socket}"
  staff:
    type: database
    files:
      schema.sql:
        content: "-- on port \${{ container.properties.port }}, socket \${{ container.properties.socket }}\\n"
`;
  const files = (text = services(), distribution = '  db: [t1]\n  staff: [t1]\n') => ({
    'services.yaml': text,
    'infrastructure.yaml': targets(2),
    'distribution.yaml': `distribution:\n${distribution}`,
    'idresources.yaml': 'pools:\n  dbPorts: { min: 3306, max: 3399 }\n',
  });

  it('give the targets they run on their containers, with properties resolved against the provider', () => {
    const staff = evaluate(files()).units.find((u) => u.service === 'staff')!;

    assert.equal(
      staff.spec.manager,
      'package',
      'only installed, unless the container names a processManager',
    );
    assert.equal(staff.spec.files[0]!.content, '-- on port 3306, socket /var/lib/drover/run/db.sock\n');
    assert.deepEqual(staff.dependsOn, ['db'], 'activated after its provider');
  });

  it('activate the provider first; a restart of the provider alone leaves what it hosts alone, a changed property does not', () => {
    const before = evaluate(files());
    const summary = (after: ReturnType<typeof evaluate>) =>
      planDocument(before.units, after, before.ids).steps.map((s) => `${s.op} ${s.service}`);

    assert.deepEqual(
      planDocument([], before, before.ids).steps.map((s) => `${s.op} ${s.service}`),
      ['activate db', 'activate staff'],
    );
    assert.deepEqual(summary(evaluate(files(services('v2')), before.ids)), ['deactivate db', 'activate db']);
    assert.deepEqual(summary(evaluate(files(services('v1', '/tmp/db.sock')), before.ids)), [
      'deactivate staff',
      'activate staff',
    ]);
  });

  it('refuse a service placed where no provider of its container runs, and report a mistake at the property', () => {
    assert.deepEqual(problemsOf(files(services(), '  db: [t1]\n  staff: [t2]\n')), [
      "distribution.yaml:3:11: target 't2' has no container 'database' (the type of service 'staff'): place 'db', which provides it, there too",
    ]);
    assert.deepEqual(problemsOf(files(services('v1', '${{ ids.nope }}'))), [
      "services.yaml:9:19: unknown template reference 'ids.nope': 'ids' has no 'nope' (it has: dbPorts)",
    ]);
  });
});

describe('activation modules', () => {
  const models = (container: string, hosted: string) => ({
    'services.yaml': `services:\n  www:\n    process: { command: /bin/www }\n    provides:\n      containers:\n        site: ${container}\n  home:\n    type: site\n${hosted}`,
    'infrastructure.yaml': targets(1),
    'distribution.yaml': 'distribution:\n  www: [t1]\n  home: [t1]\n',
    'packages/home/index.html': '<h1>home</h1>\n',
  });

  it('fileset: links the package into the directory its container names, atomically; needs no process block', () => {
    const home = evaluate(
      models('{ processManager: fileset, directory: /srv/www }', '    package: packages/home\n'),
    ).units.find((u) => u.service === 'home')!;

    assert.equal(home.spec.manager, 'fileset');
    assert.deepEqual(home.rendered!.commands.start.slice(1), [
      ['ln', '-sfn', home.spec.package!.path, '/srv/www/home.new'],
      ['mv', '-Tf', '/srv/www/home.new', '/srv/www/home'],
    ]);
  });

  it('wrapper: runs the package bin/wrapper with the container properties as its environment', () => {
    const home = evaluate(
      models('{ processManager: wrapper, root: /srv/www }', '    package: packages/home\n'),
    ).units.find((u) => u.service === 'home')!;

    assert.deepEqual(home.rendered!.commands.start[0], [
      'env',
      'processManager=wrapper',
      'root=/srv/www',
      `${home.spec.package!.path}/bin/wrapper`,
      'activate',
    ]);
  });

  it('say what a module lacks, at the service', () => {
    assert.deepEqual(problemsOf(models('{ processManager: fileset }', '    package: packages/home\n')), [
      "services.yaml:8:11: home: fileset cannot use type: its container 'site' needs a property directory, an absolute path",
    ]);
    assert.deepEqual(problemsOf(models('{ processManager: fileset, directory: /srv/www }', '')), [
      'services.yaml:8:5: home: fileset cannot use package: it needs a package: what it puts in place or runs',
    ]);
  });
});

describe('deployState: state that moves with its service', () => {
  const models = (container: string, hosted: string, placed = '[t1]') => ({
    'services.yaml': `services:\n  www:\n    process: { command: /bin/www }\n    provides:\n      containers:\n        site: ${container}\n  home:\n    type: site\n    package: packages/home\n    deployState: true\n${hosted}`,
    'infrastructure.yaml': targets(2),
    'distribution.yaml': `distribution:\n  www: [t1, t2]\n  home: ${placed}\n`,
    'packages/home/schema.sql': 'CREATE TABLE t (x int);\n',
  });
  const database = '{ processManager: postgresql-database, socketDir: /run/pg, port: "5432" }';

  it('is accepted for a module that keeps state, and marks the plan of a move', () => {
    const before = evaluate(models(database, ''));
    const after = evaluate(models(database, '', '[t2]'), before.ids);

    const reasons = planDocument(before.units, after, before.ids).steps.map(
      (s) => `${s.op} ${s.service}@${s.target}: ${s.reason.message}`,
    );

    assert.deepEqual(reasons, [
      'deactivate home@t1: moved to t2, its state with it (locked and snapshotted here, kept until gc --state)',
      'activate home@t2: moved from t1, its state with it (restored here from the snapshot)',
    ]);
  });

  it('keeps a scheduled copy on a lost target and says so, unless state.onLoss: empty, which it says too', () => {
    const scheduled = (onLoss: string) => models(database, `    replicas: 1\n${onLoss}`);
    const since = Date.parse('2026-12-04T10:00:00Z');
    const warnings = (files: ReturnType<typeof models>) => {
      const distributed = { ...files, 'distribution.yaml': 'distribution:\n  www: [t1, t2]\n' };
      const result = evaluateModels(memoryRepoReader(distributed), {
        priorPlacements: { placements: { home: { t2: 'new replica' } } },
        observed: new Map([['t2', { reachable: false, since }]]),
        now: since + 600_000,
      });
      assert.ok(result.ok);
      return result.value.warnings;
    };

    assert.deepEqual(warnings(scheduled('')), [
      'home stays on t2, unreachable since 2026-12-04T10:00:00.000Z: its state cannot move without t2, and it is not started empty elsewhere (state.onLoss: refuse)',
    ]);
    assert.deepEqual(warnings(scheduled('    state: { onLoss: empty }\n')), [
      'home starts EMPTY on t1 (state.onLoss: empty): its state stays behind, replaces t2: unreachable since 2026-12-04T10:00:00.000Z',
    ]);
  });

  it('refuses a database named like those a restore makes for a while', () => {
    const files = models(database, '');
    files['services.yaml'] = files['services.yaml'].replace('  home:', '  home_restoring:');
    files['distribution.yaml'] = files['distribution.yaml'].replace('home', 'home_restoring');

    assert.deepEqual(problemsOf(files), [
      'services.yaml:8:11: home_restoring: postgresql-database cannot use type: a database whose name ends in _restoring is one drover makes while it restores another (home): give the service another name',
    ]);
  });

  it('is refused where the module keeps no state, and for more than one copy', () => {
    assert.deepEqual(problemsOf(models('{ processManager: fileset, directory: /srv/www }', '')), [
      'services.yaml:10:18: home: deployState moves the state an activation module keeps (postgresql-database, mysql-database): it has none drover can snapshot and restore',
    ]);
    assert.deepEqual(problemsOf(models(database, '', '[t1, t2]')), [
      'services.yaml:10:18: home: its state moves with it (deployState), so it runs once: it needs one copy (replicas: 1, or one target in distribution.yaml)',
    ]);
  });
});
