/**
 * AIRA-K8S-001: Kubernetes control planes reachable on private addresses only.
 *
 * Attribute names: hashicorp/aws `aws_eks_cluster.vpc_config` (`endpoint_private_access`, default false;
 * `endpoint_public_access`, default true; `public_access_cidrs`); azurerm `azurerm_kubernetes_cluster`
 * `private_cluster_enabled` (default false); google `google_container_cluster.private_cluster_config`
 * (`enable_private_endpoint`, `enable_private_nodes`). Checked against the bindings of
 * @cdktf/provider-aws 21, provider-azurerm 14, provider-google 16.
 */
import { blocks, boolAt, fail, listAt, pass, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';

/** The single nested block at `path` (an object in synth, a one-element list in a plan). */
export function singleBlock(r: ResourceView, path: ValuePath): ValuePath | undefined | typeof UNKNOWN {
  const b = blocks(r, path);
  if (b === UNKNOWN) return UNKNOWN;
  return b[0];
}

/**
 * EKS: private access on and public access off. A public endpoint restricted by public_access_cidrs
 * still fails: the API server stays on the internet (reachable from any address a CIDR list admits,
 * and from anyone behind a shared egress), and the issue asks for private control planes. Suppress
 * with a reason where a public, CIDR-limited endpoint is a deliberate choice.
 */
function eks(r: ResourceView): Verdict {
  const vpc = singleBlock(r, ['vpc_config']);
  if (vpc === UNKNOWN) return unknown('vpc_config is known only after apply', 'vpc_config');
  if (vpc === undefined) return fail('no vpc_config: the endpoint defaults to public access only', 'vpc_config');
  const priv = boolAt(r, [...vpc, 'endpoint_private_access']);
  const pub = boolAt(r, [...vpc, 'endpoint_public_access']);
  if (pub === true || pub === undefined) {
    const cidrs = listAt(r, [...vpc, 'public_access_cidrs']);
    const scope = cidrs === UNKNOWN || cidrs.length === 0 ? 'from any address' : `from ${cidrs.map((c) => (c === UNKNOWN ? '(unknown)' : String(c))).join(', ')}`;
    return fail(`endpoint_public_access is ${pub === undefined ? 'unset (default true)' : 'true'}: the API server is reachable on the internet ${scope}`, [...vpc, 'endpoint_public_access']);
  }
  if (pub === UNKNOWN) return unknown('endpoint_public_access is known only after apply', [...vpc, 'endpoint_public_access']);
  if (priv === UNKNOWN) return unknown('endpoint_private_access is known only after apply', [...vpc, 'endpoint_private_access']);
  if (priv !== true) return fail('endpoint_private_access is not true: with public access off the cluster has no reachable endpoint from the VPC', [...vpc, 'endpoint_private_access']);
  return pass('private endpoint only');
}

function aks(r: ResourceView): Verdict {
  const v = boolAt(r, ['private_cluster_enabled']);
  if (v === UNKNOWN) return unknown('private_cluster_enabled is known only after apply', 'private_cluster_enabled');
  return v === true ? pass('private cluster: the API server has a private IP only') : fail('private_cluster_enabled is not true: the API server has a public FQDN and IP', 'private_cluster_enabled');
}

function gke(r: ResourceView): Verdict {
  const pc = singleBlock(r, ['private_cluster_config']);
  if (pc === UNKNOWN) return unknown('private_cluster_config is known only after apply', 'private_cluster_config');
  if (pc === undefined) return fail('no private_cluster_config: the control plane has a public endpoint', 'private_cluster_config');
  for (const key of ['enable_private_endpoint', 'enable_private_nodes'] as const) {
    const v = boolAt(r, [...pc, key]);
    if (v === UNKNOWN) return unknown(`${key} is known only after apply`, [...pc, key]);
    if (v !== true) return fail(`private_cluster_config.${key} is not true: ${key === 'enable_private_endpoint' ? 'the control plane keeps a public endpoint' : 'a private endpoint needs private nodes'}`, [...pc, key]);
  }
  return pass('private endpoint and private nodes');
}

/** Kubernetes control planes (EKS, AKS, GKE) have private endpoints only. */
export const privateControlPlane: Rule = {
  id: 'AIRA-K8S-001',
  title: 'Kubernetes control planes are private',
  severity: 'high',
  rationale:
    'The Kubernetes API server controls every workload, secret and node of the cluster; on the internet it is one stolen kubeconfig, ' +
    'token or API server flaw away from the training data and models. A private endpoint keeps it reachable only from the platform networks.',
  remediation:
    'EKS: vpc_config endpoint_private_access = true, endpoint_public_access = false. AKS: private_cluster_enabled = true. ' +
    'GKE: private_cluster_config with enable_private_endpoint = true and enable_private_nodes = true. Reach the API from a bastion, VPN or CI runner inside the network.',
  resourceTypes: ['aws_eks_cluster', 'azurerm_kubernetes_cluster', 'google_container_cluster'],
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_38', 'CKV_AWS_39', 'CKV_AZURE_115', 'CKV_GCP_25', 'AVD-AWS-0040', 'AVD-AWS-0041'],
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'https://learn.microsoft.com/azure/aks/private-clusters',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept',
  ],
  check(r): Verdict {
    if (r.type === 'aws_eks_cluster') return eks(r);
    if (r.type === 'azurerm_kubernetes_cluster') return aks(r);
    return gke(r);
  },
};
