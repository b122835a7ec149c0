/**
 * The small YAML subset a hand-written suppressions file needs, without a dependency: block mappings
 * and sequences by indentation, `- key: value` items, plain / single-quoted / double-quoted scalars,
 * `|` and `>` block scalars, flow sequences of scalars (`[a, b]`), comments, `---`. Anchors, tags,
 * flow mappings and multi-document streams are rejected with the line number.
 */

/** A YAML syntax error at a 1-based line. */
export class YamlError extends Error {
  constructor(
    public readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

/** Parses the YAML subset into plain JSON values. */
export function parseYaml(source: string): unknown {
  const raw = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: Line[] = [];
  raw.forEach((l, i) => {
    if (/^\s*(#.*)?$/.test(l) || /^(---|\.\.\.)\s*$/.test(l)) return;
    if (/^\t| \t/.test(l.match(/^\s*/)![0])) throw new YamlError(i + 1, 'tabs are not allowed for indentation');
    lines.push({ no: i + 1, indent: l.length - l.trimStart().length, text: l.trim() });
  });
  if (!lines.length) return null;
  const p = new Parser(lines, raw);
  const value = p.block(lines[0].indent);
  if (p.pos < lines.length) throw new YamlError(lines[p.pos].no, 'unexpected indentation');
  return value;
}

class Parser {
  public pos = 0;
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
  ) {}

  /** A block (mapping or sequence) whose entries sit at `indent`. */
  public block(indent: number): unknown {
    const first = this.lines[this.pos];
    if (first.text.startsWith('- ') || first.text === '-') return this.sequence(indent);
    return this.mapping(indent);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent < indent) break;
      if (l.indent > indent) throw new YamlError(l.no, 'unexpected indentation');
      if (!(l.text.startsWith('- ') || l.text === '-')) break;
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        this.pos++;
        out.push(this.nested(indent));
      } else if (isMappingEntry(rest)) {
        // `- key: value` opens a mapping whose further keys align with `key`.
        const inner = indent + (l.text.length - rest.length);
        this.lines[this.pos] = { no: l.no, indent: inner, text: rest };
        out.push(this.mapping(inner));
      } else {
        this.pos++;
        out.push(this.scalarOrBlockScalar(stripComment(rest), l, indent));
      }
    }
    return out;
  }

  private mapping(indent: number): Record<string, unknown> {
    // A null-prototype object: keys such as `__proto__` stay plain data.
    const out: Record<string, unknown> = Object.create(null);
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent < indent) break;
      if (l.indent > indent) throw new YamlError(l.no, 'unexpected indentation');
      if (l.text.startsWith('- ')) break;
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#'"][^:#]*?)\s*:(?:\s+(.*))?$/.exec(l.text);
      if (!m) throw new YamlError(l.no, `expected "key: value", got "${l.text.slice(0, 40)}"`);
      const key = String(scalar(m[1], l.no));
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new YamlError(l.no, `duplicate key "${key}"`);
      this.pos++;
      const rest = stripComment(m[2] ?? '');
      out[key] = rest === '' ? this.nested(indent) : this.scalarOrBlockScalar(rest, l, indent);
    }
    return { ...out };
  }

  /** The value under a key or dash with nothing after it: a deeper block, or null. */
  private nested(parentIndent: number): unknown {
    const next = this.lines[this.pos];
    if (!next) return null;
    if (next.indent > parentIndent) return this.block(next.indent);
    // A sequence may sit at the same indentation as its key.
    if (next.indent === parentIndent && next.text.startsWith('- ')) return this.sequence(next.indent);
    return null;
  }

  private scalarOrBlockScalar(text: string, l: Line, indent: number): unknown {
    if (/^[|>][+-]?$/.test(text)) return this.blockScalar(text[0] === '>', l, indent);
    return scalar(text, l.no);
  }

  /** `|` keeps line breaks, `>` folds them into spaces; the text is the more-indented raw lines below. */
  private blockScalar(folded: boolean, l: Line, indent: number): string {
    const body: string[] = [];
    let i = l.no; // raw index of the line after the indicator
    let blockIndent = -1;
    for (; i < this.raw.length; i++) {
      const r = this.raw[i];
      if (r.trim() === '') {
        body.push('');
        continue;
      }
      const ind = r.length - r.trimStart().length;
      if (ind <= indent) break;
      if (blockIndent < 0) blockIndent = ind;
      body.push(r.slice(Math.min(ind, blockIndent)));
    }
    while (this.pos < this.lines.length && this.lines[this.pos].no <= i) this.pos++;
    while (body.length && body[body.length - 1] === '') body.pop();
    return folded ? body.join(' ').replace(/ {2,}/g, ' ').trim() : body.join('\n');
  }
}

function isMappingEntry(text: string): boolean {
  return /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#'"\[{][^:#]*?)\s*:(\s|$)/.test(text);
}

function stripComment(text: string): string {
  // Quoted scalars handle their own trailing comment (a `#` inside quotes is text).
  if (text.startsWith('"') || text.startsWith("'")) return text.trim();
  return text.replace(/(^|\s+)#.*$/, '').trim();
}

/** One scalar: quoted strings, flow sequences of scalars, null, booleans, numbers, plain strings. */
function scalar(text: string, line: number): unknown {
  const t = text.trim();
  if (t.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(t);
    if (!m) throw new YamlError(line, 'unterminated double-quoted string');
    try {
      return JSON.parse(`"${m[1]}"`);
    } catch {
      throw new YamlError(line, 'bad escape in double-quoted string');
    }
  }
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(t);
    if (!m) throw new YamlError(line, 'unterminated single-quoted string');
    return m[1].replace(/''/g, "'");
  }
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new YamlError(line, 'unterminated flow sequence');
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : splitFlow(inner, line).map((x) => scalar(x, line));
  }
  if (/^[{&*!%@`]/.test(t)) throw new YamlError(line, `unsupported YAML syntax "${t[0]}" (use plain mappings and sequences)`);
  if (t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}

function splitFlow(inner: string, line: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of inner) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else if (c === '[' || c === '{') {
      throw new YamlError(line, 'nested flow collections are not supported');
    } else cur += c;
  }
  if (quote) throw new YamlError(line, 'unterminated string in flow sequence');
  out.push(cur.trim());
  return out;
}
