import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FsxDataRepositoryAssociation } from '@cdktf/provider-aws/lib/fsx-data-repository-association';
import { FsxLustreFileSystem } from '@cdktf/provider-aws/lib/fsx-lustre-file-system';
import { KmsGrant } from '@cdktf/provider-aws/lib/kms-grant';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { Plane } from '../core/planes';
import { LUSTRE_PORTS, PlannedHotTier } from '../core/storage-plan';
import { AwsKey } from './key';
import { IAwsNetwork } from './network-types';
import { SecureBucket } from './storage-bucket';

/** Throughput tiers of FSx for Lustre PERSISTENT_2 SSD, MB/s per TiB (docs.aws.amazon.com/fsx/latest/LustreGuide/managing-throughput-capacity.html). */
export const LUSTRE_THROUGHPUTS = [125, 250, 500, 1000] as const;

/**
 * Capacity step of EFA-enabled file systems per throughput tier, GiB: the capacity must be a multiple
 * of it, so it is also the minimum (docs.aws.amazon.com/fsx/latest/LustreGuide/increase-storage-capacity.html).
 */
export const LUSTRE_EFA_STEP_GIB: Readonly<Record<(typeof LUSTRE_THROUGHPUTS)[number], number>> = { 125: 38400, 250: 19200, 500: 9600, 1000: 4800 };

/**
 * Checks an FSx for Lustre PERSISTENT_2 SSD size: 1200 GiB, 2400 GiB or a multiple of 2400 GiB
 * (docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html, StorageCapacity); with EFA, a
 * multiple of the tier's step. Throws AIRA_E_STORAGE_SIZE naming the allowed sizes.
 */
export function checkLustreSize(capacityGib: number, throughput: number, efa: boolean, where: string): void {
  if (!(LUSTRE_THROUGHPUTS as readonly number[]).includes(throughput)) {
    throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `${throughput} MB/s/TiB is not a throughput tier of FSx for Lustre PERSISTENT_2 (${LUSTRE_THROUGHPUTS.join(', ')})`, `use one of ${LUSTRE_THROUGHPUTS.join(', ')}`);
  }
  if (efa) {
    const step = LUSTRE_EFA_STEP_GIB[throughput as keyof typeof LUSTRE_EFA_STEP_GIB];
    if (capacityGib % step !== 0) {
      throw new AiraError(
        ErrorCodes.STORAGE_SIZE,
        where,
        `an EFA-enabled file system at ${throughput} MB/s/TiB needs a multiple of ${step} GiB (minimum ${step} GiB); ${capacityGib} GiB given`,
        `use ${Math.max(step, Math.ceil(capacityGib / step) * step)} GiB, a higher throughput tier (1000 MB/s/TiB steps by 4800 GiB), or efa: false`,
      );
    }
    return;
  }
  if (capacityGib !== 1200 && capacityGib % 2400 !== 0) {
    const up = capacityGib < 1200 ? 1200 : Math.ceil(capacityGib / 2400) * 2400;
    throw new AiraError(ErrorCodes.STORAGE_SIZE, where, `${capacityGib} GiB is not a PERSISTENT_2 size (1200, 2400, then multiples of 2400 GiB)`, `use ${up} GiB`);
  }
}

/** Props of `LustreTier`. */
export interface LustreTierProps {
  readonly name: string;
  readonly region: string;
  readonly network: IAwsNetwork;
  readonly hot: PlannedHotTier;
  readonly key: AwsKey;
  /** The bucket the file system imports from and exports to. */
  readonly bucket: SecureBucket;
  readonly preventDestroy: boolean;
  /** Days the file system's event log is kept. */
  readonly logRetentionDays: number;
}

/**
 * The hot tier on AWS: FSx for Lustre PERSISTENT_2 on the data plane, encrypted with the
 * customer-managed key, linked to a bucket with automatic import and export.
 *
 * - Network: the file system's interfaces sit in the data plane's subnet of its zone, in the data
 *   plane's security group (which admits the consumer planes' declared flows on the Lustre ports, 988
 *   and 1018-1023) and in a group of its own that lets its servers talk to each other (all traffic with
 *   EFA, whose transport only a self-reference admits).
 * - Backups: FSx does not back up a file system linked to S3
 *   (docs.aws.amazon.com/fsx/latest/LustreGuide/using-backups-fsx.html), so automatic backups are off and
 *   the linked bucket, versioned and exported to automatically, is the durable copy.
 * - The bucket is SSE-KMS: FSx reaches it through a per-file-system service-linked role
 *   (`AWSServiceRoleForFSxS3Access_<fs id>`), which gets a grant on the key once the link exists
 *   (docs.aws.amazon.com/fsx/latest/LustreGuide/s3-server-side-encryption-support.html).
 * - Data repository events and errors go to a CloudWatch log group (`/aws/fsx/...`, the prefix FSx
 *   writes to) encrypted with the key.
 */
export class LustreTier extends Construct {
  public readonly fileSystem: FsxLustreFileSystem;
  public readonly association: FsxDataRepositoryAssociation;
  /** The file system's own security group (server to server). */
  public readonly serverSecurityGroupId: string;
  private readonly network: IAwsNetwork;
  private readonly admitted: Plane[] = [];

  constructor(scope: Construct, id: string, props: LustreTierProps) {
    super(scope, id);
    const { hot, network, key } = props;
    checkLustreSize(hot.capacityGib, hot.throughputMbpsPerTib, hot.efa, this.node.path);

    const sg = new SecurityGroup(this, 'servers', {
      name: `${props.name}-lustre`,
      description: hot.efa ? 'FSx for Lustre servers: all traffic among themselves (EFA)' : 'FSx for Lustre servers: Lustre ports among themselves',
      vpcId: network.vpcId,
      tags: { Name: `${props.name}-lustre` },
    });
    this.serverSecurityGroupId = sg.id;
    // FSx checks at creation that the groups admit Lustre traffic: the file system waits for the rules.
    const selfRules: ITerraformDependable[] = [];
    const self = (ruleId: string, args: { ipProtocol: string; fromPort?: number; toPort?: number; description: string }) => {
      selfRules.push(
        new VpcSecurityGroupIngressRule(this, `${ruleId}-in`, { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ...args }),
        new VpcSecurityGroupEgressRule(this, `${ruleId}-out`, { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ...args }),
      );
    };
    if (hot.efa) {
      self('efa', { ipProtocol: '-1', description: 'EFA traffic between the file servers' });
    } else {
      self('lnet', { ipProtocol: 'tcp', fromPort: LUSTRE_PORTS.server, toPort: LUSTRE_PORTS.server, description: 'Lustre traffic between the file servers' });
      self('lnet-clients', { ipProtocol: 'tcp', fromPort: LUSTRE_PORTS.clientFrom, toPort: LUSTRE_PORTS.clientTo, description: 'Lustre ports between the file servers' });
    }

    this.network = network;
    if (hot.declareFlows) for (const plane of hot.consumers) this.admit(plane);

    key.grantToService({
      sid: 'CloudWatchLogsEncrypt',
      service: `logs.${props.region}.amazonaws.com`,
      condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${key.partition}:logs:${props.region}:${key.accountId}:log-group:*` } },
    });
    const logs = new CloudwatchLogGroup(this, 'logs', { name: `/aws/fsx/${props.name}`, retentionInDays: props.logRetentionDays, kmsKeyId: key.keyArn, dependsOn: [key.policy] });

    this.fileSystem = new FsxLustreFileSystem(this, 'file-system', {
      deploymentType: 'PERSISTENT_2',
      storageType: 'SSD',
      storageCapacity: hot.capacityGib,
      perUnitStorageThroughput: hot.throughputMbpsPerTib,
      fileSystemTypeVersion: '2.15',
      subnetIds: [network.subnetId('data', hot.zone)],
      securityGroupIds: [network.securityGroupId('data'), sg.id],
      kmsKeyId: key.keyArn,
      dataCompressionType: 'LZ4',
      automaticBackupRetentionDays: 0,
      skipFinalBackup: true,
      logConfiguration: { level: 'WARN_ERROR', destination: logs.arn },
      // EFA-enabled file systems need a metadata configuration (terraform-provider-aws PR 40568).
      ...(hot.efa ? { efaEnabled: true, metadataConfiguration: { mode: 'AUTOMATIC' } } : {}),
      tags: { Name: props.name },
      dependsOn: selfRules,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.association = new FsxDataRepositoryAssociation(this, 'link', {
      fileSystemId: this.fileSystem.id,
      fileSystemPath: `/${hot.linkedRole}`,
      dataRepositoryPath: `s3://${props.bucket.bucketName}`,
      batchImportMetaDataOnCreate: true,
      // Removing the link must never delete data from the file system.
      deleteDataInFilesystem: false,
      s3: {
        autoImportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] },
        autoExportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] },
      },
      dependsOn: [props.bucket.policy],
    });
    new KmsGrant(this, 'bucket-key-grant', {
      name: `fsx-s3-${props.name}`,
      keyId: key.keyArn,
      granteePrincipal: `arn:${key.partition}:iam::${key.accountId}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/AWSServiceRoleForFSxS3Access_${this.fileSystem.id}`,
      operations: ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey'],
      dependsOn: [this.association],
    });
  }

  /**
   * Lets the EFA interfaces of a client group exchange all traffic with the file servers, which an
   * EFA-enabled file system needs when its clients sit in another security group
   * (docs.aws.amazon.com/fsx/latest/LustreGuide/cannot-create-fs.html, EFA-enabled security groups).
   */
  public admitEfaClients(clientGroupId: string, clientName: string): void {
    const rule = (peer: string) => ({ ipProtocol: '-1', referencedSecurityGroupId: peer, description: `EFA traffic between the file servers and pool ${clientName}` });
    new VpcSecurityGroupIngressRule(this, `efa-${clientName}-in`, { securityGroupId: this.serverSecurityGroupId, ...rule(clientGroupId) });
    new VpcSecurityGroupEgressRule(this, `efa-${clientName}-out`, { securityGroupId: this.serverSecurityGroupId, ...rule(clientGroupId) });
    new VpcSecurityGroupIngressRule(this, `efa-${clientName}-client-in`, { securityGroupId: clientGroupId, ...rule(this.serverSecurityGroupId) });
    new VpcSecurityGroupEgressRule(this, `efa-${clientName}-client-out`, { securityGroupId: clientGroupId, ...rule(this.serverSecurityGroupId) });
  }

  /** Planes whose flows to the file system this tier declared. */
  public get declaredFor(): readonly Plane[] {
    return this.admitted;
  }

  /**
   * Declares the flows that let a plane's nodes mount the file system (the Lustre server port and the
   * client port range), unless they are declared already. The reasons are those of the reference
   * network, so a flow the user declared with them is not declared twice.
   */
  public admit(plane: Plane): void {
    if (plane === 'data' || this.admitted.includes(plane)) return;
    const net = this.network;
    if (!net.allows(plane, 'data', LUSTRE_PORTS.server)) net.allow(plane, 'data', LUSTRE_PORTS.server, `${plane} nodes mount the Lustre file system`);
    if (!net.allows(plane, 'data', LUSTRE_PORTS.clientFrom) || !net.allows(plane, 'data', LUSTRE_PORTS.clientTo)) {
      net.allow(plane, 'data', { from: LUSTRE_PORTS.clientFrom, to: LUSTRE_PORTS.clientTo }, `Lustre client ports for ${plane} nodes`);
    }
    this.admitted.push(plane);
  }
}
