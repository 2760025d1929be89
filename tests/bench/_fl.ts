import { copyFileSync } from 'node:fs';
import { openStore } from '../../db/open';
import { CALL_COLUMNS, prepareCallStatements } from '../../main/services/calls/statements';
const per = Number(process.argv[2]);
const imported = await openStore('/tmp/benchfx/import.db');
const rows = imported.sqlite.prepare(`select ${CALL_COLUMNS.join(', ')} from calls where import_id = (select max(import_id) from calls) order by id`).raw().all() as unknown[][];
const importId = rows[0]![CALL_COLUMNS.length - 1];
await imported.close();
copyFileSync('/tmp/benchfx/setup.db', '/tmp/benchfx/fl.db');
const store = await openStore('/tmp/benchfx/fl.db');
store.sqlite.prepare(`insert into call_imports (id, source, format, started_at, status) values (?, 'x', 'x', 'x', 'running')`).run(importId);
const st = prepareCallStatements(store.db, store.sqlite);
if (process.env.NOCK) store.sqlite.pragma('wal_autocheckpoint = 0');
const t = process.hrtime.bigint();
const tx = store.sqlite.transaction((from: number) => { for (let i = from; i < Math.min(rows.length, from + per); i++) st.insert.run(rows[i]); });
for (let i = 0; i < rows.length; i += per) tx(i);
if (process.env.NOCK) { store.sqlite.pragma('wal_autocheckpoint = 1000'); store.sqlite.pragma('wal_checkpoint(PASSIVE)'); }
console.log(per, process.env.NOCK ?? '', Number(process.hrtime.bigint() - t) / 1e9);
await store.close();
