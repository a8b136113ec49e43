import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputTo } from '../../../main/cli/output';

/*
 * The CLI writes its standard output with write(2) (main/cli/output.ts). Real pipes (a FIFO):
 * one whose reader is gone (EPIPE), and one made non-blocking and left full (EAGAIN).
 */
describe('the CLI’s output', () => {
  let dir: string;
  let fifo: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'precis-output-'));
    fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops what follows once the reader is gone, without throwing', () => {
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY);
    closeSync(reader);
    let streamAsked = false;
    const output = outputTo(writer, () => {
      streamAsked = true;
      throw new Error('no stream for EPIPE');
    });
    expect(() => output.write('13,569 results for government\n')).not.toThrow();
    expect(() => output.write('more\n')).not.toThrow();
    expect(streamAsked).toBe(false);
    closeSync(writer);
  });

  it('hands the rest to the stream, in order, when a non-blocking pipe is full', async () => {
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const lines = Array.from({ length: 6000 }, (_, i) => `line ${i} ${'x'.repeat(40)}\n`);
    const expected = lines.join('');
    // Read only once everything was written: the pipe (64 KiB) fills, write(2) says EAGAIN.
    const stream = new Socket({ fd: writer, readable: false, writable: true });
    let streamAsked = 0;
    const output = outputTo(writer, () => {
      streamAsked++;
      return stream;
    });
    for (const line of lines) output.write(line);
    expect(streamAsked).toBe(1);
    const received = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const input = new Socket({ fd: reader, readable: true, writable: false });
      input.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (Buffer.concat(chunks).length >= Buffer.byteLength(expected)) {
          input.destroy();
          resolve(Buffer.concat(chunks).toString('utf8'));
        }
      });
      input.on('error', reject);
    });
    stream.destroy();
    expect(received).toBe(expected);
  });
});
