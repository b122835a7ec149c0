import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { AcceleratorPoolProps, IAcceleratorPool, PoolCapabilities, PoolIdentity, imageResolutionOf } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { namePrefix } from '../core/naming';
import { PoolPlan, catalogToday, planPool } from '../core/pool-plan';
import { AiraTags } from '../core/tagging';
import { AwsKey } from './key';
import { IAwsNetwork } from './network-types';
import { PoolSafetyAlarms } from './pool-alarms';
import { EfaSecurityGroup, SecondaryEfaType, networkInterfaces } from './pool-efa';
import { NodeRole, ScalingServiceRole, uniqueIamName } from './pool-iam';
import { PoolImage, pinPoolImage, resolvePoolImage } from './pool-image';
import { PoolLaunchTemplate } from './pool-launch-template';
import { PoolScalingGroup } from './pool-scaling';
import { awsRegionOf } from './stack';

/** AWS services the nodes reach through interface endpoints: Session Manager, CloudWatch metrics and logs. */
export const POOL_ENDPOINT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'monitoring', 'logs'] as const;

/** Props of the AWS `AcceleratorPool`: the cloud-neutral props plus AWS options. */
export interface AwsAcceleratorPoolProps extends AcceleratorPoolProps<IAwsNetwork> {
  /** Key that encrypts the nodes' volumes and the alarm topic. @default a new customer-managed key for the pool */
  readonly key?: AwsKey;
  /**
   * Containers on the nodes call the instance metadata service themselves, which needs a response hop
   * limit of 2 (the container's network namespace is one hop more). Leave off when only the node's own
   * agents use it: with a limit of 1 no container can reach the node's role credentials.
   * @default false (hop limit 1)
   */
  readonly containers?: boolean;
  /** Root device of a custom image (`image`). @default the family image's root device, or /dev/xvda */
  readonly rootDeviceName?: string;
  /** Root volume size, GiB (the deep learning images need 75 to 100). @default 200 */
  readonly rootVolumeGib?: number;
  /** An extra encrypted gp3 data volume at /dev/xvdb, GiB. @default none (the accelerator SKUs carry local NVMe) */
  readonly dataVolumeGib?: number;
  /** Interface type of the network cards after the first, on EFA pools. @default 'efa-only' */
  readonly efaSecondaryInterfaceType?: SecondaryEfaType;
  /** Spot pools: nodes that always run on-demand. @default with onDemandFallback, the pool's min (at least 1); otherwise 0 */
  readonly spotOnDemandBase?: number;
  /** Add interface endpoints for Session Manager and CloudWatch to the network (refused by imported networks). @default true */
  readonly privateEndpoints?: boolean;
  /** Buckets (names) the nodes may read besides those granted by storage tiers. @default none */
  readonly readBuckets?: readonly string[];
  /** Boot script (plain text; encoded here). @default none */
  readonly userData?: string;
}

/**
 * Accelerator nodes on AWS: a launch template and an Auto Scaling group on one plane of a segmented
 * network, the pattern that works with On-Demand Capacity Reservations and Capacity Blocks for ML
 * (managed node groups cannot use Capacity Blocks).
 *
 * Secure by default: IMDSv2 only with hop limit 1, volumes encrypted with a customer-managed key, no
 * public address, no key pair (Session Manager instead), a least-privilege instance profile, one image
 * per apply: the family's AWS-published image (or a parameter you name) is read once per plan by an
 * `aws_ssm_parameter` data source and the launch template holds the AMI id (`imageResolution`). EFA SKUs get one EFA interface per network card and the EFA security group;
 * multi-node training gets a cluster placement group unless reserved capacity brings its own; a weekly
 * demand profile becomes scheduled scaling; safety alarms watch the nodes' custom metrics.
 *
 * Nodes never get a public address, whatever `exposure` says: a public inference endpoint is served by
 * a load balancer on the inference plane's declared public ingress.
 *
 * Names: the launch template, scaling group, placement group, alarm topic and alarms are named after
 * the pool's `name`, which must be unique in its account and region (give the pools of a dev and a prod
 * stack in one account different names); IAM names add a hash, since IAM is account-wide.
 *
 * @example
 * new AcceleratorPool(stack, 'h100', {
 *   network, sku: 'p5.48xlarge', nodes: 4,
 *   capacity: Capacity.capacityBlock({ id: 'cr-0123456789abcdef0', zone: 'us-east-2a', instances: 4 }),
 *   zones: ['us-east-2a'],
 * });
 */
export class AcceleratorPool extends Construct implements IAcceleratorPool {
  public readonly capabilities: PoolCapabilities;
  public readonly identity: PoolIdentity;
  /** Everything cloud-neutral about the pool, checked. */
  public readonly plan: PoolPlan;
  /** The key of the pool's volumes and alarm topic. */
  public readonly key: AwsKey;
  public readonly image: PoolImage;
  public readonly nodeRole: NodeRole;
  public readonly launchTemplate: PoolLaunchTemplate;
  public readonly scaling: PoolScalingGroup;
  /** The EFA security group, on EFA pools. */
  public readonly efaSecurityGroupId?: string;
  /** The safety alarms, unless disabled. */
  public readonly safety?: PoolSafetyAlarms;

  constructor(scope: Construct, id: string, props: AwsAcceleratorPoolProps) {
    super(scope, id);
    const where = this.node.path;
    const region = awsRegionOf(this);
    const network = props.network;
    if (network?.cloud !== 'aws' || typeof network.securityGroupId !== 'function') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `network is not an AWS network (cloud ${String(network?.cloud)})`, 'pass a SegmentedNetwork of this stack, or SegmentedNetwork.fromAttributes(...)');
    }
    if (network.region !== region) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `the network is in ${network.region}, the pool's stack in ${region}`, 'create the pool in a stack of the network\'s region');
    }
    const prefix = namePrefix(props.name, id, where);
    this.plan = planPool(props, network, prefix, where, catalogToday(this));
    const plan = this.plan;
    for (const w of plan.warnings) Annotations.of(this).addWarning(`${w.code}: ${w.message}`);
    const options = checkAwsOptions(props, plan, where);
    const spec = plan.spec;
    const efa = plan.fabric && spec.fabric === 'efa';
    if (plan.fabric && !efa) {
      throw new AiraError(ErrorCodes.FABRIC_UNSUPPORTED, where, `${spec.id} names the fabric ${spec.fabric}, which AWS does not offer`, 'use an EFA SKU, or fabric: false');
    }
    AiraTags.of(this).add({ ...props.tags, plane: plan.plane });

    this.key = props.key ?? new AwsKey(this, 'key', { description: `Encrypts the volumes and alarm topic of accelerator pool ${prefix}`, alias: `${prefix}-pool` });
    this.image = pinPoolImage(this, resolvePoolImage(spec.family, props.image, props.rootDeviceName, where), imageResolutionOf(props.imageResolution, where));
    if (props.privateEndpoints !== false) for (const svc of POOL_ENDPOINT_SERVICES) network.addInterfaceEndpoint(svc);

    this.nodeRole = new NodeRole(this, 'nodes', {
      name: uniqueIamName(this, `${prefix}-nodes`, region),
      description: `Nodes of accelerator pool ${prefix}: Session Manager, CloudWatch agent, read of its buckets`,
      key: this.key,
      region,
      readBuckets: props.readBuckets ?? [],
    });
    const securityGroups = [network.securityGroupId(plan.plane)];
    if (efa) {
      const sg = new EfaSecurityGroup(this, 'efa', { vpcId: network.vpcId, name: `${prefix}-efa` });
      this.efaSecurityGroupId = sg.securityGroupId;
      securityGroups.push(sg.securityGroupId);
    }
    this.launchTemplate = new PoolLaunchTemplate(this, 'launch', {
      name: prefix,
      instanceType: spec.id,
      image: this.image,
      key: this.key,
      instanceProfileArn: this.nodeRole.instanceProfile.arn,
      networkInterfaces: networkInterfaces(spec.networkCards ?? 1, efa, securityGroups, props.efaSecondaryInterfaceType),
      capacity: plan.capacity,
      metadataHopLimit: props.containers ? 2 : 1,
      rootVolumeGib: options.rootVolumeGib,
      ...(props.dataVolumeGib !== undefined ? { dataVolumeGib: props.dataVolumeGib } : {}),
      ...(props.userData !== undefined ? { userData: props.userData } : {}),
    });
    const serviceRole = new ScalingServiceRole(this, 'scaling-role', { suffix: uniqueIamName(this, prefix, region, 35), key: this.key });
    this.scaling = new PoolScalingGroup(this, 'scaling', {
      name: prefix,
      launchTemplateId: this.launchTemplate.template.id,
      launchTemplateVersion: this.launchTemplate.template.latestVersion,
      instanceType: spec.id,
      subnetIds: plan.zones.map((z) => network.subnetId(plan.plane, z)),
      nodes: plan.nodes,
      capacity: plan.capacity,
      clusterPlacement: plan.placement === 'cluster' && !(plan.capacity.kind === 'reservation' && plan.capacity.placementGroup),
      spotOnDemandBase: options.spotOnDemandBase,
      serviceLinkedRoleArn: serviceRole.roleArn,
      ...(plan.demand ? { demand: plan.demand } : {}),
      tags: () => this.launchTemplate.tags(),
      dependsOn: [serviceRole.grant],
    });
    if (plan.alarms.length > 0) {
      this.safety = new PoolSafetyAlarms(this, 'safety', {
        name: prefix,
        region,
        autoScalingGroupName: this.scaling.group.name,
        alarms: plan.alarms,
        key: this.key,
        notifyEmails: props.alarms?.notifyEmails ?? [],
      });
    }
    this.capabilities = plan.capabilities;
    this.identity = { cloud: 'aws', roleName: this.nodeRole.role.name, roleArn: this.nodeRole.role.arn };
  }
}

/** Checks the AWS-only props and fills their defaults. */
function checkAwsOptions(props: AwsAcceleratorPoolProps, plan: PoolPlan, where: string): { rootVolumeGib: number; spotOnDemandBase: number } {
  const gib = (name: string, v: number | undefined, min: number) => {
    // EBS gp3 volumes hold 1 GiB to 16 TiB (docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html).
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > 16384)) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `${name} ${v} is not a whole number of GiB from ${min} to 16384`, `give ${name} in whole GiB`);
    }
  };
  gib('rootVolumeGib', props.rootVolumeGib, 20);
  gib('dataVolumeGib', props.dataVolumeGib, 1);
  const spot = plan.capacity.kind === 'spot' ? plan.capacity : undefined;
  if (props.spotOnDemandBase !== undefined && !spot) {
    throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `spotOnDemandBase applies to Spot pools; this pool uses ${plan.capacity.kind} capacity`, 'leave spotOnDemandBase out, or use Capacity.spot({...})');
  }
  const base = props.spotOnDemandBase ?? (spot?.onDemandFallback ? Math.min(plan.nodes.max, Math.max(1, plan.nodes.min)) : 0);
  if (!Number.isInteger(base) || base < 0 || base > plan.nodes.max) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `spotOnDemandBase ${base} is not a whole number from 0 to the pool's max ${plan.nodes.max}`, 'lower it, or raise the pool\'s max');
  }
  if (props.userData !== undefined && Buffer.byteLength(props.userData, 'utf8') > 12288) {
    // EC2 takes at most 16 KB of user data after base64 encoding (docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html).
    throw new AiraError(ErrorCodes.INVALID_PROP, where, 'userData is larger than the 16 KB EC2 accepts once base64-encoded', 'fetch a larger script from S3 in a short boot script');
  }
  return { rootVolumeGib: props.rootVolumeGib ?? 200, spotOnDemandBase: base };
}
