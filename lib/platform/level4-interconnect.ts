import * as path from 'path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend, applyBackend } from '../core/backend';
import { Cloud } from '../core/catalog/types';
import { AiraError, ErrorCodes } from '../core/errors';
import { CloudKit } from '../core/kit';
import { AiraTags } from '../core/tagging';
import { AiraTagValues } from '../core/tags';
import { IVpnGateway, IVpnLinkEnd, VpnKit, VpnLinkPlan, VpnPlan } from '../core/vpn';
import { PolicyGuard, PolicyGuardOptions } from '../policy/guard';
import { platformGuard } from './platform-stack';
import { onStackSynthesis } from './synth-files';

/** Options of the site-to-site VPN between a Level 4 platform's clouds. */
export interface Level4VpnOptions {
  /** BGP ASN of each cloud's VPN gateway (16-bit private, distinct). @default `DEFAULT_VPN_ASNS` (aws 64512, azure 64513, gcp 64514) */
  readonly asns?: Partial<Record<Cloud, number>>;
  /**
   * State backend of the interconnect stack (`<id>-interconnect`).
   * @default the platform's `backend` called with the interconnect stack's name and the plan's first cloud; local state without one
   */
  readonly backend?: StateBackend;
}

/** One link of the interconnect as built. */
export interface Level4VpnLink {
  readonly plan: VpnLinkPlan;
  /** The link's two halves, on its first (`a`) and second (`b`) cloud. */
  readonly a: IVpnLinkEnd;
  readonly b: IVpnLinkEnd;
  /** The Terraform variable that holds the link's pre-shared key: set `TF_VAR_<name>` at deploy. */
  readonly keyVariable: string;
}

/** What the VPN interconnect built. */
export interface Level4Vpn {
  /** Links, tunnels, ASNs and inside addresses. */
  readonly plan: VpnPlan;
  /** The interconnect stack: every link end, deployed after the clouds' stacks. */
  readonly stack: TerraformStack;
  /** Each cloud's gateway, in that cloud's stack. */
  readonly gateways: Readonly<Partial<Record<Cloud, IVpnGateway>>>;
  readonly links: readonly Level4VpnLink[];
  /** The interconnect stack's policy guard. @default none when `policyGuard` is false or an app-wide guard covers the stack */
  readonly guard?: PolicyGuard;
}

/** The VPN side of every kit the plan uses, or AIRA_E_UNSUPPORTED_OPTION naming the kit without one. */
export function vpnKits(clouds: readonly Cloud[], kits: Partial<Record<Cloud, CloudKit>>, where: string): Partial<Record<Cloud, VpnKit>> {
  const out: Partial<Record<Cloud, VpnKit>> = {};
  for (const cloud of clouds) {
    const vpn = kits[cloud]?.vpn;
    if (!vpn || typeof vpn.createGateway !== 'function' || typeof vpn.createLinkEnd !== 'function' || typeof vpn.configureProvider !== 'function') {
      throw new AiraError(ErrorCodes.UNSUPPORTED_OPTION, where, `the ${cloud} kit builds no site-to-site VPN, and interconnect 'vpn' needs one on every cloud of the plan`, `use the library's ${cloud}Kit, or set interconnect: 'none' and connect the networks yourself`);
    }
    out[cloud] = vpn;
  }
  return out;
}

/**
 * A backend whose state another stack can read through a cdktf cross-stack reference. cdktf's local
 * remote-state data source takes the producer's `path` as it stands, but Terraform resolves it in the
 * consumer's working directory (`cdktf.out/stacks/<consumer>`), where a relative path points at the
 * wrong file. `../<stack>/<path>` names the same file from the producer's own directory and from any
 * sibling stack's. Remote backends (S3, Azure Blob, GCS) are read by their own coordinates: unchanged.
 */
export function readableAcrossStacks(backend: StateBackend | undefined, stackId: string): StateBackend {
  if (backend && backend.kind !== 'local') return backend;
  const file = backend?.path ?? `terraform.${stackId}.tfstate`;
  return path.posix.isAbsolute(file) ? StateBackend.local(file) : StateBackend.local(`../${stackId}/${file}`);
}

/** Props of `buildInterconnect`. */
export interface InterconnectProps {
  readonly plan: VpnPlan;
  readonly kits: Partial<Record<Cloud, VpnKit>>;
  readonly gateways: Partial<Record<Cloud, IVpnGateway>>;
  /** Prefix of resource names. */
  readonly name: string;
  /** @default local state */
  readonly backend?: StateBackend;
  /** @default none */
  readonly tags?: AiraTagValues;
  /** @default on */
  readonly policyGuard?: PolicyGuardOptions | false;
}

/**
 * The interconnect stack: every cloud's provider, one sensitive pre-shared key variable per link, and
 * both halves of every link. The halves read the gateways (built in the clouds' stacks) through cdktf
 * cross-stack references, so the stack depends on the clouds' stacks and `cdktf deploy` applies it
 * last; nothing in the clouds' stacks reads from it, so there is no cycle.
 *
 * Order inside a link: the end on the link's first cloud is built first, from the second cloud's
 * gateway addresses; the second end then dials the first end's addresses. On links with AWS (always
 * the first cloud), that is how the second cloud learns the AWS tunnel endpoints, which exist only
 * once the VPN connections do.
 */
export function buildInterconnect(scope: Construct, id: string, props: InterconnectProps): Level4Vpn {
  const stack = new TerraformStack(scope, id);
  applyBackend(stack, props.backend, id);
  for (const cloud of props.plan.clouds) props.kits[cloud]!.configureProvider(stack);
  if (props.tags) AiraTags.of(stack).add(props.tags);
  const linksScope = new Construct(stack, 'links');
  const links: Level4VpnLink[] = [];
  for (const link of props.plan.links) {
    const key = new TerraformVariable(stack, link.keyVariable, {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Pre-shared key of the ${link.a}-${link.b} site-to-site VPN (every tunnel of the link). Set TF_VAR_${link.keyVariable} from your secret store.`,
      // AWS's rule, the strictest of the three (8-64 letters, digits, . and _, not starting with 0,
      // docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html), with a
      // 32-character floor: a short key is the one weak point of an IKE pre-shared-key tunnel.
      validation: [
        {
          condition: `\${can(regex("^[A-Za-z1-9._][A-Za-z0-9._]{31,63}$", var.${link.keyVariable}))}`,
          errorMessage: 'The pre-shared key must be 32 to 64 letters, digits, . or _, and must not start with 0.',
        },
      ],
    });
    key.overrideLogicalId(link.keyVariable);
    const at = new Construct(linksScope, link.key);
    const gwA = props.gateways[link.a]!;
    const gwB = props.gateways[link.b]!;
    // The first end dials the second gateway's interfaces; the tunnel's far interface is in the plan.
    const a = props.kits[link.a]!.createLinkEnd(at, link.a, {
      gateway: gwA,
      link,
      side: 'a',
      peerAddresses: link.tunnels.map((t) => gwB.publicAddresses[t.b.interface]),
      sharedKey: key.stringValue,
      name: props.name,
    });
    const b = props.kits[link.b]!.createLinkEnd(at, link.b, { gateway: gwB, link, side: 'b', peerAddresses: a.localAddresses, sharedKey: key.stringValue, name: props.name });
    links.push({ plan: link, a, b, keyVariable: link.keyVariable });
  }
  dependenciesByName(stack);
  const guard = platformGuard(stack, props.policyGuard);
  return { plan: props.plan, stack, gateways: props.gateways, links, ...(guard ? { guard } : {}) };
}

/**
 * Writes the stack's dependencies into `manifest.json` by stack name. cdktf 0.21 writes them as
 * construct paths (`<platform>/<stack>` for the platform's nested stacks) while `cdktf deploy` looks
 * them up by stack name, so without this the interconnect stack would wait for stacks it never finds.
 * Stack names are unique in an app (they name the output folders), so the mapping is exact.
 */
function dependenciesByName(stack: TerraformStack): void {
  onStackSynthesis(stack, 'aira-dependencies', (session) => {
    const entry = session.manifest.forStack(stack) as { dependencies: string[] };
    entry.dependencies = stack.dependencies.map((d) => d.node.id);
  });
}
