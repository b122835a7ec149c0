import { boolAt, fail, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, UNKNOWN, Verdict } from '../../lib/policy/types';

/**
 * The account-wide switch that lets containers opt into anonymous reads. azurerm 3.x and 4.x call it
 * `allow_nested_items_to_be_public` and default it to true, the opposite of Azure's own default
 * (registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_account#allow_nested_items_to_be_public;
 * hashicorp/terraform-provider-azurerm#27513); azurerm 2.x called it `allow_blob_public_access`, default false.
 */
function account(r: ResourceView): Verdict {
  const nested = boolAt(r, ['allow_nested_items_to_be_public']);
  if (nested === UNKNOWN) return unknown('allow_nested_items_to_be_public is known only after apply', 'allow_nested_items_to_be_public');
  if (nested === false) return pass('allow_nested_items_to_be_public = false: no container can be made public');
  if (nested === true) return fail('allow_nested_items_to_be_public = true: any container of the account can be opened to anonymous reads', 'allow_nested_items_to_be_public');
  const legacy = boolAt(r, ['allow_blob_public_access']);
  if (legacy === UNKNOWN) return unknown('allow_blob_public_access is known only after apply', 'allow_blob_public_access');
  if (legacy === false) return pass('allow_blob_public_access = false (azurerm 2.x): no container can be made public');
  if (legacy === true) return fail('allow_blob_public_access = true: any container of the account can be opened to anonymous reads', 'allow_blob_public_access');
  // A plan always shows the value the provider will use; only a configuration can leave it out. The
  // default is the provider version's (true up to azurerm 4.x), so an explicit false is asked for.
  return fail('allow_nested_items_to_be_public is not set, and azurerm 3.x and 4.x default it to true: any container of the account can be opened to anonymous reads; set it to false explicitly', 'allow_nested_items_to_be_public');
}

/** A container's own access level: `private` (the default), `blob` or `container`. */
function container(r: ResourceView): Verdict {
  const level = stringAt(r, ['container_access_type']);
  if (level === UNKNOWN) return unknown('container_access_type is known only after apply', 'container_access_type');
  if (level === undefined || level === 'private') return pass('the container is private');
  return fail(`container_access_type = ${level}: anonymous clients can read ${level === 'container' ? 'and list the container\'s blobs' : 'its blobs'}`, 'container_access_type');
}

/** Azure storage accounts forbid anonymous (public) blob access, and no container opens it. */
export const azureStoragePublicAccess: Rule = {
  id: 'AIRA-STO-006',
  title: 'Azure storage accounts and containers allow no anonymous public access',
  severity: 'high',
  rationale:
    'Anonymous read access to a container serves its data sets, checkpoints and model artifacts to anyone who learns the URL, with no identity in the logs. ' +
    'Turning it off on the account stops any container from being opened later; the provider\'s default leaves it allowed.',
  remediation: 'Set allow_nested_items_to_be_public = false on every azurerm_storage_account and leave container_access_type at "private" on every container.',
  resourceTypes: ['azurerm_storage_account', 'azurerm_storage_container'],
  frameworks: {
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: [],
  docs: ['https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent'],
  check(r): Verdict {
    return r.type === 'azurerm_storage_account' ? account(r) : container(r);
  },
};
