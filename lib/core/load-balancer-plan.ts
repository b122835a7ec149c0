import { AiraError, ErrorCodes } from './errors';
import { InternalLoadBalancerOptions } from './kit';
import { Plane, assertPlane } from './planes';

/** What every cloud's internal load balancer needs, checked once. */
export interface InternalLoadBalancerPlan {
  /** Plane of the frontend. */
  readonly plane: Plane;
  /** Port clients connect to. */
  readonly port: number;
  /** Port the health check probes. */
  readonly healthPort: number;
  /** Zones of the frontend: at least two, every zone of the pool among them. */
  readonly zones: readonly string[];
}

function checkPort(value: unknown, what: string, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `${what} ${JSON.stringify(value)} is not a port (1-65535)`, 'give a TCP port such as 443');
  }
  return value as number;
}

/**
 * The cloud-neutral checks of an internal load balancer: the plane exists in the network, the ports are
 * ports, the zones are the network's, there are at least two (an endpoint in one zone dies with it), and
 * every zone the pool has nodes in is served. Throws AIRA_E_INVALID_PROP, AIRA_E_UNKNOWN_PLANE or
 * AIRA_E_UNKNOWN_ZONE naming the load balancer's path.
 */
export function planInternalLoadBalancer(props: InternalLoadBalancerOptions, where: string): InternalLoadBalancerPlan {
  const { network, pool } = props;
  const plane = assertPlane(props.plane ?? pool.capabilities.plane, where, network.planes);
  const port = checkPort(props.port, 'port', where);
  const healthPort = checkPort(props.healthCheckPort ?? port, 'healthCheckPort', where);
  const zones = [...(props.zones ?? pool.capabilities.zones)];
  for (const z of zones) {
    if (!network.zones.includes(z)) throw new AiraError(ErrorCodes.UNKNOWN_ZONE, where, `zone "${z}" is not a zone of the network (${network.zones.join(', ')})`, 'use zones of the network');
  }
  if (new Set(zones).size < 2) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `an internal load balancer across zones needs at least two zones; got ${zones.join(', ') || 'none'}`, 'give the pool and the network two or more zones');
  }
  const missing = pool.capabilities.zones.filter((z) => !zones.includes(z));
  if (missing.length > 0) {
    throw new AiraError(ErrorCodes.INVALID_PROP, where, `the pool has nodes in ${missing.join(', ')}, which the load balancer does not serve`, 'give the load balancer every zone of the pool');
  }
  return { plane, port, healthPort, zones };
}
