import { stripInstanceKeys } from './view';

/** A reference to a resource: its config address and the attribute read, if any. */
export interface ParsedReference {
  /** `aws_s3_bucket.logs`, `data.aws_ami.ubuntu`, `module.net.aws_vpc.this`. */
  readonly address: string;
  /** `id`, `tags.Name`, or empty for a reference to the whole resource. */
  readonly attribute: string;
}

// Terraform's reserved first segments that never name a resource.
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform']);

/**
 * Parses one entry of a plan's `expressions.*.references` (`aws_s3_bucket.b.id`,
 * `data.aws_iam_policy_document.p.json`, `aws_instance.web[0].id`), relative to a module. Returns
 * undefined for references that name no resource (`var.x`, `local.y`, `count.index`, module outputs).
 */
export function parseReference(ref: string, modulePrefix = ''): ParsedReference | undefined {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 2048) return undefined;
  const parts = stripInstanceKeys(ref).split('.');
  let n: number;
  if (parts[0] === 'data') n = 3;
  else if (NOT_RESOURCES.has(parts[0])) return undefined;
  else n = 2;
  if (parts.length < n || parts.slice(0, n).some((p) => p === '')) return undefined;
  return { address: modulePrefix + parts.slice(0, n).join('.'), attribute: parts.slice(n).join('.') };
}

// A resource reference inside a `${...}` interpolation of synthesized JSON: resource types always have a
// provider prefix and an underscore (`aws_vpc`), which sets them apart from `var.x`, `local.y`, `each.key`.
const TOKEN_REF = /(?<![\w.-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\.\*|\[[^\]]*\])*)/g;

/** Resource references inside the `${...}` interpolations of a synthesized string value. */
export function tokenReferences(value: string): ParsedReference[] {
  const out: ParsedReference[] = [];
  let start = value.indexOf('${');
  while (start >= 0) {
    const end = interpolationEnd(value, start + 2);
    const inner = value.slice(start + 2, end);
    for (const m of inner.matchAll(TOKEN_REF)) {
      const next = inner[(m.index ?? 0) + m[0].length];
      if (next === '(') continue;
      const address = `${m[1] ?? ''}${m[2]}.${m[3]}`;
      const attribute = stripInstanceKeys(m[4] ?? '').replace(/^\./, '');
      out.push({ address, attribute });
    }
    start = value.indexOf('${', end);
  }
  return out;
}

/** Index just past the `}` closing an interpolation that starts at `from` (braces nest). */
function interpolationEnd(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return s.length;
}

/** `${aws_vpc.main.cidr_block}` alone, with nothing around it: a reference a loader may resolve. */
export function wholeReference(value: string): ParsedReference | undefined {
  if (!value.startsWith('${') || !value.endsWith('}') || interpolationEnd(value, 2) !== value.length - 1) return undefined;
  const refs = tokenReferences(value);
  if (refs.length !== 1) return undefined;
  const r = refs[0];
  const inner = value.slice(2, -1).trim();
  return inner === `${r.address}${r.attribute ? `.${r.attribute}` : ''}` ? r : undefined;
}
