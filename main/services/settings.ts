import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export const DEFAULT_CURRENCY = 'USD';
/** The reseller's main provider account: sub account names are `<account>_<username>`. */
export const DEFAULT_MAIN_ACCOUNT = '100000';

async function getSetting(db: Kysely<Database>, key: string, fallback: string): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? fallback;
}

export const getCurrency = (db: Kysely<Database>): Promise<string> => getSetting(db, 'currency', DEFAULT_CURRENCY);
export const getMainAccount = (db: Kysely<Database>): Promise<string> => getSetting(db, 'main_account', DEFAULT_MAIN_ACCOUNT);
