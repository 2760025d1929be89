import { useEffect, useSyncExternalStore } from 'react';
import { useLeaveGuard } from '../stores/leaveGuard';

/**
 * A tiny hash router: the route lives in `location.hash` (`#/packages/3`), so a reload
 * keeps the page in Electron (file://) and in the headless host alike.
 *
 * Issue 10: while a form holds unsaved edits (`useUnsavedChangesGuard`), a link, the
 * Back button or a typed address does not leave the page: the window asks first. Going
 * on after a save (`navigate`) is the app's own move and is never asked about.
 */
const listeners = new Set<() => void>();
/** The path the app shows: what the hash said, unless a guarded form kept the page. */
let shownPath: string | null = null;

function hashPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

function guarded(): boolean {
  return useLeaveGuard.getState().unsaved !== null;
}

function onHashChange(): void {
  const next = hashPath();
  if (next === shownPath) return;
  if (guarded() && shownPath !== null) {
    // Back/Forward or a typed address: put the address back and ask.
    window.history.replaceState(window.history.state, '', `#${shownPath}`);
    useLeaveGuard.getState().ask(next);
    return;
  }
  show(next);
}

function show(path: string): void {
  shownPath = path;
  for (const listener of listeners) listener();
}

/** A plain left click on an in-app link, while edits are unsaved: ask instead of following it. */
function onLinkClick(event: MouseEvent): void {
  if (!guarded() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
  if (!anchor) return;
  const path = (anchor.getAttribute('href') ?? '#/').slice(1);
  if (path === shownPath) return;
  event.preventDefault();
  useLeaveGuard.getState().ask(path);
}

/** Reload or closing the window: the browser's (or Electron's, see main/electron) own question. */
function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (!guarded()) return;
  event.preventDefault();
  // Older engines ask only when returnValue is set.
  event.returnValue = '';
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  shownPath = hashPath();
  window.addEventListener('hashchange', onHashChange);
  document.addEventListener('click', onLinkClick, true);
  window.addEventListener('beforeunload', onBeforeUnload);
}

function subscribe(onChange: () => void): () => void {
  install();
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The current path without the leading '#', always starting with '/'. */
export function currentPath(): string {
  return shownPath ?? hashPath();
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
  const from = currentPath();
  if (options.withToasts) carryToasts(from, path);
  window.location.hash = path;
  // The app's own move is shown at once and never asked about: what follows in the same
  // handler (a toast raised on the new page) already sees the new path. The hashchange
  // that comes after finds it shown.
  if (shownPath !== null && path !== from) show(path);
}

/** Goes to `path` as a link click would: with unsaved edits, the window asks first (the desktop menu's sections). */
export function requestNavigation(path: string): void {
  if (path === shownPath) return;
  if (guarded()) useLeaveGuard.getState().ask(path);
  else navigate(path);
}

/** "Leave without saving": the parked navigation goes on and the edits are dropped. */
export function leaveWithoutSaving(): void {
  const { pendingPath, release } = useLeaveGuard.getState();
  release();
  if (pendingPath !== null) navigate(pendingPath);
}

/**
 * Holds the leave guard while `unsaved` is true; `what` names what would be lost
 * ("the changes to this client"). Released when the edits are saved or the form closes.
 */
export function useUnsavedChangesGuard(unsaved: boolean, what: string): void {
  useEffect(() => {
    if (!unsaved) return undefined;
    useLeaveGuard.getState().hold(what);
    return () => useLeaveGuard.getState().release();
  }, [unsaved, what]);
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
