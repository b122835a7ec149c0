/**
 * AIRA-IAM-001: no administrator-equivalent grants. AWS: no Allow statement with a wildcard action
 * (`*`, `<service>:*`, or any NotAction) on every resource (`*`, or NotResource). Azure: no custom role
 * with `actions = ["*"]` assignable at a subscription or management group. Google: no basic role
 * (`roles/owner`, `roles/editor`) granted to a service account.
 *
 * An AWS policy document that interpolates ARNs of resources the plan creates is known only after apply;
 * the rule then reads the statements from the configuration's text (`ResourceView.configText`: the
 * synthesized string, or a plan's `constant_value` of a cdktf stack), where an interpolated Resource names
 * a specific resource and an interpolated Action stays unknown.
 *
 * Attribute names: hashicorp/aws `aws_iam_policy` / `aws_iam_role_policy` / `aws_iam_user_policy` /
 * `aws_iam_group_policy` `policy`, data `aws_iam_policy_document` `statement` (`effect`, `actions`,
 * `not_actions`, `resources`, `not_resources`); azurerm `azurerm_role_definition` (`scope`,
 * `permissions.actions`, `assignable_scopes`); google `google_project_iam_member` (`role`, `member`),
 * `google_project_iam_binding` (`role`, `members`): checked against the bindings of
 * @cdktf/provider-aws 21, provider-azurerm 14 and provider-google 16.
 */
import { tokenReferences, wholeReference } from '../../lib/policy/references';
import { blocks, fail, listAt, notApplicable, parseInterpolatedJson, pass, stringAt, unknown } from '../../lib/policy/rule-kit';
import { ResourceView, Rule, RuleContext, UNKNOWN, Verdict } from '../../lib/policy/types';
import { stripInstanceKeys } from '../../lib/policy/view';

const AWS_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const GOOGLE_GRANT_TYPES = [
  'google_project_iam_member',
  'google_project_iam_binding',
  'google_folder_iam_member',
  'google_folder_iam_binding',
  'google_organization_iam_member',
  'google_organization_iam_binding',
];
// Basic roles grant every permission of (almost) every service (cloud.google.com/iam/docs/roles-overview#basic).
const BASIC_ROLES = new Set(['roles/owner', 'roles/editor']);

type Tri = true | false | 'unknown';
const anyOf = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);

/** One statement in a neutral shape: values are strings, or `UNKNOWN` where only apply tells. */
interface Statement {
  readonly effect: string | typeof UNKNOWN;
  readonly actions?: unknown[];
  readonly notActions?: unknown[];
  readonly resources?: unknown[];
  readonly notResources?: unknown[];
}

/** A literal string, or a synthesized string holding `${...}`: UNKNOWN for the latter. */
const literal = (v: unknown): unknown => (typeof v === 'string' && v.includes('${') ? UNKNOWN : v);

/**
 * The elements of a top-level list (or single value) attribute. Where the view says unknown, a
 * synthesized stack still holds the `${...}` text, which names what it refers to: return that text.
 */
function elements(r: ResourceView, key: string): unknown[] | typeof UNKNOWN {
  const viewed = listAt(r, [key]);
  const raw = r.values[key];
  const rawList = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  if (viewed === UNKNOWN) return r.source === 'synth' && rawList.length ? rawList : UNKNOWN;
  return viewed.map((v, i) => (v === UNKNOWN && r.source === 'synth' && typeof rawList[i] === 'string' ? rawList[i] : v));
}

/** Whether an action grants everything of a service or of all services: `*`, `s3:*`. */
function wildcardAction(a: unknown): Tri {
  if (a === UNKNOWN || (typeof a === 'string' && a.includes('${'))) return 'unknown';
  return typeof a === 'string' && (a.trim() === '*' || /^[A-Za-z0-9-]+:\*$/.test(a.trim()));
}

/**
 * Whether a Resource element is `*`. A synthesized element that interpolates a resource's attribute
 * (`${aws_s3_bucket.b.arn}/*`) names that resource, never every resource; a bare variable may be `*`.
 */
function everyResource(v: unknown): Tri {
  if (v === UNKNOWN) return 'unknown';
  if (typeof v !== 'string') return false;
  if (v.includes('${')) return tokenReferences(v).length > 0 ? false : 'unknown';
  return v.trim() === '*';
}

function judgeStatements(list: readonly Statement[], where: string): Verdict {
  let pending: string | undefined;
  for (const [i, s] of list.entries()) {
    if (s.effect === UNKNOWN) {
      pending ??= `statement ${i} of ${where}: its Effect is known only after apply`;
      continue;
    }
    if (s.effect !== 'Allow') continue;
    // NotAction with Allow grants every action but the listed ones: wildcard by construction.
    const broadAction: Tri = s.notActions !== undefined ? true : anyOf((s.actions ?? []).map(wildcardAction));
    const broadResource: Tri = s.notResources !== undefined ? true : anyOf((s.resources ?? []).map(everyResource));
    if (broadAction === true && broadResource === true) {
      const what = s.notActions !== undefined ? 'NotAction' : `Action ${JSON.stringify((s.actions ?? []).filter((a) => wildcardAction(a) === true))}`;
      return fail(`statement ${i} of ${where} allows ${what} on ${s.notResources !== undefined ? 'NotResource (every other resource)' : 'Resource "*"'}: administrator-equivalent`);
    }
    if (broadAction !== false && broadResource !== false) pending ??= `statement ${i} of ${where}: whether it allows a wildcard action on every resource is known only after apply`;
  }
  if (pending) return unknown(pending);
  return pass(`no Allow statement of ${where} grants a wildcard action on every resource`);
}

// Elements keep their `${...}` text: wildcardAction and everyResource judge what it names.
const asArray = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

/**
 * Statements of an IAM JSON policy document. Configuration text (a synthesized or planned configuration
 * string) may hold `${...}` interpolations inside values, some with quotes of their own: they are read
 * around, and each element keeps its `${...}` text for wildcardAction and everyResource to judge.
 */
function jsonStatements(text: string): Statement[] | undefined {
  const doc = parseInterpolatedJson(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((s) => {
    const o = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const effect = literal(o.Effect);
    return {
      effect: effect === UNKNOWN ? UNKNOWN : String(effect ?? ''),
      actions: asArray(o.Action),
      notActions: asArray(o.NotAction),
      resources: asArray(o.Resource),
      notResources: asArray(o.NotResource),
    };
  });
}

/** Statements of a data `aws_iam_policy_document` (effect defaults to Allow in the provider). */
function documentStatements(r: ResourceView): { statements: Statement[]; fromConfig: boolean } | typeof UNKNOWN {
  const list = blocks(r, ['statement']);
  if (list === UNKNOWN) return UNKNOWN;
  let fromConfig = false;
  const read = (path: (string | number)[]): unknown[] | undefined => {
    if (r.get(path) === undefined) return undefined;
    const v = listAt(r, path);
    if (v !== UNKNOWN && !v.includes(UNKNOWN)) return v;
    // Some elements interpolate values known only after apply (a deferred read on a plan, or `${...}`
    // in a synthesized stack): the configuration's list names what each one refers to. It is taken
    // whole, never merged by index: `resources` and `actions` are sets, whose planned order is not the
    // configuration's.
    const text = configList(r, path);
    if (text && (v === UNKNOWN || text.length >= v.length)) {
      fromConfig = true;
      return text;
    }
    return v === UNKNOWN ? [UNKNOWN] : v;
  };
  const statements = list.map((at): Statement => {
    const effect = stringAt(r, [...at, 'effect']);
    return {
      effect: effect === UNKNOWN ? UNKNOWN : (effect ?? 'Allow'),
      actions: read([...at, 'actions']),
      notActions: read([...at, 'not_actions']),
      resources: read([...at, 'resources']),
      notResources: read([...at, 'not_resources']),
    };
  });
  return { statements, fromConfig: fromConfig && r.source === 'plan' };
}

// Longest configuration list read element by element; a longer one is left unknown.
const MAX_CONFIG_LIST = 4096;

/**
 * A list attribute's elements as the configuration writes them, when each is a string; else undefined.
 * A whole-list expression (`resources = "${concat(...)}"`) is no list of elements: undefined.
 */
function configList(r: ResourceView, path: (string | number)[]): string[] | undefined {
  const out: string[] = [];
  for (let j = 0; j < MAX_CONFIG_LIST; j++) {
    const t = r.configText([...path, j]);
    if (t === undefined) return out.length ? out : undefined;
    out.push(t);
  }
  return undefined;
}

// Said on a plan when the verdict rests on the configuration's text rather than the planned value.
const FROM_CONFIGURATION = 'judged from the configuration: the planned value is known only after apply';

function awsPolicy(r: ResourceView, ctx: RuleContext): Verdict {
  const value = r.get('policy');
  if (typeof value === 'string') {
    const st = jsonStatements(value);
    return st ? judgeStatements(st, 'the policy') : unknown('policy is not a JSON document this rule can read', 'policy');
  }
  if (value !== UNKNOWN) return pass('no policy document');
  // The configuration keeps the document's JSON shape around its interpolations (the synthesized stack,
  // or a plan's configuration expression of a cdktf stack): read what is literal.
  const raw = r.configText('policy');
  if (raw !== undefined) {
    const ref = wholeReference(raw);
    if (!ref) {
      const st = jsonStatements(raw);
      if (st) {
        const v = judgeStatements(st, 'the policy');
        return r.source === 'plan' ? { ...v, message: `${v.message} (${FROM_CONFIGURATION})` } : v;
      }
    } else if (ref.address.startsWith('data.aws_iam_policy_document.')) {
      // Inside a child module the reference names a module-local address.
      const address = r.module ? `${stripInstanceKeys(r.module)}.${ref.address}` : ref.address;
      const doc = ctx.find(address);
      if (doc) return fromDocument(doc, address);
    }
  }
  // A plan: the document may come from a policy document data source this input holds.
  for (const [address, paths] of r.references) {
    if (address.startsWith('data.aws_iam_policy_document.') && paths.some((p) => p === 'policy')) {
      const doc = ctx.find(address);
      if (doc) return fromDocument(doc, address);
    }
  }
  return unknown('the policy document is known only after apply, and its configuration holds no JSON document this rule can read (an expression or another resource\'s output)', 'policy');
}

function fromDocument(doc: ResourceView, address: string): Verdict {
  const st = documentStatements(doc);
  if (st === UNKNOWN) return unknown(`the statements of ${address} are known only after apply`);
  const v = judgeStatements(st.statements, address);
  return st.fromConfig ? { ...v, message: `${v.message} (${FROM_CONFIGURATION})` } : v;
}

// A scope is a subscription (`/subscriptions/<id>`) or a management group: a role there covers every
// resource group beneath it (learn.microsoft.com/azure/role-based-access-control/scope-overview).
function broadScope(v: unknown): Tri {
  if (v === UNKNOWN) return 'unknown';
  if (typeof v !== 'string') return false;
  if (v.includes('${')) {
    const refs = tokenReferences(v);
    if (refs.some((x) => /azurerm_subscription\.|azurerm_management_group\./.test(`${x.address}.`))) return true;
    return refs.length > 0 && refs.every((x) => /azurerm_resource_group\.|azurerm_[a-z_]+\./.test(`${x.address}.`) && !/subscription|management_group/.test(x.address)) ? false : 'unknown';
  }
  const s = v.trim().replace(/\/+$/, '').toLowerCase();
  return /^\/subscriptions\/[^/]+$/.test(s) || s.startsWith('/providers/microsoft.management/managementgroups/') || s === '/';
}

function azureRole(r: ResourceView): Verdict {
  const perms = blocks(r, ['permissions']);
  if (perms === UNKNOWN) return unknown('permissions are known only after apply', 'permissions');
  const star = anyOf(
    perms.map((p) => {
      const actions = listAt(r, [...p, 'actions']);
      if (actions === UNKNOWN) return 'unknown';
      return anyOf(actions.map((a) => (a === UNKNOWN || (typeof a === 'string' && a.includes('${')) ? 'unknown' : a === '*')));
    }),
  );
  if (star === false) return pass('no permissions block allows actions "*"');
  // assignable_scopes defaults to the definition's scope (azurerm role_definition docs).
  let scopes = elements(r, 'assignable_scopes');
  if (scopes !== UNKNOWN && scopes.length === 0) scopes = elements(r, 'scope');
  const broad: Tri = scopes === UNKNOWN ? 'unknown' : anyOf(scopes.map(broadScope));
  if (star === true && broad === true) return fail('the role allows actions "*" and is assignable at a subscription or management group: a custom Owner', 'permissions');
  if (broad === false) return pass('actions "*" only at resource group scope or narrower');
  return unknown('whether the role grants actions "*" at a subscription or management group is known only after apply', 'permissions');
}

function isServiceAccount(m: unknown): Tri {
  if (m === UNKNOWN) return 'unknown';
  if (typeof m !== 'string') return false;
  if (m.startsWith('serviceAccount:')) return true;
  if (m.includes('${')) return tokenReferences(m).some((x) => x.address.includes('google_service_account.')) ? true : 'unknown';
  return false;
}

function googleGrant(r: ResourceView): Verdict {
  const role = stringAt(r, ['role']);
  if (role === UNKNOWN) return unknown('role is known only after apply', 'role');
  if (role === undefined || !BASIC_ROLES.has(role)) return pass(`role ${role ?? '(none)'} is not a basic role`);
  const key = r.type.endsWith('_binding') ? 'members' : 'member';
  const members = elements(r, key);
  const sa: Tri = members === UNKNOWN ? 'unknown' : anyOf(members.map(isServiceAccount));
  if (sa === true) return fail(`basic role ${role} granted to a service account: every permission of nearly every service`, key);
  if (sa === 'unknown') return unknown(`basic role ${role}: whether the member is a service account is known only after apply`, key);
  return pass(`basic role ${role} is granted to no service account`);
}

/** No administrator-equivalent IAM grants on AWS, Azure and Google Cloud. */
export const noWildcardAdmin: Rule = {
  id: 'AIRA-IAM-001',
  title: 'No wildcard IAM actions on every resource',
  severity: 'critical',
  rationale:
    'A wildcard action on every resource makes a role an administrator: one leaked node credential or compromised training job can ' +
    'read every data set and model, delete the audit trail and create resources at will. Least privilege limits what a breach reaches.',
  remediation:
    'AWS: list the actions a workload needs and the ARNs it needs them on (no "*", "<service>:*" or NotAction on Resource "*"). ' +
    'Azure: give custom roles explicit actions, or scope "*" to a resource group. Google: grant predefined or custom roles, never roles/owner or roles/editor, to service accounts.',
  resourceTypes: [...AWS_POLICY_TYPES, 'aws_iam_policy_document', 'azurerm_role_definition', 'google_project_iam_custom_role', 'google_organization_iam_custom_role', ...GOOGLE_GRANT_TYPES],
  modes: ['managed', 'data'],
  frameworks: {
    'iso-27001-2022': ['A.5.15', 'A.8.2'],
    soc2: ['CC6.1', 'CC6.3'],
    hipaa: ['164.312(a)(1)'],
    'eu-ai-act': ['Art. 15(5)'],
  },
  references: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV_AZURE_39', 'CKV_GCP_117', 'AVD-AWS-0057'],
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://learn.microsoft.com/azure/role-based-access-control/custom-roles',
    'https://cloud.google.com/iam/docs/roles-overview#basic',
  ],
  check(r, ctx): Verdict {
    if (r.type === 'aws_iam_policy_document') return r.mode === 'data' ? fromDocument(r, r.address) : notApplicable('aws_iam_policy_document is a data source');
    if (AWS_POLICY_TYPES.includes(r.type)) return awsPolicy(r, ctx);
    if (r.type === 'azurerm_role_definition') return azureRole(r);
    if (r.type.endsWith('_iam_custom_role')) return notApplicable('Google custom roles cannot hold wildcard permissions: the API accepts only named permissions');
    return googleGrant(r);
  },
};
