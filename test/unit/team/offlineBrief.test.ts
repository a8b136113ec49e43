import { afterEach, describe, expect, it } from 'vitest';
import { getSource } from '../../../main/archive/sources';
import { getBrief } from '../../../main/briefs/briefs';
import { exportBriefDocx } from '../../../main/export/exportBrief';
import { openPostgresArchive } from '../../../main/team/postgresArchive';
import { cachedCopyOf, cacheTeamSource } from '../../../main/team/teamSourceCache';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { docxParts } from '../../support/docxReaders';
import { startPostgresCluster } from '../../support/postgresCluster';
import { excerptFrom, storeBrief } from '../export/archiveBrief';
import { block, text } from '../export/docxKit';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { parsedSource, storyBody } from './support/parsedSource';
import { ANALYST_PASSWORD, newTeamDatabase, POSTGRES_PRESENT } from './support/teamFixture';

afterEach(cleanUpTemp);

describe.skipIf(!POSTGRES_PRESENT)('a brief citing team sources, offline', () => {
  it('keeps a stable local copy, so the brief opens and exports with the server stopped', async () => {
    // A cluster of its own: this test stops it.
    const cluster = await startPostgresCluster();
    let stopped = false;
    try {
      const team = await newTeamDatabase(cluster);
      const archive = await team.analyst('offline_analyst', 'PROTECTED B');
      const imported = await archive.importParsed(
        parsedSource(storyBody('radar'), {
          title: 'Radar review announced',
          outlet: 'Team Wire',
          publishedAt: '2024-04-02',
        }),
        'radar.txt',
        { classification: 'PROTECTED B' },
      );
      expect(imported.kind).toBe('imported');
      if (imported.kind !== 'imported') return;
      const teamSource = (await archive.getSource(imported.id))!;
      await archive.close();

      const { db } = tempArchive();
      const url = team.urlFor('offline_analyst');
      const localId = cacheTeamSource(db, url, teamSource);
      // Citing it again (the password left out of the URL) finds the same copy.
      expect(cacheTeamSource(db, url.replace(`:${ANALYST_PASSWORD}`, ''), teamSource)).toBe(localId);
      expect(cachedCopyOf(db, url, teamSource.id)).toBe(localId);
      const content: SerializedBriefState = {
        root: {
          type: 'root',
          version: 1,
          direction: null,
          format: '',
          indent: 0,
          children: [block('paragraph', [text('The team archive reports that '), excerptFrom(db, localId), text('.')])],
        },
      } as unknown as SerializedBriefState;
      const briefId = storeBrief(db, content, 'PROTECTED B');

      cluster.stop();
      stopped = true;
      await expect(openPostgresArchive({ url, max: 1 }).count()).rejects.toThrow();

      expect(getBrief(db, briefId)).not.toBeNull();
      expect(getSource(db, localId)).toMatchObject({ title: 'Radar review announced', classification: 'PROTECTED B' });
      const exported = await exportBriefDocx(db, briefId, { includeSourceList: true, includeGrades: false });
      expect(exported).not.toBeNull();
      const parts = docxParts(exported!.bytes);
      expect(parts['word/footnotes.xml']).toMatch(/Radar Review Announced/i);
      expect(parts['word/footnotes.xml']).toContain('Team Wire');
      expect(parts['word/header1.xml'] ?? Object.values(parts).join('')).toContain('PROTECTED B');
    } finally {
      if (!stopped) cluster.stop();
    }
  });
});
