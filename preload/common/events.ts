/**
 * The names of main's events and of the data domains a change touches: pure lists, so the
 * window (which imports no code from preload/ but common/) and main read the same ones.
 * preload/events.ts types each event's payload and checks these names against them.
 */

/** What a change touched, so the window refreshes only those queries. */
export const dataDomains = ['packages', 'pricing', 'costs', 'clients', 'ledger', 'dids', 'subaccounts', 'billing', 'notices', 'calls', 'invoices', 'sync', 'backup', 'branding', 'email'] as const;
export type DataDomain = (typeof dataDomains)[number];

export const EVENT_NAMES = ['import.progress', 'data.changed', 'demo.progress', 'workspace.changed', 'invoices.exportProgress', 'export.progress', 'app.navigate'] as const;
