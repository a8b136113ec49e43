import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/browserSession';

const script = join(ROOT, 'tooling', 'systemPackages.mjs');

describe('the system-package step that starts npm test', () => {
  it('finds every Debian package the suite needs on this machine', () => {
    const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('names a missing package and prints the one command that installs it', () => {
    const run = spawnSync(process.execPath, [script, '--check'], {
      encoding: 'utf8',
      env: { ...process.env, PRECIS_CHROMIUM: join(ROOT, 'no-such-browser') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('missing chromium');
    expect(run.stderr).toMatch(/apt-get update && apt-get install -y chromium'?\n/);
  });
});
