import { Pack } from '../../lib/policy/types';

/** Every rule of the first set, at its own severity. */
export const baselinePack: Pack = {
  id: 'aira-baseline',
  title: 'aira baseline',
  description: 'Encryption at rest and in transit for storage, no SSH or RDP from the internet, no destruction of stateful storage in a plan.',
  rules: {
    'AIRA-STO-001': {},
    'AIRA-STO-002': {},
    'AIRA-NET-001': {},
    'AIRA-NET-002': {},
    'AIRA-CHG-001': {},
  },
};
