import { Rule } from '../../lib/policy/types';
import { INGRESS_TYPES, PortMatch, internetIngressMatching } from './ingress-forms';

/**
 * Every port: a range from 0 or 1 to 65535 (port 0 is reserved, so `1-65535` opens just as much), or
 * every protocol (AWS `-1`, Azure `*`, Google `all`), which the shared reader treats as all ports.
 */
const EVERY_PORT: PortMatch = { phrase: 'every port (all tcp/udp ports or all protocols)', protocols: ['tcp', 'udp'], covers: (lo, hi) => lo <= 1 && hi >= 65535 };

/** No inbound rule opens every port or every protocol to the internet, in every AWS, Azure and Google rule form. */
export const noAllPortsFromInternet: Rule = {
  id: 'AIRA-NET-003',
  title: 'No rule opens every port to the internet',
  severity: 'critical',
  rationale:
    'An allow-all inbound rule from any address exposes every listening service of the nodes (Kubernetes kubelets, NCCL and MPI ports, ' +
    'Jupyter, metrics endpoints) to the internet; the segmentation the platform declares stops meaning anything.',
  remediation:
    'Open only the ports a flow needs, from the sources that need them (a load balancer, a peer plane, a VPN range); use SegmentedNetwork.allow for declared flows.',
  resourceTypes: INGRESS_TYPES,
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  // CKV_AWS_277 is the all-ports check; the Trivy ids are its broader "no public ingress" checks.
  references: ['CKV_AWS_277', 'AVD-AWS-0107', 'AVD-AZU-0047', 'AVD-GCP-0027'],
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    'https://cloud.google.com/compute/docs/reference/rest/v1/firewalls',
  ],
  check: (r) => internetIngressMatching(r, EVERY_PORT),
};
