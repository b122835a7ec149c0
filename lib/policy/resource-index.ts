import { ResourceView, RuleContext } from './types';

const NONE: readonly ResourceView[] = [];

/**
 * One input's resources, indexed once: by type, by address, by config address, and (built on first
 * use) who references whom. Rules ask it for related resources instead of scanning everything.
 */
export class ResourceIndex implements RuleContext {
  private readonly byType = new Map<string, ResourceView[]>();
  private readonly byAddress = new Map<string, ResourceView>();
  private readonly byConfigAddress = new Map<string, ResourceView[]>();
  private readonly valueIndex = new Map<string, Map<unknown, ResourceView[]>>();
  private reverse?: Map<string, Array<{ readonly from: ResourceView; readonly paths: readonly string[] }>>;

  constructor(public readonly resources: readonly ResourceView[]) {
    for (const r of resources) {
      push(this.byType, r.type, r);
      this.byAddress.set(r.address, r);
      push(this.byConfigAddress, r.configAddress, r);
    }
  }

  /** Resource types present, sorted. */
  public types(): string[] {
    return [...this.byType.keys()].sort();
  }

  public ofType(type: string): readonly ResourceView[] {
    return this.byType.get(type) ?? NONE;
  }

  public find(address: string): ResourceView | undefined {
    return this.byAddress.get(address) ?? this.byConfigAddress.get(address)?.[0];
  }

  public withValue(type: string, path: string, value: string | number | boolean): readonly ResourceView[] {
    const key = `${type}\u0000${path}`;
    let index = this.valueIndex.get(key);
    if (!index) {
      index = new Map();
      for (const r of this.ofType(type)) {
        const v = r.get(path);
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') push(index, v, r);
      }
      this.valueIndex.set(key, index);
    }
    return index.get(value) ?? NONE;
  }

  public referencing(target: ResourceView, filter: { readonly type?: string; readonly via?: string } = {}): readonly ResourceView[] {
    const entries = this.reverseIndex().get(target.configAddress);
    if (!entries) return NONE;
    const out: ResourceView[] = [];
    for (const e of entries) {
      if (filter.type && e.from.type !== filter.type) continue;
      if (filter.via && !e.paths.some((p) => p === filter.via || p.startsWith(`${filter.via}.`))) continue;
      if (!out.includes(e.from)) out.push(e.from);
    }
    return out;
  }

  public referencedBy(r: ResourceView, type?: string): readonly ResourceView[] {
    const out: ResourceView[] = [];
    for (const address of r.references.keys()) {
      for (const t of this.byConfigAddress.get(address) ?? NONE) if (!type || t.type === type) out.push(t);
    }
    return out;
  }

  private reverseIndex(): Map<string, Array<{ readonly from: ResourceView; readonly paths: readonly string[] }>> {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const r of this.resources) {
        for (const [target, paths] of r.references) {
          const list = this.reverse.get(target) ?? [];
          list.push({ from: r, paths });
          this.reverse.set(target, list);
        }
      }
    }
    return this.reverse;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
