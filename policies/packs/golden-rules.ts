import { Pack } from '../../lib/policy/types';

/** The reference architecture's operational mandates (the five golden rules), as far as a plan can show them. */
export const goldenRulesPack: Pack = {
  id: 'aira-golden-rules',
  title: 'aira golden rules',
  description:
    'Zero trust between compute planes (declared flows only), inference pools and load balancers across two zones (topology, not latency), ' +
    'an air-gapped protected plane, immutable training pools (no SSH keys, pinned images, replace rather than mutate), ' +
    'and accelerator pools in regions under a grid carbon intensity ceiling (a warning).',
  rules: {
    'AIRA-GLD-001': {},
    'AIRA-GLD-002': {},
    'AIRA-GLD-003': {},
    'AIRA-GLD-004': {},
    'AIRA-GLD-005': {},
    'AIRA-GLD-006': {},
    'AIRA-GLD-007': {},
  },
};
