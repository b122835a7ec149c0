import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorPoolProps, IAcceleratorPool, PoolCapabilities, PoolIdentity, imageResolutionOf } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { azureName, namePrefix } from '../core/naming';
import { PoolPlan, catalogToday, planPool } from '../core/pool-plan';
import { AiraTags } from '../core/tagging';
import { AzureKey, IAzureKey, requireAzureKey } from './key';
import { IAzureNetwork } from './network-types';
import { PoolSafetyAlerts } from './pool-alerts';
import { PoolDiskEncryption } from './pool-identity';
import { PoolAutoscale } from './pool-scaling';
import { PoolScaleSet, pinImageVersion, resolveImage } from './pool-vmss';
import { azureStackOf } from './stack';

/** Props of the Azure `AcceleratorPool`: the cloud-neutral props plus Azure options. */
export interface AzureAcceleratorPoolProps extends AcceleratorPoolProps<IAzureNetwork> {
  /**
   * Public half of the SSH key of the admin user (`ssh-rsa ...` or `ssh-ed25519 ...`). Azure requires a
   * key when password authentication is off, which it always is here. No secret is generated or
   * stored: keep the private half in your vault, and reach port 22 only through a flow you declare
   * (for example from the management plane).
   */
  readonly adminSshPublicKey: string;
  /** Admin user name. @default 'azureuser' */
  readonly adminUsername?: string;
  /** Key that encrypts the nodes' disks (through a disk encryption set). @default a new Key Vault key for the pool */
  readonly key?: IAzureKey;
  /** Resource group of the pool's resources. @default the stack's resource group */
  readonly resourceGroupName?: string;
  /** OS disk size, GiB (30 to 4095). @default 256 */
  readonly osDiskGib?: number;
  /**
   * Encryption at host: temp disks and disk caches are encrypted too, on the host. The subscription must
   * have the `Microsoft.Compute/EncryptionAtHost` feature registered, and the catalog does not record
   * which ND sizes support it, so it is off unless asked for.
   * @default false
   */
  readonly encryptionAtHost?: boolean;
  /** Windows time zone id of the demand profile, when the library cannot map its IANA zone. @default mapped from demandProfile.timeZone */
  readonly windowsTimeZone?: string;
  /** Log Analytics workspace (resource id) that receives the scale set's platform metrics. @default none */
  readonly logAnalyticsWorkspaceId?: string;
  /** Boot script (plain text; encoded here). @default none */
  readonly userData?: string;
}

/**
 * Accelerator nodes on Azure: a Linux VM scale set on one plane of a segmented network (ND H100 v5,
 * ND H200 v5, ND A100 v4, NP-series FPGA, HBv4 and D-series CPU sizes from the catalog).
 *
 * InfiniBand sizes whose fabric is on run as one placement group (InfiniBand connects only the VMs of
 * one placement group, at most 100 by default: learn.microsoft.com/azure/virtual-machines/setup-infiniband)
 * in a proximity placement group. Secure by default: no public address, accelerated networking, a
 * user-assigned identity, disks encrypted with a customer-managed key through a disk encryption set,
 * SSH password authentication off, Trusted Launch where the catalog says the size supports it, one image
 * version per apply (a marketplace image's `latest`, the default, is read once per plan: `imageResolution`).
 * Capacity: on-demand, Spot (eviction deletes the node) or a capacity reservation group. A weekly
 * demand profile becomes autoscale recurrence profiles; safety metrics get metric alerts.
 *
 * @example
 * new AcceleratorPool(stack, 'h100', { network, sku: 'Standard_ND96isr_H100_v5', nodes: 4, adminSshPublicKey: 'ssh-ed25519 AAAA... ops' });
 */
export class AcceleratorPool extends Construct implements IAcceleratorPool {
  public readonly capabilities: PoolCapabilities;
  public readonly identity: PoolIdentity;
  public readonly plan: PoolPlan;
  public readonly key: IAzureKey;
  public readonly encryption: PoolDiskEncryption;
  public readonly nodes: PoolScaleSet;
  /** The autoscale setting, with a demand profile or scale-in safety responses. */
  public readonly autoscale?: PoolAutoscale;
  /** The safety alerts, unless disabled. */
  public readonly safety?: PoolSafetyAlerts;

  constructor(scope: Construct, id: string, props: AzureAcceleratorPoolProps) {
    super(scope, id);
    const where = this.node.path;
    const stack = azureStackOf(this);
    const network = props.network;
    if (network?.cloud !== 'azure' || typeof network.subnetId !== 'function' || typeof network.privateDnsZoneId !== 'function') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `network is not an Azure network (cloud ${String(network?.cloud)})`, 'pass a SegmentedNetwork of this stack, or SegmentedNetwork.fromAttributes(...)');
    }
    if (network.location !== stack.location) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the network is in ${network.location}, the pool's stack in ${stack.location}`, "create the pool in a stack of the network's location");
    }
    const prefix = namePrefix(props.name, id, where);
    this.plan = planPool(props, network, prefix, where, catalogToday(this));
    const plan = this.plan;
    for (const w of plan.warnings) Annotations.of(this).addWarning(`${w.code}: ${w.message}`);
    const spec = plan.spec;
    const infiniband = spec.fabric === 'infiniband-ndr' || spec.fabric === 'infiniband-hdr';
    if (plan.fabric && !infiniband) {
      throw new AiraError(ErrorCodes.FABRIC_UNSUPPORTED, where, `${spec.id} names the fabric ${spec.fabric}, which Azure does not offer`, 'use an InfiniBand size (ND, HB), or fabric: false');
    }
    const singlePlacementGroup = plan.fabric && infiniband;
    const limit = spec.maxNodesPerPlacementGroup ?? 100;
    if (singlePlacementGroup && plan.nodes.max > limit) {
      throw new AiraError(ErrorCodes.PLACEMENT_LIMIT, where, `${plan.nodes.max} nodes exceed the ${limit} VMs one InfiniBand placement group of ${spec.id} holds`, `keep max at ${limit} or below (Azure raises it to 300 on request), or split the pool`);
    }
    const c = plan.capacity;
    if (c.kind === 'reservation') {
      if (!c.groupId) throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, 'Azure scale sets target a capacity reservation group, not a single reservation', 'pass Capacity.reservation({ groupId: <capacity reservation group id> })');
      if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/capacityReservationGroups\/[^/]+$/i.test(c.groupId)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `"${c.groupId}" is not a capacity reservation group id`, 'pass /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/capacityReservationGroups/<name>');
      }
    }
    const sshKey = props.adminSshPublicKey;
    if (typeof sshKey !== 'string' || sshKey.length === 0) {
      throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no adminSshPublicKey: Azure needs an SSH key when password authentication is off', 'pass the public half of an SSH key (ssh-ed25519 AAAA... or ssh-rsa AAAA...)');
    }
    if (!/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/.test(sshKey.trim()) || /PRIVATE KEY/.test(sshKey)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'adminSshPublicKey is not an OpenSSH public key', 'pass the one-line public key (the .pub file), never the private key');
    }
    const osDiskGib = props.osDiskGib ?? 256;
    if (!Number.isInteger(osDiskGib) || osDiskGib < 30 || osDiskGib > 4095) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `osDiskGib ${String(osDiskGib)} is not a whole number from 30 to 4095`, 'give the OS disk size in whole GiB');
    }
    if (props.userData !== undefined && Buffer.byteLength(props.userData, 'utf8') > 48 * 1024) {
      // User data holds at most 64 KB once base64-encoded (learn.microsoft.com/azure/virtual-machines/user-data).
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'userData is larger than the 64 KB Azure accepts once base64-encoded', 'fetch a larger script from storage in a short boot script');
    }
    const image = pinImageVersion(this, resolveImage(props.image, spec.family, where), stack.location, imageResolutionOf(props.imageResolution, where));
    AiraTags.of(this).add({ ...props.tags, plane: plan.plane });

    const rg = props.resourceGroupName ?? stack.resourceGroup.name;
    const base = { location: stack.location, resourceGroupName: rg };
    this.key = props.key ? requireAzureKey(props.key, where) : new AzureKey(this, 'key', { description: `Encrypts the disks of accelerator pool ${prefix}`, name: `${prefix}-pool`, network });
    this.encryption = new PoolDiskEncryption(this, 'identity', { name: prefix, ...base, key: this.key });

    const scaleIn = plan.alarms.filter((a) => a.metric.scaleIn);
    const autoscaled = plan.demand !== undefined || scaleIn.length > 0;
    this.nodes = new PoolScaleSet(this, 'nodes', {
      name: prefix,
      ...base,
      sku: spec.id,
      zones: plan.zones,
      instances: plan.nodes.desired,
      subnetId: network.subnetId(plan.plane),
      image,
      identityId: this.encryption.nodeIdentity.id,
      diskEncryptionSetId: this.encryption.set.id,
      osDiskGib,
      adminUsername: props.adminUsername ?? 'azureuser',
      adminSshPublicKey: sshKey.trim(),
      capacity: c,
      singlePlacementGroup,
      proximityPlacement: plan.placement === 'cluster',
      trustedLaunch: spec.trustedLaunch === true,
      encryptionAtHost: props.encryptionAtHost ?? false,
      autoscaled,
      ...(props.userData !== undefined ? { userData: props.userData } : {}),
    });
    const scaleSetId = this.nodes.scaleSet.id;
    const notifyEmails = props.alarms?.notifyEmails ?? [];
    if (autoscaled) {
      this.autoscale = new PoolAutoscale(this, 'autoscale', {
        name: prefix,
        ...base,
        scaleSetId,
        nodes: plan.nodes,
        ...(plan.demand ? { demand: plan.demand } : {}),
        ...(props.windowsTimeZone ? { windowsTimeZone: props.windowsTimeZone } : {}),
        scaleInAlarms: scaleIn,
        notifyEmails,
      });
    }
    if (plan.alarms.length > 0) {
      this.safety = new PoolSafetyAlerts(this, 'safety', { name: prefix, resourceGroupName: rg, scaleSetId, alarms: plan.alarms, notifyEmails });
    }
    if (props.logAnalyticsWorkspaceId) {
      new MonitorDiagnosticSetting(this, 'diagnostics', {
        name: azureName(prefix, 'diagnostics'),
        targetResourceId: scaleSetId,
        logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
        enabledMetric: [{ category: 'AllMetrics' }],
      });
    }
    this.capabilities = plan.capabilities;
    this.identity = { cloud: 'azure', principalId: this.encryption.nodeIdentity.principalId, identityId: this.encryption.nodeIdentity.id };
  }

  /** Adds the nodes to a load balancer's backend address pool: the scale set joins through its IP configuration. */
  public joinLoadBalancerBackendPool(backendAddressPoolId: string): void {
    this.nodes.joinBackendPool(backendAddressPoolId);
  }
}
