import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackend, applyBackend } from '../core/backend';
import { AiraError, ErrorCodes } from '../core/errors';
import { AiraTags } from '../core/tagging';
import { AiraTagValues } from '../core/tags';

/** Props of `AwsStack`. */
export interface AwsStackProps {
  /** AWS region of every resource in the stack, for example `us-east-1`. */
  readonly region: string;
  /** Where Terraform keeps state. @default local file beside the synthesized stack */
  readonly backend?: StateBackend;
  /** Tags for every taggable resource in the stack. @default none */
  readonly tags?: AiraTagValues;
}

/**
 * One Terraform stack for AWS: the provider block for one region, a state backend and the tagging
 * scheme. Constructs of the `aira-constructs/aws` entry point go inside it.
 *
 * @example
 * const stack = new AwsStack(app, 'ai-aws', { region: 'us-east-1', tags: { owner: 'ml-platform' } });
 */
export class AwsStack extends TerraformStack {
  /** The stack's region. */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id);
    this.region = props.region;
    new AwsProvider(this, 'aws', { region: props.region });
    applyBackend(this, props.backend, id);
    if (props.tags) AiraTags.of(this).add(props.tags);
  }
}

/** The region of the AwsStack that holds a construct. */
export function awsRegionOf(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  if (stack instanceof AwsStack) return stack.region;
  throw new AiraError(ErrorCodes.WRONG_SCOPE, scope.node.path, 'AWS constructs must be created inside an AwsStack', "create the stack with new AwsStack(app, 'id', { region }) and build inside it");
}
