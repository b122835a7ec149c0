import { LaunchTemplate, LaunchTemplateConfig, LaunchTemplateNetworkInterfaces } from '@cdktf/provider-aws/lib/launch-template';
import { IResolvable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { CapacitySpec } from '../core/compute';
import { AwsKey } from './key';
import { PoolImage } from './pool-image';

/** Props of `PoolLaunchTemplate`. */
export interface PoolLaunchTemplateProps {
  /** The pool's name: the instances' Name tag; the template is `<name>-nodes`. */
  readonly name: string;
  readonly instanceType: string;
  readonly image: PoolImage;
  readonly key: AwsKey;
  readonly instanceProfileArn: string;
  readonly networkInterfaces: LaunchTemplateNetworkInterfaces[];
  readonly capacity: CapacitySpec;
  /** IMDS response hop limit: 1, or 2 when containers on the node call the metadata service. */
  readonly metadataHopLimit: 1 | 2;
  readonly rootVolumeGib: number;
  readonly dataVolumeGib?: number;
  readonly userData?: string;
}

/** The capacity targeting of a launch template, from the pool's capacity (Spot is set on the scaling group). */
export function capacityArgs(capacity: CapacitySpec): Pick<LaunchTemplateConfig, 'capacityReservationSpecification' | 'instanceMarketOptions'> {
  switch (capacity.kind) {
    case 'reservation':
      // Targeting a reservation by id, or a resource group of reservations by ARN
      // (docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-reservations-using.html).
      return {
        capacityReservationSpecification: {
          capacityReservationTarget: capacity.id ? { capacityReservationId: capacity.id } : { capacityReservationResourceGroupArn: capacity.groupId },
        },
      };
    case 'capacity-block':
      // A Capacity Block is launched into with market type `capacity-block` and its reservation id
      // (docs.aws.amazon.com/AWSEC2/latest/UserGuide/capacity-blocks-launch.html).
      return {
        instanceMarketOptions: { marketType: 'capacity-block' },
        capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: capacity.id } },
      };
    default:
      return {};
  }
}

/**
 * The launch template of a pool's nodes, hardened:
 * - IMDSv2 only (`http_tokens = required`) with a response hop limit of 1, so a container cannot reach
 *   the node's credentials through an extra network hop; 2 only where containers on the node must call
 *   the metadata service themselves (docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html).
 * - Root and data volumes gp3, encrypted with the customer-managed key, deleted with the instance.
 * - No key pair (shell access is through Session Manager), no public address on any interface.
 * - Detailed monitoring, so CloudWatch sees the nodes at one-minute resolution like the safety metrics.
 * - Instances, volumes and network interfaces carry the same tags as the template.
 */
export class PoolLaunchTemplate extends Construct {
  public readonly template: LaunchTemplate;

  constructor(scope: Construct, id: string, props: PoolLaunchTemplateProps) {
    super(scope, id);
    const volume = (deviceName: string, size: number) => ({
      deviceName,
      ebs: { volumeSize: size, volumeType: 'gp3', encrypted: 'true', kmsKeyId: props.key.keyArn, deleteOnTermination: 'true' },
    });
    this.template = new LaunchTemplate(this, 'template', {
      // Launch template names take 3 to 128 characters and a pool may be named `f2`; instances keep
      // the pool's name in their Name tag.
      name: `${props.name}-nodes`,
      description: `Nodes of accelerator pool ${props.name}`,
      updateDefaultVersion: true,
      instanceType: props.instanceType,
      imageId: props.image.imageId,
      iamInstanceProfile: { arn: props.instanceProfileArn },
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: props.metadataHopLimit, instanceMetadataTags: 'disabled' },
      monitoring: { enabled: true },
      networkInterfaces: props.networkInterfaces,
      blockDeviceMappings: [volume(props.image.rootDeviceName, props.rootVolumeGib), ...(props.dataVolumeGib ? [volume('/dev/xvdb', props.dataVolumeGib)] : [])],
      ...capacityArgs(props.capacity),
      ...(props.userData !== undefined ? { userData: Buffer.from(props.userData, 'utf8').toString('base64') } : {}),
      tags: { Name: props.name },
    });
    // Resolved after the tagging aspects have run, so instances carry the stack's and the pool's tags.
    const tagSpecs = Lazy.anyValue({
      produce: () => ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resource_type: resourceType, tags: this.tags() })),
    }) as IResolvable;
    this.template.putTagSpecifications(tagSpecs);
  }

  /** The template's tags as the tagging aspects left them. */
  public tags(): Record<string, string> {
    return { ...(this.template.tagsInput ?? {}) };
  }
}
