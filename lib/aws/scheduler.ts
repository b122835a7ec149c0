import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Construct } from 'constructs';
import { AcceleratorFamily } from '../core/catalog/types';
import { PoolCapabilities } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { checkSchedulerPools } from '../core/scheduler-plan';
import { ISchedulerCluster, SchedulerNodePool, NodeTaintSpec, SchedulerPoolSpec } from '../core/kit';
import { namePrefix } from '../core/naming';
import { Plane, assertPlane } from '../core/planes';
import { Suppressions } from '../policy/suppressions';
import { AwsKey } from './key';
import { IAwsNetwork } from './network-types';
import { policyDocument, uniqueIamName } from './pool-iam';
import { awsRegionOf } from './stack';

/**
 * Instance type of the system node group, which runs the cluster's own controllers (Kueue, CoreDNS,
 * the cluster autoscaler): a small general-purpose type (aws.amazon.com/ec2/instance-types/m7i).
 */
export const EKS_SYSTEM_INSTANCE_TYPE = 'm7i.large';

/** Control plane log types EKS can send to CloudWatch Logs (docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html). */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * EKS-optimized Amazon Linux 2023 AMI type per family (docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html,
 * amiType): the NVIDIA variant carries the GPU driver and container toolkit, the Neuron variant the
 * Trainium / Inferentia driver. FPGA images are not offered for managed node groups.
 */
const AMI_TYPES: Partial<Record<AcceleratorFamily, string>> = {
  gpu: 'AL2023_x86_64_NVIDIA',
  trainium: 'AL2023_x86_64_NEURON',
  inferentia: 'AL2023_x86_64_NEURON',
  cpu: 'AL2023_x86_64_STANDARD',
};

/** Taint effects as the EKS API takes them. */
const EFFECT: Record<NodeTaintSpec['effect'], string> = { NoSchedule: 'NO_SCHEDULE' };

// Managed policies of EKS cluster and node roles (docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html,
// .../create-node-role.html), plus Session Manager instead of SSH on the nodes.
const CLUSTER_POLICIES = ['AmazonEKSClusterPolicy'];
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonEKS_CNI_Policy', 'AmazonSSMManagedInstanceCore'];

/** Props of `EksSchedulerCluster`. */
export interface EksSchedulerClusterProps {
  readonly network: IAwsNetwork;
  readonly key: AwsKey;
  readonly pools: readonly SchedulerPoolSpec[];
  /** Plane of the nodes' subnets and the control plane's network interfaces. @default 'training' */
  readonly plane?: Plane;
  /** Days control plane logs are kept. @default 365 */
  readonly logRetentionDays?: number;
  /** Prefix of resource names. @default the construct id */
  readonly name?: string;
}


/**
 * The hybrid scheduler's cluster on AWS: an EKS cluster whose API endpoint is private only (no public
 * endpoint at all), Kubernetes secrets encrypted with the platform key (envelope encryption), every
 * control plane log type sent to a log group encrypted with the key, API authentication mode (access
 * entries, no aws-auth ConfigMap), and an IAM role for the control plane with the EKS cluster policy.
 *
 * Node groups: one EKS managed node group per pool class, of the pool's instance type in the pool's
 * zones, labelled and tainted as given, scaling from 0 to the pool's max (`desired_size` is left to the
 * cluster autoscaler after creation), plus an untainted system group for the controllers. Each group
 * uses a launch template: IMDSv2 only with a hop limit of 1 (pods cannot reach the node's
 * credentials), encrypted root volumes, the plane's and the cluster's security groups.
 *
 * Why managed node groups for every class, GPU included: they take labels and taints natively, drain
 * nodes on upgrades and repair, and pick the EKS AL2023 NVIDIA / Neuron AMI by `ami_type`. Their limit:
 * they cannot launch into EC2 Capacity Blocks with EFA placement as the library's own GPU pools do
 * (launch template + Auto Scaling group), so multi-node EFA training stays on the GPU pool, and the
 * scheduler's GPU group serves single-node GPU jobs.
 *
 * Root volumes are encrypted with the account's EBS key, not the platform key: a customer-managed key
 * on managed node groups needs the account's `AWSServiceRoleForAutoScaling` to be granted the key
 * (docs.aws.amazon.com/eks/latest/userguide/launch-templates.html), a role this stack cannot create or
 * assume exists.
 */
export class EksSchedulerCluster extends Construct implements ISchedulerCluster {
  public readonly cloud = 'aws' as const;
  public readonly endpointPrivate = true as const;
  public readonly name: string;
  public readonly cluster: EksCluster;
  public readonly clusterRole: IamRole;
  public readonly nodeRole: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  /** Node group resources by pool name (`system` for the system group). */
  public readonly nodeGroups: ReadonlyMap<string, EksNodeGroup>;
  public readonly nodePools: readonly SchedulerNodePool[];

  constructor(scope: Construct, id: string, props: EksSchedulerClusterProps) {
    super(scope, id);
    const where = this.node.path;
    const region = awsRegionOf(this);
    const network = props.network;
    const key = props.key;
    const prefix = namePrefix(props.name, id, where);
    const plane = assertPlane(props.plane ?? 'training', where, network.planes);
    const retention = props.logRetentionDays ?? 365;
    if (!Number.isInteger(retention) || retention < 1) throw new AiraError(ErrorCodes.INVALID_PROP, where, `logRetentionDays ${String(retention)} is not a whole number of days`, 'for example 365');
    checkPools(props.pools, network, where);
    // EKS places control plane interfaces in subnets of at least two zones (docs.aws.amazon.com/eks/latest/userguide/network-reqs.html).
    if (network.zones.length < 2) throw new AiraError(ErrorCodes.INVALID_PROP, where, `the network spans ${network.zones.length} zone; an EKS cluster needs subnets in two`, 'give the network at least two zones');
    this.name = `${prefix}-sched`;

    const partition = key.partition;
    this.clusterRole = new IamRole(this, 'cluster-role', {
      name: uniqueIamName(this, `${prefix}-eks-cluster`, region),
      description: 'EKS control plane of the Level 3 hybrid scheduler',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }),
    });
    const clusterAttachments = CLUSTER_POLICIES.map((p) => new IamRolePolicyAttachment(this, `cluster-${p}`, { role: this.clusterRole.name, policyArn: `arn:${partition}:iam::aws:policy/${p}` }));
    // Envelope encryption of secrets: EKS uses the key through the cluster role
    // (docs.aws.amazon.com/eks/latest/userguide/enable-kms.html).
    const keyUse = new IamRolePolicy(this, 'cluster-key', {
      role: this.clusterRole.id,
      name: 'secrets-encryption',
      policy: policyDocument([{ Sid: 'EncryptSecrets', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey', 'kms:CreateGrant'], Resource: key.keyArn }]),
    });

    key.grantToService({
      sid: 'CloudWatchLogsEncrypt',
      service: `logs.${region}.amazonaws.com`,
      condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${key.accountId}:log-group:*` } },
    });
    // EKS writes to this group by name; creating it first sets its retention and key.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/eks/${this.name}/cluster`, retentionInDays: retention, kmsKeyId: key.keyArn, dependsOn: [key.policy] });

    const subnets = network.subnetIds(plane);
    this.cluster = new EksCluster(this, 'cluster', {
      name: this.name,
      roleArn: this.clusterRole.arn,
      vpcConfig: { subnetIds: subnets, endpointPrivateAccess: true, endpointPublicAccess: false, securityGroupIds: [network.securityGroupId(plane)] },
      encryptionConfig: { provider: { keyArn: key.keyArn }, resources: ['secrets'] },
      enabledClusterLogTypes: [...EKS_LOG_TYPES],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      dependsOn: [this.logGroup, keyUse, ...clusterAttachments],
    });

    this.nodeRole = new IamRole(this, 'node-role', {
      name: uniqueIamName(this, `${prefix}-eks-nodes`, region),
      description: 'Nodes of the Level 3 hybrid scheduler cluster',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    const nodeAttachments = NODE_POLICIES.map((p) => new IamRolePolicyAttachment(this, `node-${p}`, { role: this.nodeRole.name, policyArn: `arn:${partition}:iam::aws:policy/${p}` }));

    const securityGroups = [network.securityGroupId(plane), this.cluster.vpcConfig.clusterSecurityGroupId];
    const groups = new Map<string, EksNodeGroup>();
    const summaries: SchedulerNodePool[] = [];
    const group = (groupId: string, o: { name: string; instanceType: string; family: AcceleratorFamily; subnets: string[]; min: number; max: number; spot: boolean; labels: Record<string, string>; taints: readonly NodeTaintSpec[]; diskGb: number; tags?: Record<string, string> }) => {
      const lt = new LaunchTemplate(this, `${groupId}-template`, {
        name: `${this.name}-${o.name}`,
        description: `Nodes of scheduler node group ${o.name}`,
        updateDefaultVersion: true,
        metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: o.diskGb, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
        vpcSecurityGroupIds: securityGroups,
        ...(o.tags ? { tagSpecifications: [{ resourceType: 'instance', tags: o.tags }, { resourceType: 'volume', tags: o.tags }] } : {}),
      });
      // Encrypted with the account's EBS key, not a customer-managed key (see the class comment): said in
      // every report rather than hidden, so a team that can grant AWSServiceRoleForAutoScaling the key sees what to change.
      Suppressions.of(lt).add({
        id: 'AIRA-ENC-003',
        reason:
          'EKS managed node groups launch through the account-wide AWSServiceRoleForAutoScaling, which a customer-managed key must name in its policy; ' +
          'this stack cannot create or assume that role, so the root volumes use the account EBS key (docs.aws.amazon.com/eks/latest/userguide/launch-templates.html)',
      });
      const ng = new EksNodeGroup(this, groupId, {
        clusterName: this.cluster.name,
        nodeGroupName: o.name,
        nodeRoleArn: this.nodeRole.arn,
        subnetIds: o.subnets,
        instanceTypes: [o.instanceType],
        amiType: AMI_TYPES[o.family] ?? AMI_TYPES.cpu,
        capacityType: o.spot ? 'SPOT' : 'ON_DEMAND',
        scalingConfig: { minSize: o.min, desiredSize: o.min, maxSize: o.max },
        labels: o.labels,
        taint: o.taints.map((t) => ({ key: t.key, value: t.value, effect: EFFECT[t.effect] })),
        launchTemplate: { id: lt.id, version: lt.latestVersion.toString() },
        updateConfig: { maxUnavailable: 1 },
        // The cluster autoscaler owns the size once the group exists.
        lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
        dependsOn: nodeAttachments,
      });
      groups.set(groupId === 'system' ? 'system' : o.name, ng);
      return ng;
    };

    group('system', { name: 'system', instanceType: EKS_SYSTEM_INSTANCE_TYPE, family: 'cpu', subnets: [subnets[0]], min: 1, max: 3, spot: false, labels: { 'aira.io/system': 'true' }, taints: [], diskGb: 50 });
    for (const spec of props.pools) {
      const c = spec.capabilities;
      group(`pool-${c.name}`, {
        name: c.name,
        instanceType: c.sku,
        family: c.family,
        subnets: c.zones.map((z) => network.subnetId(plane, z)),
        min: 0,
        max: c.nodes.max,
        spot: c.capacityMode === 'spot',
        labels: { ...spec.labels },
        taints: spec.taints,
        diskGb: c.family === 'cpu' ? 100 : 200,
        tags: energyTags(c),
      });
      summaries.push({ name: c.name, pool: c.name, labels: { ...spec.labels }, taints: [...spec.taints] });
    }
    summaries.push({ name: 'system', labels: { 'aira.io/system': 'true' }, taints: [] });
    this.nodeGroups = groups;
    this.nodePools = summaries;
  }
}

function energyTags(c: PoolCapabilities): Record<string, string> {
  return {
    'aira:power-kw-per-node': String(Math.round((c.powerKwAtMax / c.nodes.max) * 1000) / 1000),
    ...(c.gridGco2PerKwh !== undefined ? { 'aira:grid-gco2-per-kwh': String(c.gridGco2PerKwh) } : {}),
    'aira:simulated': c.simulates ?? 'false',
  };
}

/** The shared checks, and EKS's own limit: no managed node group image for FPGAs. */
function checkPools(pools: readonly SchedulerPoolSpec[], network: IAwsNetwork, where: string): void {
  checkSchedulerPools(pools, network, 'aws', where);
  for (const { capabilities: c } of pools) {
    if (c.family === 'fpga') throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `pool ${c.name} is an FPGA pool, and EKS offers no managed node group image for FPGAs`, 'keep FPGA pools outside the scheduler cluster');
  }
}
