import {
  ComputeInstanceTemplate,
  ComputeInstanceTemplateDisk,
  ComputeInstanceTemplateNetworkInterface,
  ComputeInstanceTemplateReservationAffinity,
  ComputeInstanceTemplateScheduling,
} from '@cdktf/provider-google/lib/compute-instance-template';
import { DataGoogleComputeImage } from '@cdktf/provider-google/lib/data-google-compute-image';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorFamily, SkuSpec } from '../core/catalog/types';
import { CapacitySpec, ImageResolution } from '../core/compute';
import { gcpName, shortHash } from '../core/naming';
import { oncePerStack } from '../core/once-per-stack';

/**
 * Default boot images, as image families: Canonical's Ubuntu accelerator images carry signed NVIDIA
 * drivers (so Secure Boot stays on) and the GPUDirect prerequisites
 * (cloud.google.com/compute/docs/images/os-details#ubuntu_accelerator); CPU pools take plain Ubuntu LTS.
 * A pool reads its family's newest image once per plan (`pinSourceImage`) unless `imageResolution` is 'launch'.
 */
export const DEFAULT_IMAGES: Readonly<Record<'gpu' | 'cpu', string>> = {
  gpu: 'projects/ubuntu-os-accelerator-images/global/images/family/ubuntu-accelerator-2204-amd64-with-nvidia-570',
  cpu: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts',
};

/** Metadata keys that turn on OS Login and turn off project-wide SSH keys (cloud.google.com/compute/docs/oslogin/set-up-oslogin). */
export const OS_LOGIN_METADATA: Readonly<Record<string, string>> = {
  'enable-oslogin': 'TRUE',
  'block-project-ssh-keys': 'TRUE',
  'serial-port-enable': 'FALSE',
};

/**
 * Disk type per machine series: A3 Ultra boots from Hyperdisk only; A3 High, A3 Mega, A2 and C3 take
 * Persistent Disk balanced (cloud.google.com/compute/docs/accelerator-optimized-machines#supported_disk_types).
 */
export function defaultDiskType(machineType: string): string {
  return /^a3-ultragpu|^a4|^ct6e/.test(machineType) ? 'hyperdisk-balanced' : 'pd-balanced';
}

/** The image a family boots by default. */
export function defaultImage(family: AcceleratorFamily): string {
  return family === 'gpu' ? DEFAULT_IMAGES.gpu : DEFAULT_IMAGES.cpu;
}

// An image family, as a full or partial URL with its project, or without one (the stack's project):
// the forms the provider's `source_image` takes (registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance_template#source_image).
const FAMILY_WITH_PROJECT = /^(?:https:\/\/(?:www|compute)\.googleapis\.com\/compute\/(?:v1|beta)\/)?projects\/([a-z][-a-z0-9.:]*[a-z0-9])\/global\/images\/family\/([a-z](?:[-a-z0-9]*[a-z0-9])?)$/;
const FAMILY_OWN_PROJECT = /^(?:global\/images\/)?family\/([a-z](?:[-a-z0-9]*[a-z0-9])?)$/;

/** The project and family an image name refers to, when it names an image family; undefined for one image (or a form that does not say which it is). */
export function imageFamilyOf(image: string, defaultProject: string): { readonly project: string; readonly family: string } | undefined {
  const withProject = FAMILY_WITH_PROJECT.exec(image);
  if (withProject) return { project: withProject[1], family: withProject[2] };
  const own = FAMILY_OWN_PROJECT.exec(image);
  return own ? { project: defaultProject, family: own[1] } : undefined;
}

/**
 * The boot disk's `source_image` for a pool. An image family resolves to the family's newest image each
 * time Compute Engine creates a VM from the template, so a managed instance group that scales out or
 * repairs a VM after a release runs two images
 * (cloud.google.com/compute/docs/instance-templates/deterministic-instance-templates). With `resolution`
 * 'plan', a family is read once per plan by a `google_compute_image` data source (`computeImageFamily`) and
 * the template names the image's self link: a new image makes a new template in the next plan. An image
 * (by name or URL), and any image with 'launch', is used as given; so is the short form `<project>/<name>`,
 * which may name an image or a family (the provider finds out): write `projects/<project>/global/images/family/<family>`
 * for a family to be read per plan.
 */
export function pinSourceImage(scope: Construct, image: string, resolution: ImageResolution, defaultProject: string): string {
  if (resolution !== 'plan') return image;
  const family = imageFamilyOf(image, defaultProject);
  return family ? computeImageFamily(scope, family.project, family.family).selfLink : image;
}

/**
 * The `google_compute_image` data source of an image family in the stack of `scope`: one per stack,
 * project and family, however many pools boot it; its id is a hash of `project/family`, so the
 * synthesized JSON does not depend on the order pools are created in
 * (registry.terraform.io/providers/hashicorp/google/latest/docs/data-sources/compute_image).
 */
export function computeImageFamily(scope: Construct, project: string, family: string): DataGoogleComputeImage {
  const id = `pool-image-${shortHash(`${project}/${family}`, 10)}`;
  return oncePerStack(TerraformStack.of(scope), id, DataGoogleComputeImage, (stack) => new DataGoogleComputeImage(stack, id, { project, family }), scope.node.path);
}

/** Spot and run-time options of a Google pool. */
export interface GcpSchedulingOptions {
  /** What Google does to a reclaimed Spot VM or one past `maxRunDurationSeconds`. */
  readonly terminationAction: 'DELETE' | 'STOP';
  /** Seconds after which Google stops or deletes each VM (`max_run_duration`, with `terminationAction`). @default none: VMs run without a time limit */
  readonly maxRunDurationSeconds?: number;
}

/**
 * The `scheduling` block: GPUs cannot live-migrate, so maintenance terminates them
 * (`on_host_maintenance = TERMINATE`, required for GPU VMs: cloud.google.com/compute/docs/instances/setting-vm-host-options);
 * Spot VMs never restart by themselves and carry their termination action.
 */
export function scheduling(family: AcceleratorFamily, capacity: CapacitySpec, opts: GcpSchedulingOptions): ComputeInstanceTemplateScheduling {
  const spot = capacity.kind === 'spot';
  return {
    onHostMaintenance: family === 'cpu' && !spot ? 'MIGRATE' : 'TERMINATE',
    automaticRestart: !spot,
    preemptible: spot,
    provisioningModel: spot ? 'SPOT' : 'STANDARD',
    ...(spot || opts.maxRunDurationSeconds !== undefined ? { instanceTerminationAction: opts.terminationAction } : {}),
    ...(opts.maxRunDurationSeconds !== undefined ? { maxRunDuration: { seconds: opts.maxRunDurationSeconds } } : {}),
  };
}

/** Reservation label key Compute Engine matches specific reservations by (cloud.google.com/compute/docs/instances/reservations-consume). */
export const RESERVATION_KEY = 'compute.googleapis.com/reservation-name';

/** Reservation affinity: the named reservation, any matching one, or none (Spot VMs consume no reservation). */
export function reservationAffinity(capacity: CapacitySpec, affinity: 'any' | 'none'): ComputeInstanceTemplateReservationAffinity {
  if (capacity.kind === 'reservation' && capacity.id) return { type: 'SPECIFIC_RESERVATION', specificReservation: { key: RESERVATION_KEY, values: [capacity.id] } };
  return { type: affinity === 'any' ? 'ANY_RESERVATION' : 'NO_RESERVATION' };
}

/** Props of `PoolInstanceTemplate`. */
export interface PoolInstanceTemplateProps {
  readonly project: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly spec: SkuSpec;
  readonly image: string;
  readonly keyRef: string;
  readonly bootDiskGb: number;
  /** Size of a data disk per VM, GB, encrypted with the key like the boot disk. @default none: the VMs get a boot disk only */
  readonly dataDiskGb?: number;
  readonly diskType: string;
  /** nic0 on the plane subnetwork, then the GPU NICs. */
  readonly interfaces: ComputeInstanceTemplateNetworkInterface[];
  readonly networkTags: string[];
  readonly serviceAccountEmail: string;
  readonly scheduling: ComputeInstanceTemplateScheduling;
  readonly reservationAffinity: ComputeInstanceTemplateReservationAffinity;
  /** Self link of the compact placement policy the VMs join (`resource_policies`). @default none: no placement policy */
  readonly placementPolicy?: string;
  /** Resources that must exist first (the key grant of the Compute Engine service agent). */
  readonly dependsOn: ITerraformDependable[];
  readonly labels: Record<string, string>;
}

/**
 * The instance template of a pool: Shielded VM (Secure Boot, vTPM, integrity monitoring), no external
 * IP (no `access_config` on any interface), OS Login with project SSH keys blocked, a dedicated service
 * account with the `cloud-platform` scope (IAM roles decide what it may do), boot and data disks
 * encrypted with the customer-managed key. Templates are immutable: a change makes a new one before
 * the old one goes, and the instance group rolls over to it opportunistically.
 */
export class PoolInstanceTemplate extends Construct {
  public readonly template: ComputeInstanceTemplate;

  constructor(scope: Construct, id: string, p: PoolInstanceTemplateProps) {
    super(scope, id);
    const encryption = { kmsKeySelfLink: p.keyRef };
    const disks: ComputeInstanceTemplateDisk[] = [
      { boot: true, autoDelete: true, sourceImage: p.image, diskSizeGb: p.bootDiskGb, diskType: p.diskType, diskEncryptionKey: encryption },
    ];
    if (p.dataDiskGb !== undefined) disks.push({ boot: false, autoDelete: true, deviceName: 'data', diskSizeGb: p.dataDiskGb, diskType: p.diskType, diskEncryptionKey: encryption });
    this.template = new ComputeInstanceTemplate(this, 'template', {
      project: p.project,
      // A prefix (max 37 characters) lets Terraform create the replacement before deleting the old one.
      namePrefix: `${gcpName(p.namePrefix).slice(0, 36).replace(/-+$/, '')}-`,
      description: `Accelerator pool ${p.namePrefix}: ${p.spec.id}`,
      machineType: p.spec.id,
      disk: disks,
      networkInterface: p.interfaces,
      tags: p.networkTags,
      metadata: { ...OS_LOGIN_METADATA },
      scheduling: p.scheduling,
      reservationAffinity: p.reservationAffinity,
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      serviceAccount: { email: p.serviceAccountEmail, scopes: ['cloud-platform'] },
      canIpForward: false,
      ...(p.placementPolicy ? { resourcePolicies: [p.placementPolicy] } : {}),
      labels: p.labels,
      dependsOn: p.dependsOn,
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
