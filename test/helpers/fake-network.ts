import { DeclaredFlow, INetwork, checkFlow, flowsAllow } from '../../lib/core/network';
import { computeLayout } from '../../lib/core/network-layout';
import { Plane } from '../../lib/core/planes';
import { Cloud } from '../../lib/core/catalog/types';

/** A network object for pure planning tests: no constructs, flows kept in memory. */
export function fakeNetwork(cloud: Cloud, region: string, zones: string[], planes: Plane[] = ['training', 'inference', 'data', 'management', 'protected']): INetwork {
  const flows: DeclaredFlow[] = [];
  return {
    cloud,
    region,
    zones,
    cidr: '10.0.0.0/16',
    planes,
    layout: computeLayout({ cidr: '10.0.0.0/16', planes, zones }, 'fake'),
    flows,
    allows: (from, to, port, protocol) => flowsAllow(flows, from, to, port, protocol),
    allow: (from, to, port, reason, protocol) => {
      const f = checkFlow({ from, to, port, reason, protocol }, planes, 'fake');
      flows.push(f);
      return f;
    },
  };
}
