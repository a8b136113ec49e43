import { rmSync } from 'node:fs';
import { openArchive } from '../../main/archive/database';
import { insertSources, contentHash } from '../../main/archive/sources';
import { features, fingerprint } from '../../main/archive/nearDuplicates';
import { countWords } from '../../shared/text';
import { generateSources } from '../corpus';

const N = Number(process.argv[2] ?? 5000);
const mode = process.argv[3] ?? 'base';
const all = [...generateSources(N)].map((s) => ({ ...s, contentHash: contentHash(s.body) }));
const file = `/tmp/scale/exp-${mode}.sqlite`;
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const db = openArchive(file);
if (mode.includes('nofts')) db.exec('DROP TRIGGER sources_fts_after_insert');
if (mode.includes('normal')) db.pragma('synchronous = NORMAL');
if (mode.includes('cache')) db.pragma('cache_size = -65536');
if (mode.includes('nounranked')) db.exec('DROP TRIGGER search_unranked_after_insert');
if (mode.includes('noidx')) { for (const r of db.prepare("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='sources' AND sql IS NOT NULL").all() as {name:string}[]) db.exec('DROP INDEX ' + r.name); }
if (mode.includes('am0')) db.exec("INSERT INTO sources_fts (sources_fts, rank) VALUES ('automerge', 0)");
if (mode.includes('cm')) db.exec("INSERT INTO sources_fts (sources_fts, rank) VALUES ('crisismerge', 64)");
if (mode.includes('pgsz')) db.exec("INSERT INTO sources_fts (sources_fts, rank) VALUES ('pgsz', 4000)");
const t = (label: string, f: () => void) => { const c = process.cpuUsage(); const w = performance.now(); f(); const u = process.cpuUsage(c); console.log(label, 'cpu', ((u.user+u.system)/1000).toFixed(0), 'ms wall', (performance.now()-w).toFixed(0), 'ms'); };
if (0) t('hash', () => { for (const s of all) contentHash(s.body); });
if (0) t('countWords', () => { for (const s of all) countWords(s.body); });
if (0) t('features+fp', () => { for (const s of all) fingerprint(features(s.body)); });
const B = Number(process.argv[4] ?? 1000);
t(`insert ${mode}`, () => {
  for (let i = 0; i < all.length; i += B) db.transaction(() => insertSources(db, all.slice(i, i + B)))();
});
t('checkpoint', () => db.pragma('wal_checkpoint(TRUNCATE)'));
db.close();
