import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';

/** A fresh output folder for one synth, inside the project's ignored .tmp (the same path on every run). */
export function outdir(name: string): string {
  const dir = path.resolve(__dirname, '../../../.tmp/platform-tests', `${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** An app that synthesizes into `outdir(name)`, with the catalog date fixed unless `today` is null. */
export function appIn(name: string, today: string | null = '2026-11-22'): { app: App; dir: string } {
  const dir = outdir(name);
  const app = new App({ outdir: dir, stackTraces: false, ...(today ? { context: { 'aira:today': today } } : {}) });
  return { app, dir };
}

/** Reads a file of a synthesized output folder as text. */
export const readOut = (dir: string, ...parts: string[]): string => fs.readFileSync(path.join(dir, ...parts), 'utf8');

/** Reads and parses a JSON file of a synthesized output folder. */
export const readJsonOut = (dir: string, ...parts: string[]): any => JSON.parse(readOut(dir, ...parts));
