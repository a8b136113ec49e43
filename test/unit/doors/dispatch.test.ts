import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch';
import { UserError } from '../../../main/errors';
import type { Handlers } from '../../../shared/contract';

/** Handlers for one method; dispatch validates before it ever reaches the others. */
const only = (handlers: Partial<Handlers>) => handlers as Handlers;

describe('dispatch, the one entry of the three doors', () => {
  it('refuses unknown methods and invalid input before any handler runs', async () => {
    let ran = false;
    const handlers = only({
      search: () => {
        ran = true;
        throw new Error('unreachable');
      },
    });
    expect(await dispatch(handlers, 'dropEverything', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const tooMany = await dispatch(handlers, 'search', { query: 'x', limit: 1000 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((tooMany as { error: { message: string } }).error.message).toMatch(/^Invalid request for search \(limit\)/);
    expect(ran).toBe(false);
  });

  it('passes a UserError through as is, and hands an unexpected one to onUnexpected only', async () => {
    const handlers = only({
      getSource: ({ id }) => {
        if (id === 1) throw new UserError('not-found', 'Source 1 is not in the archive.');
        throw new TypeError('boom');
      },
    });
    const seen: unknown[] = [];
    const record = (method: string, error: unknown) => seen.push([method, error]);
    expect(await dispatch(handlers, 'getSource', { id: 1 }, record)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Source 1 is not in the archive.' },
    });
    expect(seen).toEqual([]);
    const unexpected = await dispatch(handlers, 'getSource', { id: 2 }, record);
    expect(unexpected).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((unexpected as { error: { message: string } }).error.message).not.toContain('boom');
    expect(seen).toEqual([['getSource', new TypeError('boom')]]);
  });
});
