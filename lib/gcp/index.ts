/**
 * `aira-constructs/gcp`: the Google Cloud adapter. Importing this entry point loads the google provider
 * bindings it uses (deep imports only) and never the AWS or Azure ones.
 */
export * from './stack';
