import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  stacks: Record<string, { name: string; synthesizedStackPath: string }>;
}

/**
 * One line per stack of a synthesized `cdktf.out/`: name, providers, resource and data source counts,
 * and the stack file, for example
 * `network-aws   aws      98 resources   0 data sources  cdktf.out/stacks/network-aws/cdk.tf.json`.
 */
export function summarizeOutdir(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const rows = Object.values(manifest.stacks)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => {
      const file = path.join(outdir, s.synthesizedStackPath);
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, object>; data?: Record<string, object>; provider?: Record<string, unknown> };
      const count = (block?: Record<string, object>) => Object.values(block ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
      return { name: s.name, providers: Object.keys(json.provider ?? {}).sort().join(','), resources: count(json.resource), data: count(json.data), file: path.relative(path.dirname(outdir), file) };
    });
  const w = Math.max(...rows.map((r) => r.name.length), 5);
  const total = rows.reduce((n, r) => n + r.resources, 0);
  return [
    ...rows.map((r) => `${r.name.padEnd(w)}  ${r.providers.padEnd(8)} ${String(r.resources).padStart(4)} resources  ${String(r.data).padStart(3)} data sources  ${r.file}`),
    `${rows.length} stacks, ${total} resources`,
  ];
}
