/**
 * The app's sections, in the order a reseller works: set prices, add clients, read reports.
 * One list for the window's sidebar and the desktop app's View menu (issue 14).
 */
export const APP_SECTIONS = [
  { label: 'Dashboard', path: '/' },
  { label: 'Packages', path: '/packages' },
  { label: 'Clients', path: '/clients' },
  { label: 'Sub accounts', path: '/subaccounts' },
  { label: 'DIDs', path: '/dids' },
  { label: 'Calls', path: '/calls' },
  { label: 'Reports', path: '/reports' },
  { label: 'Invoices', path: '/invoices' },
  { label: 'Branding & Access', path: '/branding' },
  { label: 'Sync', path: '/sync' },
  { label: 'Reconciliation', path: '/reconciliation' },
  { label: 'Settings', path: '/settings' },
] as const;

export type SectionPath = (typeof APP_SECTIONS)[number]['path'];

export function isSectionPath(path: string): path is SectionPath {
  return APP_SECTIONS.some((section) => section.path === path);
}
