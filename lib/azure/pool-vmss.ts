import { DataAzurermPlatformImage } from '@cdktf/provider-azurerm/lib/data-azurerm-platform-image';
import { LinuxVirtualMachineScaleSet, LinuxVirtualMachineScaleSetSourceImageReference } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { ProximityPlacementGroup } from '@cdktf/provider-azurerm/lib/proximity-placement-group';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorFamily } from '../core/catalog/types';
import { CapacitySpec, ImageResolution } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName, shortHash } from '../core/naming';
import { oncePerStack } from '../core/once-per-stack';

/**
 * Marketplace images by SKU family, as `publisher:offer:sku:version` URNs.
 * - GPU and HPC CPU sizes: Microsoft's Ubuntu-HPC 22.04 image (Gen2), which carries the NVIDIA, Mellanox
 *   OFED (InfiniBand) and NCCL stacks the ND-series needs (learn.microsoft.com/azure/virtual-machines/configure#vm-images).
 * - FPGA (NP-series) and plain CPU sizes: Ubuntu 22.04 LTS Gen2; the Xilinx XRT runtime is installed at
 *   boot (user data), since the Xilinx marketplace images need a purchase plan.
 * `latest` would take the publisher's newest build at each VM's deployment: a pool reads the newest
 * version once per plan instead (`pinImageVersion`), unless `imageResolution` is 'launch'.
 */
export const DEFAULT_IMAGES: Readonly<Record<AcceleratorFamily, string>> = {
  gpu: 'microsoft-dsvm:ubuntu-hpc:2204:latest',
  cpu: 'microsoft-dsvm:ubuntu-hpc:2204:latest',
  fpga: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
  trainium: '',
  inferentia: '',
  tpu: '',
};

/** An image as the scale set takes it: a marketplace reference or an image id. */
export type PoolImageRef = { readonly reference: LinuxVirtualMachineScaleSetSourceImageReference } | { readonly id: string };

/** Resolves the `image` prop: an image resource id (`/subscriptions/...`) or a `publisher:offer:sku:version` URN. */
export function resolveImage(image: string | undefined, family: AcceleratorFamily, where: string): PoolImageRef {
  const given = image ?? DEFAULT_IMAGES[family];
  if (given.startsWith('/subscriptions/')) return { id: given };
  const parts = given.split(':');
  if (parts.length !== 4 || parts.some((p) => p.length === 0)) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `image "${given}" is neither an image resource id nor a publisher:offer:sku:version URN`, "use for example 'microsoft-dsvm:ubuntu-hpc:2204:22.04.2025010101' or a compute gallery image version id");
  }
  const [publisher, offer, sku, version] = parts;
  return { reference: { publisher, offer, sku, version } };
}

/**
 * Pins a marketplace image whose version is `latest`. Azure resolves `latest` when it deploys each VM
 * ("the latest version of an image available at deploy time": ImageReference.version in the compute API,
 * learn.microsoft.com/rest/api/compute/virtual-machine-scale-sets/create-or-update#imagereference), so a
 * scale-out after a release mixes versions in one pool. With `resolution` 'plan', an
 * `azurerm_platform_image` data source (`platformImage`) reads the newest version once per plan and the
 * scale set names that version; publisher, offer and SKU stay literal. Image ids, explicit versions and
 * anything with 'launch' are used as given.
 */
export function pinImageVersion(scope: Construct, image: PoolImageRef, location: string, resolution: ImageResolution): PoolImageRef {
  if (resolution !== 'plan' || !('reference' in image)) return image;
  const { publisher, offer, sku, version } = image.reference;
  if (typeof version !== 'string' || version.toLowerCase() !== 'latest' || !publisher || !offer || !sku) return image;
  return { reference: { publisher, offer, sku, version: platformImage(scope, location, publisher, offer, sku).version } };
}

/**
 * The `azurerm_platform_image` data source of a marketplace image in the stack of `scope`: one per stack,
 * location and image, however many pools boot it; its id is a hash of them, so the synthesized JSON does
 * not depend on the order pools are created in. Without a `version` argument it reads the newest version
 * (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/data-sources/platform_image).
 */
export function platformImage(scope: Construct, location: string, publisher: string, offer: string, sku: string): DataAzurermPlatformImage {
  const id = `pool-image-${shortHash(`${location}:${publisher}:${offer}:${sku}`, 10)}`;
  return oncePerStack(TerraformStack.of(scope), id, DataAzurermPlatformImage, (stack) => new DataAzurermPlatformImage(stack, id, { location, publisher, offer, sku }), scope.node.path);
}

/** Props of `PoolScaleSet`. */
export interface PoolScaleSetProps {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly sku: string;
  readonly zones: readonly string[];
  readonly instances: number;
  readonly subnetId: string;
  readonly image: PoolImageRef;
  readonly identityId: string;
  readonly diskEncryptionSetId: string;
  readonly osDiskGib: number;
  readonly adminUsername: string;
  readonly adminSshPublicKey: string;
  readonly capacity: CapacitySpec;
  /** Keep every node in one placement group (InfiniBand reaches only within one). */
  readonly singlePlacementGroup: boolean;
  /** Create a proximity placement group for the nodes. */
  readonly proximityPlacement: boolean;
  readonly trustedLaunch: boolean;
  readonly encryptionAtHost: boolean;
  /** An autoscale setting manages `instances`. */
  readonly autoscaled: boolean;
  readonly userData?: string;
}

/**
 * The scale set of a pool, with its proximity placement group. Hardening: no public address, SSH with a
 * key only (password authentication off), a user-assigned identity, the OS disk encrypted with the
 * pool's disk encryption set, accelerated networking, Trusted Launch (Secure Boot and vTPM) where the
 * size supports it, manual upgrades (a rolling OS upgrade would kill training jobs) and no
 * over-provisioning (extra InfiniBand nodes would join and leave the fabric).
 */
export class PoolScaleSet extends Construct {
  public readonly scaleSet: LinuxVirtualMachineScaleSet;
  public readonly proximityPlacementGroup?: ProximityPlacementGroup;
  /** Load balancer backend address pools the scale set's IP configuration joins. */
  private readonly backendPoolIds: string[] = [];

  constructor(scope: Construct, id: string, props: PoolScaleSetProps) {
    super(scope, id);
    const base = { location: props.location, resourceGroupName: props.resourceGroupName };
    const c = props.capacity;
    let ppgId: string | undefined;
    if (c.kind === 'reservation' && c.placementGroup) {
      // A capacity reservation group created in a proximity placement group: launch into that one.
      ppgId = c.placementGroup;
    } else if (props.proximityPlacement) {
      this.proximityPlacementGroup = new ProximityPlacementGroup(this, 'ppg', {
        name: azureName(props.name, 'ppg'),
        ...base,
        // A zonal group with the pool's size declared, so Azure places it where the size exists.
        zone: props.zones[0],
        allowedVmSizes: [props.sku],
      });
      ppgId = this.proximityPlacementGroup.id;
    }
    const spot = c.kind === 'spot';
    this.scaleSet = new LinuxVirtualMachineScaleSet(this, 'vmss', {
      name: azureName(props.name, 'vmss'),
      ...base,
      sku: props.sku,
      instances: props.instances,
      zones: [...props.zones],
      zoneBalance: false,
      computerNamePrefix: props.name.replace(/[^A-Za-z0-9-]/g, '').slice(0, 9),
      adminUsername: props.adminUsername,
      // With password authentication off Azure requires at least one SSH key (checked at apply:
      // hashicorp/terraform-provider-azurerm#17769); only its public half is ever in the configuration.
      disablePasswordAuthentication: true,
      adminSshKey: [{ username: props.adminUsername, publicKey: props.adminSshPublicKey }],
      ...('id' in props.image ? { sourceImageId: props.image.id } : { sourceImageReference: props.image.reference }),
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: props.osDiskGib, diskEncryptionSetId: props.diskEncryptionSetId },
      networkInterface: [
        {
          name: 'nic',
          primary: true,
          enableAcceleratedNetworking: true,
          // No public_ip_address block: the nodes have no public address.
          ipConfiguration: [
            {
              name: 'ip',
              primary: true,
              subnetId: props.subnetId,
              // Filled by load balancers built after the pool (joinBackendPool); left out when none.
              loadBalancerBackendAddressPoolIds: Lazy.listValue({ produce: () => (this.backendPoolIds.length > 0 ? [...this.backendPoolIds] : undefined) }),
            },
          ],
        },
      ],
      singlePlacementGroup: props.singlePlacementGroup,
      ...(ppgId ? { proximityPlacementGroupId: ppgId } : {}),
      ...(c.kind === 'reservation' && c.groupId ? { capacityReservationGroupId: c.groupId } : {}),
      ...(spot ? { priority: 'Spot', evictionPolicy: 'Delete', maxBidPrice: -1 } : { priority: 'Regular' }),
      ...(props.trustedLaunch ? { secureBootEnabled: true, vtpmEnabled: true } : {}),
      encryptionAtHostEnabled: props.encryptionAtHost,
      upgradeMode: 'Manual',
      overprovision: false,
      provisionVmAgent: true,
      // Managed boot diagnostics (no storage account named): serial console and screenshots for support.
      bootDiagnostics: {},
      ...(props.userData !== undefined ? { userData: Buffer.from(props.userData, 'utf8').toString('base64') } : {}),
      // The autoscale setting owns the node count once it exists.
      ...(props.autoscaled ? { lifecycle: { ignoreChanges: ['instances'] } } : {}),
    });
  }

  /** Adds the scale set's nodes to a load balancer backend address pool (resource id). */
  public joinBackendPool(backendAddressPoolId: string): void {
    if (!this.backendPoolIds.includes(backendAddressPoolId)) this.backendPoolIds.push(backendAddressPoolId);
  }
}
