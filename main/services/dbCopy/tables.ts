import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../errors';

/**
 * Issue 16, `db copy`: which tables a SQLite file holds and in which order they can be
 * written into an empty PostgreSQL database whose foreign keys are checked row by row.
 * SQLite's catalogue is not in the typed schema: the pragmas below are SQL text.
 */

export interface CopyTable {
  name: string;
  /** The columns as the source stores them, in its order (SQLite's hidden columns left out). */
  columns: string[];
  /** The primary key's columns in key order; empty when the table has none (its rowid). */
  primaryKey: string[];
  /** Other tables this one's foreign keys point at (a self-reference is left out: rows go in by id). */
  references: string[];
}

/**
 * Tables of the file that are not the reseller's data: SQLite's own, and `deferred_indexes`,
 * the notes of which of *this file's* call indexes an interrupted import dropped (issue 13).
 * A PostgreSQL database has every index its migrations made; carried over, the notes would
 * name indexes it never lacked.
 */
const NOT_COPIED = new Set(['deferred_indexes']);

interface ColumnInfo {
  name: string;
  pk: number;
  hidden: number;
}

/** The tables of the (migrated) source file, each with its columns, key and references. */
export function readSourceTables(sqlite: BetterSqlite3.Database): CopyTable[] {
  const names = sqlite
    .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`)
    .all()
    .map((row) => row.name)
    .filter((name) => !NOT_COPIED.has(name));
  return names.map((name) => {
    const columns = sqlite.prepare<[string], ColumnInfo>('select name, pk, hidden from pragma_table_xinfo(?) order by cid').all(name);
    const references = sqlite
      .prepare<[string], { table: string }>('select distinct "table" from pragma_foreign_key_list(?)')
      .all(name)
      .map((row) => row.table)
      .filter((table) => table !== name);
    return {
      name,
      // Hidden columns (a virtual table's, a generated column) are computed, not stored.
      columns: columns.filter((column) => column.hidden === 0).map((column) => column.name),
      primaryKey: columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      references,
    };
  });
}

/**
 * The tables in an order where each comes after every table it references, so each row's
 * foreign keys find their rows already written; among tables free to go, by name (the same
 * order every run). A cycle between tables (none in this schema) cannot be written row by
 * row and is refused.
 */
export function copyOrder<T extends Pick<CopyTable, 'name' | 'references'>>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  for (const table of tables) {
    const unknown = table.references.find((name) => !byName.has(name));
    if (unknown !== undefined) throw new AppError('internal', `Table ${table.name} references ${unknown}, which the source does not have`);
  }
  const ordered: T[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables
      .filter((table) => !placed.has(table.name) && table.references.every((name) => name === table.name || placed.has(name)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (ready.length === 0) {
      const left = tables.filter((table) => !placed.has(table.name)).map((table) => table.name);
      throw new AppError('internal', `The tables ${left.join(', ')} reference each other in a circle: there is no order to copy them in`);
    }
    // One at a time: placing the first may free a table that sorts before the others.
    const next = ready[0]!;
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}
