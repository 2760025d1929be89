export * from './units';
export * from './decimal';
export * from './format';
