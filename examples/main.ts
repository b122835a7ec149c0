import { App, TerraformStack } from 'cdktf';
import { runApp } from '../lib/core/run';
import { networkAws } from './network-aws';
import { computeAws, computeAwsFpga } from './compute-aws';
import { storageAws } from './storage-aws';
import { networkAzure } from './network-azure';
import { computeAzure } from './compute-azure';
import { storageAzure } from './storage-azure';
import { networkGcp } from './network-gcp';
import { computeGcp } from './compute-gcp';
import { storageGcp } from './storage-gcp';
import { level2Aws } from './level2-aws';
import { level2Azure } from './level2-azure';
import { level2Gcp } from './level2-gcp';
import { level3Hybrid } from './level3-hybrid';
import { level4Multicloud } from './level4-multicloud';
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
  computeAzure(app, backend('compute-azure'));
  storageAzure(app, backend('storage-azure'));
  networkGcp(app, backend('network-gcp'));
  computeGcp(app, backend('compute-gcp'));
  storageGcp(app, backend('storage-gcp'));
  level2Aws(app, backend('level2-aws'));
  level2Azure(app, backend('level2-azure'));
  level2Gcp(app, backend('level2-gcp'));
  level3Hybrid(app, backend('level3-aws'));
  level4Multicloud(app, backend);
}

/** Names of the stacks built into the app, wherever they sit in the construct tree. */
export function builtStackNames(app: App): string[] {
  return app.node
    .findAll()
    .filter((c) => TerraformStack.isStack(c))
    .map((s) => s.node.id)
    .sort();
}

if (require.main === module) {
  runApp((app) => {
    buildExamples(app);
    const built = builtStackNames(app);
    const listed = EXAMPLE_STACKS.map((s) => s.name).sort();
    if (built.join() !== listed.join()) throw new Error(`examples/stacks.ts is stale: built ${built.join(', ')}; listed ${listed.join(', ')}`);
  });
}
