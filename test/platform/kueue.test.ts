import { acceleratorResource, carbonPerNodeHour, kueueManifests, pricePerNodeHour } from '../../lib/platform/kueue';
import { RegistryPool, buildRegistry } from '../../lib/platform/registry';
import { flavorNodeLabels, nodeLabels, nodeTaints } from '../../lib/platform/scheduling';
import { toYaml, toYamlStream } from '../../lib/platform/yaml-emit';
import { parseYaml } from '../../lib/policy/yaml';
import { errorCodeOf } from '../helpers/synth';
import { caps, simCaps } from './fixtures';

// Two simulators whose price and carbon orders disagree: "cheap" costs less per node-hour but draws
// ten times the power of "frugal".
const gpu = caps({ name: 'gpu' });
const cheap = simCaps('cheap', 'quantum', { usdPerHourAtMax: 4, powerKwAtMax: 10 });
const frugal = simCaps('frugal', 'neuromorphic', { usdPerHourAtMax: 40, powerKwAtMax: 1 });
const pools = (...c: Parameters<typeof buildRegistry>[0][number]['pools']): RegistryPool[] => [...buildRegistry([{ stack: 'l3', pools: c }]).pools];

/** Splits a `---` stream and parses each document with the project's YAML reader. */
function docs(text: string): any[] {
  return text
    .split(/^---\n/m)
    .filter((d) => d.trim().length > 0)
    .map((d) => parseYaml(d));
}

describe('kueueManifests', () => {
  test('one ResourceFlavor per pool, selecting exactly the labels and taints its node pool carries', () => {
    const m = kueueManifests(pools(gpu, cheap, frugal));
    const flavors = docs(m.files['10-resource-flavors.yaml']);
    expect(flavors).toHaveLength(3);
    for (const f of flavors) {
      expect(f).toMatchObject({ apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'ResourceFlavor' });
      const c = [gpu, cheap, frugal].find((p) => p.name === f.metadata.name)!;
      // Every label and taint the flavor selects by is on the node pool.
      const labels = nodeLabels(c);
      for (const [k, v] of Object.entries(f.spec.nodeLabels)) expect(labels[k]).toBe(v);
      expect(f.spec.nodeTaints).toEqual(nodeTaints(c));
      expect(f.spec.nodeLabels).toEqual(flavorNodeLabels(c));
    }
    const q = flavors.find((f) => f.metadata.name === 'cheap');
    expect(q.spec.nodeLabels).toEqual({ 'aira.io/pool': 'cheap', 'aira.io/accelerator': 'quantum-simulator', 'aira.io/simulates': 'quantum' });
    expect(q.spec.nodeTaints).toEqual([{ key: 'aira.io/accelerator', value: 'quantum-simulator', effect: 'NoSchedule' }]);
    expect(q.metadata.labels['aira.io/simulated']).toBe('true');
    expect(flavors.find((f) => f.metadata.name === 'gpu').spec.nodeTaints).toEqual([{ key: 'aira.io/accelerator', value: 'gpu', effect: 'NoSchedule' }]);
  });

  test('flavors by price by default, by carbon per node-hour when carbonAware', () => {
    const rp = pools(gpu, cheap, frugal);
    const byPrice = kueueManifests(rp);
    expect(byPrice.orderedBy).toBe('price');
    expect(byPrice.flavorOrder).toEqual(['cheap', 'frugal', 'gpu']); // 2, 20, 55.04 USD per node-hour
    const byCarbon = kueueManifests(rp, { carbonAware: true });
    expect(byCarbon.flavorOrder).toEqual(['frugal', 'cheap', 'gpu']); // 0.5, 5, 10.2 kW x 379.1 g/kWh
    const cq = docs(byCarbon.files['20-cluster-queue.yaml'])[0];
    expect(cq.spec.resourceGroups[0].flavors.map((f: any) => f.name)).toEqual(['frugal', 'cheap', 'gpu']);
    expect(cq.metadata.annotations['aira.io/flavor-order']).toBe('carbon');
    expect(carbonPerNodeHour(rp.find((p) => p.name === 'frugal')!)).toBe(189.55);
    expect(pricePerNodeHour(rp.find((p) => p.name === 'cheap')!)).toBe(2);
  });

  test('unknown carbon sorts last; ties fall back to price, then name', () => {
    const unknown = simCaps('a-unknown', 'quantum', { gridGco2PerKwh: undefined, usdPerHourAtMax: 1 });
    const twin = simCaps('b-twin', 'quantum', { usdPerHourAtMax: 40, powerKwAtMax: 1 });
    expect(kueueManifests(pools(unknown, frugal, twin), { carbonAware: true }).flavorOrder).toEqual(['b-twin', 'frugal', 'a-unknown']);
  });

  test('the ClusterQueue covers cpu, memory and the accelerator resources; quotas are per-node size times max nodes', () => {
    const tpu = caps({ name: 'tpu', cloud: 'gcp', family: 'tpu', sku: 'ct5p-hightpu-4t', accelerator: { vendor: 'google', model: 'TPU v5p', count: 4, memoryGb: 95 }, nodes: { min: 0, desired: 0, max: 2 } });
    const m = kueueManifests(pools(gpu, cheap, tpu));
    const cq = docs(m.files['20-cluster-queue.yaml'])[0];
    const group = cq.spec.resourceGroups[0];
    expect(group.coveredResources).toEqual(['cpu', 'memory', 'google.com/tpu', 'nvidia.com/gpu']);
    const quota = (flavor: string) => Object.fromEntries(group.flavors.find((f: any) => f.name === flavor).resources.map((r: any) => [r.name, r.nominalQuota]));
    expect(quota('gpu')).toEqual({ cpu: 384, memory: '4096Gi', 'google.com/tpu': 0, 'nvidia.com/gpu': 16 });
    expect(quota('cheap')).toEqual({ cpu: 384, memory: '768Gi', 'google.com/tpu': 0, 'nvidia.com/gpu': 0 });
    expect(quota('tpu')['google.com/tpu']).toBe(8);
    expect(cq.spec.namespaceSelector.matchExpressions).toEqual([{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['aira-jobs'] }]);
    expect(cq.spec.flavorFungibility).toEqual({ whenCanBorrow: 'Borrow', whenCanPreempt: 'TryNextFlavor' });
  });

  test('LocalQueues and namespaces for each job namespace, in name order', () => {
    const m = kueueManifests(pools(gpu), { namespaces: ['research', 'quantum-lab'], clusterQueue: 'hybrid', localQueue: 'jobs' });
    expect(docs(m.files['30-local-queues.yaml'])).toEqual([
      { apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'LocalQueue', metadata: { name: 'jobs', namespace: 'quantum-lab', labels: { 'app.kubernetes.io/managed-by': 'aira-constructs' } }, spec: { clusterQueue: 'hybrid' } },
      { apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'LocalQueue', metadata: { name: 'jobs', namespace: 'research', labels: { 'app.kubernetes.io/managed-by': 'aira-constructs' } }, spec: { clusterQueue: 'hybrid' } },
    ]);
    expect(docs(m.files['00-namespaces.yaml']).map((d) => [d.kind, d.metadata.name, d.metadata.labels['pod-security.kubernetes.io/enforce']])).toEqual([
      ['Namespace', 'quantum-lab', 'restricted'],
      ['Namespace', 'research', 'restricted'],
    ]);
    expect(Object.keys(m.files)).toEqual(['00-namespaces.yaml', '10-resource-flavors.yaml', '20-cluster-queue.yaml', '30-local-queues.yaml']);
  });

  test('deterministic: the same pools in another order give the same bytes', () => {
    const a = kueueManifests(pools(gpu, cheap, frugal), { carbonAware: true }).files;
    const b = kueueManifests(pools(frugal, gpu, cheap), { carbonAware: true }).files;
    expect(a).toEqual(b);
  });

  test('bad input', () => {
    expect(errorCodeOf(() => kueueManifests([]))).toBe('AIRA_E_MISSING_PROP');
    const two = buildRegistry([{ stack: 'a', pools: [gpu] }, { stack: 'b', pools: [cheap] }]).pools;
    expect(errorCodeOf(() => kueueManifests(two))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => kueueManifests(pools(caps({ name: 'x', listed: false, sku: 'x9.big' }))))).toBe('AIRA_E_MISSING_PROP');
    expect(errorCodeOf(() => kueueManifests(pools(gpu), { namespaces: ['Bad_NS'] }))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => kueueManifests(pools(gpu), { namespaces: [] }))).toBe('AIRA_E_MISSING_PROP');
    expect(errorCodeOf(() => kueueManifests(pools(gpu), { clusterQueue: '-x' }))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => kueueManifests(pools(caps({ name: 'Upper' }))))).toBe('AIRA_E_INVALID_NAME');
    expect(errorCodeOf(() => kueueManifests(pools(gpu), { carbonAware: 'yes' as any }))).toBe('AIRA_E_INVALID_PROP');
  });

  test('accelerator resources per family', () => {
    const p = (family: any, vendor = 'nvidia', simulated = false) => ({ family, simulated, accelerators: { vendor, model: 'm', count: 1, memoryGb: 1 } });
    expect(acceleratorResource(p('gpu'))).toBe('nvidia.com/gpu');
    expect(acceleratorResource(p('gpu', 'amd'))).toBe('amd.com/gpu');
    expect(acceleratorResource(p('trainium', 'aws'))).toBe('aws.amazon.com/neuron');
    expect(acceleratorResource(p('fpga', 'amd'))).toBeUndefined();
    expect(acceleratorResource({ family: 'cpu', simulated: true, accelerators: null })).toBeUndefined();
  });
});

describe('toYaml', () => {
  test('quotes scalars a reader would take for another type, and round-trips', () => {
    const value = { a: 'true', b: '123', c: 'x: y', d: 'plain-text', e: 7, f: false, g: null, h: ['1Gi', 'no'], i: [{ k: 'v', nested: { m: 1 }, n: 'y' }], 'key with space': 'x' };
    const text = toYaml(value);
    expect(text).toContain('a: "true"\n');
    expect(text).toContain('b: "123"\n');
    expect(text).toContain('c: "x: y"\n');
    expect(text).toContain('d: plain-text\n');
    expect(text).toContain('  - 1Gi\n  - "no"\n');
    expect(text).toContain('  - k: v\n    nested:\n      m: 1\n    "n": "y"\n');
    expect(parseYaml(text)).toEqual(value);
    expect(toYaml({ e: [], m: {} })).toBe('e: []\nm: {}\n');
    expect(toYamlStream([{ a: 1 }, { b: 2 }])).toBe('---\na: 1\n---\nb: 2\n');
  });
});
