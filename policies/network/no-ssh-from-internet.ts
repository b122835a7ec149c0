import { Rule } from '../../lib/policy/types';
import { INGRESS_TYPES, internetIngress } from './ingress-forms';

/** No SSH (tcp 22) open to the internet, in every AWS, Azure and Google rule form. */
export const noSshFromInternet: Rule = {
  id: 'AIRA-NET-001',
  title: 'SSH is not open to the internet',
  severity: 'high',
  rationale:
    'SSH reachable from any address is the most scanned door on the internet: brute force, leaked keys and OpenSSH flaws all start there. ' +
    'Accelerator nodes hold model weights and data sets worth stealing.',
  remediation: 'Allow tcp 22 only from a bastion, a VPN range or a private range; prefer AWS SSM Session Manager, Azure Bastion or Google IAP TCP forwarding.',
  resourceTypes: INGRESS_TYPES,
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_24', 'CKV_AZURE_10', 'CKV_GCP_2', 'AVD-AWS-0107', 'AVD-AZU-0050', 'AVD-GCP-0027'],
  docs: ['https://cloud.google.com/compute/docs/reference/rest/v1/firewalls', 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview'],
  check: (r) => internetIngress(r, { name: 'SSH', port: 22, protocols: ['tcp'] }),
};
