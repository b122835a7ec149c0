/**
 * `aira-constructs`: the cloud-neutral core (catalog, planes, tags, errors, network layout). It loads
 * no provider bindings; each cloud has its own entry point: `aira-constructs/aws`, `/azure`, `/gcp`.
 */
export * from './core';
export * from './placement';
export * from './platform';
