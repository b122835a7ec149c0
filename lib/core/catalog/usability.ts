import { AiraError, ErrorCodes } from '../errors';
import { SkuSpec } from './types';

/** Context a SKU is checked against. */
export interface UsageContext {
  /** The cloud of the construct using the SKU. */
  readonly cloud: SkuSpec['cloud'];
  /** The region it deploys to. */
  readonly region: string;
  /** Today's date (ISO), against which retirement dates are read. */
  readonly today: string;
}

/** A non-fatal finding about a SKU (for annotations and reports). */
export interface SkuWarning {
  readonly code: 'AIRA_W_SKU_RETIRING' | 'AIRA_W_SKU_UNLISTED';
  readonly message: string;
}

/**
 * Checks that a SKU can be deployed: right cloud, not retired, offered in the region. Throws
 * AIRA_E_SKU_WRONG_CLOUD, AIRA_E_SKU_RETIRED or AIRA_E_UNAVAILABLE_IN_REGION; returns warnings for a
 * SKU that is retiring, or that the catalog does not list (so nothing could be checked).
 */
export function checkSkuUsable(spec: SkuSpec, listed: boolean, ctx: UsageContext, where: string): SkuWarning[] {
  if (spec.cloud !== ctx.cloud) {
    throw new AiraError(ErrorCodes.SKU_WRONG_CLOUD, where, `${spec.id} is a ${spec.cloud} SKU, used on ${ctx.cloud}`, `pick a ${ctx.cloud} SKU from the catalog (aira catalog --cloud ${ctx.cloud})`);
  }
  if (!listed) {
    return [{ code: 'AIRA_W_SKU_UNLISTED', message: `${spec.id} is not in the catalog: region availability and lifecycle were not checked` }];
  }
  const lc = spec.lifecycle;
  if (lc.status !== 'current' && lc.date <= ctx.today) {
    throw new AiraError(ErrorCodes.SKU_RETIRED, where, `${spec.id} was retired on ${lc.date}`, `move to a current SKU of the same family (aira catalog --cloud ${spec.cloud} --family ${spec.family})`);
  }
  if (!spec.regions.includes(ctx.region)) {
    throw new AiraError(
      ErrorCodes.UNAVAILABLE_IN_REGION,
      where,
      `${spec.id} is not offered in ${ctx.region} (offered in: ${spec.regions.join(', ')}; list as of ${spec.regionsAsOf})`,
      `deploy to one of those regions, or pick another SKU; if the cloud now offers it there, declare it with AcceleratorSku.unlisted`,
    );
  }
  if (lc.status === 'retiring') {
    return [{ code: 'AIRA_W_SKU_RETIRING', message: `${spec.id} retires on ${lc.date}: plan the move to a current SKU` }];
  }
  return [];
}
