export * from './rest';
export * from './realtime';
