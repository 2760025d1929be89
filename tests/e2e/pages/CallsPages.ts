import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { chooseOption } from './ClientUi';

/** The call tables' estimated row height (renderer/src/pages/Calls/CallsTable.tsx). */
const CALL_ROW_HEIGHT = 53;

/** What the Calls section's pages share: the sub navigation and the virtualised call table. */
class CallsSection extends AppShell {
  readonly main: Locator;
  readonly subnav: Locator;
  readonly table: Locator;
  /** Rendered call rows only (the table keeps spacer rows for the calls out of view). */
  readonly rows: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.main = page.getByRole('main');
    this.subnav = this.main.getByRole('navigation', { name: 'Calls' });
    this.table = this.main.getByRole('table').first();
    this.rows = this.table.locator('tbody tr[data-call-id]');
  }

  subnavLink(label: 'Call list' | 'Import' | 'Unrated'): Locator {
    return this.subnav.getByRole('link', { name: new RegExp(`^${label}`) });
  }

  /** The row of one call, by the provider's unique id. */
  call(callId: string): Locator {
    return this.table.locator(`tbody tr[data-call-id="${callId}"]`);
  }

  /** Account names of the rendered rows, in order. */
  async accounts(): Promise<string[]> {
    return this.rows.locator('td:nth-child(2) .call-cell__main').allInnerTexts();
  }

  async cell(row: Locator, column: string): Promise<Locator> {
    const headers = await this.table.locator('thead th').allInnerTexts();
    const index = headers.findIndex((header) => header.trim().toLowerCase() === column.toLowerCase());
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
    return row.locator('td').nth(index);
  }
}

/** The Global CDR (or a client's CDR) with its filters, totals, pages and export. */
export class CallListPage extends CallsSection {
  readonly card: Locator;
  readonly count: Locator;
  readonly scrollRegion: Locator;
  readonly clientFilter: Locator;
  readonly subaccountFilter: Locator;
  readonly statusFilter: Locator;
  readonly directionFilter: Locator;
  readonly typeFilter: Locator;
  readonly search: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly clearFilters: Locator;
  readonly emptyState: Locator;
  readonly firstPage: Locator;
  readonly previousPage: Locator;
  readonly nextPage: Locator;
  readonly lastPage: Locator;
  readonly pagePlace: Locator;
  readonly exportButton: Locator;
  readonly exportProgress: Locator;
  readonly exportOutcome: Locator;

  constructor(page: Page, baseUrl: string, cardName = 'Global CDR') {
    super(page, baseUrl);
    this.card = this.main.getByRole('region', { name: cardName });
    this.count = this.card.getByRole('status').first();
    this.scrollRegion = this.main.getByRole('region', { name: /^Calls, (newest|oldest) first$/ });
    this.clientFilter = this.main.getByRole('combobox', { name: 'Client' });
    this.subaccountFilter = this.main.getByRole('combobox', { name: 'Sub account' });
    this.statusFilter = this.main.getByRole('combobox', { name: 'Status' });
    this.directionFilter = this.main.getByRole('combobox', { name: 'Direction' });
    this.typeFilter = this.main.getByRole('combobox', { name: 'Call type' });
    this.search = this.main.getByLabel('Destination or country');
    this.from = this.main.getByLabel('From', { exact: true });
    this.to = this.main.getByLabel('To', { exact: true });
    this.clearFilters = this.main.getByRole('button', { name: 'Clear filters' });
    this.emptyState = this.main.getByRole('heading', { name: 'No calls yet' });
    const pager = this.main.getByRole('navigation', { name: 'Pages of calls' });
    this.firstPage = pager.getByRole('button', { name: 'First page' });
    this.previousPage = pager.getByRole('button', { name: 'Previous page' });
    this.nextPage = pager.getByRole('button', { name: 'Next page' });
    this.lastPage = pager.getByRole('button', { name: 'Last page' });
    this.pagePlace = page.getByTestId('page-place');
    this.exportButton = this.main.getByRole('button', { name: 'Export CSV' });
    this.exportProgress = this.main.getByRole('progressbar', { name: 'Export progress' });
    this.exportOutcome = page.getByTestId('export-outcome');
  }

  async goto(): Promise<void> {
    await this.open('/calls');
  }

  /** A total of the whole filter, as shown ("1,500", "$12.34"). */
  total(name: 'calls' | 'minutes' | 'cost' | 'sell' | 'profit'): Locator {
    return this.page.getByTestId(`total-${name}`);
  }

  viewButton(name: 'Standard view' | 'Simple view' | 'Newest first' | 'Oldest first'): Locator {
    return this.main.getByRole('button', { name, exact: true });
  }

  async filterByStatus(label: 'Rated and unrated' | 'Rated' | 'Unrated'): Promise<void> {
    await chooseOption(this.page, this.statusFilter, label);
  }

  async filterByClient(name: string): Promise<void> {
    await chooseOption(this.page, this.clientFilter, name);
  }

  async filterByType(label: 'All call types' | 'Answered' | 'No answer' | 'Busy' | 'Failed'): Promise<void> {
    await chooseOption(this.page, this.typeFilter, label);
  }

  /** Scrolls the table's own scrolling box to the end of the page. */
  async scrollToEnd(): Promise<void> {
    await this.scrollRegion.evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
  }

  /** Scrolls so that the call at this position of the page (0 = first) is near the top of the box. */
  async scrollToRow(position: number): Promise<void> {
    await this.scrollRegion.evaluate((box, top) => box.scrollTo({ top }), position * CALL_ROW_HEIGHT);
  }

  /** The rendered row at this position of the page. */
  rowAt(position: number): Locator {
    return this.table.locator(`tbody tr[aria-rowindex="${position + 2}"]`);
  }

  /**
   * From now on, every client named by a call row on screen (sampled on every change of the
   * page and every frame); the returned function stops and answers them.
   */
  async recordClientsShown(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const seen = new Set<string>();
      const sample = () => {
        for (const cell of document.querySelectorAll('main table tbody tr[data-call-id] td:nth-child(2) .call-cell__sub')) seen.add(cell.textContent ?? '');
      };
      const observer = new MutationObserver(sample);
      observer.observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true, attributes: true });
      let recording = true;
      const frame = () => {
        if (!recording) return;
        sample();
        requestAnimationFrame(frame);
      };
      frame();
      Object.assign(window, {
        __stopRecordingClients: () => {
          recording = false;
          observer.disconnect();
          sample();
          return [...seen];
        },
      });
    });
    return () => this.page.evaluate(() => (window as unknown as { __stopRecordingClients: () => string[] }).__stopRecordingClients());
  }
}

/** Importing a CDR file: the file picker, then the progress and summary. */
export class CallsImportPage extends CallsSection {
  readonly fileInput: Locator;
  readonly startButton: Locator;
  readonly progressBar: Locator;
  readonly progressCard: Locator;
  readonly cancelButton: Locator;
  readonly importAnotherButton: Locator;
  readonly problem: Locator;
  readonly rejectedRows: Locator;
  /** The "Recent imports" card: the imports main recorded, newest first. */
  readonly recentImportsCard: Locator;
  readonly recentImports: Locator;
  readonly interruptedBanner: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.recentImportsCard = this.main.getByRole('region', { name: 'Recent imports' });
    this.recentImports = this.recentImportsCard.getByRole('table', { name: 'Recent imports, newest first' }).locator('tbody tr');
    this.interruptedBanner = this.page.getByTestId('interrupted-imports');
    this.fileInput = this.main.getByLabel('CDR file');
    this.startButton = this.main.getByRole('button', { name: 'Start import' });
    this.progressBar = this.main.getByRole('progressbar', { name: 'Import progress' });
    this.progressCard = this.main.locator('.import-card');
    this.cancelButton = this.main.getByRole('button', { name: 'Cancel import' });
    this.importAnotherButton = this.main.getByRole('button', { name: 'Import another file' });
    this.problem = this.main.getByRole('alert');
    this.rejectedRows = this.main.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr');
  }

  async goto(): Promise<void> {
    await this.open('/calls/import');
  }

  /** The card's heading: "Importing", "Import finished", "Import cancelled"… */
  heading2(name: string): Locator {
    return this.main.getByRole('heading', { level: 2, name });
  }

  count(name: 'lines' | 'rated' | 'unrated' | 'rejected' | 'already-there' | 'speed' | 'time'): Locator {
    return this.page.getByTestId(`import-${name}`);
  }

  /** The recent import of this file (the newest first, when it was imported twice). */
  recentImport(source: string): Locator {
    return this.recentImports.filter({ has: this.page.getByRole('rowheader', { name: source, exact: true }) }).first();
  }

  /** The files of the recent imports, newest first. */
  async recentSources(): Promise<string[]> {
    return this.recentImports.getByRole('rowheader').allInnerTexts();
  }

  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.fileInput.setInputFiles(file);
    await this.startButton.click();
  }
}

/** Calls that could not be rated, and the button that tries again. */
export class UnratedCallsPage extends CallsSection {
  readonly rerateButton: Locator;
  readonly rerateOutcome: Locator;
  readonly count: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.rerateButton = this.main.getByRole('button', { name: 'Re-rate unrated calls' });
    this.rerateOutcome = page.getByTestId('rerate-outcome');
    this.count = this.main.getByRole('region', { name: 'Calls waiting to be rated' }).locator('.card__head .muted');
  }

  async goto(): Promise<void> {
    await this.open('/calls/unrated');
  }

  /** Rendered rows of one sub account. */
  rowsOf(account: string): Locator {
    return this.rows.filter({ has: this.page.locator('.call-cell__main', { hasText: new RegExp(`^${account}$`) }) });
  }
}

/** The dashboard's demo card: "Try the demo" on the reseller's own data, "You are in the demo" (Start the demo again) inside it. */
export class DemoDataCard {
  readonly card: Locator;
  readonly tryButton: Locator;
  readonly busyButton: Locator;
  readonly startAgainButton: Locator;
  readonly refusal: Locator;
  readonly callCount: Locator;
  readonly unratedLink: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    // "Try the demo" on the reseller's own data, "You are in the demo" inside it.
    this.card = main.getByRole('region', { name: /^(Try the demo|You are in the demo)$/ });
    this.tryButton = this.card.getByRole('button', { name: 'Try the demo' });
    this.busyButton = this.card.getByRole('button', { name: 'Opening the demo…' });
    this.startAgainButton = this.card.getByRole('button', { name: 'Start the demo again' });
    this.refusal = this.card.getByRole('alert');
    this.callCount = page.getByTestId('call-count');
    this.unratedLink = page.getByTestId('unrated-count');
  }
}
