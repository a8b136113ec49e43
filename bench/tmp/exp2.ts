import { rmSync } from 'node:fs';
import { openArchive } from '../../main/archive/database';
import { prepareFile, storeParsedFiles } from '../../main/importers/storeSources';
import { chooseClusters } from '../../main/archive/nearDuplicates';
import { generateSources } from '../corpus';
const N = Number(process.argv[2] ?? 5000);
const file = `/tmp/scale/exp2.sqlite`;
for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
const db = openArchive(file);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let c0 = cpu();
const prepared = [...generateSources(N)].map((s, i) => prepareFile({ ...s, format: 'txt', pageStarts: null }, `b${i}.txt`));
console.log('generate+prepare cpu', (cpu() - c0).toFixed(0));
let choose = 0, store = 0;
for (let i = 0; i < N; i += 1000) {
  const batch = prepared.slice(i, i + 1000);
  let t = cpu(); db.transaction(() => chooseClusters(db, batch))(); choose += cpu() - t;
  t = cpu(); storeParsedFiles(db, batch); store += cpu() - t;
}
console.log('choose cpu', choose.toFixed(0), 'store (incl choose) cpu', store.toFixed(0), 'per source µs', (store * 1000 / N).toFixed(0));
console.log(db.prepare('select count(*) from sources where cluster_id is not null').pluck().get(), 'clustered');
console.log(db.prepare('select max(n), avg(n) from (select count(*) n from source_lsh_buckets group by bucket)').get());
