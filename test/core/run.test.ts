import * as path from 'path';
import { Annotations, Lazy, TerraformStack, Tokenization } from 'cdktf';
import { AiraError, ErrorCodes } from '../../lib/core/errors';
import { runApp, withTokenTracesOff } from '../../lib/core/run';

describe('withTokenTracesOff', () => {
  test('cdktf tokens created inside carry no creation trace; outside they do', () => {
    const inside = withTokenTracesOff(() => Lazy.stringValue({ produce: () => 'x' }));
    const outside = Lazy.stringValue({ produce: () => 'x' });
    const traceOf = (token: string): string[] => Tokenization.reverseString(token).tokens[0].creationStack;
    expect(traceOf(inside)).toEqual([]);
    expect(traceOf(outside).length).toBeGreaterThan(0);
  });

  test('real errors keep their stack, and the previous formatter comes back', () => {
    const before = Error.prepareStackTrace;
    const stack = withTokenTracesOff(() => new Error('boom').stack ?? '');
    expect(stack.split('\n')[0]).toBe('Error: boom');
    expect(stack).toMatch(/\n {4}at /);
    expect(Error.prepareStackTrace).toBe(before);
  });

  test('the formatter and the capture function are restored when the build throws', () => {
    const before = Error.prepareStackTrace;
    const capture = Error.captureStackTrace;
    expect(() => withTokenTracesOff(() => { throw new Error('fails'); })).toThrow('fails');
    expect(Error.prepareStackTrace).toBe(before);
    expect(Error.captureStackTrace).toBe(capture);
  });

  test('frames are not collected on plain objects, but Error.captureStackTrace on an error still works', () => {
    const plain: { stack?: string } = {};
    const err = new Error('own');
    withTokenTracesOff(() => {
      Error.captureStackTrace(plain);
      Error.captureStackTrace(err);
    });
    expect(plain.stack).toBe('');
    expect(err.stack).toMatch(/^Error: own\n {4}at /);
  });
});

describe('runApp', () => {
  function capture(fn: () => void): { stderr: string; exitCode: number | string | undefined } {
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const before = process.exitCode;
    try {
      fn();
      return { stderr, exitCode: process.exitCode };
    } finally {
      spy.mockRestore();
      process.exitCode = before;
    }
  }
  const outdir = path.resolve(__dirname, '../../.tmp/run-test');

  test('a synth stopped by error annotations prints the findings, not a stack trace, and exits 1', () => {
    const r = capture(() =>
      runApp(
        (app) => {
          const stack = new TerraformStack(app, 's');
          Annotations.of(stack).addError('[AIRA-TEST-001] a finding at or above the threshold');
        },
        { outdir },
      ),
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('[AIRA-TEST-001] a finding at or above the threshold');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a library error is one line with its code; other errors are rethrown', () => {
    const r = capture(() =>
      runApp(() => {
        throw new AiraError(ErrorCodes.INVALID_PROP, 'app/x', 'a bad prop', 'fix it');
      }, { outdir }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('AIRA_E_INVALID_PROP: app/x: a bad prop. Fix: fix it\n');
    expect(() => runApp(() => { throw new TypeError('a bug'); }, { outdir })).toThrow('a bug');
  });
});
