import { fail, notApplicable, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, Verdict } from '../../lib/policy/types';
import { planeOf } from './planes';

const TRAINING = 'training';

/** Whether a resource is a training pool's node definition (tagged aira:plane = training). */
const isTraining = (r: ResourceView): boolean => planeOf(r) === TRAINING;

/** Golden rule 4a: no SSH key pairs on training nodes. */
export const trainingNoSshKeys: Rule = {
  id: 'AIRA-GLD-004',
  title: 'Training nodes carry no SSH key pair',
  severity: 'high',
  rationale:
    'Immutable infrastructure: training nodes are replaced, never logged into and patched by hand. A baked-in key pair is a long-lived credential shared by every node and a path to drift. ' +
    'Reach nodes through SSM Session Manager or OS Login instead. On Google, instance-level ssh-keys metadata is checked on every instance template (templates carry no plane label), and project keys must be blocked. ' +
    'Azure Linux scale sets require an admin key or password by API contract, so Azure is not checked here.',
  remediation: 'Remove key_name from the training launch template (AWS); remove ssh-keys metadata and set block-project-ssh-keys = TRUE with enable-oslogin = TRUE (Google).',
  resourceTypes: ['aws_launch_template', 'google_compute_instance_template', 'google_compute_region_instance_template'],
  frameworks: {
    'iso-27001-2022': ['A.8.2', 'A.8.5', 'A.8.9'],
    soc2: ['CC6.1', 'CC8.1'],
    hipaa: ['164.312(a)(1)', '164.312(d)'],
  },
  references: ['CKV_GCP_32'],
  docs: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html', 'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys'],
  check(r): Verdict {
    if (r.type === 'aws_launch_template') {
      if (!isTraining(r)) return notApplicable('not a training pool');
      const key = stringAt(r, ['key_name']);
      if (key === UNKNOWN) return unknown('key_name is known only after apply', 'key_name');
      if (key) return fail(`key_name = ${key}: training nodes carry an SSH key pair`, 'key_name');
      return pass('no key pair');
    }
    const sshKeys = stringAt(r, ['metadata', 'ssh-keys']);
    if (sshKeys === UNKNOWN) return unknown('metadata ssh-keys is known only after apply', 'metadata.ssh-keys');
    if (sshKeys) return fail('instance-level ssh-keys metadata puts SSH keys on the nodes', 'metadata.ssh-keys');
    const block = stringAt(r, ['metadata', 'block-project-ssh-keys']);
    if (block === UNKNOWN) return unknown('block-project-ssh-keys is known only after apply', 'metadata.block-project-ssh-keys');
    if (String(block).toUpperCase() !== 'TRUE') return fail('project-wide SSH keys are not blocked (metadata block-project-ssh-keys)', 'metadata.block-project-ssh-keys');
    return pass('no instance SSH keys; project keys blocked');
  },
};

/**
 * Golden rule 4b: a training pool's node definition is replaced, never mutated in place. Decided on a
 * plan only: a synthesized stack has no actions.
 * Image pinning is AIRA-GLD-007 (policies/golden/pinned-image.ts).
 */
export const trainingReplacedNotMutated: Rule = {
  id: 'AIRA-GLD-005',
  title: 'Training pools are replaced, not mutated in place',
  severity: 'medium',
  rationale:
    'A training run must be reproducible: every node of a pool runs the same definition, and a new definition is rolled through the pool. ' +
    "An in-place update of a training pool's launch template or scale-set model leaves running nodes on the old definition until a rolling replace, so one pool mixes two. " +
    'Google instance templates are immutable (every change replaces them), so they never trip this rule.',
  remediation: 'Roll the change through the pool: an instance refresh (AWS Auto Scaling) or a rolling upgrade (Azure scale set) right after the apply, or replace the pool.',
  resourceTypes: ['aws_launch_template', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'],
  sources: ['plan'],
  frameworks: {
    'iso-27001-2022': ['A.8.9', 'A.8.32'],
    soc2: ['CC8.1'],
    // No EU AI Act entry: Art. 12 is about event logs, and a rolling replace is not a robustness measure of the AI system itself.
  },
  references: [],
  docs: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-refresh.html'],
  check(r): Verdict {
    if (!isTraining(r)) return notApplicable('not a training pool');
    if (r.actions.includes('update') && !r.actions.includes('delete')) {
      return fail("an in-place update of a training pool's node definition: running nodes keep the old one until a rolling replace (instance refresh / rolling upgrade)");
    }
    return pass('no in-place update of the node definition');
  },
};
