export * from './amount.js';
export * from './percent.js';
