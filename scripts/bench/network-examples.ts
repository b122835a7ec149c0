/**
 * The foundation's examples alone (one segmented network per cloud), synthesized the way
 * `examples/main.ts` does: the scope the foundation's synth budget was first set for, measured beside
 * the whole set of examples.
 */
import { runApp } from '../../lib/core/run';
import { networkAws } from '../../examples/network-aws';
import { networkAzure } from '../../examples/network-azure';
import { networkGcp } from '../../examples/network-gcp';

runApp((app) => {
  networkAws(app);
  networkAzure(app);
  networkGcp(app);
});
