import { blocks, fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, ValuePath, Verdict } from '../../lib/policy/types';
import { pathKey } from '../../lib/policy/view';
import { referencedVia } from '../golden/planes';
import { imagePinning } from '../golden/pinned-image';
import { POOL_NODE_TYPES, isVerdict, poolSku } from './pool-sku';

/** Accelerator families whose nodes need a vendor driver stack in the image. */
const ACCELERATOR_FAMILIES: ReadonlySet<string> = new Set(['gpu', 'trainium', 'inferentia']);

/**
 * AWS public SSM parameter prefixes of the accelerator images: the Deep Learning AMIs
 * (docs.aws.amazon.com/dlami/latest/devguide/find-dlami-id.html) and the Neuron DLAMIs
 * (awsdocs-neuron.readthedocs-hosted.com, "Neuron DLAMI User Guide").
 */
const AWS_DLAMI = '/aws/service/deeplearning/';
const AWS_NEURON = '/aws/service/neuron/';

/**
 * Azure marketplace publishers and offers with the GPU and InfiniBand driver stacks: Microsoft's HPC
 * images, Ubuntu-HPC and AlmaLinux-HPC (learn.microsoft.com/azure/virtual-machines/configure#vm-images),
 * the Data Science VM images of the same publisher, and NVIDIA's GPU-optimized VM images (any offer of
 * the `nvidia` publisher).
 */
const AZURE_IMAGES: ReadonlyArray<{ readonly publisher: string; readonly offers?: readonly string[] }> = [
  { publisher: 'microsoft-dsvm', offers: ['ubuntu-hpc', 'ubuntu-2204', 'ubuntu-2004'] },
  { publisher: 'almalinux', offers: ['almalinux-hpc'] },
  { publisher: 'nvidia' },
];

/**
 * Google image projects with accelerator drivers: Ubuntu accelerator images
 * (cloud.google.com/compute/docs/images/os-details#ubuntu_accelerator), Rocky Linux accelerator images,
 * Deep Learning VM images (cloud.google.com/deep-learning-vm/docs/images), and Container-Optimized OS,
 * whose GPU driver installer Google documents (cloud.google.com/container-optimized-os/docs/how-to/run-gpus).
 */
const GCP_IMAGE_PROJECTS: ReadonlySet<string> = new Set(['ubuntu-os-accelerator-images', 'rocky-linux-accelerator-cloud', 'deeplearning-platform-release', 'cos-cloud']);

/**
 * The data source of `type` that a value at `path` is read from: an aira pool reads its image once per
 * plan this way (lib/aws/pool-image.ts, lib/gcp/pool-template.ts, lib/azure/pool-vmss.ts). In a
 * synthesized stack the value is an interpolation of the data source; in a plan it is the literal the
 * data source read, and the data source is a view only where the plan lists it.
 */
function dataSource(r: ResourceView, ctx: RuleContext, type: string, path: ValuePath): ResourceView | undefined {
  return referencedVia(r, ctx, type, pathKey(path)).find((d) => d.mode === 'data');
}

/** The verdict on an AWS SSM parameter name; `how` says where the name was found. */
function awsParameter(path: string, family: string, sku: string, how: string): Verdict {
  const neuron = family === 'trainium' || family === 'inferentia';
  if (path.startsWith(AWS_NEURON) || (path.startsWith(AWS_DLAMI) && /neuron/i.test(path))) {
    return neuron ? pass(`the Neuron deep learning image (${path}${how})`, 'image_id') : fail(`a Neuron image (${path}${how}) on ${sku}, a ${family} SKU: it carries no NVIDIA driver`, 'image_id');
  }
  if (path.startsWith(AWS_DLAMI)) return neuron ? fail(`a GPU deep learning image (${path}${how}) on ${sku}, a ${family} SKU: it carries no Neuron driver`, 'image_id') : pass(`the GPU deep learning image (${path}${how})`, 'image_id');
  return fail(`${path}${how} is not a known accelerator image (an AMI id, or a Deep Learning / Neuron public SSM parameter)`, 'image_id');
}

function aws(r: ResourceView, ctx: RuleContext, family: string, sku: string): Verdict {
  const image = stringAt(r, ['image_id']);
  // The parameter a data source reads names the image family; the AMI id it read (in a plan) does not.
  const parameter = dataSource(r, ctx, 'aws_ssm_parameter', ['image_id']);
  if (parameter) {
    const name = stringAt(parameter, ['name']);
    if (name === UNKNOWN) return unknown(`the parameter name of ${parameter.address} is known only after apply`, 'image_id');
    if (name) return awsParameter(name, family, sku, `, read once per plan by ${parameter.address}`);
  }
  if (image === UNKNOWN) return unknown('image_id is known only after apply (a data source or another resource): whether it is an accelerator image cannot be judged', 'image_id');
  if (!image) return fail(`${sku} nodes name no image_id: the image comes from elsewhere and is not a known accelerator image`, 'image_id');
  if (/^ami-[0-9a-f]{8,17}$/.test(image)) return pass(`a pinned AMI (${image})`, 'image_id');
  if (image.startsWith('resolve:ssm:')) return awsParameter(image.slice('resolve:ssm:'.length), family, sku, '');
  return fail(`${image} is not a known accelerator image (an AMI id, or a Deep Learning / Neuron public SSM parameter)`, 'image_id');
}

function azure(r: ResourceView, ctx: RuleContext, sku: string): Verdict {
  const id = stringAt(r, ['source_image_id']);
  if (id === UNKNOWN) return unknown('source_image_id is known only after apply', 'source_image_id');
  if (id) return fail(`${sku} nodes boot a custom image (${id}): not a known accelerator image; suppress with a reason if it is your vetted GPU image`, 'source_image_id');
  const ref = blocks(r, ['source_image_reference']);
  if (ref === UNKNOWN) return unknown('source_image_reference is known only after apply', 'source_image_reference');
  if (!ref.length) return fail(`${sku} nodes name no image`, 'source_image_reference');
  // The aira pools keep publisher and offer literal and read only the version (azurerm_platform_image);
  // a configuration that reads publisher or offer from that data source is judged by the data source.
  const platform = dataSource(r, ctx, 'azurerm_platform_image', ['source_image_reference']);
  const at = (field: string) => {
    const own = stringAt(r, [...ref[0], field]);
    return own === UNKNOWN && platform ? stringAt(platform, [field]) : own;
  };
  const publisher = at('publisher');
  const offer = at('offer');
  if (publisher === UNKNOWN || offer === UNKNOWN) return unknown('the image publisher or offer is known only after apply', 'source_image_reference');
  const p = String(publisher ?? '').toLowerCase();
  const o = String(offer ?? '').toLowerCase();
  const known = AZURE_IMAGES.some((k) => k.publisher === p && (!k.offers || k.offers.includes(o)));
  return known ? pass(`a known accelerator image (${publisher}:${offer})`, 'source_image_reference') : fail(`${publisher}:${offer} is not a known accelerator image (Ubuntu-HPC, AlmaLinux-HPC, Data Science VM or NVIDIA images)`, 'source_image_reference');
}

/** Whether a Google image project (and, for Container-Optimized OS, the image or family name) holds accelerator images. */
function knownGcpImage(project: string | undefined, name: string): boolean {
  return project !== undefined && GCP_IMAGE_PROJECTS.has(project) && (project !== 'cos-cloud' || /^cos-/.test(name));
}

function gcp(r: ResourceView, ctx: RuleContext, sku: string): Verdict {
  const disks = blocks(r, ['disk']);
  if (disks === UNKNOWN) return unknown('the disks are known only after apply', 'disk');
  const boot = disks.find((d) => r.get([...d, 'boot']) === true) ?? disks[0];
  if (!boot) return fail(`${sku} nodes have no boot disk in the template`, 'disk');
  const at = [...boot, 'source_image'];
  const read = dataSource(r, ctx, 'google_compute_image', at);
  if (read) {
    const project = stringAt(read, ['project']);
    const family = stringAt(read, ['family']);
    const name = stringAt(read, ['name']);
    if (project === UNKNOWN || family === UNKNOWN || name === UNKNOWN) return unknown(`the project, family or name of ${read.address} is known only after apply`, at);
    const what = `${project ?? 'the provider project'}/${family ? `family/${family}` : (name ?? '?')}`;
    const how = `, read once per plan by ${read.address}`;
    if (knownGcpImage(project, family ?? name ?? '')) return pass(`a known accelerator image (${what}${how})`, at);
    return fail(`${what}${how} is not a known accelerator image (Ubuntu or Rocky accelerator, Deep Learning VM or Container-Optimized OS images)`, at);
  }
  const image = stringAt(r, at);
  if (image === UNKNOWN) return unknown('the boot image is known only after apply', at);
  if (!image) return fail(`${sku} nodes name no boot image`, at);
  const project = /(?:^|\/)projects\/([^/]+)\//.exec(image)?.[1] ?? (image.split('/').length === 2 ? image.split('/')[0] : undefined);
  if (knownGcpImage(project, image.split('/').pop() ?? '')) return pass(`a known accelerator image (${image})`, at);
  return fail(`${image} is not a known accelerator image (Ubuntu or Rocky accelerator, Deep Learning VM or Container-Optimized OS images)`, at);
}

/** GPU, Trainium and Inferentia pools boot a pinned, known accelerator image (a warning). */
export const acceleratorImage: Rule = {
  id: 'AIRA-AI-010',
  title: 'Accelerator pools boot a pinned, known accelerator image',
  severity: 'low',
  rationale:
    'Accelerator nodes need a driver stack matched to the hardware (NVIDIA driver, CUDA, NCCL and the fabric plugins; the Neuron driver and runtime on Trainium and Inferentia). ' +
    'A general-purpose image boots, but the accelerators or the fabric stay unused until someone installs drivers by hand, which is drift on immutable training nodes. ' +
    'Known images: AWS, a literal AMI id (a pinned image, vetted by its owner) or a Deep Learning / Neuron public SSM parameter matching the SKU family; ' +
    'Azure, the Ubuntu-HPC, AlmaLinux-HPC, Data Science VM and NVIDIA marketplace images; Google, the Ubuntu and Rocky accelerator, Deep Learning VM and Container-Optimized OS image projects. ' +
    'A custom image (an Azure gallery image, a Google image of your own project) is reported, since a plan cannot show what it holds: suppress the warning with a reason for a vetted image. ' +
    'An image a data source reads once per plan (aws_ssm_parameter, google_compute_image, azurerm_platform_image: the aira pools\' default) is judged by the parameter, image family or offer it reads, where the configuration shows the data source. ' +
    'A known image must also be pinned, the check of AIRA-GLD-007 applied to every accelerator pool: an image the cloud resolves at each launch (a resolve:ssm: parameter without a version, a Google image family, an Azure version "latest") lets one pool run two driver stacks after a release. ' +
    'AIRA-GLD-007 fails that on training pools; here it is a warning for inference and other accelerator pools too.',
  remediation:
    'Boot the publisher\'s accelerator image for the SKU family, read once per plan (the aira pools\' default), pin an AMI or image version you built from it, or suppress the warning with the reason your custom image is vetted.',
  resourceTypes: [...POOL_NODE_TYPES],
  frameworks: {
    // Configuration management: nodes start from a known, vetted baseline.
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC8.1'],
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/dlami/latest/devguide/find-dlami-id.html', 'https://learn.microsoft.com/azure/virtual-machines/configure#vm-images', 'https://cloud.google.com/compute/docs/gpus/install-drivers-gpu'],
  check(r, ctx): Verdict {
    const sku = poolSku(r);
    if (sku === undefined) return notApplicable('no SKU set on this node definition');
    if (isVerdict(sku)) return sku;
    if (!ACCELERATOR_FAMILIES.has(sku.spec.family)) return notApplicable(`${sku.id} (family ${sku.spec.family}) needs no accelerator driver stack`);
    const known = r.type === 'aws_launch_template' ? aws(r, ctx, sku.spec.family, sku.id) : r.type.startsWith('azurerm_') ? azure(r, ctx, sku.id) : gcp(r, ctx, sku.id);
    if (known.status !== 'pass') return known;
    // A known image that the cloud resolves anew at each launch is not a pinned one.
    const pinned = imagePinning(r);
    return pinned.status === 'fail' ? fail(`${known.message}, but not pinned: ${pinned.message}`, pinned.path) : known;
  },
};
