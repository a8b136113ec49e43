import { features, fingerprint, isNearDuplicate, similarity } from '../../main/archive/nearDuplicates';
import { generateSources } from '../corpus';
const N = Number(process.argv[2] ?? 3000);
const fs = [...generateSources(N)].map((s) => { const f = features(s.body); return { f, p: fingerprint(f) }; });
const buckets = new Map<number, number[]>();
const passByShared = new Map<number, [number, number]>();
let cands = 0;
let rank: number[] = [];
fs.forEach(({ f, p }, i) => {
  const shared = new Map<number, number>();
  for (const b of p.buckets) { for (const j of buckets.get(b) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1); (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(i); }
  const sorted = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 20);
  cands += sorted.length;
  sorted.forEach(([j, c], r) => { const ok = isNearDuplicate(f, fs[j]!.f); const e = passByShared.get(c) ?? [0, 0]; e[ok ? 0 : 1]++; passByShared.set(c, e); if (ok) rank.push(r); });
});
console.log('avg candidates', (cands / N).toFixed(1));
console.log([...passByShared].sort((a, b) => a[0] - b[0]).map(([c, [p, f]]) => `${c}: pass ${p} fail ${f}`).join('\n'));
const h = new Map<number, number>(); for (const r of rank) h.set(r, (h.get(r) ?? 0) + 1); console.log('rank of passing', [...h].sort((a,b)=>a[0]-b[0]));
