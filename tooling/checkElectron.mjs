// Runs @doyensec/electronegativity over the app's own sources and fails on any finding that
// docs/security.md does not justify. Offline, it cannot look up Electron releases, so the
// Electron version comes from package.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = pkg.devDependencies.electron.replace(/^[^\d]*/, '');

// Only our sources: scanning node_modules would report on other people's code for minutes.
const scan = mkdtempSync(join(tmpdir(), 'precis-electronegativity-'));
for (const entry of ['main', 'renderer', 'shared', 'package.json'])
  cpSync(join(root, entry), join(scan, entry), { recursive: true });
const report = join(scan, 'findings.csv');
const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const run = spawnSync(process.execPath, [cli, '-i', scan, '-r', '-e', electronVersion, '-o', report], {
  encoding: 'utf8',
  timeout: 300_000,
});
let csv = '';
try {
  csv = readFileSync(report, 'utf8');
} catch {
  console.error(`electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(scan, { recursive: true, force: true });
}

// Each finding is its check id and four quoted fields; the free-text fields after
// them may themselves hold commas or line breaks, so findings are matched by that prefix, not split.
const findings = Array.from(
  csv.matchAll(/([A-Z0-9_]+_CHECK),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/g),
  ([, check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }),
);
// A row we could not read must fail the check, not hide a finding.
const rowsInReport = csv.match(/[A-Z0-9_]+_CHECK,"/g)?.length ?? 0;
if (rowsInReport !== findings.length) {
  console.error(`electronegativity: read ${findings.length} of ${rowsInReport} findings in its report:\n${csv}`);
  process.exit(1);
}
// A finding is justified when docs/security.md has a row naming its check and file.
const security = readFileSync(join(root, 'docs', 'security.md'), 'utf8');
const unjustified = findings.filter(
  (f) => !security.split('\n').some((row) => row.includes(`\`${f.check}\``) && row.includes(f.file)),
);
for (const f of findings) {
  const verdict = unjustified.includes(f) ? 'NOT JUSTIFIED' : 'justified in docs/security.md';
  console.log(`electronegativity: ${f.check} (${f.severity}/${f.confidence}) ${f.file}:${f.location} — ${verdict}`);
}
if (unjustified.length > 0) {
  console.error(`electronegativity: ${unjustified.length} finding(s) are not justified in docs/security.md`);
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), all justified`);
