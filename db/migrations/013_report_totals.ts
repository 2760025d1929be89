import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

const MEASURES = ['calls', 'answered', 'seconds', 'billed_seconds', 'cost_micros', 'charge_micros'] as const;

/**
 * Issue 11, reports: rollups of the calls (per month × client, month × destination country,
 * month × DID) and of the ledger (month × client × kind), so the financial report, the
 * dashboard and the DID report read a few thousand rows instead of a million calls. They
 * are written in the same transaction as what they sum (main/services/calls/callTotals.ts,
 * the ledger door), never recomputed later; this migration back-fills them from the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createMeasuresTable(db, 'call_totals', 'client_id', 'integer');
  await createMeasuresTable(db, 'call_country_totals', 'country', 'text');
  await createMeasuresTable(db, 'call_did_totals', 'did_number', 'text');
  await db.schema
    .createTable('ledger_totals')
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('client_id', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('amount_micros', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('entries', 'integer', (col) => col.notNull().defaultTo(0))
    // Month, then kind: the financial report groups by both in this order, reading the key without a sort.
    .addPrimaryKeyConstraint('ledger_totals_pk', ['month', 'kind', 'client_id'])
    .modifyEnd(sql`strict, without rowid`)
    .execute();

  const sums = sql`count(*), sum(case when disposition = 'ANSWERED' then 1 else 0 end), sum(seconds), sum(billed_seconds), sum(cost_micros), sum(charge_micros)`;
  await sql`insert into call_totals (month, client_id, calls, answered, seconds, billed_seconds, cost_micros, charge_micros)
            select substr(started_at, 1, 7), coalesce(client_id, 0), ${sums} from calls group by 1, 2`.execute(db);
  await sql`insert into call_country_totals (month, country, calls, answered, seconds, billed_seconds, cost_micros, charge_micros)
            select substr(started_at, 1, 7), coalesce(country, ''), ${sums} from calls where direction = 'outbound' group by 1, 2`.execute(db);
  await sql`insert into call_did_totals (month, did_number, calls, answered, seconds, billed_seconds, cost_micros, charge_micros)
            select substr(started_at, 1, 7), did_number, ${sums} from calls
            where direction = 'inbound' and did_number is not null group by 1, 2`.execute(db);
  // A reversal counts against the kind of the entry it reverses.
  await sql`insert into ledger_totals (month, client_id, kind, amount_micros, entries)
            select substr(entry.occurred_on, 1, 7), entry.client_id,
                   case when entry.kind = 'reversal' then coalesce(reversed.kind, 'reversal') else entry.kind end,
                   sum(entry.amount_micros), count(*)
            from ledger_entries entry left join ledger_entries reversed on reversed.id = entry.reverses_entry_id
            group by 1, 2, 3`.execute(db);
}

async function createMeasuresTable(db: Kysely<unknown>, name: string, key: string, keyType: 'integer' | 'text'): Promise<void> {
  let table: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn(key, keyType, (col) => col.notNull());
  for (const column of MEASURES) table = table.addColumn(column, 'integer', (col) => col.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint(`${name}_pk`, ['month', key]).modifyEnd(sql`strict, without rowid`).execute();
}
