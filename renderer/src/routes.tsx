import type { ReactNode } from 'react';
import { matchPath, type RouteParams } from './lib/router';
import { BrandingPage } from './pages/Branding/BrandingPage';
import { ClientsPage } from './pages/Clients/ClientsPage';
import { DashboardPage } from './pages/Dashboard/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PackageEditorPage } from './pages/Packages/PackageEditorPage';
import { PackagesPage } from './pages/Packages/PackagesPage';
import { ReportsPage } from './pages/Reports/ReportsPage';
import { SettingsPage } from './pages/Settings/SettingsPage';
import { SyncPage } from './pages/Sync/SyncPage';

interface Route {
  pattern: string;
  render(params: RouteParams): ReactNode;
}

/** First match wins, so "/packages/new" sits before "/packages/:id". */
const ROUTES: readonly Route[] = [
  { pattern: '/', render: () => <DashboardPage /> },
  { pattern: '/packages', render: () => <PackagesPage /> },
  { pattern: '/packages/new', render: () => <PackageEditorPage /> },
  { pattern: '/packages/:id', render: ({ id }) => <PackageEditorPage key={id} packageId={Number(id)} /> },
  { pattern: '/clients', render: () => <ClientsPage /> },
  { pattern: '/reports', render: () => <ReportsPage /> },
  { pattern: '/branding', render: () => <BrandingPage /> },
  { pattern: '/sync', render: () => <SyncPage /> },
  { pattern: '/settings', render: () => <SettingsPage /> },
];

export function renderRoute(path: string): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return route.render(params);
  }
  return <NotFoundPage path={path} />;
}
