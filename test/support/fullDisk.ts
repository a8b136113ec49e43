import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_CI } from './ci';

/**
 * A real, small filesystem (tmpfs) that tests and the stress bench fill up, to see what Précis does
 * when the disk holding its archive is full. Mounting needs root (CI runs as root); where it is
 * impossible `mountSmallDisk` says why, and the caller skips with that reason, or fails under CI.
 * Framework-free, so the unit tests, the end-to-end tests and bench/ all use it.
 */
export interface SmallDisk {
  /** The mount point: put the data dir (or the archive) here. */
  dir: string;
  /** Writes a filler file until the filesystem refuses another byte (ENOSPC); returns its size. */
  fill(): number;
  /** Deletes the filler file. */
  free(): void;
  /** Unmounts and removes the mount point (whatever is still on it is lost). */
  unmount(): void;
}

const FILLER = '.filler';

export function mountSmallDisk(sizeMb: number): SmallDisk | { unavailable: string } {
  const dir = mkdtempSync(join(tmpdir(), 'precis-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { unavailable: `cannot mount a ${sizeMb} MB tmpfs (${detail})` };
  }
  const filler = join(dir, FILLER);
  return {
    dir,
    fill: () => {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        // Large blocks first, then single pages: tmpfs allocates whole pages, so this leaves none.
        for (const size of [1024 * 1024, 4096]) {
          const block = Buffer.alloc(size, 0x2e);
          try {
            for (;;) written += writeSync(fd, block);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmdirSync(dir);
    },
  };
}

/**
 * The small disk, or null after printing why there is none. Under CI=true a missing disk is an
 * error: a test that cannot create its condition must not pass by skipping.
 */
export function smallDiskOrSkip(sizeMb: number, what: string): SmallDisk | null {
  const disk = mountSmallDisk(sizeMb);
  if (!('unavailable' in disk)) return disk;
  const reason = `${what}: ${disk.unavailable}`;
  if (IN_CI) throw new Error(`${reason}; CI must be able to mount a tmpfs (run as root).`);
  console.warn(`[precis] skipped ${reason}`);
  return null;
}
