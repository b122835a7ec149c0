import { Lazy, Tokenization } from 'cdktf';
import { withTokenTracesOff } from '../../lib/core/run';

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

  test('the formatter is restored when the build throws', () => {
    const before = Error.prepareStackTrace;
    expect(() => withTokenTracesOff(() => { throw new Error('fails'); })).toThrow('fails');
    expect(Error.prepareStackTrace).toBe(before);
  });
});
