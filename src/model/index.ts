export * from './concepts.js';
export * from './schema.js';
export * from './load.js';
export * from './accounts.js';
export * from './facts.js';
