import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../main/importers/formats/dom';
import { htmlBlocks } from '../../../main/importers/formats/htmlBlocks';

/*
 * How white space and line breaks become paragraphs. Pinned when the line splitting was made
 * cheaper (stop 27: split at line breaks, then collapse each line, instead of collapsing every run
 * of white space through a callback): the same paragraphs, checked against the earlier code.
 */
const blocksOf = (html: string) => {
  const body = parseHtmlDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).body!;
  return htmlBlocks(body).map((block) => (block.heading ? `# ${block.text}` : block.text));
};

describe('the paragraphs of an HTML fragment', () => {
  it('splits at <br>, however many and whatever white space surrounds them, and drops empty lines', () => {
    expect(blocksOf('<p>  First  line <br> second\t\tline<br/><br>\n <br> third </p>')).toEqual([
      'First line',
      'second line',
      'third',
    ]);
    expect(blocksOf('<p><br><br> \n </p><p>\u00a0 after \u00a0</p>')).toEqual(['after']);
  });

  it('keeps the lines of <pre> (LF and CRLF) and a line separator typed in the text', () => {
    expect(blocksOf('<pre>one  two\r\nthree\n\n  four</pre>')).toEqual(['one two', 'three', 'four']);
    expect(blocksOf('<p>before\u2028after \u2028 \u2028 end</p>')).toEqual(['before', 'after', 'end']);
  });

  it('puts a list marker on the first line of an item only, and keeps a heading a heading', () => {
    expect(
      blocksOf('<ol start="3"><li><br> first <br>continued</li><li>next</li></ol><h2> Title <br> sub </h2>'),
    ).toEqual(['3. first', 'continued', '4. next', '# Title', '# sub']);
    expect(blocksOf('<ul><li>  </li><li>item</li></ul>')).toEqual(['- item']);
  });
});
