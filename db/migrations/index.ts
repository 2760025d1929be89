import type { Kysely } from 'kysely';
import type { Dialect } from '../open';
import * as m001 from './001_settings';
import * as m002 from './002_packages';
import * as m003 from './003_package_details';
import * as m004 from './004_clients_billing';
import * as m005 from './005_calls';
import * as m006 from './006_call_day_index';
import * as m007 from './007_import_interrupted';
import * as m008 from './008_client_search';
import * as m009 from './009_did_removed';
import * as m010 from './010_cost_deck_regions';
import * as m011 from './011_ledger_statement_order';
import * as m012 from './012_cdr_indexes';
import * as m013 from './013_report_totals';
import * as m014 from './014_invoices';
import * as m015 from './015_provider_ids';
import * as m016 from './016_outbox';
import * as m017 from './017_sync_pull';
import * as m018 from './018_opening_balance';
import * as m019 from './019_rating_pending';
import * as m020 from './020_deferred_indexes';
import * as m021 from './021_branding_email';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs in the migration's transaction; `dialect` for what SQLite and PostgreSQL say differently (./ddl.ts). */
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Imported statically, in order: no filesystem discovery (CONVENTIONS.md). */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'settings', up: m001.up },
  { version: 2, name: 'packages', up: m002.up },
  { version: 3, name: 'package details, custom rates, cost deck', up: m003.up },
  { version: 4, name: 'clients, DIDs, sub accounts, ledger, billing', up: m004.up },
  { version: 5, name: 'calls and call imports', up: m005.up },
  { version: 6, name: 'daily call charges from the client/start index alone', up: m006.up },
  { version: 7, name: 'imports interrupted by a dead process', up: m007.up },
  { version: 8, name: 'client search text, accents and case folded', up: m008.up },
  { version: 9, name: 'DIDs removed from the inventory, history kept', up: m009.up },
  { version: 10, name: 'cost deck lines held by NANP region (USA and Canada under 1)', up: m010.up },
  { version: 11, name: 'ledger in statement order: by client, applies-date, entry', up: m011.up },
  { version: 12, name: 'Global CDR: keyset pages and totals by client, by sub account', up: m012.up },
  { version: 13, name: 'report rollups: calls per month and client, country, DID; ledger per month, client, kind', up: m013.up },
  { version: 14, name: 'invoices, credit notes, invoice numbering; ledger kinds tax and credit', up: m014.up },
  { version: 15, name: 'provider ids on clients, sub accounts and packages', up: m015.up },
  { version: 16, name: 'sync outbox: local changes on their way to the provider; client portal passwords', up: m016.up },
  { version: 17, name: 'pulls: sync state, the provider\'s packages, balance reconciliation', up: m017.up },
  { version: 18, name: 'ledger kind opening: a client\'s balance at the provider when first pulled', up: m018.up },
  { version: 19, name: 'cycles to rate again from their earliest late call', up: m019.up },
  { version: 20, name: 'call indexes a bulk import builds after its rows', up: m020.up },
  { version: 21, name: 'branding images and the e-mail outbox', up: m021.up },
];

// The last migration's version (numbers are given out per issue, so a branch may skip some until they merge).
export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
