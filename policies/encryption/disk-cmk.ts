import { blocks, boolAt, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { CMK_FIPS_DOCS, CMK_FRAMEWORKS, isAwsManagedAlias, keyAt } from './key-refs';

/** The verdict on a set of disks: the first failing or unknown disk decides; all customer-keyed pass. */
type Disk = { path: ValuePath; state: 'cmk' | 'unknown' | 'no'; why: string };

function verdictOf(disks: Disk[], none: string, what: string): Verdict {
  if (!disks.length) return fail(none);
  const bad = disks.find((d) => d.state === 'no');
  if (bad) return fail(`${pathKey(bad.path)}: ${bad.why}`, bad.path);
  const pending = disks.find((d) => d.state === 'unknown');
  if (pending) return unknown(`${pathKey(pending.path)}: ${pending.why}`, pending.path);
  return pass(`${disks.length} ${what}${disks.length > 1 ? 's' : ''} encrypted with a customer-managed key`);
}

/** An EBS block (launch template mapping, instance root or data volume, aws_ebs_volume): encrypted with a customer KMS key. */
function ebsDisk(r: ResourceView, at: ValuePath, keyAttr = 'kms_key_id'): Disk {
  const key = keyAt(r, [...at, keyAttr]);
  const enc = boolAt(r, [...at, 'encrypted']);
  if (enc === false) return { path: [...at, 'encrypted'], state: 'no', why: 'encrypted = false' };
  if (key === 'unknown') return { path: [...at, keyAttr], state: 'unknown', why: `${keyAttr} is known only after apply` };
  if (key === 'absent') return { path: [...at, keyAttr], state: 'no', why: `no ${keyAttr}: the volume uses the account's default EBS key (the AWS managed key aws/ebs unless the account sets another)` };
  if (isAwsManagedAlias(r, [...at, keyAttr])) return { path: [...at, keyAttr], state: 'no', why: `${keyAttr} names an AWS managed key` };
  if (enc === UNKNOWN) return { path: [...at, 'encrypted'], state: 'unknown', why: 'encrypted is known only after apply' };
  return { path: at, state: 'cmk', why: '' };
}

function launchTemplate(r: ResourceView): Verdict {
  const maps = blocks(r, ['block_device_mappings']);
  if (maps === UNKNOWN) return unknown('block_device_mappings is known only after apply', 'block_device_mappings');
  const disks: Disk[] = [];
  for (const m of maps) {
    const ebs = blocks(r, [...m, 'ebs']);
    if (ebs === UNKNOWN) disks.push({ path: [...m, 'ebs'], state: 'unknown', why: 'the ebs block is known only after apply' });
    // A mapping without ebs is an instance store volume or a no_device override: no key to set.
    else for (const e of ebs) disks.push(ebsDisk(r, e));
  }
  return verdictOf(disks, 'no EBS block_device_mappings: the volumes come from the image, encrypted (if at all) with the account default key', 'EBS mapping');
}

function instance(r: ResourceView): Verdict {
  const disks: Disk[] = [];
  for (const p of [['root_block_device'], ['ebs_block_device']]) {
    const bs = blocks(r, p);
    if (bs === UNKNOWN) disks.push({ path: p, state: 'unknown', why: `${p[0]} is known only after apply` });
    else for (const b of bs) disks.push(ebsDisk(r, b));
  }
  return verdictOf(disks, 'no root_block_device: the root volume takes the account default EBS encryption', 'volume');
}

function eksNodeGroup(r: ResourceView): Verdict {
  const lt = blocks(r, ['launch_template']);
  if (lt === UNKNOWN) return unknown('launch_template is known only after apply', 'launch_template');
  // The launch template is a resource of its own, which this rule checks as aws_launch_template.
  if (lt.length) return notApplicable('the node group uses a launch template, whose volumes this rule checks on the template');
  return fail('no launch_template: the nodes\' volumes take the account default EBS encryption; give the node group a launch template with a kms_key_id', 'launch_template');
}

/** An Azure disk block: a disk encryption set (customer-managed key) named. */
function azureDisk(r: ResourceView, at: ValuePath): Disk {
  const states = ['disk_encryption_set_id', 'secure_vm_disk_encryption_set_id'].map((a) => keyAt(r, [...at, a]));
  if (states.includes('set')) return { path: at, state: 'cmk', why: '' };
  if (states.includes('unknown')) return { path: [...at, 'disk_encryption_set_id'], state: 'unknown', why: 'disk_encryption_set_id is known only after apply' };
  return { path: [...at, 'disk_encryption_set_id'], state: 'no', why: 'no disk_encryption_set_id: the disk is encrypted with platform-managed keys' };
}

function azureVm(r: ResourceView): Verdict {
  const disks: Disk[] = [];
  for (const p of [['os_disk'], ['data_disk']]) {
    const bs = blocks(r, p);
    if (bs === UNKNOWN) disks.push({ path: p, state: 'unknown', why: `${p[0]} is known only after apply` });
    else for (const b of bs) disks.push(azureDisk(r, b));
  }
  return verdictOf(disks, 'no os_disk block', 'disk');
}

function azureManagedDisk(r: ResourceView): Verdict {
  return verdictOf([azureDisk(r, [])], '', 'disk');
}

/** A Google disk block: disk_encryption_key.kms_key_self_link, or kms_key_self_link directly (instances). */
function googleDisk(r: ResourceView, at: ValuePath): Disk {
  const direct = keyAt(r, [...at, 'kms_key_self_link']);
  if (direct === 'set') return { path: at, state: 'cmk', why: '' };
  const dek = blocks(r, [...at, 'disk_encryption_key']);
  if (dek === UNKNOWN || direct === 'unknown') return { path: [...at, 'disk_encryption_key'], state: 'unknown', why: 'the disk encryption key is known only after apply' };
  for (const d of dek) {
    const k = keyAt(r, [...d, 'kms_key_self_link']);
    if (k === 'set') return { path: at, state: 'cmk', why: '' };
    if (k === 'unknown') return { path: [...d, 'kms_key_self_link'], state: 'unknown', why: 'kms_key_self_link is known only after apply' };
  }
  return { path: [...at, 'disk_encryption_key'], state: 'no', why: 'no disk_encryption_key.kms_key_self_link: the disk is encrypted with Google-managed keys' };
}

function googleTemplate(r: ResourceView): Verdict {
  const ds = blocks(r, ['disk']);
  if (ds === UNKNOWN) return unknown('disk is known only after apply', 'disk');
  const disks: Disk[] = [];
  for (const d of ds) {
    // Local SSDs (type SCRATCH) take no customer-managed key (Compute Engine docs, "Local SSD": encrypted with Google-managed keys only).
    if (stringAt(r, [...d, 'type']) === 'SCRATCH') continue;
    disks.push(googleDisk(r, d));
  }
  return verdictOf(disks, 'no persistent disk block', 'disk');
}

function googleInstance(r: ResourceView): Verdict {
  const disks: Disk[] = [];
  for (const p of [['boot_disk'], ['attached_disk']]) {
    const bs = blocks(r, p);
    if (bs === UNKNOWN) disks.push({ path: p, state: 'unknown', why: `${p[0]} is known only after apply` });
    else for (const b of bs) disks.push(googleDisk(r, b));
  }
  return verdictOf(disks, 'no boot_disk block', 'disk');
}

function googleDiskResource(r: ResourceView): Verdict {
  return verdictOf([googleDisk(r, [])], '', 'disk');
}

/**
 * AKS: the cluster's `disk_encryption_set_id` encrypts the OS and data disks of every node pool, the
 * default one and those added as `azurerm_kubernetes_cluster_node_pool`, which take no set of their own
 * (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#disk_encryption_set_id;
 * learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys).
 */
function aksCluster(r: ResourceView): Verdict {
  const d = azureDisk(r, []);
  if (d.state === 'cmk') return pass('node OS and data disks are encrypted with the disk encryption set (customer-managed key)');
  if (d.state === 'unknown') return unknown(d.why, 'disk_encryption_set_id');
  return fail('no disk_encryption_set_id: the node pools\' OS and data disks are encrypted with platform-managed keys', 'disk_encryption_set_id');
}

function aksNodePool(r: ResourceView, ctx: RuleContext): Verdict {
  const clusters = ctx.referencedBy(r, 'azurerm_kubernetes_cluster');
  if (!clusters.length) return unknown('the cluster is not in this input: its disk_encryption_set_id decides the key of these node disks', 'kubernetes_cluster_id');
  const v = aksCluster(clusters[0]);
  const inherited = `inherited from ${clusters[0].address}: `;
  if (v.status === 'pass') return pass(inherited + v.message, 'kubernetes_cluster_id');
  return v.status === 'fail' ? fail(inherited + v.message, 'kubernetes_cluster_id') : unknown(inherited + v.message, 'kubernetes_cluster_id');
}

/** A GKE node_config (or NAP's auto_provisioning_defaults): boot_disk_kms_key names a Cloud KMS key. */
function gkeBootDisk(r: ResourceView, at: ValuePath): Disk {
  const k = keyAt(r, [...at, 'boot_disk_kms_key']);
  if (k === 'set') return { path: at, state: 'cmk', why: '' };
  if (k === 'unknown') return { path: [...at, 'boot_disk_kms_key'], state: 'unknown', why: 'boot_disk_kms_key is known only after apply' };
  return { path: [...at, 'boot_disk_kms_key'], state: 'no', why: 'no boot_disk_kms_key: the node boot disks are encrypted with Google-managed keys' };
}

/** The node_config blocks of a node pool (or of the cluster's default pool). */
function nodeConfigDisks(r: ResourceView, at: ValuePath, disks: Disk[]): void {
  const nc = blocks(r, [...at, 'node_config']);
  if (nc === UNKNOWN) disks.push({ path: [...at, 'node_config'], state: 'unknown', why: 'node_config is known only after apply' });
  else if (!nc.length) disks.push({ path: [...at, 'node_config'], state: 'no', why: 'no node_config: the node boot disks are encrypted with Google-managed keys' });
  else for (const c of nc) disks.push(gkeBootDisk(r, c));
}

/** GKE node pools: node_config.boot_disk_kms_key (registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#boot_disk_kms_key). */
function gkeNodePool(r: ResourceView): Verdict {
  const disks: Disk[] = [];
  nodeConfigDisks(r, [], disks);
  return verdictOf(disks, '', 'node boot disk');
}

/**
 * A GKE cluster: its default node pool's node_config (unless remove_default_node_pool drops that pool
 * right after creation), inline node_pool blocks, and the defaults of auto-provisioned node pools
 * (node auto-provisioning, and Autopilot, where GKE creates every pool).
 */
function gkeCluster(r: ResourceView): Verdict {
  const disks: Disk[] = [];
  const autopilot = boolAt(r, ['enable_autopilot']);
  if (autopilot === UNKNOWN) return unknown('enable_autopilot is known only after apply', 'enable_autopilot');
  const removed = boolAt(r, ['remove_default_node_pool']);
  if (removed === UNKNOWN) return unknown('remove_default_node_pool is known only after apply', 'remove_default_node_pool');
  if (autopilot !== true && removed !== true) nodeConfigDisks(r, [], disks);
  const pools = blocks(r, ['node_pool']);
  if (pools === UNKNOWN) disks.push({ path: ['node_pool'], state: 'unknown', why: 'node_pool is known only after apply' });
  else for (const p of pools) nodeConfigDisks(r, p, disks);
  const ca = blocks(r, ['cluster_autoscaling']);
  const nap = ca !== UNKNOWN && ca.some((c) => boolAt(r, [...c, 'enabled']) === true);
  if (autopilot === true || nap) {
    const defaults = ca === UNKNOWN ? UNKNOWN : ca.length ? blocks(r, [...ca[0], 'auto_provisioning_defaults']) : [];
    if (defaults === UNKNOWN) disks.push({ path: ['cluster_autoscaling'], state: 'unknown', why: 'cluster_autoscaling is known only after apply' });
    else if (!defaults.length) disks.push({ path: ['cluster_autoscaling', 0, 'auto_provisioning_defaults'], state: 'no', why: 'auto-provisioned node pools take no boot_disk_kms_key: their boot disks use Google-managed keys' });
    else disks.push(gkeBootDisk(r, defaults[0]));
  }
  if (!disks.length) return notApplicable('the default node pool is removed after creation and no node pool is declared inline: node pools are checked as google_container_node_pool');
  return verdictOf(disks, '', 'node boot disk');
}

const CHECKS: Readonly<Record<string, (r: ResourceView, ctx: RuleContext) => Verdict>> = {
  aws_launch_template: launchTemplate,
  aws_instance: instance,
  aws_ebs_volume: (r) => verdictOf([ebsDisk(r, [])], '', 'volume'),
  aws_eks_node_group: eksNodeGroup,
  azurerm_linux_virtual_machine_scale_set: azureVm,
  azurerm_windows_virtual_machine_scale_set: azureVm,
  azurerm_linux_virtual_machine: azureVm,
  azurerm_windows_virtual_machine: azureVm,
  azurerm_managed_disk: azureManagedDisk,
  google_compute_instance_template: googleTemplate,
  google_compute_region_instance_template: googleTemplate,
  google_compute_instance: googleInstance,
  google_compute_disk: googleDiskResource,
  google_compute_region_disk: googleDiskResource,
  azurerm_kubernetes_cluster: aksCluster,
  azurerm_kubernetes_cluster_node_pool: aksNodePool,
  google_container_cluster: gkeCluster,
  google_container_node_pool: gkeNodePool,
};

/** Disks and volumes of compute (launch templates, EBS, VMSS and managed disks, instance templates and disks, Kubernetes node pools) are encrypted with a customer-managed key. */
export const diskCmk: Rule = {
  id: 'AIRA-ENC-003',
  title: 'Disks and volumes are encrypted at rest with a customer-managed key',
  severity: 'high',
  rationale:
    'Node disks hold datasets staged for training, cached model weights, container images and swap. A customer-managed key keeps who may decrypt them ' +
    'and their snapshots under the platform\'s key policy, audit log and rotation; provider-managed keys (aws/ebs, platform-managed or Google-managed keys) do not.',
  remediation:
    'AWS: every EBS block of a launch template or instance, and every aws_ebs_volume: encrypted = true and kms_key_id = your KMS key (EKS node groups: through a launch template). ' +
    'Azure: disk_encryption_set_id on os_disk and every data_disk (and on managed disks), a disk encryption set with your Key Vault key. ' +
    'AKS: disk_encryption_set_id on the cluster (it covers every node pool). ' +
    'Google: disk_encryption_key { kms_key_self_link = your key } on every persistent disk of a template, instance or disk; GKE: node_config.boot_disk_kms_key on every node pool ' +
    '(and cluster_autoscaling.auto_provisioning_defaults.boot_disk_kms_key for auto-provisioned pools and Autopilot).',
  resourceTypes: Object.keys(CHECKS),
  frameworks: CMK_FRAMEWORKS,
  references: ['CKV_AWS_189'],
  docs: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://learn.microsoft.com/azure/virtual-machines/disk-encryption',
    'https://cloud.google.com/compute/docs/disks/customer-managed-encryption',
    'https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/using-cmek',
    ...CMK_FIPS_DOCS,
  ],
  check(r, ctx): Verdict {
    return CHECKS[r.type](r, ctx);
  },
};
