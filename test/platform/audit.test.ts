import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { awsKit } from '../../lib/aws';
import { CATALOG_AS_OF, findSku } from '../../lib/core/catalog/lookup';
import { CloudKit } from '../../lib/core/kit';
import { AUDIT_FILE, AuditManifest, AuditManifestProps, buildAuditManifest } from '../../lib/platform/audit';
import { errorCodeOf } from '../helpers/synth';
import { appIn, readJsonOut, readOut } from './helpers/outdir';

const US_EAST_1_GCO2 = 379.1; // lib/core/catalog/grid-carbon.ts, aws us-east-1

/** A stack with a 2-node p5 pool and a 1-node CPU pool, built through the AWS kit. */
function stackWithPools(app: App, id: string, kit: CloudKit = awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] })): TerraformStack {
  const stack = kit.createStack(app, id);
  const key = kit.createKey(stack, 'key', 'test key for the audit manifest');
  const network = kit.createNetwork(stack, 'net', { cidr: '10.40.0.0/16' });
  kit.createPool(stack, 'train', { network, key, sku: 'p5.48xlarge', nodes: 2 });
  kit.createPool(stack, 'prep', { network, key, sku: 'c7i.48xlarge', nodes: { min: 0, desired: 1, max: 3 }, workload: 'preprocessing' });
  return stack;
}

function synthAudit(name: string, props: AuditManifestProps = {}, today: string | null = '2026-11-22') {
  const { app, dir } = appIn(name, today);
  const stack = stackWithPools(app, 'audited');
  AuditManifest.of(stack, props);
  app.synth();
  return { dir, stack, json: readJsonOut(dir, 'stacks', 'audited', AUDIT_FILE) };
}

describe('AuditManifest', () => {
  test('writes one entry per pool in the audit-log shape, with energy at max size for 1 h and the emissions to offset', () => {
    const { json } = synthAudit('audit-shape', { level: 2, policy: { packs: ['aira-baseline'], failOn: 'medium' } });
    expect(json).toMatchObject({ version: 1, tool: 'aira', stack: 'audited', level: 2, policyPacks: ['aira-baseline'], policyFailOn: 'medium' });
    expect(json.policyNote).toMatch(/packs aira-baseline .* severity medium or above/);
    expect(json.entries.map((e: any) => e.workload)).toEqual(['prep', 'train']); // pool name order
    const p5kw = findSku('p5.48xlarge')!.power.kw;
    const train = json.entries[1];
    expect(train).toMatchObject({
      timestamp: '2026-11-22T00:00:00Z',
      workload: 'train',
      location: 'us-east-1',
      energy_consumed_kWh: p5kw * 2,
      carbon_offset: Math.round(p5kw * 2 * US_EAST_1_GCO2 * 10) / 10,
      carbon_offset_unit: 'gCO2e',
      sku: 'p5.48xlarge',
      accelerators: '8 x H100',
      nodes_max: 2,
      fabric: 'efa',
      grid_gCO2e_per_kWh: US_EAST_1_GCO2,
      construct_path: 'audited/train',
    });
    expect(train.energy_basis).toMatch(/estimated, not metered: nominal power of p5\.48xlarge \(10\.2 kW per node, catalog\) x 2 nodes .* x 1 h/);
    expect(train.carbon_offset_basis).toMatch(/energy_consumed_kWh x 379\.1 gCO2e\/kWh.*cloudcarbonfootprint/);
    // The CPU pool counts at its max (3 nodes), not its desired size.
    expect(json.entries[0]).toMatchObject({ workload: 'prep', nodes_max: 3, energy_consumed_kWh: Math.round(findSku('c7i.48xlarge')!.power.kw * 3 * 1000) / 1000, accelerators: 'none' });
    expect(json.totals.energy_consumed_kWh).toBeCloseTo(json.entries[0].energy_consumed_kWh + train.energy_consumed_kWh, 3);
    expect(json.totals.entries_without_carbon).toBe(0);
  });

  test('two synths of the same app are byte-identical (no wall-clock time)', () => {
    const a = synthAudit('audit-det-a');
    const b = synthAudit('audit-det-b');
    expect(readOut(a.dir, 'stacks', 'audited', AUDIT_FILE)).toBe(readOut(b.dir, 'stacks', 'audited', AUDIT_FILE));
  });

  test('the timestamp comes from synthesizedOn, else aira:today, else the catalog date, and says so', () => {
    expect(synthAudit('audit-ts-given', { synthesizedOn: '2027-01-05' }).json).toMatchObject({ entries: [expect.objectContaining({ timestamp: '2027-01-05T00:00:00Z' }), expect.anything()] });
    const noContext = synthAudit('audit-ts-none', {}, null).json;
    expect(noContext.entries[0].timestamp).toBe(`${CATALOG_AS_OF}T00:00:00Z`);
    expect(noContext.timestampBasis).toMatch(/catalog review date.*aira:today/);
    expect(synthAudit('audit-ts-ctx').json.timestampBasis).toMatch(/context aira:today/);
  });

  test('a region without a grid intensity gives carbon_offset null with the reason, and is counted apart', () => {
    const { app, dir } = appIn('audit-nocarbon');
    const kit = awsKit({ region: 'us-west-1', zones: ['us-west-1a', 'us-west-1b'] }); // no figure in the catalog
    const stack = stackWithPools(app, 'west', kit);
    AuditManifest.of(stack);
    app.synth();
    const json = readJsonOut(dir, 'stacks', 'west', AUDIT_FILE);
    expect(json.entries[0]).toMatchObject({ carbon_offset: null, grid_gCO2e_per_kWh: null, carbon_offset_basis: 'unknown: the catalog has no grid carbon intensity for aws us-west-1' });
    expect(json.totals).toMatchObject({ carbon_offset: 0, entries_without_carbon: 2 });
  });

  test('policy: unknown by default, "no guard" when false', () => {
    expect(synthAudit('audit-pol-unknown').json).toMatchObject({ level: null, policyPacks: [], policyFailOn: null, policyNote: expect.stringMatching(/not known to the audit manifest/) });
    expect(synthAudit('audit-pol-off', { policy: false }).json).toMatchObject({ policyPacks: [], policyNote: 'no policy guard on this stack' });
    expect(synthAudit('audit-pol-all', { policy: {} }).json).toMatchObject({ policyPacks: [], policyFailOn: 'high', policyNote: expect.stringMatching(/every rule at its own severity/) });
  });

  test('on the App it covers every stack, also stacks created after the call; a stack without pools gets an empty list', () => {
    const { app, dir } = appIn('audit-app');
    AuditManifest.of(app, { level: 3 });
    stackWithPools(app, 'one');
    new TerraformStack(app, 'empty');
    app.synth();
    expect(readJsonOut(dir, 'stacks', 'one', AUDIT_FILE).entries).toHaveLength(2);
    expect(readJsonOut(dir, 'stacks', 'empty', AUDIT_FILE)).toMatchObject({ stack: 'empty', level: 3, entries: [], totals: { energy_consumed_kWh: 0 } });
  });

  test('a second call on a stack is ignored; a construct inside a stack means that stack', () => {
    const { app, dir } = appIn('audit-twice');
    const stack = stackWithPools(app, 'audited');
    AuditManifest.of(new Construct(stack, 'inner'), { level: 4 });
    AuditManifest.of(stack, { level: 2 });
    app.synth();
    expect(readJsonOut(dir, 'stacks', 'audited', AUDIT_FILE).level).toBe(4);
  });

  test('buildAuditManifest gives the same document without synth; bad input fails with its code', () => {
    const { app } = appIn('audit-pure');
    const stack = stackWithPools(app, 'audited');
    expect(buildAuditManifest(stack, { level: 4 }).entries.map((e) => e.sku)).toEqual(['c7i.48xlarge', 'p5.48xlarge']);
    expect(errorCodeOf(() => AuditManifest.of(stack, { synthesizedOn: 'yesterday' }))).toBe('AIRA_E_INVALID_PROP');
    expect(errorCodeOf(() => AuditManifest.of(new Construct(new App(), 'loose')))).toBe('AIRA_E_WRONG_SCOPE');
    const bad = new App({ context: { 'aira:today': 'soon' } });
    expect(errorCodeOf(() => buildAuditManifest(new TerraformStack(bad, 's')))).toBe('AIRA_E_INVALID_PROP');
  });

  test('nothing is written for a stack without the manifest', () => {
    const { app, dir } = appIn('audit-none');
    stackWithPools(app, 'plain');
    app.synth();
    expect(fs.existsSync(path.join(dir, 'stacks', 'plain', AUDIT_FILE))).toBe(false);
  });
});
