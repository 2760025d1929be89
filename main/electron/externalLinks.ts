/**
 * Which web pages the app may open in the user's browser (issue 14): https only, and only
 * on the provider's sites or the reseller's own host name. Anything else (another scheme,
 * another host, a user name in the URL) is refused and logged: a link in a client's name or
 * a provider message must not become a way to launch a local program.
 */
export const PROVIDER_HOSTS = ['voip.ms', 'www.voip.ms', 'wiki.voip.ms', 'portal.voip.ms'] as const;

export function externalLinkAllowed(url: string, ownHosts: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return [...PROVIDER_HOSTS, ...ownHosts.map((own) => own.trim().toLowerCase()).filter((own) => own !== '')].includes(host);
}

export interface ExternalOpener {
  /** shell.openExternal */
  open: (url: string) => Promise<void>;
  /** Where a refusal is written (the app's log). */
  log: (message: string) => void;
  /** The reseller's own host names (their branded portal), read when a link is opened. */
  ownHosts?: () => readonly string[];
}

/** Opens the URL in the browser when allowed; false (and a log line) when refused. */
export function openExternalSafely(url: string, opener: ExternalOpener): boolean {
  if (!externalLinkAllowed(url, opener.ownHosts?.() ?? [])) {
    opener.log(`Refused to open an external link: ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  }
  void opener.open(url).catch((error: unknown) => opener.log(`Could not open ${url}: ${error instanceof Error ? error.message : String(error)}`));
  return true;
}
