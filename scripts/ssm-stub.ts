/**
 * The offline e2e's stand-in for AWS Systems Manager (`npm run e2e:plan`, scripts/e2e-plan.ts): the pools
 * read their image once per plan with `data "aws_ssm_parameter"`, a data source is an API call, and the
 * e2e runs without network. It serves `GetParameter` on 127.0.0.1 only, with a fake but well-formed AMI id
 * per parameter name, and records every request so the e2e can fail on a call it does not serve.
 */
import { createHash } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';

/** The fake AMI id the SSM stub serves for a parameter: `ami-` and 17 hex digits of a hash of its name, as real AMI ids look. */
function fakeAmiId(parameter: string): string {
  return `ami-${createHash('sha256').update(parameter).digest('hex').slice(0, 17)}`;
}

/** A running SSM stub: its endpoint URL, what it was asked, and how to stop it. */
export interface SsmStub {
  readonly endpoint: string;
  /** Parameter names asked for with GetParameter, with the count of each. */
  readonly served: Map<string, number>;
  /** Requests the stub does not serve (another X-Amz-Target, another method), as `<method> <target>`. */
  readonly refused: string[];
  close(): Promise<void>;
}

/**
 * Starts the local SSM stand-in on 127.0.0.1 (a free port). It answers `AmazonSSM.GetParameter`, AWS JSON
 * 1.1: POST with header `X-Amz-Target: AmazonSSM.GetParameter` and body `{"Name": ..., "WithDecryption": ...}`
 * (docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html), with a String
 * parameter of data type `aws:ec2:image` holding `fakeAmiId(name)`. A `name:<version>` or `name:<label>`
 * selector is answered as AWS does: the name without it, and the selector. Signatures are not checked
 * (the keys are AWS's documented example keys). Anything else gets a 400
 * `InvalidAction` error (the call is recorded, and the run fails on it).
 */
export function startSsmStub(): Promise<SsmStub> {
  const served = new Map<string, number>();
  const refused: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      let name: unknown;
      try {
        name = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Name?: unknown }).Name;
      } catch {
        name = undefined;
      }
      if (req.method !== 'POST' || target !== 'AmazonSSM.GetParameter' || typeof name !== 'string' || name.length === 0) {
        refused.push(`${req.method} ${target || '(no X-Amz-Target)'}`);
        reply(400, { __type: 'InvalidAction', message: `the e2e SSM stub serves AmazonSSM.GetParameter only, not ${target || req.method}` });
        return;
      }
      served.set(name, (served.get(name) ?? 0) + 1);
      // The region the provider signed for (SigV4 credential scope `<key>/<date>/<region>/ssm/aws4_request`), for the ARN.
      const region = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/ssm\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'us-east-1';
      const [bare, selector] = name.split(/:(?=[^/:]+$)/);
      reply(200, {
        Parameter: {
          Name: bare,
          ...(selector ? { Selector: `:${selector}` } : {}),
          Type: 'String',
          DataType: 'aws:ec2:image',
          Value: fakeAmiId(name),
          Version: 1,
          LastModifiedDate: 1767225600,
          ARN: `arn:aws:ssm:${region}::parameter${bare.startsWith('/') ? '' : '/'}${bare}`,
        },
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        served,
        refused,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
