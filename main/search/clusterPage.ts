import type { Db } from '../archive/database';
import { clustersOf, headOf } from './clusterMap';
import type { Page } from './searchPlan';

/**
 * Near-duplicates are one result: a page lists each cluster once, as its first version in the
 * page's order (the best ranked, or the newest), and the hit's clusterSize says how many
 * versions there are (a `cluster:ID` search lists them all, and is never collapsed). `offset`
 * and `limit` count clusters, and so does an exact `total`; an estimated total counts sources.
 *
 * The ranked or dated order is asked for a little deeper than the page, and deeper again in the
 * rare case that clusters took up the extra rows.
 */
export function onePerCluster(
  db: Db,
  pageOf: (limit: number, offset: number) => Page,
  limit: number,
  offset: number,
): Page {
  const wanted = offset + limit;
  let depth = Math.ceil(wanted * 1.25) + 5;
  for (;;) {
    const page = pageOf(depth, 0);
    const map = clustersOf(
      db,
      page.rows.map((row) => row.id),
    );
    const seen = new Set<number>();
    const kept = page.rows.filter((row) => {
      const head = headOf(map, row.id);
      if (seen.has(head)) return false;
      seen.add(head);
      return true;
    });
    if (kept.length >= wanted || page.rows.length < depth) return { ...page, rows: kept.slice(offset, wanted) };
    depth *= 2;
  }
}
