import type { Cloud } from '../lib/core/catalog/types';

/**
 * The stacks `examples/main.ts` builds, by name and cloud. Pure data so the benchmark's empty-app
 * baseline can make the same stacks and providers without loading any construct code; `main.ts`
 * checks that what it built matches this list. `multi` marks a stack with the providers of all three
 * clouds (the Level 4 interconnect stack), which `npm run e2e:plan` cannot plan offline.
 */
export const EXAMPLE_STACKS: ReadonlyArray<{ readonly name: string; readonly cloud: Cloud | 'multi' }> = [
  { name: 'network-aws', cloud: 'aws' },
  { name: 'compute-aws', cloud: 'aws' },
  { name: 'compute-aws-fpga', cloud: 'aws' },
  { name: 'storage-aws', cloud: 'aws' },
  { name: 'network-azure', cloud: 'azure' },
  { name: 'compute-azure', cloud: 'azure' },
  { name: 'storage-azure', cloud: 'azure' },
  { name: 'network-gcp', cloud: 'gcp' },
  { name: 'compute-gcp', cloud: 'gcp' },
  { name: 'storage-gcp', cloud: 'gcp' },
  { name: 'level2-aws', cloud: 'aws' },
  { name: 'level2-azure', cloud: 'azure' },
  { name: 'level2-gcp', cloud: 'gcp' },
  { name: 'level3-aws', cloud: 'aws' },
  { name: 'level4-multicloud-aws', cloud: 'aws' },
  { name: 'level4-multicloud-azure', cloud: 'azure' },
  { name: 'level4-multicloud-gcp', cloud: 'gcp' },
  { name: 'level4-multicloud-interconnect', cloud: 'multi' },
];

/** Region (or location) each cloud's examples deploy to. */
export const EXAMPLE_REGIONS: Readonly<Record<Cloud, string>> = { aws: 'us-east-1', azure: 'eastus', gcp: 'us-central1' };
/** The Google Cloud project the examples name. */
export const EXAMPLE_GCP_PROJECT = 'aira-examples';
