import * as fs from 'fs';
import * as path from 'path';

/** What the CLI touches outside itself; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): string;
  writeFile(file: string, text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour is used only there). */
  readonly isTTY: boolean;
  readonly cwd: string;
}

/** The process's own streams and file system. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    writeFile: (file, text) => {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, text);
    },
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org). */
export function useColor(io: CliIo): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/** A progress line on stderr, rewritten in place; `done()` clears it. */
export interface Progress {
  /** Shows that `file` is loaded, the `n`th of `total` files of one input path. */
  file(file: string, n: number, total: number): void;
  /** Shows a step (`evaluating 1,913 resources`). */
  step(text: string): void;
  /** Clears the line before the report is written. */
  done(): void;
}

/**
 * Progress for long work (many stacks, large plans), shown only where a person watches it: on a
 * terminal, never in CI (`CI` set, as GitHub Actions, GitLab CI and Azure Pipelines set it), never
 * with `--quiet`. Elsewhere every call is a no-op, so logs and piped output stay clean.
 */
export function progressFor(io: CliIo, command: string, quiet: boolean): Progress {
  const on = io.isTTY && !quiet && !io.env.CI && io.env.TERM !== 'dumb';
  let shown = false;
  const show = (text: string) => {
    if (!on) return;
    // \r and "erase to end of line" (ECMA-48 EL): the line is rewritten, not appended.
    io.stderr(`\r\x1b[Kaira ${command}: ${text}`);
    shown = true;
  };
  return {
    file: (file, n, total) => show(`loaded ${n}/${total} ${path.basename(path.dirname(file)) === '.' ? file : path.join(path.basename(path.dirname(file)), path.basename(file))}`),
    step: show,
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
