/**
 * The benchmark's baseline: a cdktf app with the same stacks and providers as the examples and nothing
 * in them. Synth of the examples is budgeted against this. Arguments, when given, name the stacks to
 * make (the baseline of a subset of the examples).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EXAMPLE_GCP_PROJECT, EXAMPLE_REGIONS, EXAMPLE_STACKS } from '../../examples/stacks';
import { AwsStack } from '../../lib/aws/stack';
import { AzureStack } from '../../lib/azure/stack';
import { GcpStack } from '../../lib/gcp/stack';

const only = process.argv.slice(2);
const app = new App();
for (const s of EXAMPLE_STACKS.filter((x) => only.length === 0 || only.includes(x.name))) {
  if (s.cloud === 'multi') {
    // The Level 4 interconnect stack: one stack with all three providers.
    const stack = new TerraformStack(app, s.name);
    new AwsProvider(stack, 'aws', { region: EXAMPLE_REGIONS.aws });
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new GoogleProvider(stack, 'google', { project: EXAMPLE_GCP_PROJECT, region: EXAMPLE_REGIONS.gcp });
  } else if (s.cloud === 'aws') new AwsStack(app, s.name, { region: EXAMPLE_REGIONS.aws });
  else if (s.cloud === 'azure') new AzureStack(app, s.name, { location: EXAMPLE_REGIONS.azure });
  else new GcpStack(app, s.name, { project: EXAMPLE_GCP_PROJECT, region: EXAMPLE_REGIONS.gcp });
}
app.synth();
