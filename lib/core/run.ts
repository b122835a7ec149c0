import { App, AppConfig } from 'cdktf';
import { AiraError } from './errors';

/**
 * Builds and synthesizes an app, turning the library's errors into one line on stderr and exit code 1
 * instead of a stack trace. Use it as the body of a cdktf `main.ts`.
 *
 * While the app builds and synthesizes, the stack traces cdktf records for every token it creates are
 * not formatted (see `withTokenTracesOff`); set `AIRA_TOKEN_TRACES=1` to keep them when a cdktf
 * "unresolvable token" error needs its creation site.
 *
 * @example
 * runApp((app) => { const stack = new AwsStack(app, 'ai', { region: 'us-east-1' }); ... });
 */
export function runApp(build: (app: App) => void, config?: AppConfig): void {
  try {
    const traces = process.env.AIRA_TOKEN_TRACES === '1';
    const run = () => {
      const app = new App(config);
      build(app);
      app.synth();
    };
    if (traces) run();
    else withTokenTracesOff(run);
  } catch (err) {
    if (!AiraError.isAiraError(err) && !isAnnotationError(err)) throw err;
    process.stderr.write(`${(err as Error).message.trim()}\n`);
    process.exitCode = 1;
  }
}

/**
 * cdktf's error for a synth stopped by error annotations (the policy guard's findings at or above its
 * threshold, or any construct's `Annotations.addError`): its message already names each construct and
 * finding, so the user gets the message, not a stack trace.
 */
function isAnnotationError(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('Encountered Annotations with level "ERROR"');
}

/**
 * Runs `fn` with cdktf's token creation traces neither collected nor formatted. cdktf captures a stack
 * trace of unlimited depth on a plain object each time it creates a token (every attribute reference,
 * every `Lazy` value); the trace only ever serves cdktf's message for a token it cannot resolve.
 * Collecting the frames and formatting them cost about a third of the construction time of the
 * reference examples (17 stacks, 1,913 resources; measured with `npm run bench` on a 2-core machine,
 * see README "Performance"). Only plain-object targets are skipped: every real `Error` keeps its stack.
 * `Error.captureStackTrace` and `Error.prepareStackTrace` are restored afterwards, also on a throw.
 */
export function withTokenTracesOff<T>(fn: () => T): T {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Object.getOwnPropertyDescriptor(Error, 'captureStackTrace');
  const capture = Error.captureStackTrace;
  Error.prepareStackTrace = (target: Error, frames: NodeJS.CallSite[]): unknown => {
    if (!(target instanceof Error)) return '';
    if (previousPrepare) return previousPrepare(target, frames);
    // V8's default format: the error's own line, then one "at" line per frame.
    const head = Error.prototype.toString.call(target);
    return frames.length === 0 ? head : `${head}\n${frames.map((f) => `    at ${String(f)}`).join('\n')}`;
  };
  Error.captureStackTrace = (target: object, constructorOpt?: Parameters<typeof capture>[1]): void => {
    if (target instanceof Error) return capture.call(Error, target, constructorOpt);
    // cdktf reads `.stack` right away and splits it into lines: an empty trace is what it gets for a
    // frame-less capture too.
    (target as { stack?: string }).stack = '';
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    if (previousCapture) Object.defineProperty(Error, 'captureStackTrace', previousCapture);
  }
}
