import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { AiraTagValues, TagDialect, formatTags, validateTagValues } from './tags';

/**
 * Applies the tagging scheme to every taggable resource under a scope, on every cloud, in the style of
 * aws-cdk's `Tags.of(scope).add(...)`. Tags set on an inner scope override those of an outer one, and
 * tags a resource sets itself override both.
 *
 * @example
 * AiraTags.of(stack).add({ level: 2, owner: 'ml-platform', costCenter: 'cc-1234' });
 */
export class AiraTags {
  /** The tag handle of a scope. */
  public static of(scope: IConstruct): AiraTags {
    return new AiraTags(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Adds tag values to every taggable resource under the scope (checked against all clouds' rules). */
  public add(values: AiraTagValues): void {
    validateTagValues(values, this.scope.node.path);
    Aspects.of(this.scope).add(new TagAspect(values));
  }
}

/** Tags the aspects have set on a resource so far, and the tags the resource had before any aspect. */
interface TagState {
  readonly own: Record<string, string>;
  auto: Record<string, string>;
}
const states = new WeakMap<IConstruct, TagState>();

/** Which cloud's rules a resource type follows, and the attribute holding its tags. */
function dialectOf(resourceType: string): { dialect: TagDialect; attribute: 'tags' | 'labels' } | undefined {
  if (resourceType.startsWith('aws_')) return { dialect: 'aws', attribute: 'tags' };
  if (resourceType.startsWith('azurerm_')) return { dialect: 'azure', attribute: 'tags' };
  // On Google, `tags` are network tags (a list); key/value metadata lives in `labels`.
  if (resourceType.startsWith('google_')) return { dialect: 'gcp', attribute: 'labels' };
  return undefined;
}

class TagAspect implements IAspect {
  constructor(private readonly values: AiraTagValues) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const d = dialectOf(node.terraformResourceType);
    if (!d) return;
    // Generated resource classes expose `<attr>Input` only when the resource takes that attribute.
    const inputKey = `${d.attribute}Input`;
    if (!(inputKey in node)) return;
    const target = node as unknown as Record<string, unknown>;
    let state = states.get(node);
    if (!state) {
      const own = target[inputKey];
      // A token (not a plain map) cannot be merged at synth time: leave such a resource alone.
      if (own !== undefined && (typeof own !== 'object' || own === null || Array.isArray(own))) return;
      state = { own: { ...(own as Record<string, string> | undefined) }, auto: {} };
      states.set(node, state);
    }
    state.auto = { ...state.auto, ...formatTags(this.values, d.dialect) };
    target[d.attribute] = { ...state.auto, ...state.own };
  }
}
