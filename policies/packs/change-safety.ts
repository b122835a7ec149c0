import { Pack } from '../../lib/policy/types';

/** For the apply gate: a plan that destroys stored data stops the pipeline at any threshold. */
export const changeSafetyPack: Pack = {
  id: 'aira-change-safety',
  title: 'aira change safety',
  description: 'Plan-time guard only: deleting or replacing stateful storage is critical.',
  rules: {
    'AIRA-CHG-001': { severity: 'critical' },
  },
};
