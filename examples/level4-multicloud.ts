import { App, TerraformStack } from 'cdktf';
import { awsKit } from '../lib/aws';
import { azureKit } from '../lib/azure';
import { StateBackend } from '../lib/core/backend';
import { Cloud } from '../lib/core/catalog/types';
import { gcpKit } from '../lib/gcp';
import { Level4Demand, Level4Platform } from '../lib/platform/level4';

/** Public half of the Azure pools' admin SSH key: a placeholder in the OpenSSH format; put your own here. */
const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReplaceThisWithTheOperatorsOwnPublicKey000 ops@example.com';

/**
 * The example's workloads. The optimizer places them over the three kits' regions by cost and carbon:
 * - `llm-pretrain`, 16 H100 at 3200 Gbps per node: AWS p5.48xlarge (EFA), the cheapest SKU that meets it;
 * - `ib-finetune`, 16 A100 at 1600 Gbps: Azure ND96asr v4, the only A100 SKU with that interconnect (InfiniBand HDR);
 * - `tpu-finetune`, 8 TPU v5p chips: a Google 2x2x2 slice on GKE;
 * - `genomics-fpga`, 2 FPGA cards on AWS F2 (kept off Azure NP, which retires on 2027-05-31);
 * - `batch-inference`, 24 Inferentia2 devices over two zones, scaled up for weekday working hours from
 *   its weekly demand profile (predictive provisioning) and down to one node outside them.
 */
export const LEVEL4_EXAMPLE_DEMANDS: readonly Level4Demand[] = [
  { id: 'llm-pretrain', accelerator: 'H100', count: 16, minInterconnectGbps: 3200 },
  { id: 'ib-finetune', accelerator: 'A100', count: 16, minInterconnectGbps: 1600 },
  { id: 'tpu-finetune', accelerator: 'TPU v5p', count: 8 },
  { id: 'genomics-fpga', accelerator: 'fpga', count: 2, clouds: ['aws'] },
  {
    id: 'batch-inference',
    accelerator: 'inferentia',
    count: 24,
    zones: 2,
    demandProfile: { timeZone: 'America/New_York', baselineNodes: 1, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 8, endHour: 20, nodes: 2 }] },
  },
];

/**
 * Level 4 of the reference architecture across all three clouds: the topology optimizer places the
 * demands above, and one stack per cloud is built from the plan: `level4-multicloud-aws` (us-east-1:
 * p5, F2 and Inferentia pools, Braket access), `level4-multicloud-azure` (eastus: the ND A100 v4
 * InfiniBand pool, an Azure Quantum workspace) and `level4-multicloud-gcp` (us-central1: the TPU v5p
 * slice), each with its key, segmented network (10.16/16, 10.26/16, 10.36/16, one address space),
 * object storage, safety alarms, policy guard, audit manifest and topology diagram.
 *
 * The clouds are joined by the default interconnect, site-to-site VPN with BGP: each cloud's stack
 * holds its VPN gateway, and `level4-multicloud-interconnect` holds the three links (aws-azure and
 * aws-gcp with four tunnels each, azure-gcp with two), deployed after the others through cross-stack
 * references. Deploying it needs the links' pre-shared keys: `TF_VAR_vpn_psk_aws_azure`,
 * `TF_VAR_vpn_psk_aws_gcp` and `TF_VAR_vpn_psk_azure_gcp`, from a secret store.
 *
 * @param backend state backend of each stack, by stack name (default: local state)
 * @returns the stacks, by cloud (the interconnect stack is `Level4Platform.interconnectStack`)
 */
export function level4Multicloud(app: App, backend?: (stack: string) => StateBackend | undefined): Partial<Record<Cloud, TerraformStack>> {
  const l4 = new Level4Platform(app, 'level4-multicloud', {
    name: 'aira-l4',
    kits: {
      aws: awsKit({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }),
      azure: azureKit({ location: 'eastus', zones: ['1', '2'], adminSshPublicKey: SSH_PUBLIC_KEY }),
      gcp: gcpKit({ project: 'aira-examples', region: 'us-central1', zones: ['us-central1-a', 'us-central1-b'] }),
    },
    cidrs: { aws: '10.16.0.0/16', azure: '10.26.0.0/16', gcp: '10.36.0.0/16' },
    demands: LEVEL4_EXAMPLE_DEMANDS,
    flows: [{ from: 'management', to: 'inference', port: 443, reason: 'management-plane clients call the inference pools' }],
    alarms: { notifyEmails: ['ml-oncall@example.com'] },
    tags: { workload: 'reference-level4', owner: 'ml-platform', costCenter: 'cc-1005', dataClassification: 'confidential' },
    ...(backend ? { backend: (stack: string) => backend(stack) } : {}),
  });
  return l4.stacks;
}
