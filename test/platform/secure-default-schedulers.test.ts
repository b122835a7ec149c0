import { azureKit } from '../../lib/azure';
import { CloudKit } from '../../lib/core/kit';
import { gcpKit } from '../../lib/gcp';
import { Level3Platform } from '../../lib/platform/level3';
import { BUILTIN_PACKS, BUILTIN_RULES } from '../../lib/policy/builtin';
import { checkInputs } from '../../lib/policy/check';
import { loadPath } from '../../lib/policy/load';
import { appIn } from './helpers/outdir';

// The examples hold Level 3 on AWS only: these build it at default settings on the other two clouds,
// where the scheduler is a private AKS or GKE cluster, and run every built-in pack over the output.
const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx1aira0example0key0for0tests0only0aaaaaaaaaa test';
const kits: Array<[string, () => CloudKit]> = [
  ['Azure (AKS scheduler)', () => azureKit({ location: 'eastus', zones: ['1', '2'], adminSshPublicKey: SSH })],
  ['Google Cloud (GKE scheduler)', () => gcpKit({ project: 'acme-ml', region: 'europe-west4', zones: ['europe-west4-a', 'europe-west4-b'] })],
];

describe('secure by default: Level 3 with its Kubernetes scheduler on Azure and Google Cloud', () => {
  test.each(kits)('%s passes every built-in pack with no fail, error or unknown at any severity', (name, kit) => {
    const { app, dir } = appIn(`l3-secure-${name.split(' ')[0].toLowerCase()}`);
    new Level3Platform(app, 'l3', { kit: kit(), cidr: '10.35.0.0/16' });
    app.synth();
    const bundle = checkInputs(loadPath(dir), { rules: BUILTIN_RULES, packs: BUILTIN_PACKS, packIds: BUILTIN_PACKS.map((p) => p.id), includePassed: true });
    const bad = bundle.all.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'unknown').map((r) => `${r.ruleId} ${r.status} ${r.address}: ${r.message}`);
    expect(bad).toEqual([]);
    // The node disks of the scheduler's node pools are judged, and pass with the platform key.
    const disks = bundle.all.filter((r) => r.ruleId === 'AIRA-ENC-003' && /kubernetes_cluster|container_node_pool/.test(r.resourceType));
    expect(disks.length).toBeGreaterThan(0);
    expect(disks.every((r) => r.status === 'pass')).toBe(true);
  });
});
