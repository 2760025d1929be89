import type { IconName } from '../Icon';

export interface NavItem {
  label: string;
  /** The route prefix this section owns ("/packages" also covers "/packages/3"). */
  path: string;
  icon: IconName;
}

/** The sidebar, in the order a reseller works: set prices, add clients, read reports. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Dashboard', path: '/', icon: 'dashboard' },
  { label: 'Packages', path: '/packages', icon: 'packages' },
  { label: 'Clients', path: '/clients', icon: 'clients' },
  { label: 'Sub accounts', path: '/subaccounts', icon: 'subaccounts' },
  { label: 'DIDs', path: '/dids', icon: 'phone' },
  { label: 'Calls', path: '/calls', icon: 'calls' },
  { label: 'Reports', path: '/reports', icon: 'reports' },
  { label: 'Invoices', path: '/invoices', icon: 'invoices' },
  { label: 'Branding & Access', path: '/branding', icon: 'branding' },
  { label: 'Sync', path: '/sync', icon: 'sync' },
  { label: 'Reconciliation', path: '/reconciliation', icon: 'check' },
  { label: 'Settings', path: '/settings', icon: 'settings' },
];

export function isActiveSection(item: NavItem, currentPath: string): boolean {
  if (item.path === '/') return currentPath === '/';
  return currentPath === item.path || currentPath.startsWith(`${item.path}/`);
}
