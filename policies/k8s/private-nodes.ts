/**
 * AIRA-K8S-002: Kubernetes nodes without public IPs.
 *
 * Attribute names: hashicorp/aws `aws_eks_node_group` (`launch_template`, `subnet_ids`), the template's
 * `network_interfaces.associate_public_ip_address`, `aws_subnet.map_public_ip_on_launch` (default
 * false); azurerm 4.x `node_public_ip_enabled` on `azurerm_kubernetes_cluster.default_node_pool` and
 * `azurerm_kubernetes_cluster_node_pool` (default false; 3.x called it `enable_node_public_ip`);
 * google `google_container_cluster.private_cluster_config.enable_private_nodes`,
 * `google_container_node_pool.network_config.enable_private_nodes`. Checked against the bindings of
 * @cdktf/provider-aws 21, provider-azurerm 14, provider-google 16.
 */
import { blocks, boolAt, fail, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { singleBlock } from './private-control-plane';

/**
 * EKS managed node group: the launch template's interfaces decide when they say; otherwise the
 * subnets' map_public_ip_on_launch does (docs.aws.amazon.com/eks/latest/userguide/launch-templates.html).
 */
function eksNodeGroup(r: ResourceView, ctx: RuleContext): Verdict {
  const lt = singleBlock(r, ['launch_template']);
  if (lt === UNKNOWN) return unknown('launch_template is known only after apply', 'launch_template');
  if (lt !== undefined) {
    const templates = ctx.referencedBy(r, 'aws_launch_template');
    if (!templates.length) return unknown('the launch template is not in this input: its network_interfaces decide whether nodes get public IPs', 'launch_template');
    let explicitFalse = true;
    for (const t of templates) {
      const nics = blocks(t, ['network_interfaces']);
      if (nics === UNKNOWN) return unknown(`network_interfaces of ${t.address} are known only after apply`, 'launch_template');
      if (!nics.length) explicitFalse = false;
      for (const n of nics) {
        const v = boolAt(t, [...n, 'associate_public_ip_address']);
        if (v === UNKNOWN) return unknown(`associate_public_ip_address of ${t.address} is known only after apply`, 'launch_template');
        if (v === true) return fail(`launch template ${t.address} sets associate_public_ip_address = true: every node gets a public IP`, 'launch_template');
        if (v !== false) explicitFalse = false;
      }
    }
    if (explicitFalse) return pass('the launch template sets associate_public_ip_address = false');
  }
  const ids = blocks(r, ['subnet_ids']);
  const subnets = ctx.referencedBy(r, 'aws_subnet');
  // In a plan, subnet ids of new subnets are unknown; the configuration's references still name them.
  if (ids === UNKNOWN && !subnets.length) return unknown('subnet_ids are known only after apply', 'subnet_ids');
  if (ids !== UNKNOWN && subnets.length < ids.length) return unknown('some subnets are not in this input: their map_public_ip_on_launch decides whether nodes get public IPs', 'subnet_ids');
  for (const s of subnets) {
    const v = boolAt(s, ['map_public_ip_on_launch']);
    if (v === UNKNOWN) return unknown(`map_public_ip_on_launch of ${s.address} is known only after apply`, 'subnet_ids');
    if (v === true) return fail(`subnet ${s.address} maps a public IP on launch: the nodes get public IPs`, 'subnet_ids');
  }
  return pass('private subnets and no public IP association');
}

function aksPool(r: ResourceView, at: ValuePath): Verdict {
  const path = [...at, 'node_public_ip_enabled'];
  const v = boolAt(r, path);
  if (v === UNKNOWN) return unknown('node_public_ip_enabled is known only after apply', path);
  return v === true ? fail('node_public_ip_enabled = true: every node gets a public IP', path) : pass('no public IP per node');
}

function gkePrivateNodes(r: ResourceView): boolean | undefined | typeof UNKNOWN {
  const pc = singleBlock(r, ['private_cluster_config']);
  if (pc === UNKNOWN) return UNKNOWN;
  return pc === undefined ? undefined : boolAt(r, [...pc, 'enable_private_nodes']);
}

function gkeCluster(r: ResourceView): Verdict {
  const v = gkePrivateNodes(r);
  if (v === UNKNOWN) return unknown('enable_private_nodes is known only after apply', 'private_cluster_config');
  return v === true ? pass('private nodes: internal IPs only') : fail('private_cluster_config.enable_private_nodes is not true: nodes get external IPs', 'private_cluster_config');
}

/** A GKE node pool: its own network_config.enable_private_nodes, else the cluster's setting. */
function gkeNodePool(r: ResourceView, ctx: RuleContext): Verdict {
  const nc = singleBlock(r, ['network_config']);
  if (nc === UNKNOWN) return unknown('network_config is known only after apply', 'network_config');
  if (nc !== undefined) {
    const v = boolAt(r, [...nc, 'enable_private_nodes']);
    if (v === UNKNOWN) return unknown('network_config.enable_private_nodes is known only after apply', [...nc, 'enable_private_nodes']);
    if (v === true) return pass('the node pool has private nodes');
    if (v === false) return fail('network_config.enable_private_nodes = false: the nodes get external IPs', [...nc, 'enable_private_nodes']);
  }
  const clusters = ctx.referencedBy(r, 'google_container_cluster');
  if (!clusters.length) return unknown('the cluster is not in this input: its private_cluster_config decides whether the nodes get external IPs', 'cluster');
  const v = gkePrivateNodes(clusters[0]);
  if (v === UNKNOWN) return unknown(`enable_private_nodes of ${clusters[0].address} is known only after apply`, 'cluster');
  return v === true ? pass(`private nodes, inherited from ${clusters[0].address}`) : fail(`neither the node pool nor ${clusters[0].address} enables private nodes: the nodes get external IPs`, 'cluster');
}

/** Kubernetes node pools (EKS, AKS, GKE) give their nodes no public IP. */
export const privateNodePools: Rule = {
  id: 'AIRA-K8S-002',
  title: 'Kubernetes node pools have no public IPs',
  severity: 'high',
  rationale:
    'Nodes with public IPs expose the kubelet, node ports and every host-network pod to the internet and let a compromised pod ' +
    'exfiltrate data sets and model weights without passing the platform egress. Nodes reach the internet through NAT where allowed.',
  remediation:
    'EKS: private subnets (map_public_ip_on_launch = false) and associate_public_ip_address = false on the launch template. ' +
    'AKS: node_public_ip_enabled = false (the default). GKE: private_cluster_config.enable_private_nodes = true, or network_config.enable_private_nodes = true on the node pool.',
  resourceTypes: ['aws_eks_node_group', 'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'google_container_cluster', 'google_container_node_pool'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AZURE_143', 'CKV_GCP_64'],
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html',
    'https://learn.microsoft.com/azure/aks/use-node-public-ips',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/latest/network-isolation',
  ],
  check(r, ctx): Verdict {
    switch (r.type) {
      case 'aws_eks_node_group':
        return eksNodeGroup(r, ctx);
      case 'azurerm_kubernetes_cluster': {
        const pool = singleBlock(r, ['default_node_pool']);
        if (pool === UNKNOWN) return unknown('default_node_pool is known only after apply', 'default_node_pool');
        return aksPool(r, pool ?? ['default_node_pool']);
      }
      case 'azurerm_kubernetes_cluster_node_pool':
        return aksPool(r, []);
      case 'google_container_cluster':
        return gkeCluster(r);
      default:
        return gkeNodePool(r, ctx);
    }
  },
};
