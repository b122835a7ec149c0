import { KnownSkuId, findSku, requireSku } from './lookup';
import { SkuSpec } from './types';

/**
 * A SKU handle, in the style of aws-cdk's `InstanceType`: an open set. `of()` names a catalog SKU;
 * `unlisted()` names one the catalog lacks, with the facts the library needs stated by the user.
 * Nothing is checked until a construct uses the handle, so errors carry that construct's path.
 *
 * @example
 * AcceleratorSku.of('p5.48xlarge');
 * AcceleratorSku.unlisted({ id: 'p6-b200.48xlarge', cloud: 'aws', family: 'gpu', ... });
 */
export class AcceleratorSku {
  /** A SKU by its cloud id (catalog ids autocomplete; any string is accepted and checked at use). */
  public static of(id: KnownSkuId | (string & {})): AcceleratorSku {
    return new AcceleratorSku(id, findSku(id), true);
  }

  /** A SKU the catalog lacks. Region availability and lifecycle are not checked for it. */
  public static unlisted(spec: SkuSpec): AcceleratorSku {
    return new AcceleratorSku(spec.id, spec, false);
  }

  private constructor(
    /** The cloud's id of the SKU. */
    public readonly id: string,
    private readonly known: SkuSpec | undefined,
    /** Whether the facts come from the catalog (true) or from the user (false). */
    public readonly listed: boolean,
  ) {}

  /** The SKU's facts; throws AIRA_E_UNKNOWN_SKU at `where` for a catalog id that does not exist. */
  public specAt(where: string): SkuSpec {
    return this.known ?? requireSku(this.id, where);
  }

  public toString(): string {
    return this.id;
  }
}

/** A SKU given as a handle or as a plain id. */
export type SkuInput = AcceleratorSku | KnownSkuId | (string & {});

/** Turns a SKU prop into a handle. */
export function toSku(x: SkuInput): AcceleratorSku {
  return x instanceof AcceleratorSku ? x : AcceleratorSku.of(x);
}
