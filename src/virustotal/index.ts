export * from './cache';
export * from './client';
export * from './clock';
export * from './errors';
export * from './fileId';
export * from './lookup';
export * from './rateLimiter';
export * from './verdict';
