import { Rule } from '../../lib/policy/types';
import { INGRESS_TYPES, internetIngress } from './ingress-forms';

/** No RDP (tcp/udp 3389) open to the internet, in every AWS, Azure and Google rule form. */
export const noRdpFromInternet: Rule = {
  id: 'AIRA-NET-002',
  title: 'RDP is not open to the internet',
  severity: 'high',
  rationale: 'RDP exposed to any address invites credential stuffing and wormable remote-desktop flaws; it is a leading entry point of ransomware.',
  remediation: 'Allow 3389 only from a bastion or a private range; prefer Azure Bastion, AWS Fleet Manager or Google IAP for remote desktop.',
  resourceTypes: INGRESS_TYPES,
  frameworks: {
    'iso-27001-2022': ['A.8.20', 'A.8.22'],
    soc2: ['CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_25', 'CKV_AZURE_9', 'CKV_GCP_3', 'AVD-AWS-0107', 'AVD-AZU-0048', 'AVD-GCP-0027'],
  // RDP 8+ carries its data over UDP 3389 as well as TCP (learn.microsoft.com, "RDP Shortpath").
  check: (r) => internetIngress(r, { name: 'RDP', port: 3389, protocols: ['tcp', 'udp'] }),
};
