import { Cloud } from './catalog/types';
import { AiraError, ErrorCodes } from './errors';
import { NetworkLayout } from './network-layout';
import { AIR_GAPPED_PLANE, Plane, assertPlane } from './planes';
import { AiraTagValues } from './tags';

/** Transport protocol of a flow. */
export type FlowProtocol = 'tcp' | 'udp';

/** A port or an inclusive port range. */
export type PortSpec = number | { readonly from: number; readonly to: number };

/** A traffic flow allowed from one plane to another. Everything not declared is denied. */
export interface FlowSpec {
  /** Plane the traffic starts from. */
  readonly from: Plane;
  /** Plane the traffic goes to. */
  readonly to: Plane;
  /** Destination port or range. A flow always names its ports: plane-wide allow-all is not offered. */
  readonly port: PortSpec;
  /** @default 'tcp' */
  readonly protocol?: FlowProtocol;
  /**
   * Why the flow exists (10 to 140 characters), carried into the rule's description so a reviewer and
   * the zero-trust policy rule can see it. 140 is Azure's limit for a security rule description.
   */
  readonly reason: string;
}

/** A checked flow, as the network records it. */
export interface DeclaredFlow {
  readonly from: Plane;
  readonly to: Plane;
  readonly fromPort: number;
  readonly toPort: number;
  readonly protocol: FlowProtocol;
  readonly reason: string;
  /** Short identifier, unique in the network, for ids and tags: `training-to-data-tcp-988`. */
  readonly key: string;
}

/** Ingress from the internet. Only the inference plane may take it, and only with a reason. */
export interface PublicIngressSpec {
  /** Must be `inference`: every other plane is private by construction. */
  readonly plane: Plane;
  readonly port: PortSpec;
  /** @default 'tcp' */
  readonly protocol?: FlowProtocol;
  /** Source ranges. @default ['0.0.0.0/0'] */
  readonly sources?: readonly string[];
  /** Why the plane is public (10 to 140 characters). */
  readonly reason: string;
}

/**
 * How non-protected planes reach the internet. The protected plane never does.
 * - `nat-per-zone`: one NAT gateway per zone (AWS; survives the loss of a zone).
 * - `nat-per-region`: one NAT for the network (cheaper; on Azure and Google, NAT is regional anyway).
 * - `none`: no egress to the internet at all; only private endpoints.
 */
export type EgressMode = 'nat-per-zone' | 'nat-per-region' | 'none';

/** Flow log settings. */
export interface FlowLogOptions {
  /** Days to keep flow logs. @default 365 */
  readonly retentionDays?: number;
}

/**
 * Props of `SegmentedNetwork`, the same on every cloud. Each cloud's construct may add options of its
 * own; none changes the meaning of these.
 */
export interface SegmentedNetworkProps {
  /** Base IPv4 block of the network; every plane's subnets are carved from it. Must be /23 or larger. */
  readonly cidr: string;
  /**
   * Zones to spread subnets over (1 to 4): AWS zone names (`us-east-1a`), Azure zone numbers (`1`),
   * Google zone names (`us-central1-a`). Literal names, so no data source call is needed to plan.
   */
  readonly zones: readonly string[];
  /** Planes to create. @default training, inference, data, management, protected */
  readonly planes?: readonly Plane[];
  /** Flows between planes. More can be added with `allow()`. @default none: all cross-plane traffic denied */
  readonly flows?: readonly FlowSpec[];
  /** Reasoned internet ingress to the inference plane. @default none */
  readonly publicIngress?: readonly PublicIngressSpec[];
  /** Internet egress of non-protected planes. @default 'nat-per-zone' on AWS, 'nat-per-region' on Azure and Google */
  readonly egress?: EgressMode;
  /** Flow log settings (flow logs are always on). @default 365 days of retention */
  readonly flowLogs?: FlowLogOptions;
  /**
   * Address space whose networks must not overlap. Networks of one platform share one so their clouds
   * can be connected later. @default 'default'
   */
  readonly addressSpace?: string;
  /** Prefix of resource names (letters, digits, -; at most 30). @default the construct id */
  readonly name?: string;
  /** Tags for every resource of the network. @default none beyond the plane tags */
  readonly tags?: AiraTagValues;
}

/**
 * What later constructs need from a network on any cloud. Each cloud's network adds its own handles
 * (security group ids, NSG ids, network tags).
 */
export interface INetwork {
  readonly cloud: Cloud;
  readonly region: string;
  readonly zones: readonly string[];
  /** Base block. */
  readonly cidr: string;
  /** Planes the network has. */
  readonly planes: readonly Plane[];
  /** The address plan. */
  readonly layout: NetworkLayout;
  /** Flows declared so far. */
  readonly flows: readonly DeclaredFlow[];
  /** Whether a flow from one plane to another on a port is declared. */
  allows(from: Plane, to: Plane, port: number, protocol?: FlowProtocol): boolean;
  /** Declares a flow and creates its rules. Returns the checked flow. */
  allow(from: Plane, to: Plane, port: PortSpec, reason: string, protocol?: FlowProtocol): DeclaredFlow;
}

const REASON = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{10,140}$/;

/** Checks a reason against every cloud's description rules (AWS security group rules are the strictest). */
export function checkReason(reason: unknown, where: string, what: string): string {
  if (typeof reason !== 'string' || !REASON.test(reason)) {
    throw new AiraError(
      ErrorCodes.INVALID_FLOW,
      where,
      `${what} needs a reason of 10 to 140 characters (letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *); got ${JSON.stringify(reason)}`,
      'say why the traffic is needed, for example "training nodes read shards from the data plane"',
    );
  }
  return reason;
}

/** Normalizes a port spec to a range, or throws AIRA_E_INVALID_FLOW. */
export function portRange(port: PortSpec, where: string): [number, number] {
  const [from, to] = typeof port === 'number' ? [port, port] : [port?.from, port?.to];
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
  if (!ok(from) || !ok(to) || from > to) {
    throw new AiraError(ErrorCodes.INVALID_FLOW, where, `port ${JSON.stringify(port)} is not a port (1-65535) or an ascending range`, 'give a port such as 443 or a range such as { from: 8000, to: 8100 }');
  }
  return [from, to];
}

/** Checks a flow against a network's planes and returns it as a declared flow. */
export function checkFlow(spec: FlowSpec, planes: readonly Plane[], where: string): DeclaredFlow {
  const from = assertPlane(spec.from, where, planes);
  const to = assertPlane(spec.to, where, planes);
  if (from === to) {
    throw new AiraError(ErrorCodes.INVALID_FLOW, where, `a flow from ${from} to itself is not a cross-plane flow`, 'traffic inside a plane is governed by the pools on it (for example the EFA security group)');
  }
  const protocol = spec.protocol ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') {
    throw new AiraError(ErrorCodes.INVALID_FLOW, where, `protocol "${String(protocol)}" is not tcp or udp`, 'use "tcp" or "udp"');
  }
  const [fromPort, toPort] = portRange(spec.port, where);
  const reason = checkReason(spec.reason, where, `flow ${from} -> ${to}`);
  const ports = fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
  return { from, to, fromPort, toPort, protocol, reason, key: `${from}-to-${to}-${protocol}-${ports}` };
}

/** Checks public ingress: inference plane only, reasoned, never to the air-gapped plane. */
export function checkPublicIngress(spec: PublicIngressSpec, planes: readonly Plane[], where: string): PublicIngressSpec & { fromPort: number; toPort: number } {
  const plane = assertPlane(spec.plane, where, planes);
  if (plane !== 'inference') {
    const extra = plane === AIR_GAPPED_PLANE ? ' (it is air-gapped)' : '';
    throw new AiraError(ErrorCodes.PUBLIC_EXPOSURE, where, `public ingress to the ${plane} plane is not allowed${extra}`, 'expose only the inference plane, behind its load balancer');
  }
  checkReason(spec.reason, where, 'public ingress');
  const [fromPort, toPort] = portRange(spec.port, where);
  return { ...spec, fromPort, toPort };
}

/** Adds a flow to a list unless an equal one is there (same key); throws if the key repeats with another reason. */
export function addFlow(flows: DeclaredFlow[], flow: DeclaredFlow, where: string): boolean {
  const same = flows.find((f) => f.key === flow.key);
  if (!same) {
    flows.push(flow);
    return true;
  }
  if (same.reason !== flow.reason) {
    throw new AiraError(ErrorCodes.INVALID_FLOW, where, `flow ${flow.key} is declared twice with different reasons`, 'declare each flow once');
  }
  return false;
}

/** Whether a flow list allows a port from one plane to another. */
export function flowsAllow(flows: readonly DeclaredFlow[], from: Plane, to: Plane, port: number, protocol: FlowProtocol = 'tcp'): boolean {
  return flows.some((f) => f.from === from && f.to === to && f.protocol === protocol && f.fromPort <= port && port <= f.toPort);
}
