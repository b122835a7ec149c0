import { IConstruct } from 'constructs';
import { Cidr, overlaps, parseCidr } from './cidr';
import { AiraError, ErrorCodes } from './errors';

/** A block registered by a network, with who registered it. */
interface Claim {
  readonly cidr: Cidr;
  readonly text: string;
  readonly path: string;
}

/**
 * Networks of one address space must not overlap, so that the clouds of one platform can be connected
 * later (VPN, interconnect, peering) without renumbering. Spaces are per cdktf App: two apps (say, dev
 * and prod) never collide, and networks in one app that are never meant to be joined can name their own
 * space.
 */
const spaces = new WeakMap<IConstruct, Map<string, Claim[]>>();

/**
 * Registers `cidr` for `scope` in the named address space of its app, or throws AIRA_E_CIDR_OVERLAP
 * naming the network it collides with.
 */
export function claimAddressSpace(scope: IConstruct, space: string, cidr: string): void {
  const root = scope.node.root;
  const bySpace = spaces.get(root) ?? new Map<string, Claim[]>();
  spaces.set(root, bySpace);
  const claims = bySpace.get(space) ?? [];
  const parsed = parseCidr(cidr, scope.node.path);
  const clash = claims.find((c) => overlaps(c.cidr, parsed));
  if (clash) {
    throw new AiraError(
      ErrorCodes.CIDR_OVERLAP,
      scope.node.path,
      `${cidr} overlaps ${clash.text} of ${clash.path} in address space "${space}"`,
      'give each network of a platform its own block (for example 10.10.0.0/16, 10.20.0.0/16, 10.30.0.0/16), or a different addressSpace if they will never be connected',
    );
  }
  claims.push({ cidr: parsed, text: cidr, path: scope.node.path });
  bySpace.set(space, claims);
}
