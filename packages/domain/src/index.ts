export * from './glossary';
export * from './planDoc';
export * from './board';
export * from './access';
