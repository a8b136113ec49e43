// Runs @doyensec/electronegativity over the app's own sources and fails on any finding that
// docs/security.md does not justify. Offline, it cannot look up Electron releases, so the
// Electron version comes from package.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
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

const findings = csv
  .split('\n')
  .slice(1)
  .filter((line) => line.trim())
  .map((line) => {
    const [check, severity, confidence, file, location] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    return { check, severity, confidence, file, location };
  });
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
