import type * as KubernetesClusterModule from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type * as KubernetesClusterNodePoolModule from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';

/** An AKS cluster resource (type only: see `aksBindings`). */
export type KubernetesCluster = KubernetesClusterModule.KubernetesCluster;

/**
 * The AKS resource classes, loaded on first use: kubernetes-cluster and its node pool are the largest
 * bindings the Azure entry point would otherwise load at import (2.2 MB of JavaScript to compile), and
 * only the scheduler cluster needs them.
 */
export function aksBindings(): {
  KubernetesCluster: typeof KubernetesClusterModule.KubernetesCluster;
  KubernetesClusterNodePool: typeof KubernetesClusterNodePoolModule.KubernetesClusterNodePool;
} {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    KubernetesCluster: (require('@cdktf/provider-azurerm/lib/kubernetes-cluster') as typeof KubernetesClusterModule).KubernetesCluster,
    KubernetesClusterNodePool: (require('@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool') as typeof KubernetesClusterNodePoolModule).KubernetesClusterNodePool,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
