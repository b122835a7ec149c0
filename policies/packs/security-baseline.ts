import { Pack } from '../../lib/policy/types';

/** The security baseline a platform or compliance team adopts on day one (AWS, Azure, Google). */
export const securityBaselinePack: Pack = {
  id: 'aira-security-baseline',
  title: 'aira security baseline',
  description:
    'Encryption at rest and in transit for storage, encryption at rest with a customer-managed key for object storage, file systems, disks and volumes, public access blocked on buckets, key rotation, no public IP on compute, IMDSv2, ' +
    'no SSH or RDP from the internet, no SSH keys on training pools, flow logs on every network, ' +
    'audit logging (CloudTrail integrity, Azure diagnostic settings to Log Analytics, Cloud Storage data access logs) where the stack declares the audit sink, ' +
    'no wildcard IAM actions on every resource (no basic roles for Google service accounts), no all-ports rule from the internet, ' +
    'private Kubernetes control planes and node pools without public IPs.',
  rules: {
    'AIRA-STO-001': {},
    'AIRA-STO-002': {},
    'AIRA-STO-003': {},
    'AIRA-STO-004': {},
    'AIRA-STO-005': {},
    'AIRA-STO-006': {},
    'AIRA-KMS-001': {},
    'AIRA-CMP-001': {},
    'AIRA-CMP-002': {},
    'AIRA-NET-001': {},
    'AIRA-NET-002': {},
    'AIRA-GLD-004': {},
    'AIRA-IAM-001': {},
    'AIRA-NET-003': {},
    'AIRA-K8S-001': {},
    'AIRA-K8S-002': {},
    'AIRA-LOG-001': {},
    'AIRA-LOG-002': {},
    'AIRA-LOG-003': {},
    'AIRA-LOG-004': {},
    'AIRA-ENC-001': {},
    'AIRA-ENC-002': {},
    'AIRA-ENC-003': {},
  },
};
