/**
 * Constructs that put the registry and the Kueue manifests where people and schedulers read them:
 * files in the synth output folder, written with cdktf's custom-synthesis hook (the mechanism cdktf's
 * own TerraformAsset uses, and `lib/policy/stack-hook.ts`), and the registry as an object of the
 * platform's registry bucket so the scheduler reads it at run time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ISynthesisSession, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { IAcceleratorPool } from '../core/compute';
import { AiraError, ErrorCodes } from '../core/errors';
import { IQuantumAccess } from '../core/kit';
import { DataRole, IStorageTiers } from '../core/storage';
import { KueueManifests, KueueOptions, kueueManifests } from './kueue';
import { REGISTRY_FILE, REGISTRY_OBJECT_KEY, RegistryDocument, buildRegistry, mergeRegistries, registryJson } from './registry';

/** Props of `CapabilityRegistry`. */
export interface CapabilityRegistryProps {
  /** The pools of the stack, in any order (the document sorts them). */
  readonly pools: readonly IAcceleratorPool[];
  /** Quantum access of the stack. @default none */
  readonly quantumAccess?: readonly IQuantumAccess[];
  /** Storage whose bucket receives the registry object. @default none: the file only */
  readonly storage?: IStorageTiers;
  /** Role of the bucket the object goes to. @default 'model-registry' */
  readonly role?: DataRole;
  /** Object key. @default `REGISTRY_OBJECT_KEY` (aira/capability-registry.json) */
  readonly objectKey?: string;
}

const REGISTRY_MARK = Symbol.for('aira.platform.capabilityRegistry');

/**
 * The capability registry of one stack: `document` lists its pools; at synth, the app-wide document
 * (every `CapabilityRegistry` of the app, merged and sorted) is written to
 * `<outdir>/aira-registry.json`; with `storage`, the stack's document is also stored as an object of
 * the registry bucket (`aws_s3_object`, `google_storage_bucket_object`, `azurerm_storage_blob`).
 *
 * @example
 * new CapabilityRegistry(platform, 'registry', { pools: [gpu, sim], storage, role: 'model-registry' });
 */
export class CapabilityRegistry extends Construct {
  /** The app-wide document: every registry under the root, merged. */
  public static appDocument(scope: Construct): RegistryDocument {
    const docs = scope.node.root.node
      .findAll()
      .filter((c): c is CapabilityRegistry => (c as unknown as Record<symbol, unknown>)[REGISTRY_MARK] === true)
      .map((r) => r.document);
    return mergeRegistries(docs, scope.node.root.node.path || 'app');
  }

  /** The stack's registry document. */
  public readonly document: RegistryDocument;
  /** Where the object is stored, when a storage was given. */
  public readonly object?: { readonly role: DataRole; readonly key: string };

  constructor(scope: Construct, id: string, props: CapabilityRegistryProps) {
    super(scope, id);
    Object.defineProperty(this, REGISTRY_MARK, { value: true });
    const where = this.node.path;
    if (!Array.isArray(props?.pools)) throw new AiraError(ErrorCodes.MISSING_PROP, where, 'no pools given', 'pass pools: the pools of the stack');
    const stack = TerraformStack.of(this);
    this.document = buildRegistry(
      [{ stack: stack.node.id, pools: props.pools.map((p) => p.capabilities), quantumAccess: (props.quantumAccess ?? []).map((q) => ({ cloud: q.cloud, description: q.description })) }],
      where,
    );
    if (props.storage) {
      const role = props.role ?? 'model-registry';
      if (!props.storage.roles.includes(role)) {
        throw new AiraError(ErrorCodes.INVALID_PROP, where, `the storage has no ${role} bucket for the registry (roles: ${props.storage.roles.join(', ')})`, `add '${role}' to the storage's objectTiers, or pass role: one of its roles`);
      }
      const key = props.objectKey ?? REGISTRY_OBJECT_KEY;
      props.storage.putObject(role, key, registryJson(this.document));
      this.object = { role, key };
    }
    addCustomSynthesis(this, { onSynthesize: (session: ISynthesisSession) => writeFile(session.outdir, REGISTRY_FILE, registryJson(CapabilityRegistry.appDocument(this))) });
  }
}

/** Props of `KueueManifestFiles`. */
export interface KueueManifestFilesProps extends KueueOptions {
  /** The registry whose pools get flavors (the stack's own). */
  readonly registry: RegistryDocument;
}

/**
 * Kueue manifests of a stack's pools, written at synth to `<outdir>/stacks/<stack>/kueue/*.yaml`
 * (numbered in apply order). They are built, and checked, when the construct is created.
 */
export class KueueManifestFiles extends Construct {
  public readonly manifests: KueueManifests;

  constructor(scope: Construct, id: string, props: KueueManifestFilesProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    if (!props?.registry) throw new AiraError(ErrorCodes.MISSING_PROP, this.node.path, 'no registry given', 'pass registry: the stack\'s CapabilityRegistry document');
    this.manifests = kueueManifests(
      props.registry.pools.filter((p) => p.stack === stack.node.id),
      props,
      this.node.path,
    );
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const dir = path.join(session.manifest.forStack(stack).workingDirectory, 'kueue');
        for (const [file, text] of Object.entries(this.manifests.files)) writeFile(session.outdir, path.join(dir, file), text);
      },
    });
  }
}

function writeFile(outdir: string, relative: string, text: string): void {
  const file = path.join(outdir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
