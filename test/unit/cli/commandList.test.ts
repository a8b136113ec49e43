import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, usage } from '../../../main/cli/commandList';
import { IMPORT_EXTENSIONS, IMPORT_EXTENSIONS_TEXT, REFERENCE_EXTENSIONS } from '../../../main/importers/importFormats';
import { assertImportable } from '../../../main/importers/parseFile';

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** The README's "Command line" section. */
function commandLineSection(): string {
  const start = README.indexOf('## Command line');
  const end = README.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return README.slice(start, end);
}

describe('one list of commands and formats', () => {
  it("the README's command table lists exactly the CLI's commands, with the same synopses", () => {
    const rows = [...commandLineSection().matchAll(/^\| `npx precis (\S+) ?([^`]*)` \|/gm)].map((m) => [
      m[1],
      // A | inside a table cell is escaped as \|.
      m[2]!.replaceAll('\\|', '|'),
    ]);
    expect(rows).toEqual(COMMANDS.map((c) => [c.name, c.synopsis]));
  });

  it("the README's import row names every format the importer reads", () => {
    const row = commandLineSection()
      .split('\n')
      .find((line) => line.startsWith('| `npx precis import'))!;
    for (const extension of IMPORT_EXTENSIONS) expect(row).toContain(`\`${extension}\``);
    const named = [...row.matchAll(/`(\.[a-z]+)`/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...IMPORT_EXTENSIONS, ...REFERENCE_EXTENSIONS].sort());
  });

  it('the usage shows every command with its synopsis, and the formats the importer really reads', () => {
    const text = usage('/data');
    for (const c of COMMANDS) expect(text).toContain(`  ${c.name} ${c.synopsis}\n      ${c.summary}`);
    expect(text).toContain(`Import ${IMPORT_EXTENSIONS_TEXT} files`);
    expect(text).not.toMatch(/\.txt\/\.md/);
  });

  it('the importer accepts every listed format and names the same list when it refuses one', () => {
    for (const extension of IMPORT_EXTENSIONS) expect(() => assertImportable(`a${extension}`, 1)).not.toThrow();
    expect(() => assertImportable('slides.pptx', 1)).toThrow(`(Précis imports ${IMPORT_EXTENSIONS_TEXT})`);
  });
});
