import { addFlow, checkFlow, checkPublicIngress, flowsAllow, DeclaredFlow } from '../../lib/core/network';
import { assertPlane } from '../../lib/core/planes';
import { errorCodeOf } from '../helpers/synth';

const planes = ['training', 'data', 'inference', 'protected'] as const;

describe('flow declarations', () => {
  test('a checked flow carries its ports, protocol, reason and a stable key', () => {
    expect(checkFlow({ from: 'training', to: 'data', port: { from: 1018, to: 1023 }, reason: 'Lustre client ports' }, planes, 'p')).toEqual({
      from: 'training', to: 'data', fromPort: 1018, toPort: 1023, protocol: 'tcp', reason: 'Lustre client ports', key: 'training-to-data-tcp-1018-1023',
    });
  });

  test('allows() reads ranges and protocols', () => {
    const flows: DeclaredFlow[] = [];
    addFlow(flows, checkFlow({ from: 'training', to: 'data', port: { from: 1018, to: 1023 }, reason: 'Lustre client ports' }, planes, 'p'), 'p');
    addFlow(flows, checkFlow({ from: 'inference', to: 'data', port: 53, protocol: 'udp', reason: 'DNS for inference nodes' }, planes, 'p'), 'p');
    expect(flowsAllow(flows, 'training', 'data', 1020)).toBe(true);
    expect(flowsAllow(flows, 'training', 'data', 1024)).toBe(false);
    expect(flowsAllow(flows, 'inference', 'data', 53)).toBe(false);
    expect(flowsAllow(flows, 'inference', 'data', 53, 'udp')).toBe(true);
  });

  test('the same flow twice is recorded once; with another reason it is an error', () => {
    const flows: DeclaredFlow[] = [];
    const f = checkFlow({ from: 'training', to: 'data', port: 988, reason: 'Lustre for training' }, planes, 'p');
    expect(addFlow(flows, f, 'p')).toBe(true);
    expect(addFlow(flows, f, 'p')).toBe(false);
    expect(flows).toHaveLength(1);
    expect(errorCodeOf(() => addFlow(flows, { ...f, reason: 'another reason here' }, 'p'))).toBe('AIRA_E_INVALID_FLOW');
  });

  test.each([
    [{ from: 'training', to: 'data', port: 443, reason: 'too short' }, 'AIRA_E_INVALID_FLOW'],
    [{ from: 'training', to: 'data', port: 443, reason: 'a reason with a <tag> in it' }, 'AIRA_E_INVALID_FLOW'],
    [{ from: 'training', to: 'data', port: 70000, reason: 'a long enough reason' }, 'AIRA_E_INVALID_FLOW'],
    [{ from: 'training', to: 'data', port: { from: 10, to: 5 }, reason: 'a long enough reason' }, 'AIRA_E_INVALID_FLOW'],
    [{ from: 'training', to: 'data', port: 443, protocol: 'icmp', reason: 'a long enough reason' }, 'AIRA_E_INVALID_FLOW'],
    [{ from: 'training', to: 'quantum', port: 443, reason: 'a long enough reason' }, 'AIRA_E_UNKNOWN_PLANE'],
    [{ from: 'gpu', to: 'data', port: 443, reason: 'a long enough reason' }, 'AIRA_E_UNKNOWN_PLANE'],
  ])('rejects %j', (spec, code) => {
    expect(errorCodeOf(() => checkFlow(spec as never, planes, 'p'))).toBe(code);
  });

  test('public ingress: inference only', () => {
    expect(checkPublicIngress({ plane: 'inference', port: 443, reason: 'public HTTPS API' }, planes, 'p')).toMatchObject({ fromPort: 443, toPort: 443 });
    expect(errorCodeOf(() => checkPublicIngress({ plane: 'protected', port: 443, reason: 'never allowed here' }, planes, 'p'))).toBe('AIRA_E_PUBLIC_EXPOSURE');
    expect(() => checkPublicIngress({ plane: 'protected', port: 443, reason: 'never allowed here' }, planes, 'p')).toThrow('air-gapped');
  });

  test('plane errors list the valid planes', () => {
    expect(() => assertPlane('gpu', 'p', planes)).toThrow('Fix: use one of: training, data, inference, protected');
  });
});
