import { IConstruct } from 'constructs';
import { AiraError, ErrorCodes } from '../core/errors';
import { shortHash } from '../core/naming';

// General purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
// 3 to 63 characters; lowercase letters, digits, `.` and `-`; a letter or digit at each end; no IP
// address form; reserved prefixes and suffixes. Dots are refused too: AWS advises against them (they
// break virtual-hosted HTTPS and Transfer Acceleration), and none of this library's names need one.
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Checks a bucket name against S3's rules, or throws AIRA_E_INVALID_NAME saying which rule it breaks.
 * Names are global across all AWS accounts, so the fix always mentions the unique suffix.
 */
export function checkBucketName(name: string, where: string): string {
  const fail = (why: string): never => {
    throw new AiraError(ErrorCodes.INVALID_NAME, where, `bucket name "${name}" ${why}`, 'shorten the name prefix, or set uniqueSuffix (lowercase letters, digits, -) to an id of your organisation: bucket names are unique across every AWS account');
  };
  if (name.length < 3 || name.length > 63) fail(`is ${name.length} characters long; S3 allows 3 to 63`);
  if (!/^[a-z0-9-]+$/.test(name)) fail('holds characters other than lowercase letters, digits and -');
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) fail('must start and end with a letter or digit');
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) fail(`starts with the reserved prefix ${prefix}`);
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) fail(`ends with the reserved suffix ${suffix}`);
  return name;
}

/**
 * The suffix of a construct's bucket names: the user's, checked, or a short hash of the construct path
 * (which starts with the stack) and region, stable across runs and machines.
 */
export function bucketSuffix(scope: IConstruct, given: string | undefined, region: string): string {
  if (given === undefined) return shortHash(`${scope.node.path}/${region}`, 8);
  if (!/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/.test(given)) {
    throw new AiraError(ErrorCodes.INVALID_NAME, scope.node.path, `uniqueSuffix "${given}" is not 1 to 20 lowercase letters, digits and inner -`, 'use an id such as acme-ml or 123456789012');
  }
  return given;
}
