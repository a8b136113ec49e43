// The first step of `npm test`: the Debian packages the suite and the benchmarks drive, in one list.
// When one is missing it installs them (as root, with apt-get, non-interactively); otherwise it stops
// and prints the one command that does. Usage: node tooling/systemPackages.mjs [--check]
// (--check only reports, installing nothing).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Each Debian package, what needs it, and how to tell it is there without asking dpkg. */
export const SYSTEM_PACKAGES = [
  {
    name: 'chromium',
    usedBy: 'end-to-end tests and the editor and crash benchmarks (driven by Playwright)',
    // PRECIS_CHROMIUM points the suite at another browser build; then Debian's is not needed.
    present: () => (process.env.PRECIS_CHROMIUM ? existsSync(process.env.PRECIS_CHROMIUM) : onPath('chromium')),
  },
  { name: 'pandoc', usedBy: 'reading exported .docx back; bench:export', present: () => onPath('pandoc') },
  {
    name: 'libreoffice-writer',
    usedBy: 'opening exported .docx and laying out its pages',
    present: () => onPath('soffice') || onPath('libreoffice'),
  },
  {
    name: 'poppler-utils',
    usedBy: 'pdftotext, pdfinfo and pdftoppm on the PDFs LibreOffice writes; pdftoppm for the scanned-PDF fixtures',
    present: () => ['pdftotext', 'pdfinfo', 'pdftoppm'].every(onPath),
  },
  {
    name: 'fonts-dejavu-core',
    usedBy: 'one known font, so page layouts are the same on every machine',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  },
  {
    name: 'bibutils',
    usedBy: 'ris2xml: an independent reader of the RIS files export writes',
    present: () => onPath('ris2xml'),
  },
  {
    name: 'img2pdf',
    usedBy: 'making image-only PDF fixtures (test/fixtures/scanned/make.sh, bench ocr)',
    present: () => onPath('img2pdf'),
  },
  {
    // Debian's postgresql-15 carries the contrib modules (unaccent) too.
    name: 'postgresql',
    usedBy: 'the team archive: tests and bench:team start throw-away clusters (initdb, pg_ctl; unaccent)',
    present: () => {
      const root = '/usr/lib/postgresql';
      return existsSync(root) && readdirSync(root).some((version) => existsSync(join(root, version, 'bin', 'initdb')));
    },
  },
  {
    name: 'time',
    usedBy: 'GNU time (/usr/bin/time): peak memory in bench:export',
    present: () => existsSync('/usr/bin/time'),
  },
];

export function missingPackages() {
  return SYSTEM_PACKAGES.filter((pkg) => !pkg.present());
}

function apt(args) {
  const run = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return run.status === 0;
}

function main() {
  const missing = missingPackages();
  if (missing.length === 0) return 0;
  const names = missing.map((pkg) => pkg.name);
  for (const pkg of missing) console.error(`system packages: missing ${pkg.name} (${pkg.usedBy})`);
  const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
  const canInstall = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
  if (process.argv.includes('--check') || !canInstall) {
    const asRoot = process.getuid?.() === 0 ? command : `sudo sh -c '${command}'`;
    const how = onPath('apt-get') ? asRoot : `the equivalents of: ${names.join(' ')}`;
    console.error(`system packages: install them, then run the tests again:\n  ${how}`);
    return 1;
  }
  console.error(`system packages: installing ${names.join(' ')} with apt-get`);
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...names]);
  const still = missingPackages().map((pkg) => pkg.name);
  if (!installed || still.length > 0) {
    console.error(`system packages: apt-get could not install ${still.join(' ') || names.join(' ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
