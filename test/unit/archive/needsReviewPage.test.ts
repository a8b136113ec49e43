import { afterEach, describe, expect, it } from 'vitest';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import { dispatch } from '../../../main/dispatch';
import { sourceHandlers } from '../../../main/handlers/sourceHandlers';
import { archiveSourceHandlers } from '../../../main/handlers/teamSourceHandlers';
import type { Handlers } from '../../../shared/contract';
import type { SourceSummary } from '../../../shared/source';
import { cleanUpTemp } from '../support/tempArchive';
import { archiveEnginesPerFile, type EngineArchive, importAll } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

interface ReviewPage {
  sources: SourceSummary[];
  total: number;
}

/** The Needs review list as the window asks for it: through the contract's validation and dispatch. */
function reviewList(target: EngineArchive) {
  const handlers = (target.db ? sourceHandlers(target.db) : archiveSourceHandlers(target.archive)) as Handlers;
  return async (input: unknown): Promise<ReviewPage> => {
    const result = await dispatch(handlers, 'listNeedsReview', input);
    if (!result.ok) throw new Error(`listNeedsReview failed: ${result.error.message}`);
    return result.value as ReviewPage;
  };
}

/** `count` sources with no outlet and no date (so they need review), then `strong` whose fields are printed. */
async function archiveOf(archive: SourceArchive, count: number, strong: number): Promise<number[]> {
  const weak = Array.from({ length: count }, (_, i) => ({
    title: `Clipping ${i}`,
    body: `The committee heard witness number ${i} on the state of Arctic surveillance.`,
  }));
  const printed = Array.from({ length: strong }, (_, i) => ({
    title: `Wire story ${i}`,
    body: `Officials confirmed story number ${i} on Tuesday.`,
    outlet: 'CanWire',
    publishedAt: '2025-02-27',
    provenance: { title: 'headline', outlet: 'wire-header', publishedAt: 'wire-header' } as const,
  }));
  return (await importAll(archive, [...weak, ...printed])).slice(0, count);
}

// The window asks for this list at start: a page and a count, never every source needing review
// (3.66 s and 5.3 MB at 100,000 sources, with the search waiting behind it: docs/startup.md).
describe.each(ENGINES)('the Needs review list, a page at a time (%s)', (engine) => {
  it('gives the newest 50 sources needing review and how many there are in all', async () => {
    const target = await freshArchive(engine);
    const weak = await archiveOf(target.archive, 57, 3);
    const list = reviewList(target);

    const first = await list({});
    expect(first.total).toBe(57);
    expect(first.sources.map((s) => s.id)).toEqual([...weak].reverse().slice(0, 50));
    expect(first.sources.every((s) => s.needsReview)).toBe(true);

    // The next page starts after the last one shown, and the pages together are the whole list.
    const next = await list({ before: first.sources.at(-1)!.id });
    expect(next).toMatchObject({ total: 57 });
    expect(next.sources.map((s) => s.id)).toEqual([...weak].reverse().slice(50));
    expect((await list({ limit: 5 })).sources.map((s) => s.id)).toEqual([...weak].reverse().slice(0, 5));
  });

  it('drops a source once the analyst saves its details, and not for a grade alone', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const [oldest, , newest] = await archiveOf(archive, 3, 1);
    const list = reviewList(target);
    const edit = async (id: number, change: Parameters<SourceArchive['updateMetadata']>[1]) =>
      expect((await archive.updateMetadata(id, change, (await archive.revisionOf(id))!)).kind).toBe('updated');

    // A grade is no word on the title, date or outlet: the source still needs review.
    await edit(newest!, { reliability: 'B', credibility: 2 });
    expect(await list({})).toMatchObject({
      total: 3,
      sources: [{ id: newest, reliability: 'B', credibility: 2 }, {}, {}],
    });

    await edit(newest!, { title: 'Committee hearings', publishedAt: '2025-01-10', outlet: null });
    const after = await list({});
    expect(after.total).toBe(2);
    expect(after.sources.map((s) => s.id)).not.toContain(newest);

    // The outlet and date set by hand, the title kept as imported: that is enough.
    await edit(oldest!, { outlet: 'House of Commons', publishedAt: '2025-01-11' });
    expect((await list({})).total).toBe(1);
  });

  it('refuses a page larger than the window shows', async () => {
    const target = await freshArchive(engine);
    const handlers = (target.db ? sourceHandlers(target.db) : archiveSourceHandlers(target.archive)) as Handlers;
    const result = await dispatch(handlers, 'listNeedsReview', { limit: 10_000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
