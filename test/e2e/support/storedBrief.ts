import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSource, listSources } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { openCore } from '../../../main/core';
import type { SerializedNode } from '../../../shared/briefDocument';
import { rootOf } from '../../../shared/briefTemplates';
import type { SourceDetail } from '../../../shared/source';
import { ROOT } from '../../support/browserSession';

/**
 * A new data folder whose archive (the seed sources) holds a brief titled `title` with the
 * blocks `write` makes from those sources: the most recently edited brief, so the app opens it.
 */
export async function dataDirWithBrief(
  title: string,
  write: (sources: SourceDetail[]) => SerializedNode[],
): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-e2e-'));
  const core = await openCore({
    dataDir,
    seedsDir: join(ROOT, 'seeds'),
    mode: 'browser',
    version: 'test',
    allowRepair: true,
  });
  try {
    const sources = listSources(core.db).map((s) => getSource(core.db, s.id)!);
    const content = rootOf(write(sources));
    const brief = createBrief(core.db, { template: 'blank', title });
    saveBrief(core.db, { id: brief.id, baseRevision: brief.revision, content });
  } finally {
    core.close();
  }
  return dataDir;
}
