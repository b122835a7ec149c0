import { App, AppConfig } from 'cdktf';
import { AiraError } from './errors';

/**
 * Builds and synthesizes an app, turning the library's errors into one line on stderr and exit code 1
 * instead of a stack trace. Use it as the body of a cdktf `main.ts`.
 *
 * @example
 * runApp((app) => { const stack = new AwsStack(app, 'ai', { region: 'us-east-1' }); ... });
 */
export function runApp(build: (app: App) => void, config?: AppConfig): void {
  try {
    const app = new App(config);
    build(app);
    app.synth();
  } catch (err) {
    if (!AiraError.isAiraError(err)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  }
}
