/**
 * Golden rule 4, "pinned image ids": a training pool's nodes boot one image until a reviewed change
 * names another. What matters is when the image name is resolved:
 * - once per plan, by Terraform: a literal AMI id, image or version, or a value a data source reads at
 *   plan time (the resource then stores the literal, and a new image shows up as a plan diff);
 * - at every VM launch, by the cloud: an AWS `resolve:ssm:` image id without a parameter version
 *   (docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html), a Google image
 *   family (cloud.google.com/compute/docs/instance-templates/deterministic-instance-templates), an Azure
 *   marketplace version `latest` ("the latest version of an image available at deploy time", ImageReference
 *   in the Azure compute API) or a gallery image id without a version. A scale-out then mixes images.
 */
import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { poolPlane } from '../ai/pool-sku';

/**
 * For a value known only after apply (synthesized stack) or at plan time: the address of the data source
 * or resource it comes from, which Terraform evaluates once per plan. Undefined when it comes from
 * elsewhere (a variable, a module output), whose text this rule cannot see.
 */
function evaluatedOncePerPlan(r: ResourceView, path: ValuePath): string | undefined {
  const key = pathKey(path);
  for (const [address, paths] of r.references) {
    if (!paths.includes(key)) continue;
    if (address.startsWith('data.') || /^[a-z0-9]+_[a-z0-9_]+\.[^.]+$/.test(address)) return address;
  }
  return undefined;
}

function unresolved(r: ResourceView, path: ValuePath, what: string): Verdict {
  const source = evaluatedOncePerPlan(r, path);
  if (source) return pass(`${what} comes from ${source}, which Terraform reads once per plan: the node definition holds a literal image`, path);
  return unknown(`${what} is known only at plan or after apply: whether it names one image or a floating one cannot be judged here`, path);
}

function aws(r: ResourceView): Verdict {
  const image = stringAt(r, ['image_id']);
  if (image === UNKNOWN) return unresolved(r, ['image_id'], 'image_id');
  // EKS managed node groups pin their AMI by the node group's release version, not the template.
  if (!image) return notApplicable('no image_id: the node group or instance that uses this template names the image');
  if (!image.startsWith('resolve:ssm:')) return pass(`image_id is a literal image (${image})`, 'image_id');
  const version = /:(\d+)$/.exec(image.slice('resolve:ssm:'.length))?.[1];
  if (version) return pass(`image_id names version ${version} of its SSM parameter`, 'image_id');
  return fail(`image_id = ${image}: AWS resolves the parameter at every launch, so a scale-out after a new image is published mixes images; resolve it once per plan (a data source) or name a parameter version`, 'image_id');
}

function google(r: ResourceView): Verdict {
  const disks = blocks(r, ['disk']);
  if (disks === UNKNOWN) return unknown('the disks are known only after apply', 'disk');
  const boot = disks.find((d) => r.get([...d, 'boot']) === true) ?? disks[0];
  if (!boot) return notApplicable('no disk in the template');
  const at = [...boot, 'source_image'];
  const image = stringAt(r, at);
  if (image === UNKNOWN) return unresolved(r, at, 'the boot image');
  if (!image) return notApplicable('the boot disk names no source image (an existing disk)');
  if (/(^|\/)family\//.test(image)) {
    return fail(`the boot image ${image} is an image family: each VM boots the family's newest image when it is created, so one pool mixes images; name an image, or resolve the family once per plan (data google_compute_image)`, at);
  }
  return pass(`the boot image is one image (${image})`, at);
}

function azure(r: ResourceView): Verdict {
  const id = stringAt(r, ['source_image_id']);
  if (id === UNKNOWN) return unresolved(r, ['source_image_id'], 'source_image_id');
  if (id) {
    if (/\/images\/[^/]+\/versions\/[^/]+$/i.test(id) || (/\/images\/[^/]+$/i.test(id) && !/\/galleries\//i.test(id))) return pass(`source_image_id names one image (${id})`, 'source_image_id');
    return fail(`source_image_id ${id} names a gallery image without a version: each VM takes the newest version when it is deployed; name an image version`, 'source_image_id');
  }
  const ref = blocks(r, ['source_image_reference']);
  if (ref === UNKNOWN) return unknown('source_image_reference is known only after apply', 'source_image_reference');
  if (!ref.length) return notApplicable('the scale set names no image');
  const at = [...ref[0], 'version'];
  const version = stringAt(r, at);
  if (version === UNKNOWN) return unresolved(r, at, 'the image version');
  if (!version || version.toLowerCase() === 'latest') {
    return fail(`the image version is "${version ?? ''}": each VM takes the newest version available when it is deployed, so a scale-out mixes images; name a version, or resolve it once per plan (data azurerm_platform_image)`, at);
  }
  return pass(`the image version is ${version}`, at);
}

/**
 * Whether a node definition's image is fixed once per plan (pass), resolved by the cloud at every VM
 * launch (fail), or cannot be judged (unknown, not_applicable): the check of AIRA-GLD-007 for any pool,
 * which AIRA-AI-010 also applies to accelerator pools.
 */
export function imagePinning(r: ResourceView): Verdict {
  if (r.type === 'aws_launch_template') return aws(r);
  if (r.type.startsWith('google_')) return google(r);
  return azure(r);
}

/** Golden rule 4c: training pools boot an image fixed until a reviewed change. */
export const trainingPinnedImage: Rule = {
  id: 'AIRA-GLD-007',
  title: 'Training pools boot a pinned image',
  severity: 'medium',
  rationale:
    'Immutable infrastructure: every node of a training pool runs the same image (driver, CUDA, NCCL and fabric plugin versions), or collective operations fail or slow down in ways that are hard to trace. ' +
    'An image name the cloud resolves at every launch (an AWS resolve:ssm: parameter without a version, a Google image family, an Azure version "latest" or an unversioned gallery image) ' +
    'lets a scale-out or a node repair after a new release boot a different image from the rest of the pool, with no change in the plan. ' +
    'An image Terraform resolves once per plan (a literal id, or a data source) changes only through a reviewed plan, where AIRA-GLD-005 asks for a rolling replace. ' +
    'Managed Kubernetes node pools (EKS node groups, AKS and GKE node pools) are outside this rule: their node image follows the node pool version, which changes only through the API.',
  remediation:
    'Leave the aira pools at their default (imageResolution: \'plan\'), or name an AMI id or `resolve:ssm:<parameter>:<version>` (AWS), an image rather than a family (Google), ' +
    'an image version or a gallery image version id (Azure). To keep following the publisher, resolve the name with a data source (aws_ssm_parameter, google_compute_image, azurerm_platform_image).',
  resourceTypes: ['aws_launch_template', 'google_compute_instance_template', 'google_compute_region_instance_template', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'],
  frameworks: {
    'iso-27001-2022': ['A.8.9', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  references: [],
  docs: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/using-systems-manager-parameters.html',
    'https://cloud.google.com/compute/docs/instance-templates/deterministic-instance-templates',
    'https://learn.microsoft.com/azure/virtual-machines/linux/cli-ps-findimage',
  ],
  check(r): Verdict {
    const training = poolPlane(r, 'training');
    if (training === UNKNOWN) return unknown('the plane is known only after apply (the tags)', 'tags');
    if (!training) return notApplicable('not a training pool');
    return imagePinning(r);
  },
};
