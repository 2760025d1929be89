import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../db/open';

/** The names of a table's own indexes (not the ones a UNIQUE or PRIMARY KEY makes), on either store. */
export async function indexNames(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select i.indexname as name from pg_indexes i
          where i.schemaname = current_schema() and i.tablename = ${table}
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
          order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}
          and name not like 'sqlite_autoindex%' order by 1`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** The names of a table's triggers, on either store. */
export async function triggerNames(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal and tgrelid = ${table}::regclass order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = ${table} order by 1`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Every table's columns, `table.column`, in order of name: the schema both stores must agree on. */
export async function columnNames(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name || '.' || column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name <> 'schema_version'`.execute(db)
      : await sql<{ name: string }>`select m.name || '.' || c.name as name from sqlite_master m, pragma_table_info(m.name) c
          where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db);
  return rows.rows.map((row) => row.name).sort();
}

/** The tables there are (not the store's own), on either store. */
export async function tableNames(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(db);
  return rows.rows.map((row) => row.name);
}
