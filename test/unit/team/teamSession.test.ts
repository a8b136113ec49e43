import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';
import { startPostgresCluster } from '../../support/postgresCluster';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { parsedSource } from './support/parsedSource';
import { ANALYST_PASSWORD, newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

/** The app's core on an empty local archive of its own, as browser mode opens it. */
const openLocalCore = () =>
  openCore({ dataDir: tempDir(), seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });

describe.skipIf(!POSTGRES_PRESENT)('the Team archive setting', () => {
  it('routes source calls to the team archive while connected, keeps no password, and goes back to the local one', async () => {
    const team = await newTeamDatabase(cluster());
    const archive = await team.analyst('settings_analyst', 'UNCLASSIFIED');
    await archive.importParsed(
      parsedSource('The icebreaker fleet renewal is on schedule.', { title: 'Icebreakers' }),
      'i.txt',
    );
    const core = await openLocalCore();
    try {
      const call = async (method: string, input: unknown = {}) => {
        const result = await dispatch(core.handlers, method, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as never;
      };
      const search = async () => ((await call('search', { query: 'icebreaker' })) as { total: number }).total;
      expect(await search()).toBe(0);
      const withoutPassword = team.urlFor('settings_analyst').replace(`:${ANALYST_PASSWORD}`, '');
      const wrong = await dispatch(core.handlers, 'connectTeamArchive', { url: withoutPassword, password: 'nope' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const status = await call('connectTeamArchive', { url: withoutPassword, password: ANALYST_PASSWORD });
      expect(status).toEqual({ url: withoutPassword, connected: true, sourceCount: 1 });
      expect(await search()).toBe(1);
      const settingsText = JSON.stringify(core.db.prepare('SELECT * FROM settings').all());
      expect(settingsText).not.toContain(ANALYST_PASSWORD);
      // Opening a team hit gives the reader a local copy, with a local id the brief can cite offline.
      const hit = ((await call('search', { query: 'icebreaker' })) as { results: { id: number }[] }).results[0]!;
      const opened = (await call('getSource', { id: hit.id })) as { id: number; title: string };
      expect(opened.title).toBe('Icebreakers');
      // The reader's edit of that copy goes to the team source too.
      await call('updateSource', { id: opened.id, edit: { title: 'Icebreaker renewal' } });
      expect((await archive.getSource(hit.id))?.title).toBe('Icebreaker renewal');
      expect(await call('disconnectTeamArchive')).toMatchObject({ connected: false, url: withoutPassword });
      expect(((await call('search', { query: 'chocolate' })) as { total: number }).total).toBe(0);
      expect(await call('getSource', { id: opened.id })).toMatchObject({
        title: 'Icebreaker renewal',
        body: expect.stringContaining('icebreaker'),
      });
    } finally {
      core.close();
    }
  });

  it('still reports the session connected, with no count, when the server cannot be reached', async () => {
    // A cluster of its own: this test stops it.
    const own = await startPostgresCluster();
    const core = await openLocalCore();
    try {
      const team = await newTeamDatabase(own);
      await (await team.analyst('gone_analyst', 'UNCLASSIFIED')).close();
      const url = team.urlFor('gone_analyst').replace(`:${ANALYST_PASSWORD}`, '');
      const connected = await dispatch(core.handlers, 'connectTeamArchive', { url, password: ANALYST_PASSWORD });
      expect(connected).toMatchObject({ ok: true, value: { connected: true, sourceCount: 0 } });
      own.stop();
      // Searches still go to the team archive (and fail): the status must not say "not connected".
      expect(await dispatch(core.handlers, 'getTeamArchive', {})).toEqual({
        ok: true,
        value: { url, connected: true, sourceCount: null },
      });
    } finally {
      core.close();
      own.stop();
    }
  });
});
