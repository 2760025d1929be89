import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the route lives in `location.hash` (`#/packages/3`), so a reload
 * keeps the page in Electron (file://) and in the headless host alike.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current path without the leading '#', always starting with '/'. */
export function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

export function useCurrentPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** Called before an app navigation that takes the current page's toasts along. */
let carryToasts: (from: string, to: string) => void = () => undefined;
export function onNavigateWithToasts(carry: (from: string, to: string) => void): void {
  carryToasts = carry;
}

/**
 * Goes to `path`. Toasts stay with the page they were raised on (issue 10: they do not
 * follow the user to other pages); `withToasts` is for the page an action moves to when
 * it is done ("Client created" shown on the new client's page).
 */
export function navigate(path: string, options: { withToasts?: boolean } = {}): void {
  if (options.withToasts) carryToasts(currentPath(), path);
  window.location.hash = path;
}

/** href for an <a>: native links keep middle-click, keyboard and screen-reader behaviour. */
export const hrefTo = (path: string): string => `#${path}`;

export type RouteParams = Record<string, string>;

/** Matches "/packages/:id" against "/packages/12" → { id: "12" }; null when it does not match. */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: RouteParams = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}
