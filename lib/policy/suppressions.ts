/**
 * Suppressions declared in cdktf code, carried to the plan: `Suppressions.of(construct).add({ id,
 * reason })` covers the Terraform resources under the construct; synth writes them, keyed by
 * Terraform address, to `cdktf.out/stacks/<stack>/aira-suppressions.json`, which `aira check` reads
 * beside the plan. Loads cdktf: keep it out of the plan-check path.
 */
import { TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { ensureStackHook, hookApp } from './stack-hook';
import { MIN_REASON_LENGTH, WrittenSuppression, reasonProblem } from './suppressions-file';

/** A suppression as declared in code. */
export interface SuppressionProps {
  /** Rule id (`AIRA-NET-001`) or an equivalent Checkov / Trivy id the rule lists in its references. */
  readonly id: string;
  /** Why the finding is accepted; at least 10 characters, kept in every report. */
  readonly reason: string;
  /**
   * Narrows the suppression to some of the construct's resources: resource types (`aws_security_group_rule`)
   * or Terraform addresses, `*` matching any run of characters (`aws_security_group.*bastion*`).
   * @default every resource under the construct
   */
  readonly appliesTo?: readonly string[];
}

const REGISTRY = new WeakMap<IConstruct, SuppressionProps[]>();

/** Suppressions of one construct. */
export class Suppressions {
  /** The suppressions of a construct (and of every resource under it). */
  public static of(scope: IConstruct): Suppressions {
    return new Suppressions(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Adds a suppression. Throws AIRA_E_INVALID_PROP for a missing id or a reason under 10 characters. */
  public add(props: SuppressionProps): this {
    const where = this.scope.node.path || '<app>';
    if (typeof props.id !== 'string' || props.id.trim() === '') {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, 'a suppression needs the id of the rule it suppresses', 'pass id, for example "AIRA-NET-001"');
    }
    const problem = reasonProblem(props.reason);
    if (problem) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `suppression ${props.id} ${problem}`, `say why the finding is accepted, in at least ${MIN_REASON_LENGTH} characters`);
    }
    if (props.appliesTo !== undefined && (!Array.isArray(props.appliesTo) || props.appliesTo.some((p) => typeof p !== 'string' || p === ''))) {
      throw new AiraError(ErrorCodes.INVALID_PROP, where, `suppression ${props.id} has an appliesTo that is not a list of types or addresses`, 'pass resource types or Terraform addresses, or leave appliesTo out');
    }
    const list = REGISTRY.get(this.scope);
    const entry = { id: props.id.trim(), reason: props.reason.trim(), ...(props.appliesTo ? { appliesTo: [...props.appliesTo] } : {}) };
    if (list) list.push(entry);
    else REGISTRY.set(this.scope, [entry]);
    const stack = stackOf(this.scope);
    if (stack) ensureStackHook(stack);
    else hookApp(this.scope.node.root);
    return this;
  }

  /** The suppressions declared on this construct itself. */
  public get entries(): readonly SuppressionProps[] {
    return REGISTRY.get(this.scope) ?? [];
  }
}

function stackOf(c: IConstruct): TerraformStack | undefined {
  for (let n: IConstruct | undefined = c; n; n = n.node.scope) if (TerraformStack.isStack(n)) return n;
  return undefined;
}

/** The Terraform address of a resource or data source construct, or undefined for other constructs. */
export function addressOf(c: IConstruct): string | undefined {
  if (TerraformResource.isTerraformResource(c)) return `${c.terraformResourceType}.${c.friendlyUniqueId}`;
  if (TerraformDataSource.isTerraformDataSource(c)) return `data.${c.terraformResourceType}.${c.friendlyUniqueId}`;
  return undefined;
}

function matches(pattern: string, address: string, type: string): boolean {
  if (pattern === type) return true;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(address);
}

/** The suppressions of a stack, resolved to Terraform addresses; those that cover nothing apart. */
export function stackSuppressions(stack: TerraformStack): { byAddress: Map<string, WrittenSuppression[]>; unmatched: WrittenSuppression[] } {
  const elements = stack.node
    .findAll()
    .map((c) => ({ c, address: addressOf(c) }))
    .filter((e): e is { c: IConstruct; address: string } => e.address !== undefined);
  const byAddress = new Map<string, WrittenSuppression[]>();
  const unmatched: WrittenSuppression[] = [];
  const ancestors = stack.node.scopes.filter((c) => c !== stack);
  for (const carrier of [...ancestors, ...stack.node.findAll()]) {
    const entries = REGISTRY.get(carrier);
    if (!entries) continue;
    const path = carrier.node.path;
    const aboveStack = ancestors.includes(carrier);
    for (const s of entries) {
      const written = { id: s.id, reason: s.reason, constructPath: path || '<app>' };
      const covered = elements.filter(({ c, address }) => {
        const p = c.node.path;
        const under = aboveStack || p === path || p.startsWith(`${path}/`);
        const type = address.replace(/^data\./, '').split('.')[0];
        return under && (!s.appliesTo || s.appliesTo.some((pat) => matches(pat, address, type)));
      });
      if (!covered.length) unmatched.push(written);
      for (const { address } of covered) {
        const list = byAddress.get(address) ?? [];
        list.push(written);
        byAddress.set(address, list);
      }
    }
  }
  return { byAddress, unmatched };
}
