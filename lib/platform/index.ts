/**
 * The reference architecture's levels as constructs, cloud-neutral: each composes a cloud's
 * infrastructure through the `CloudKit` it is given and loads no provider binding itself.
 */
export * from './level2';
export * from './level3';
export * from './registry';
export * from './registry-construct';
export * from './kueue';
export * from './scheduling';
export * from './level4';
export * from './audit';
export * from './diagram';
