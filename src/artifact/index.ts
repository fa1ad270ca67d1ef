export type * from './types.js';
export * from './mediaTypes.js';
export * from './errors.js';
export * from './digest.js';
export * from './descriptor.js';
export * from './verify.js';
export * from './manifest.js';
export * from './unpack.js';
