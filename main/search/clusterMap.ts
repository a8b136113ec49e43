import { type Db, prepareCached } from '../archive/database';

/**
 * Which cluster each source belongs to, read once per change of the archive. `cluster_id` is
 * stored after the body and the original text, so reading it for a source follows the row's
 * overflow pages: counting the clusters among 2,000 matches that way was 14% of the query mix's
 * CPU at 100,000 sources. Only members have a `cluster_id` (heads point nowhere), and they are
 * all in the partial index sources_cluster, so the whole map is one index-only scan; it is kept
 * until another connection commits (PRAGMA data_version) or this one writes (total_changes()).
 */
export interface ClusterMap {
  /** The head of each member (a source not in it is its own head). */
  heads: ReadonlyMap<number, number>;
  /** How many members each head has. */
  members: ReadonlyMap<number, number>;
}

interface Cached extends ClusterMap {
  key: string;
}

const cached = new WeakMap<Db, Cached>();

/** What the archive is now, as far as this connection can tell: the map is kept while it holds. */
function changeKey(db: Db): string {
  return `${prepareCached(db, 'PRAGMA data_version').pluck().get()}:${prepareCached(db, 'SELECT total_changes()').pluck().get()}`;
}

export function clusterMap(db: Db): ClusterMap {
  const key = changeKey(db);
  const known = cached.get(db);
  if (known?.key === key) return known;
  const heads = new Map<number, number>();
  const members = new Map<number, number>();
  const rows = prepareCached(
    db,
    'SELECT id, cluster_id FROM sources INDEXED BY sources_cluster WHERE cluster_id IS NOT NULL',
  )
    .raw()
    .iterate() as IterableIterator<[number, number]>;
  for (const [id, head] of rows) {
    heads.set(id, head);
    members.set(head, (members.get(head) ?? 0) + 1);
  }
  const fresh = { key, heads, members };
  cached.set(db, fresh);
  return fresh;
}

export function headOf(map: ClusterMap, id: number): number {
  return map.heads.get(id) ?? id;
}

/** Versions in the cluster headed by `head`, itself included. */
export function clusterSize(map: ClusterMap, head: number): number {
  return 1 + (map.members.get(head) ?? 0);
}

/** Up to this many sources are looked up by their rows; more read the whole map (once per change). */
const FEW = 256;

/**
 * The clusters of `ids` (heads and member counts for those sources only): the connection's map
 * when it holds one, else, for a page's worth of ids, their own rows and their heads' members
 * by the index, so that a process that searches once (`precis search`) reads what its page needs
 * and nothing in proportion to the archive: the whole map is 1,983 members at 100,000 sources
 * (~20,000 at a million if the share holds), each one a JavaScript Map entry in a process that
 * has not warmed up (docs/startup.md). More ids (an exact count of up to 2,000 matches) take the map.
 */
export function clustersOf(db: Db, ids: readonly number[]): ClusterMap {
  if (ids.length > FEW) return clusterMap(db);
  const known = cached.get(db);
  if (known !== undefined && known.key === changeKey(db)) return known;
  const heads = new Map<number, number>();
  const members = new Map<number, number>();
  if (ids.length === 0) return { heads, members };
  const list = JSON.stringify(ids);
  const rows = prepareCached(
    db,
    'SELECT id, cluster_id FROM sources NOT INDEXED WHERE id IN (SELECT value FROM json_each(?)) AND cluster_id IS NOT NULL',
  )
    .raw()
    .all(list) as [number, number][];
  for (const [id, head] of rows) heads.set(id, head);
  const wanted = JSON.stringify([...new Set(ids.map((id) => heads.get(id) ?? id))]);
  const counts = prepareCached(
    db,
    `SELECT cluster_id, count(*) FROM sources INDEXED BY sources_cluster
     WHERE cluster_id IN (SELECT value FROM json_each(?)) GROUP BY cluster_id`,
  )
    .raw()
    .all(wanted) as [number, number][];
  for (const [head, count] of counts) members.set(head, count);
  return { heads, members };
}
