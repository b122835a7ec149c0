/**
 * IPv4 address ranges as rules read them from firewall and security rules: lenient (a bare address is
 * a /32, host bits are ignored), never throwing, since a rule judges what users wrote.
 */

/** An inclusive range of IPv4 addresses, as unsigned 32-bit integers. */
export interface Ipv4Range {
  readonly lo: number;
  readonly hi: number;
}

const ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** `a.b.c.d/n` or `a.b.c.d` as a range; undefined for anything else (service tags, IPv6, `*`). */
export function ipv4Range(text: unknown): Ipv4Range | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ADDRESS.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const span = 2 ** (32 - prefix);
  const lo = addr - (addr % span);
  return { lo, hi: lo + span - 1 };
}

/** Whether two ranges share an address. */
export const rangesOverlap = (a: Ipv4Range, b: Ipv4Range): boolean => a.lo <= b.hi && b.lo <= a.hi;

/** Whether `outer` holds every address of `inner`. */
export const rangeContains = (outer: Ipv4Range, inner: Ipv4Range): boolean => outer.lo <= inner.lo && inner.hi <= outer.hi;
