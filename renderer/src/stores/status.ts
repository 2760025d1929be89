/** Where a domain store's data stands; `ready` stays ready during a background refresh. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
