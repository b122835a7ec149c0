import { App } from 'cdktf';
import { runApp } from '../lib/core/run';
import { networkAws } from './network-aws';
import { computeAws, computeAwsFpga } from './compute-aws';
import { storageAws } from './storage-aws';
import { networkAzure } from './network-azure';
import { networkGcp } from './network-gcp';
import { computeGcp } from './compute-gcp';
import { storageGcp } from './storage-gcp';
import { EXAMPLE_STACKS } from './stacks';
import { backendFromEnv } from './backend-from-env';

/** Builds every reference example into one app: one Terraform stack per example and cloud. */
export function buildExamples(app: App): void {
  const backend = (stack: string) => backendFromEnv(process.env, stack);
  networkAws(app, backend('network-aws'));
  computeAws(app, backend('compute-aws'));
  computeAwsFpga(app, backend('compute-aws-fpga'));
  storageAws(app, backend('storage-aws'));
  networkAzure(app, backend('network-azure'));
  networkGcp(app, backend('network-gcp'));
  computeGcp(app, backend('compute-gcp'));
  storageGcp(app, backend('storage-gcp'));
}

if (require.main === module) {
  runApp((app) => {
    buildExamples(app);
    const built = app.node.children.map((c) => c.node.id).sort();
    const listed = EXAMPLE_STACKS.map((s) => s.name).sort();
    if (built.join() !== listed.join()) throw new Error(`examples/stacks.ts is stale: built ${built.join(', ')}; listed ${listed.join(', ')}`);
  });
}
