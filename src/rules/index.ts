export * from './types.js';
export * from './engine.js';
export * from './checkDataset.js';
export { RULE_PACK } from './pack/index.js';
export * from './severity.js';
