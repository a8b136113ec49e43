import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrWorkerOptions, unpackedPath } from '../../../main/importers/ocr/ocrEngine';

const ROOT = join(__dirname, '..', '..', '..');
const SCAN = join(ROOT, 'test', 'fixtures', 'scanned', 'scanned-fr.pdf');

// Loaded with --require in the process and in every worker thread it starts (workers inherit
// execArgv): any attempt to reach the network is written to stderr and refused.
const NETWORK_GUARD = `
const { isMainThread } = require('node:worker_threads');
const refuse = (what) => { process.stderr.write('NETWORK ATTEMPT: ' + what + '\\n'); throw new Error('offline: ' + what); };
const net = require('node:net');
net.Socket.prototype.connect = function () { refuse('socket'); };
net.connect = net.createConnection = () => refuse('connect');
require('node:dns').lookup = () => refuse('dns');
globalThis.fetch = async (url) => refuse('fetch ' + url);
process.stderr.write('guard in ' + (isMainThread ? 'main' : 'worker') + '\\n');
`;

describe('OCR works offline, from node_modules', () => {
  let dir: string;
  beforeAll(async () => {
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'precis-ocr-'));
    writeFileSync(join(dir, 'guard.cjs'), NETWORK_GUARD);
    await build({
      entryPoints: [join(ROOT, 'main', 'importers', 'parseFile.ts')],
      outfile: join(dir, 'parseFile.cjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      external: ['better-sqlite3', 'electron', 'pdfjs-dist', 'tesseract.js'],
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('points tesseract.js at local files only: models, worker and core in node_modules', () => {
    for (const language of ['eng', 'fra'] as const) {
      const options = ocrWorkerOptions(language);
      expect(options.cacheMethod).toBe('none');
      for (const path of [options.langPath, options.workerPath, options.corePath]) {
        expect(path).not.toMatch(/^[a-z]+:\/\//i);
        expect(path).toContain(join(ROOT, 'node_modules'));
        expect(existsSync(path)).toBe(true);
      }
      expect(existsSync(join(options.langPath, `${language}.traineddata.gz`))).toBe(true);
    }
  });

  it('reads a packaged app’s files from app.asar.unpacked', () => {
    expect(unpackedPath('/opt/Précis/resources/app.asar/node_modules/tesseract.js/src/x.js')).toBe(
      '/opt/Précis/resources/app.asar.unpacked/node_modules/tesseract.js/src/x.js',
    );
    expect(unpackedPath('C:\\Précis\\resources\\app.asar\\node_modules\\a')).toBe(
      'C:\\Précis\\resources\\app.asar.unpacked\\node_modules\\a',
    );
    expect(unpackedPath('/home/me/precis/node_modules/a')).toBe('/home/me/precis/node_modules/a');
  });

  it('reads a scan with every network call refused, in the process and its worker threads', () => {
    const script = `
      const { parseFile } = require(${JSON.stringify(join(dir, 'parseFile.cjs'))});
      const bytes = require('node:fs').readFileSync(${JSON.stringify(SCAN)});
      parseFile('scan.pdf', bytes).then((p) => console.log(JSON.stringify({ ocrPages: p.ocrPages, body: p.body })));
    `;
    const run = spawnSync(process.execPath, ['--require', join(dir, 'guard.cjs'), '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain('NETWORK ATTEMPT');
    expect(run.stderr).toContain('guard in worker');
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as { ocrPages: number[]; body: string };
    expect(parsed.ocrPages).toEqual([1, 2]);
    expect(parsed.body).toContain('patrouilles côtières');
    // Nothing was cached to the working folder (tesseract.js's default writes <lang>.traineddata there).
    expect(existsSync(join(dir, 'fra.traineddata'))).toBe(false);
    expect(existsSync(join(dir, 'eng.traineddata'))).toBe(false);
  }, 120_000);
});
