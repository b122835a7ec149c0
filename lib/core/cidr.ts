import { AiraError, ErrorCodes } from './errors';

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. The address must be the network address of the block (no host bits set), since a
 * block like 10.0.0.5/16 is almost always a typo for something else.
 */
export function parseCidr(text: string, where: string): Cidr {
  const m = CIDR_RE.exec(typeof text === 'string' ? text.trim() : '');
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    throw new AiraError(ErrorCodes.INVALID_CIDR, where, `"${String(text)}" is not an IPv4 CIDR block`, 'write it as a.b.c.d/n, for example 10.20.0.0/16');
  }
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if ((base & hostMask(prefix)) !== 0) {
    const fixed = formatCidr({ base: (base & ~hostMask(prefix)) >>> 0, prefix });
    throw new AiraError(ErrorCodes.INVALID_CIDR, where, `"${text}" has host bits set`, `use the network address: ${fixed}`);
  }
  return { base, prefix };
}

function hostMask(prefix: number): number {
  return prefix === 0 ? 0xffffffff : (2 ** (32 - prefix) - 1) >>> 0;
}

/** Formats a block as `a.b.c.d/n`. */
export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** Number of addresses in a block. */
export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** Whether two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/**
 * The `index`-th block of length `newPrefix` inside `parent`. Callers check that the block fits.
 */
export function subBlock(parent: Cidr, newPrefix: number, index: number): Cidr {
  return { base: (parent.base + index * 2 ** (32 - newPrefix)) >>> 0, prefix: newPrefix };
}
