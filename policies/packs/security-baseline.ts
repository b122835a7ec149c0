import { Pack } from '../../lib/policy/types';

/** The security baseline a platform or compliance team adopts on day one (AWS, Azure, Google). */
export const securityBaselinePack: Pack = {
  id: 'aira-security-baseline',
  title: 'aira security baseline',
  description:
    'Encryption at rest and in transit for storage, public access blocked on buckets, key rotation, no public IP on compute, IMDSv2, ' +
    'no SSH or RDP from the internet, no SSH keys on training pools.',
  rules: {
    'AIRA-STO-001': {},
    'AIRA-STO-002': {},
    'AIRA-STO-003': {},
    'AIRA-STO-004': {},
    'AIRA-KMS-001': {},
    'AIRA-CMP-001': {},
    'AIRA-CMP-002': {},
    'AIRA-NET-001': {},
    'AIRA-NET-002': {},
    'AIRA-GLD-004': {},
  },
};
