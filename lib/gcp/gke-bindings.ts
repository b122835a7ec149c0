import type * as ContainerClusterModule from '@cdktf/provider-google/lib/container-cluster';
import type * as ContainerNodePoolModule from '@cdktf/provider-google/lib/container-node-pool';

/** A GKE cluster resource (type only: see `gkeBindings`). */
export type ContainerCluster = ContainerClusterModule.ContainerCluster;
/** A GKE node pool resource (type only: see `gkeBindings`). */
export type ContainerNodePool = ContainerNodePoolModule.ContainerNodePool;

/**
 * The GKE resource classes, loaded on first use. container-cluster and container-node-pool are the
 * largest bindings the Google entry point would otherwise load at import (4.8 MB of JavaScript to
 * compile); only TPU slices and the scheduler cluster need them, so importing `aira-constructs/gcp`
 * for a network or a GPU pool does not pay for them.
 */
export function gkeBindings(): {
  ContainerCluster: typeof ContainerClusterModule.ContainerCluster;
  ContainerNodePool: typeof ContainerNodePoolModule.ContainerNodePool;
} {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ContainerCluster: (require('@cdktf/provider-google/lib/container-cluster') as typeof ContainerClusterModule).ContainerCluster,
    ContainerNodePool: (require('@cdktf/provider-google/lib/container-node-pool') as typeof ContainerNodePoolModule).ContainerNodePool,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
