/**
 * The topology diagram: `cdktf.out/aira-topology.md`, one Mermaid graph per stack (it renders on GitHub
 * as is), built from what the constructs expose: each network's planes (subgraphs, with their address
 * blocks) and declared flows (labelled edges with protocol, ports and reason), the pools on each plane,
 * the storage tiers (object storage roles, the hot file system on the data plane), private endpoints and
 * quantum access. Each stack's model is also written as `stacks/<stack>/aira-topology.json`, from which
 * `renderDiagramFromOut` rebuilds the Markdown without the app (`aira diagram <cdktf.out>`).
 *
 * What is not drawn, because the constructs do not expose it: grants between pools and buckets, and
 * which network a pool is in when a stack has several (the pool is drawn in the first network with its
 * plane and zones). No timestamps: the same app gives the same file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Cloud } from '../core/catalog/types';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IInternalLoadBalancer } from '../core/kit';
import { PLANES, Plane } from '../core/planes';
import { Level } from '../core/tags';
import { contentsOf, hotTierOf } from './discover';
import { everyStack, onStackSynthesis, writeStackFile } from './synth-files';

/** File name of a stack's topology model, beside its `cdk.tf.json`. */
export const TOPOLOGY_JSON = 'aira-topology.json';
/** File name of the Markdown diagram at the top of the output folder. */
export const TOPOLOGY_MD = 'aira-topology.md';
/** Shape version of the topology model. */
export const TOPOLOGY_VERSION = 1;
/** Id of the hidden construct that writes the files. */
export const DIAGRAM_HOOK_ID = 'aira-topology';

/** A declared flow between two planes. */
export interface TopologyFlow {
  readonly from: Plane;
  readonly to: Plane;
  readonly protocol: string;
  /** `988` or `1018-1023`. */
  readonly ports: string;
  readonly reason: string;
}

/** A network with its planes and flows. */
export interface TopologyNetwork {
  /** Construct id. */
  readonly name: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly cidr: string;
  readonly zones: readonly string[];
  readonly planes: ReadonlyArray<{ readonly plane: Plane; readonly cidr: string }>;
  readonly flows: readonly TopologyFlow[];
}

/** A pool as drawn. */
export interface TopologyPool {
  readonly name: string;
  /** Index of the network the pool is drawn in, or -1 when no network of the stack has its plane. */
  readonly network: number;
  readonly plane: Plane;
  readonly workload: string;
  /** Hardware the pool simulates (`quantum` or `neuromorphic`), drawn beside its name. @default none: not a simulator pool */
  readonly simulates?: string;
  readonly sku: string;
  readonly nodesMax: number;
  readonly zones: readonly string[];
  /** `8 x H100` per node, or `none`. */
  readonly accelerators: string;
  readonly fabric: string;
  readonly capacityMode: string;
}

/** Storage tiers as drawn. */
export interface TopologyStorage {
  readonly name: string;
  readonly roles: readonly string[];
  /** The hot file system, drawn on the data plane with a dotted edge to its linked role. @default none: the tiers have no hot tier */
  readonly hot?: { readonly kind: string; readonly capacityGib: number; readonly linkedRole: string; readonly consumers: readonly Plane[] };
  /** Index of the network the hot tier sits in (its data plane), or -1. */
  readonly network: number;
}

/** A private endpoint (internal load balancer). */
export interface TopologyEndpoint {
  readonly name: string;
  readonly port: number;
  readonly zones: readonly string[];
  /**
   * The pool behind it, when known (see `linkEndpoint`), else a guess: the only inference pool whose
   * zones it covers. @default none: not linked, and no single inference pool fits the guess
   */
  readonly pool?: string;
}

/** The model of one stack: what the diagram draws. */
export interface TopologyModel {
  readonly version: number;
  readonly stack: string;
  readonly level: Level | null;
  readonly networks: readonly TopologyNetwork[];
  readonly pools: readonly TopologyPool[];
  readonly storage: readonly TopologyStorage[];
  readonly endpoints: readonly TopologyEndpoint[];
  readonly quantum: ReadonlyArray<{ readonly name: string; readonly cloud: Cloud; readonly description: string }>;
}

/** Props of `TopologyDiagram.of`. */
export interface TopologyDiagramProps {
  /** Reference-architecture level shown in the stack's heading. @default not shown */
  readonly level?: Level;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const planeIndex = (p: Plane): number => PLANES.indexOf(p);
const ENDPOINT_POOLS = new WeakMap<object, IAcceleratorPool>();

/**
 * Records the pool behind a private endpoint, for the diagram: the load balancer interface does not
 * expose it. Without it, the diagram links an endpoint to the only pool whose zones it covers.
 */
export function linkEndpoint(endpoint: IInternalLoadBalancer, pool: IAcceleratorPool): void {
  ENDPOINT_POOLS.set(endpoint, pool);
}

function accelerators(p: IAcceleratorPool): string {
  const a = p.capabilities.accelerator;
  return a ? `${a.count} x ${a.model}` : 'none';
}

/** The topology model of a stack, from its constructs (pure over the construct tree). */
export function describeTopology(stack: TerraformStack, props: TopologyDiagramProps = {}): TopologyModel {
  const found = contentsOf(stack);
  const networks: TopologyNetwork[] = found.networks.map((n) => ({
    name: n.node.id,
    cloud: n.cloud,
    region: n.region,
    cidr: n.cidr,
    zones: [...n.zones],
    planes: [...n.layout.planes].sort((a, b) => planeIndex(a.plane) - planeIndex(b.plane)).map((p) => ({ plane: p.plane, cidr: p.cidr })),
    flows: [...n.flows]
      .sort((a, b) => cmp(a.key, b.key))
      .map((f) => ({ from: f.from, to: f.to, protocol: f.protocol, ports: f.fromPort === f.toPort ? `${f.fromPort}` : `${f.fromPort}-${f.toPort}`, reason: f.reason })),
  }));
  const networkFor = (plane: Plane, zones: readonly string[]): number =>
    found.networks.findIndex((n) => n.planes.includes(plane) && zones.every((z) => n.zones.includes(z)));
  const pools = [...found.pools].sort((a, b) => cmp(a.capabilities.name, b.capabilities.name) || cmp(a.node.path, b.node.path));
  const poolModels: TopologyPool[] = pools.map((p) => {
    const c = p.capabilities;
    return {
      name: c.name,
      network: networkFor(c.plane, c.zones),
      plane: c.plane,
      workload: c.workload,
      ...(c.simulates ? { simulates: c.simulates } : {}),
      sku: c.sku,
      nodesMax: c.nodes.max,
      zones: [...c.zones],
      accelerators: accelerators(p),
      fabric: c.fabric,
      capacityMode: c.capacityMode,
    };
  });
  const storage: TopologyStorage[] = found.storage.map((s) => {
    const hot = hotTierOf(s);
    return {
      name: s.node.id,
      roles: [...s.roles],
      ...(hot ? { hot: { kind: hot.kind, capacityGib: hot.capacityGib, linkedRole: hot.linkedRole, consumers: [...hot.consumers] } } : {}),
      network: hot ? networkFor('data', [hot.zone]) : -1,
    };
  });
  const endpoints: TopologyEndpoint[] = found.endpoints.map((e) => {
    const linked = ENDPOINT_POOLS.get(e);
    const covered = pools.filter((p) => p.capabilities.zones.every((z) => e.zones.includes(z)) && p.capabilities.workload === 'inference');
    const pool = linked?.capabilities.name ?? (covered.length === 1 ? covered[0].capabilities.name : undefined);
    return { name: e.node.id, port: e.port, zones: [...e.zones], ...(pool ? { pool } : {}) };
  });
  const quantum = found.quantum.map((q) => ({ name: q.node.id, cloud: q.cloud, description: q.description }));
  return { version: TOPOLOGY_VERSION, stack: stack.node.id, level: props.level ?? null, networks, pools: poolModels, storage, endpoints, quantum };
}

/** Text safe inside a quoted Mermaid label (Mermaid's entity codes for the characters it would parse). */
function esc(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
const label = (...lines: string[]): string => `"${lines.map(esc).join('<br/>')}"`;
const endpointLabel = (e: TopologyEndpoint): string => label(e.name === 'endpoint' ? 'private endpoint' : `private endpoint ${e.name}`, `tcp ${e.port}, zones ${e.zones.join(', ')}`);

/**
 * Mermaid `graph` text of one stack: a subgraph per network holding a subgraph per plane (each with a
 * node for its address block, the pools on it, the hot file system on the data plane and endpoints);
 * flows as labelled edges between plane nodes; object storage roles and quantum access beside them.
 */
export function renderMermaid(model: TopologyModel): string {
  const out: string[] = ['graph LR'];
  const planeNode = (n: number, p: Plane): string => `n${n}_${p}`;
  const poolId = new Map(model.pools.map((p, i) => [p.name, `pool${i}`]));
  model.networks.forEach((net, n) => {
    const title = net.name === 'network' ? `${net.cloud} ${net.region} network` : `${net.cloud} ${net.region} network ${net.name}`;
    out.push(`  subgraph n${n}[${label(title, `${net.cidr}, zones ${net.zones.join(', ')}`)}]`);
    for (const pl of net.planes) {
      out.push(`    subgraph n${n}_${pl.plane}_plane[${label(`${pl.plane} plane`)}]`);
      out.push(`      ${planeNode(n, pl.plane)}[/${label(`${pl.plane} subnets`, pl.cidr)}/]`);
      model.pools.forEach((p) => {
        if (p.network !== n || p.plane !== pl.plane) return;
        const sim = p.simulates ? ` (${p.simulates} simulator)` : '';
        out.push(`      ${poolId.get(p.name)}[${label(`${p.name}: ${p.workload}${sim}`, `${p.sku} x ${p.nodesMax}`, `accelerators ${p.accelerators} per node`, `${p.fabric}, ${p.capacityMode}, zones ${p.zones.join(', ')}`)}]`);
      });
      if (pl.plane === 'data') {
        model.storage.forEach((s, i) => {
          if (s.hot && s.network === n) out.push(`      hot${i}[(${label(`${s.hot.kind} hot tier${s.name === 'storage' ? '' : ` ${s.name}`}`, `${s.hot.capacityGib} GiB, mounted from ${s.hot.consumers.join(', ')}`)})]`);
        });
      }
      model.endpoints.forEach((e, i) => {
        const behind = model.pools.find((p) => p.name === e.pool);
        if (behind && behind.network === n && behind.plane === pl.plane) out.push(`      ep${i}>${endpointLabel(e)}]`);
      });
      out.push('    end');
    }
    out.push('  end');
  });
  // Pools whose plane no network of the stack has, and endpoints without a known pool.
  model.pools.forEach((p) => {
    if (p.network < 0) out.push(`  ${poolId.get(p.name)}[${label(`${p.name}: ${p.workload}`, `${p.sku} x ${p.nodesMax}`, `${p.plane} plane`)}]`);
  });
  model.endpoints.forEach((e, i) => {
    const behind = model.pools.find((p) => p.name === e.pool);
    if (!behind || behind.network < 0) out.push(`  ep${i}>${endpointLabel(e)}]`);
  });
  model.storage.forEach((s, i) => {
    if (s.roles.length === 0) return;
    out.push(`  subgraph st${i}[${label(s.name === 'storage' ? 'object storage' : `object storage ${s.name}`)}]`);
    s.roles.forEach((r, j) => out.push(`    st${i}_${j}[(${label(r)})]`));
    out.push('  end');
  });
  model.quantum.forEach((q, i) => out.push(`  q${i}{{${label(q.name === 'quantum' ? 'quantum access' : `quantum access ${q.name}`, q.description)}}}`));
  // Mermaid shows nothing (or an error) for a graph without nodes.
  if (out.length === 1) out.push(`  empty[${label('no network, pool, storage or quantum access in this stack')}]`);

  model.networks.forEach((net, n) => {
    for (const f of net.flows) out.push(`  ${planeNode(n, f.from)} -->|${label(`${f.protocol} ${f.ports}: ${f.reason}`)}| ${planeNode(n, f.to)}`);
  });
  model.endpoints.forEach((e, i) => {
    if (e.pool && poolId.has(e.pool)) out.push(`  ep${i} -->|${label(`tcp ${e.port}`)}| ${poolId.get(e.pool)}`);
  });
  model.storage.forEach((s, i) => {
    const j = s.hot ? s.roles.indexOf(s.hot.linkedRole) : -1;
    if (s.hot && j >= 0 && s.network >= 0) out.push(`  hot${i} -.->|${label('imports from, exports to')}| st${i}_${j}`);
  });
  return `${out.join('\n')}\n`;
}

/** The Markdown document: a heading, a short note and one Mermaid block per stack, in stack name order. */
export function renderTopologyMarkdown(models: readonly TopologyModel[]): string {
  const parts = [
    '# Platform topology',
    '',
    'Generated by aira at synth from the constructs of each stack (`aira diagram <cdktf.out>` prints it again).',
    'Subgraphs are networks and their planes; edges between planes are the declared flows (everything else is',
    'denied); dotted edges link a hot file system to the bucket it imports from.',
  ];
  for (const m of [...models].sort((a, b) => cmp(a.stack, b.stack))) {
    const clouds = [...new Set(m.networks.map((n) => `${n.cloud} ${n.region}`))];
    const facts = [...clouds, ...(m.level !== null ? [`level ${m.level}`] : []), `${m.pools.length} pool${m.pools.length === 1 ? '' : 's'}`];
    parts.push('', `## Stack \`${m.stack}\``, '', facts.join(' · '), '', '```mermaid', renderMermaid(m).trimEnd(), '```');
  }
  return `${parts.join('\n')}\n`;
}

const DIAGRAM_PROPS = new WeakMap<TerraformStack, TopologyDiagramProps>();

function diagramStacks(root: IConstruct): TerraformStack[] {
  return root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && DIAGRAM_PROPS.has(c));
}

/**
 * Writes each stack's topology model (`stacks/<stack>/aira-topology.json`) and `aira-topology.md` at
 * the top of the output folder, covering every stack of the app with the diagram on.
 *
 * @example
 * TopologyDiagram.of(app); // every stack; or TopologyDiagram.of(stack, { level: 4 })
 */
export class TopologyDiagram {
  /**
   * Turns the diagram on for a stack, or for every stack of an app (also stacks created later). Once
   * per stack: a second call on the same stack is ignored. Throws AIRA_E_WRONG_SCOPE for a scope with
   * no stack at, under or above it (other than the App).
   */
  public static of(scope: IConstruct, props: TopologyDiagramProps = {}): void {
    everyStack(
      scope,
      (stack) => {
        if (DIAGRAM_PROPS.has(stack)) return;
        DIAGRAM_PROPS.set(stack, props);
        onStackSynthesis(stack, DIAGRAM_HOOK_ID, (session) => {
          writeStackFile(stack, session, TOPOLOGY_JSON, describeTopology(stack, props));
          // Every stack rewrites the whole document from the construct tree, so the last one to
          // synthesize leaves it complete; the content does not depend on which one that is.
          const models = diagramStacks(stack.node.root).map((s) => describeTopology(s, DIAGRAM_PROPS.get(s)));
          fs.writeFileSync(path.join(session.outdir, TOPOLOGY_MD), renderTopologyMarkdown(models));
        });
      },
      'TopologyDiagram',
    );
  }
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `cannot read ${file}: ${(e as Error).message}`, 'pass the output folder of `cdktf synth` (cdktf.out)');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `${file} is not valid JSON: ${(e as Error).message}`, 'synthesize again');
  }
}

/**
 * Rebuilds the Markdown diagram from a synthesized output folder (`cdktf.out`): the stacks its
 * `manifest.json` lists (every folder under `stacks/` when there is none), each from its
 * `aira-topology.json`, in stack name order. Stacks without one are skipped. Returns the Markdown; throws AIRA_E_INVALID_PROP when the folder cannot be
 * read or holds no topology model.
 */
export function renderDiagramFromOut(dir: string): string {
  const where = `aira diagram ${dir}`;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `${dir} is not a folder`, 'pass the output folder of `cdktf synth` (cdktf.out)');
  }
  const manifestFile = path.join(dir, 'manifest.json');
  let folders: string[];
  if (fs.existsSync(manifestFile)) {
    const manifest = readJson(manifestFile, where) as { stacks?: Record<string, { workingDirectory?: string }> };
    folders = Object.values(manifest.stacks ?? {}).map((s) => path.join(dir, String(s.workingDirectory)));
  } else {
    const stacks = path.join(dir, 'stacks');
    folders = fs.existsSync(stacks) ? fs.readdirSync(stacks).sort().map((s) => path.join(stacks, s)) : [];
  }
  const models: TopologyModel[] = [];
  for (const f of folders) {
    const file = path.join(f, TOPOLOGY_JSON);
    if (!fs.existsSync(file)) continue;
    const m = readJson(file, where) as TopologyModel;
    if (m?.version !== TOPOLOGY_VERSION || !Array.isArray(m.networks) || !Array.isArray(m.pools)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `${file} is not a version ${TOPOLOGY_VERSION} topology model`, 'synthesize again with this version of aira-constructs');
    }
    models.push(m);
  }
  if (models.length === 0) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `no stack in ${dir} has an ${TOPOLOGY_JSON}`, 'turn the diagram on (TopologyDiagram.of(app), or a Level4Platform) and synthesize again');
  }
  return renderTopologyMarkdown(models);
}
