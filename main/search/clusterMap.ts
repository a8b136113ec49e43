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

export function clusterMap(db: Db): ClusterMap {
  const key = `${prepareCached(db, 'PRAGMA data_version').pluck().get()}:${prepareCached(db, 'SELECT total_changes()').pluck().get()}`;
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
