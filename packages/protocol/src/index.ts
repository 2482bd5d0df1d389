export * from './rest';
export * from './realtime';
export * from './auth';
export * from './admin';
export * from './lifecycle';
export * from './proposals';
export * from './templates';
