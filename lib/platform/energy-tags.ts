/**
 * Energy-aware scheduling needs every pool to carry its estimated power and its region's carbon
 * intensity where cost and carbon reports see them: as resource tags (AWS, Azure) or labels (Google)
 * on the pool's resources. The project's tagging scheme (`AiraTags`) holds six fixed facts, so these
 * two are added by an aspect of their own, after the scheme's tags and without overriding a tag the
 * resource sets itself.
 */
import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { PoolCapabilities } from '../core/compute';

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The energy tags of a pool, in a cloud's dialect (`aira:` keys; Google: `aira-` keys, values without `.`). */
export function energyTags(c: PoolCapabilities, dialect: 'aws' | 'azure' | 'gcp'): Record<string, string> {
  const facts: Array<[string, string]> = [
    ['power-kw-per-node', String(round(c.powerKwAtMax / c.nodes.max))],
    ['power-kw-at-max', String(c.powerKwAtMax)],
    ...(c.gridGco2PerKwh !== undefined ? ([['grid-gco2-per-kwh', String(c.gridGco2PerKwh)]] as Array<[string, string]>) : []),
    ['simulated', c.simulates ? c.simulates : 'false'],
  ];
  // Google label values: lowercase letters, digits, `_` and `-` (cloud.google.com/resource-manager/docs/labels-overview).
  if (dialect === 'gcp') return Object.fromEntries(facts.map(([k, v]) => [`aira-${k}`, v.replace(/\./g, '_')]));
  return Object.fromEntries(facts.map(([k, v]) => [`aira:${k}`, v]));
}

class EnergyTagAspect implements IAspect {
  constructor(private readonly caps: PoolCapabilities) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const type = node.terraformResourceType;
    const dialect = type.startsWith('aws_') ? 'aws' : type.startsWith('azurerm_') ? 'azure' : type.startsWith('google_') ? 'gcp' : undefined;
    if (!dialect) return;
    const attribute = dialect === 'gcp' ? 'labels' : 'tags';
    // Generated resource classes expose `<attr>Input` only when the resource takes that attribute.
    if (!(`${attribute}Input` in node)) return;
    const target = node as unknown as Record<string, unknown>;
    const current = target[`${attribute}Input`];
    if (current !== undefined && (typeof current !== 'object' || current === null || Array.isArray(current))) return;
    target[attribute] = { ...energyTags(this.caps, dialect), ...(current as Record<string, string> | undefined) };
  }
}

/** Adds a pool's energy tags to every taggable resource under it. */
export function tagPoolEnergy(pool: IConstruct, capabilities: PoolCapabilities): void {
  Aspects.of(pool).add(new EnergyTagAspect(capabilities));
}
