import { INetwork } from '../core/network';
import { Plane } from '../core/planes';

/** What AWS constructs need from a segmented network. */
export interface IAwsNetwork extends INetwork {
  readonly cloud: 'aws';
  /** Id of the VPC. */
  readonly vpcId: string;
  /** Subnet ids of a plane, one per zone in the network's zone order. */
  subnetIds(plane: Plane): string[];
  /** Subnet id of a plane in one zone. */
  subnetId(plane: Plane, zone: string): string;
  /** Security group of a plane: attach it to everything placed on the plane. */
  securityGroupId(plane: Plane): string;
  /** Adds an interface endpoint for an AWS service (for example `ssm`), once. */
  addInterfaceEndpoint(service: string): void;
}
