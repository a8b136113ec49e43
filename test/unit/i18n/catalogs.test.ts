import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/messages/en.json';
import fr from '../../../shared/i18n/messages/fr.json';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const catalogs: Record<string, Record<string, string>> = { en, fr };
const allKeys = [...new Set([...Object.keys(en), ...Object.keys(fr)])].sort();

/** Every argument a message takes, with its kind ("name:number", "count:plural", "b:tag"), sorted. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      found.add(`${element.value}:${TYPE[element.type]}`);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The message ids the code uses, by the convention of docs/i18n.md: `formatMessage({ id: 'a.b' }`,
 * `<FormattedMessage id="a.b"`, `defineMessage({ id: 'a.b' }`, or `id: 'a.b'` in defineMessages.
 * A template id (`errors.${code}`) is reported by its fixed start.
 */
function usedIds(): { file: string; id: string; prefix: boolean }[] {
  const patterns = [
    /formatMessage\(\s*\{\s*id:\s*(['"`])((?:(?!\1).)+)\1/g,
    /<FormattedMessage\s+id=(?:\{\s*)?(['"`])((?:(?!\1).)+)\1/g,
    /defineMessages?\(\s*\{[\s\S]*?\}\s*\)/g,
  ];
  const uses: { file: string; id: string; prefix: boolean }[] = [];
  for (const file of ['renderer', 'main', 'shared'].flatMap((dir) => sourceFiles(join(root, dir)))) {
    const text = readFileSync(file, 'utf8');
    const add = (quote: string, id: string) => {
      const prefix = quote === '`' && id.includes('${');
      uses.push({ file: relative(root, file), id: prefix ? id.slice(0, id.indexOf('${')) : id, prefix });
    };
    for (const pattern of patterns.slice(0, 2)) {
      for (const match of text.matchAll(pattern)) add(match[1] ?? '', match[2] ?? '');
    }
    for (const block of text.matchAll(patterns[2] as RegExp)) {
      for (const match of block[0].matchAll(/\bid:\s*(['"`])((?:(?!\1).)+)\1/g)) add(match[1] ?? '', match[2] ?? '');
    }
  }
  return uses;
}

describe('message catalogs', () => {
  it.each(allKeys)('%s is in every language, not empty, with the same placeholders', (key) => {
    const reference = placeholders(en[key as keyof typeof en] ?? '');
    for (const [language, catalog] of Object.entries(catalogs)) {
      const message = catalog[key];
      expect(message, `${key} is missing or empty in ${language}.json`).toBeTruthy();
      expect(placeholders(message ?? ''), `${key} in ${language}.json`).toEqual(reference);
    }
  });

  it('has every id the code uses', () => {
    const uses = usedIds();
    expect(uses.length).toBeGreaterThan(10);
    const missing = uses.filter(({ id, prefix }) =>
      prefix ? !allKeys.some((key) => key.startsWith(id)) : !allKeys.includes(id),
    );
    expect(missing).toEqual([]);
  });

  it('writes French guillemets with narrow no-break spaces inside', () => {
    const loose = Object.entries(fr).filter(([, message]) => /«(?!\u202f)|(?<!\u202f)»/.test(message));
    expect(loose).toEqual([]);
  });
});
