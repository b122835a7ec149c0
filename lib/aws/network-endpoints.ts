import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';

/** Props of `VpcEndpoints`. */
export interface VpcEndpointsProps {
  readonly vpcId: string;
  readonly region: string;
  readonly namePrefix: string;
  /** Route tables that get the S3 gateway endpoint's routes. */
  readonly routeTableIds: string[];
  /** Subnets (one per zone) that hold the interface endpoints' network interfaces. */
  readonly subnetIds: string[];
  /** Security group of the interface endpoints. */
  readonly securityGroupId: string;
}

/**
 * Private paths to AWS services, so planes reach object storage and the key service without the
 * internet (and the air-gapped plane reaches them at all): an S3 gateway endpoint and interface
 * endpoints with private DNS.
 */
export class VpcEndpoints extends Construct {
  /** The S3 gateway endpoint; its prefix list id is what security group rules allow. */
  public readonly s3: VpcEndpoint;
  private readonly interfaces = new Map<string, VpcEndpoint>();

  constructor(scope: Construct, id: string, private readonly props: VpcEndpointsProps) {
    super(scope, id);
    this.s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      tags: { Name: `${props.namePrefix}-s3` },
    });
  }

  /**
   * Adds an interface endpoint for a service (for example `kms`, `ssm`, `logs`) once; later calls for
   * the same service return the first.
   */
  public addInterface(service: string): VpcEndpoint {
    const existing = this.interfaces.get(service);
    if (existing) return existing;
    const ep = new VpcEndpoint(this, service, {
      vpcId: this.props.vpcId,
      serviceName: `com.amazonaws.${this.props.region}.${service}`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: this.props.subnetIds,
      securityGroupIds: [this.props.securityGroupId],
      tags: { Name: `${this.props.namePrefix}-${service}` },
    });
    this.interfaces.set(service, ep);
    return ep;
  }

  /** Services with an interface endpoint, in the order added. */
  public get interfaceServices(): string[] {
    return [...this.interfaces.keys()];
  }
}
