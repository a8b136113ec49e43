import { it } from 'vitest';
import { IN_CI } from '../../support/ci';
import { missingCommands } from '../../support/docxReaders';

/**
 * A test that reads our output with outside programs (pandoc, LibreOffice, pdftotext). Where one
 * is missing it is skipped on a developer's machine, saying which; under CI it runs and fails,
 * naming them, so a CI pass always means the documents were read back.
 */
export function itWithCommands(
  commands: readonly string[],
  name: string,
  test: () => Promise<void> | void,
  timeout?: number,
): void {
  const missing = missingCommands(commands);
  if (missing.length > 0 && !IN_CI) {
    it.skip(`${name} (needs ${missing.join(', ')})`, test, timeout);
    return;
  }
  it(
    name,
    async () => {
      if (missing.length > 0) {
        throw new Error(`${missing.join(', ')} not installed: under CI=true this test fails rather than skip`);
      }
      await test();
    },
    timeout,
  );
}
