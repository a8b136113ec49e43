import { writeSync } from 'node:fs';

/**
 * The CLI's standard output, written to descriptor 1 with write(2) instead of through
 * process.stdout. Node builds that stream on first use: a net.Socket for a pipe, a tty.WriteStream
 * for a terminal, with the stream machinery they load: 10–15 ms of CPU, more than printing a page
 * of results costs (docs/startup.md). The writes are synchronous, as process.stdout's are for
 * files, pipes and terminals on Linux and macOS, so the order of lines is the same.
 *
 * - EAGAIN (descriptor 1 was made non-blocking by whoever shares it, and the pipe is full): the
 *   rest goes to the stream, which waits for the reader, and so does everything after it, in order.
 * - EPIPE (the reader went away, as in `precis search x | head`): the rest is dropped, quietly, as
 *   a shell tool's would be. process.stdout threw it as an unhandled 'error', with a stack trace.
 */
export interface Output {
  write(text: string): void;
}

export function outputTo(fd: number, stream: () => NodeJS.WritableStream): Output {
  let fallback: NodeJS.WritableStream | null = null;
  let closed = false;
  return {
    write(text) {
      if (closed || text === '') return;
      if (fallback) {
        fallback.write(text);
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      let at = 0;
      while (at < bytes.length) {
        try {
          at += writeSync(fd, bytes, at);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            closed = true;
            return;
          }
          if (code !== 'EAGAIN') throw error;
          fallback = stream();
          fallback.write(bytes.subarray(at));
          return;
        }
      }
    },
  };
}

// Windows consoles want the stream's encoding handling: there, process.stdout as before.
const stdout: Output =
  process.platform === 'win32'
    ? { write: (text) => void process.stdout.write(text) }
    : outputTo(1, () => process.stdout);

/** Writes `text` to standard output (see above). */
export function writeOut(text: string): void {
  stdout.write(text);
}
