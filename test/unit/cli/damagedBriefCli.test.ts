import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';

const LAUNCHER = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');

/**
 * A damaged brief met from the command line: the app offers “Open the latest good version”; the
 * CLI must say how to do the same there, in the language of LANG, and do it.
 */
describe('precis on a brief whose stored text is damaged', () => {
  let dataDir: string;
  let damaged: number;
  let withoutHistory: number;
  let healthy: number;
  const precis = (args: string[], lang = 'en_CA.UTF-8') =>
    spawnSync(process.execPath, [LAUNCHER, ...args, '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang },
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'precis-cli-damaged-'));
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    const call = async (method: string, input: unknown) => {
      const result = await dispatch(core.handlers, method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { id: number };
    };
    const paragraph = (text: string) => ({
      type: 'paragraph',
      version: 1,
      children: [{ type: 'text', text, format: 0, version: 1 }],
    });
    const brief = async (title: string, snapshot: boolean) => {
      const { id } = await call('createBrief', { template: 'blank', title });
      await call('saveBrief', {
        id,
        baseRevision: 1,
        content: {
          root: { type: 'root', version: 1, direction: 'ltr', children: [paragraph(`${title}: good text.`)] },
        },
      });
      if (snapshot) await call('takeSnapshot', { briefId: id, reason: 'manual' });
      return id;
    };
    damaged = await brief('Water security', true);
    withoutHistory = await brief('Arctic patrols', false);
    healthy = await brief('Housing', true);
    // Damaged behind the app's back (JSON still: the table refuses anything else).
    for (const id of [damaged, withoutHistory]) {
      core.db.prepare('UPDATE briefs SET content = ? WHERE id = ?').run('{"root": "damaged"}', id);
    }
    core.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names the command that opens the latest good version, in the language of LANG', () => {
    const out = join(dataDir, 'note.docx');
    const english = precis(['export', String(damaged), '-o', out]);
    expect(english.status).toBe(1);
    expect(english.stderr).toBe(
      `precis: The brief “Water security” (no. ${damaged}) cannot be opened: its stored text is damaged. ` +
        'Nothing was changed. Its history holds a version that can be read: ' +
        `\`precis recover ${damaged}\` opens it as a new brief.\n`,
    );
    const french = precis(['export', String(damaged), '-o', out], 'fr_CA.UTF-8');
    expect(french.status).toBe(1);
    expect(french.stderr).toMatch(/^precis: Impossible d’ouvrir la note «\u202fWater security\u202f»/);
    expect(french.stderr).toContain(`\`precis recover ${damaged}\``);
    // Without a readable version there is nothing to recover: the backups are named instead.
    const none = precis(['check', String(withoutHistory)], 'fr_CA.UTF-8');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('aucune version lisible');
    expect(none.stderr).not.toContain('precis recover');
  });

  it('recovers it as a new brief and leaves the damaged one as it is', () => {
    const run = precis(['recover', String(damaged)]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const match = /^Brief (\d+) holds the latest good version of brief (\d+): “Water security \(copy\)”\.\n$/.exec(
      run.stdout,
    );
    expect(match?.[2]).toBe(String(damaged));
    const copy = Number(match![1]);
    const listed = JSON.parse(precis(['briefs', '--json']).stdout) as { id: number; title: string }[];
    expect(listed.map((b) => b.title)).toContain('Water security (copy)');
    // The copy opens and checks like any brief; the damaged one is still refused, unchanged.
    expect(precis(['check', String(copy)]).status).toBe(0);
    expect(precis(['check', String(damaged)]).stderr).toContain('cannot be opened');
  });

  it('refuses a brief that is not damaged, and one with nothing readable, exit 1', () => {
    const fine = precis(['recover', String(healthy)]);
    expect(fine.status).toBe(1);
    expect(fine.stderr).toBe(`precis: Brief ${healthy} is not damaged: there is nothing to recover.\n`);
    const none = precis(['recover', String(withoutHistory)]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('its history holds no version that can be read');
    expect(precis(['recover']).status).toBe(2);
  });
});
