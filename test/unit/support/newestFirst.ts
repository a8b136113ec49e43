/**
 * The reference order of a date-sorted page: newest publication first, then newest id; undated
 * sources last (SQLite's DESC order of NULL).
 */
export function newestFirst(
  a: { publishedAt: string | null; id: number },
  b: { publishedAt: string | null; id: number },
): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? 1 : -1;
  }
  return b.id - a.id;
}
