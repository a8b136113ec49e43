import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usage } from '../../../main/cli/commandList';
import { catalogUsage, cliIntl, localeFromEnv } from '../../../main/cli/intl';
import { pickLocale } from '../../../shared/i18n/locale';

const ROOT = join(__dirname, '..', '..', '..');

describe('interface language', () => {
  it('takes the language of a BCP-47 tag or a POSIX locale, English otherwise', () => {
    expect(pickLocale('fr-CA')).toBe('fr');
    expect(pickLocale('fr_CA.UTF-8')).toBe('fr');
    expect(pickLocale('FR')).toBe('fr');
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('de-DE')).toBe('en');
    expect(pickLocale('C')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });

  it('reads LC_ALL before LC_MESSAGES before LANG, as POSIX does', () => {
    expect(localeFromEnv({ LANG: 'fr_CA.UTF-8' })).toBe('fr');
    expect(localeFromEnv({ LANG: 'fr_CA.UTF-8', LC_MESSAGES: 'en_CA.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_CA.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).toBe('fr');
    expect(localeFromEnv({})).toBe('en');
  });

  it('formats the CLI messages in the language of LANG', async () => {
    const french = await cliIntl({ LANG: 'fr_CA.UTF-8' });
    expect(french.formatMessage({ id: 'search.box.label' })).toBe('Rechercher dans les sources');
    expect(french.formatNumber(12345)).toBe('12\u00a0345');
    const english = await cliIntl({ LANG: 'en_CA.UTF-8' });
    expect(english.formatMessage({ id: 'search.box.label' })).toBe('Search sources');
  });
});

describe('the CLI in French (LANG=fr_CA.UTF-8)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-cli-fr-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const precis = (args: string[], lang = 'fr_CA.UTF-8') =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'precis.cjs'), ...args, '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang },
    });

  it('prints its help and usage errors in French', () => {
    const help = precis(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Utilisation\u00a0: precis <commande> [options]');
    expect(help.stdout).toContain('Commandes\u00a0:');
    expect(help.stdout).toMatch(/Importe des fichiers .*, \.docx et \.pdf/);
    const wrong = precis(['frobnicate']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^precis: Commande inconnue «\u202ffrobnicate\u202f»\./);
    expect(wrong.stderr).toContain('Utilisation\u00a0: precis');
    expect(precis(['sources', '--limit', '5']).stderr).toMatch(/^precis: sources n’accepte pas --limit\./);
  });

  it('reports results and progress in French, and stays English under an English LANG', () => {
    const search = precis(['search', 'Joly']);
    expect(search.status).toBe(0);
    expect(search.stdout).toMatch(/^\d+ résultats? pour Joly$/m);
    expect(precis(['search', 'Joly'], 'en_CA.UTF-8').stdout).toMatch(/^\d+ results? for Joly$/m);
    expect(precis(['export', '1'], 'C').stderr).toMatch(/^precis: export needs -o FILE\.docx\./);
  });

  it('has the English usage of the command list in its English catalog', async () => {
    const english = await cliIntl({ LANG: 'en_CA.UTF-8' });
    expect(await catalogUsage(english, '/data')).toBe(usage('/data'));
  });
});
