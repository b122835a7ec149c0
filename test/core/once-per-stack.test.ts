import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { oncePerStack } from '../../lib/core/once-per-stack';
import { errorCodeOf, testApp } from '../helpers/synth';

class Thing extends Construct {}
class Other extends Construct {}

describe('oncePerStack', () => {
  test('makes the construct once under the stack and returns the same one after', () => {
    const stack = new TerraformStack(testApp(), 's');
    const made: string[] = [];
    const get = () => oncePerStack(stack, 'shared', Thing, (s, id) => (made.push(id), new Thing(s, id)), 's/a');
    const a = get();
    expect(get()).toBe(a);
    expect(made).toEqual(['shared']);
    expect(a.node.path).toBe('s/shared');
  });

  test('an id taken by another type is an AiraError naming the caller and the construct in the way', () => {
    const stack = new TerraformStack(testApp(), 's');
    new Other(stack, 'shared');
    expect(errorCodeOf(() => oncePerStack(stack, 'shared', Thing, (s, id) => new Thing(s, id), 's/pool'))).toBe('AIRA_E_INVALID_PROP');
    expect(() => oncePerStack(stack, 'shared', Thing, (s, id) => new Thing(s, id), 's/pool')).toThrow(/s\/pool: the stack already holds a construct "shared" of another type \(s\/shared\)/);
  });

});
