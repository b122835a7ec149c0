import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { awsKit } from '../../lib/aws';
import { gcpKit } from '../../lib/gcp';
import {
  TOPOLOGY_JSON,
  TOPOLOGY_MD,
  TopologyDiagram,
  TopologyModel,
  describeTopology,
  linkEndpoint,
  renderDiagramFromOut,
  renderMermaid,
  renderTopologyMarkdown,
} from '../../lib/platform/diagram';
import { errorCodeOf } from '../helpers/synth';
import { appIn, outdir, readJsonOut, readOut } from './helpers/outdir';

/**
 * A known AWS stack: a network with one declared flow (management to inference on 443, a reason with a
 * `#` Mermaid must not parse), storage with a Lustre hot tier (which declares the training -> data
 * Lustre flows), a training pool, an inference pool behind a private endpoint, and Braket access.
 */
function knownStack(app: App, id = 'known', cidr = '10.50.0.0/16'): TerraformStack {
  const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
  const stack = kit.createStack(app, id);
  const key = kit.createKey(stack, 'key', 'diagram test key');
  const network = kit.createNetwork(stack, 'network', { cidr, flows: [{ from: 'management', to: 'inference', port: 443, reason: 'ops #1 clients call the endpoint' }] });
  kit.createStorage(stack, 'storage', { network, key, objectTiers: ['data-lake', 'checkpoints'], hot: { capacityGib: 2400 } });
  kit.createPool(stack, 'train', { network, key, name: 'train', sku: 'p5.48xlarge', nodes: 2 });
  const serve = kit.createPool(stack, 'serve', { network, key, name: 'serve', sku: 'g6e.12xlarge', nodes: 2, workload: 'inference' });
  kit.createInternalLoadBalancer(stack, 'endpoint', { network, pool: serve, port: 443 });
  kit.createQuantumAccess(stack, 'quantum', { key });
  return stack;
}

/** The lines of a Mermaid block that belong to one subgraph (by id), without nested subgraphs' ends. */
function subgraph(text: string, id: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith(`subgraph ${id}[`));
  expect(start).toBeGreaterThanOrEqual(0);
  const indent = lines[start].indexOf('subgraph');
  const end = lines.findIndex((l, i) => i > start && l === `${' '.repeat(indent)}end`);
  return lines.slice(start + 1, end).map((l) => l.trim());
}

describe('describeTopology and renderMermaid', () => {
  test('planes are subgraphs holding their subnets, pools, hot tier and endpoint; flows are edges labelled with ports and reasons', () => {
    const { app } = appIn('diagram-known');
    const text = renderMermaid(describeTopology(knownStack(app)));
    expect(text.startsWith('graph LR\n')).toBe(true);
    expect(text).toContain('subgraph n0["aws us-east-1 network<br/>10.50.0.0/16, zones us-east-1a, us-east-1b"]');
    // Pools are in name order: serve is pool0, train pool1.
    expect(subgraph(text, 'n0_training_plane')).toEqual([
      'n0_training[/"training subnets<br/>10.50.0.0/19"/]',
      'pool1["train: training<br/>p5.48xlarge x 2<br/>accelerators 8 x H100 per node<br/>efa, on-demand, zones us-east-1a"]',
    ]);
    expect(subgraph(text, 'n0_inference_plane')).toEqual([
      'n0_inference[/"inference subnets<br/>10.50.32.0/19"/]',
      'pool0["serve: inference<br/>g6e.12xlarge x 2<br/>accelerators 4 x L40S per node<br/>ethernet, on-demand, zones us-east-1a, us-east-1b"]',
      'ep0>"private endpoint<br/>tcp 443, zones us-east-1a, us-east-1b"]',
    ]);
    expect(subgraph(text, 'n0_data_plane')).toEqual(['n0_data[/"data subnets<br/>10.50.64.0/19"/]', 'hot0[("lustre hot tier<br/>2400 GiB, mounted from training")]']);
    expect(subgraph(text, 'n0_management_plane')).toEqual(['n0_management[/"management subnets<br/>10.50.96.0/19"/]']);
    expect(subgraph(text, 'st0')).toEqual(['st0_0[("data-lake")]', 'st0_1[("checkpoints")]']);
    const edges = text.split('\n').filter((l) => l.includes('-->') || l.includes('-.->')).map((l) => l.trim());
    expect(edges).toEqual([
      'n0_management -->|"tcp 443: ops #35;1 clients call the endpoint"| n0_inference',
      'n0_training -->|"tcp 1018-1023: Lustre client ports for training nodes"| n0_data',
      'n0_training -->|"tcp 988: training nodes mount the Lustre file system"| n0_data',
      'ep0 -->|"tcp 443"| pool0',
      'hot0 -.->|"imports from, exports to"| st0_0',
    ]);
    expect(text).toMatch(/^ {2}q0\{\{"quantum access<br\/>AWS Braket access: results bucket amazon-braket-/m);
  });

  test('an endpoint is linked to the pool recorded with linkEndpoint, over the zone guess', () => {
    const { app } = appIn('diagram-link');
    const stack = knownStack(app);
    const kit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] });
    const found = stack.node.findAll();
    const network = found.find((c) => c.node.id === 'network') as any;
    const key = found.find((c) => c.node.id === 'key') as any;
    const other = kit.createPool(stack, 'other', { network, key, name: 'other', sku: 'g6e.12xlarge', nodes: 2, workload: 'inference' });
    const second = kit.createInternalLoadBalancer(stack, 'second', { network, pool: other, port: 8443 });
    // Two inference pools in the same zones: without a link the second endpoint's pool is ambiguous.
    expect(describeTopology(stack).endpoints.map((e) => e.pool)).toEqual([undefined, undefined]);
    linkEndpoint(second, other);
    expect(describeTopology(stack).endpoints.map((e) => [e.name, e.pool])).toEqual([['endpoint', undefined], ['second', 'other']]);
    expect(renderMermaid(describeTopology(stack))).toContain('ep1 -->|"tcp 8443"| pool0');
  });

  test('a hand-made model renders exactly; labels escape the characters Mermaid parses', () => {
    const model: TopologyModel = {
      version: 1,
      stack: 's',
      level: 4,
      networks: [{ name: 'net', cloud: 'gcp', region: 'us-central1', cidr: '10.0.0.0/16', zones: ['us-central1-a'], planes: [{ plane: 'training', cidr: '10.0.0.0/19' }, { plane: 'data', cidr: '10.0.64.0/19' }], flows: [{ from: 'training', to: 'data', protocol: 'udp', ports: '9000-9001', reason: 'say "hi" <b>' }] }],
      pools: [{ name: 'p', network: 0, plane: 'training', workload: 'training', sku: 'ct5p-hightpu-4t', nodesMax: 2, zones: ['us-central1-a'], accelerators: '4 x TPU v5p', fabric: 'ici', capacityMode: 'spot' }],
      storage: [],
      endpoints: [],
      quantum: [],
    };
    expect(renderMermaid(model)).toBe(
      [
        'graph LR',
        '  subgraph n0["gcp us-central1 network net<br/>10.0.0.0/16, zones us-central1-a"]',
        '    subgraph n0_training_plane["training plane"]',
        '      n0_training[/"training subnets<br/>10.0.0.0/19"/]',
        '      pool0["p: training<br/>ct5p-hightpu-4t x 2<br/>accelerators 4 x TPU v5p per node<br/>ici, spot, zones us-central1-a"]',
        '    end',
        '    subgraph n0_data_plane["data plane"]',
        '      n0_data[/"data subnets<br/>10.0.64.0/19"/]',
        '    end',
        '  end',
        '  n0_training -->|"udp 9000-9001: say #quot;hi#quot; #lt;b#gt;"| n0_data',
        '',
      ].join('\n'),
    );
    const md = renderTopologyMarkdown([model]);
    expect(md).toContain('## Stack `s`\n\ngcp us-central1 · level 4 · 1 pool\n\n```mermaid\ngraph LR\n');
    expect(md.endsWith('```\n')).toBe(true);
  });
});

describe('TopologyDiagram', () => {
  function synthTwoStacks(name: string) {
    const { app, dir } = appIn(name);
    TopologyDiagram.of(app, { level: 2 });
    knownStack(app, 'known');
    const g = gcpKit({ project: 'acme-ml', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] });
    const gs = g.createStack(app, 'gcp-side');
    g.createNetwork(gs, 'network', { cidr: '10.60.0.0/16' });
    new TerraformStack(app, 'no-network');
    app.synth();
    return dir;
  }

  test('writes aira-topology.json per stack and one Markdown file with a Mermaid block per stack, in name order', () => {
    const dir = synthTwoStacks('diagram-app');
    const model = readJsonOut(dir, 'stacks', 'known', TOPOLOGY_JSON);
    expect(model).toMatchObject({ version: 1, stack: 'known', level: 2, pools: [{ name: 'serve' }, { name: 'train' }], endpoints: [{ pool: 'serve', port: 443 }] });
    const md = readOut(dir, TOPOLOGY_MD);
    expect([...md.matchAll(/^## Stack `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['gcp-side', 'known', 'no-network']);
    expect(md.match(/```mermaid\n/g)).toHaveLength(3);
    expect(md).toContain('aws us-east-1 · level 2 · 2 pools');
    expect(md).toContain('n0_management -->|"tcp 443: ops #35;1 clients call the endpoint"| n0_inference');
    // A stack with nothing to draw still gets a graph Mermaid can render.
    expect(md).toContain('## Stack `no-network`\n\nlevel 2 · 0 pools\n\n```mermaid\ngraph LR\n  empty["no network, pool, storage or quantum access in this stack"]\n```');
  });

  test('two synths are byte-identical, and renderDiagramFromOut rebuilds the same Markdown from cdktf.out', () => {
    const a = synthTwoStacks('diagram-det-a');
    const b = synthTwoStacks('diagram-det-b');
    expect(readOut(a, TOPOLOGY_MD)).toBe(readOut(b, TOPOLOGY_MD));
    expect(readOut(a, 'stacks', 'known', TOPOLOGY_JSON)).toBe(readOut(b, 'stacks', 'known', TOPOLOGY_JSON));
    expect(renderDiagramFromOut(a)).toBe(readOut(a, TOPOLOGY_MD));
    // Without manifest.json, every folder under stacks/ is read.
    fs.rmSync(path.join(b, 'manifest.json'));
    expect(renderDiagramFromOut(b)).toBe(readOut(a, TOPOLOGY_MD));
  });

  test('only stacks with the diagram on are drawn; a second call is ignored', () => {
    const { app, dir } = appIn('diagram-one');
    const s = knownStack(app, 'drawn');
    knownStack(app, 'plain', '10.51.0.0/16');
    TopologyDiagram.of(new Construct(s, 'inner'), { level: 3 });
    TopologyDiagram.of(s, { level: 2 });
    app.synth();
    expect(fs.existsSync(path.join(dir, 'stacks', 'plain', TOPOLOGY_JSON))).toBe(false);
    expect([...readOut(dir, TOPOLOGY_MD).matchAll(/^## Stack `([^`]+)`$/gm)].map((m) => m[1])).toEqual(['drawn']);
    expect(readJsonOut(dir, 'stacks', 'drawn', TOPOLOGY_JSON).level).toBe(3);
  });

  test('renderDiagramFromOut fails with AIRA_E_INVALID_PROP on a missing folder, a folder without models, or a bad model', () => {
    expect(errorCodeOf(() => renderDiagramFromOut(path.join(outdir('diagram-missing'), 'nope')))).toBe('AIRA_E_INVALID_PROP');
    const { app, dir } = appIn('diagram-empty');
    new TerraformStack(app, 'bare');
    app.synth();
    expect(errorCodeOf(() => renderDiagramFromOut(dir))).toBe('AIRA_E_INVALID_PROP');
    fs.writeFileSync(path.join(dir, 'stacks', 'bare', TOPOLOGY_JSON), '{"version": 99}');
    expect(errorCodeOf(() => renderDiagramFromOut(dir))).toBe('AIRA_E_INVALID_PROP');
    fs.writeFileSync(path.join(dir, 'stacks', 'bare', TOPOLOGY_JSON), '{not json');
    expect(errorCodeOf(() => renderDiagramFromOut(dir))).toBe('AIRA_E_INVALID_PROP');
  });
});
