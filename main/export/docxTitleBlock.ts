import {
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { SerializedNode } from '../../shared/briefDocument';
import { stripXmlInvalid } from '../../shared/text';
import { readTitleBlock, titleBlockNode, titleBlockRows } from '../../shared/titleBlock';
import type { BriefFacts } from './docxBlocks';

// The label column is wide enough for "Numéro de dossier" in bold on one line.
const LABEL_WIDTH = 2_400;

/**
 * The title block as Word shows a ministerial note's header lines: a two-column table without
 * visible borders, bold labels on the left, in the note's language, with the brief's own
 * classification (shared/titleBlock.ts's titleBlockRows, as the editor shows them).
 */
export function titleBlockTable(node: SerializedNode, { classification, language, textWidth }: BriefFacts): Table {
  const width = Math.max(textWidth, LABEL_WIDTH * 2);
  // An unreadable block still prints its labels and the classification rather than vanish.
  const block = readTitleBlock(node) ?? titleBlockNode();
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, width - LABEL_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: titleBlockRows(block.fields, classification, language).map(
      ({ label, value }) =>
        new TableRow({
          cantSplit: true,
          children: [cell(label, LABEL_WIDTH, true), cell(value, width - LABEL_WIDTH, false)],
        }),
    ),
  });
}

function cell(text: string, width: number, bold: boolean): TableCell {
  // A value may run over several lines ("From" with a name, then a title): each is a line break.
  const lines = stripXmlInvalid(text).split(/\r\n|\r|\n/);
  const runs = lines.map(
    (line, index) => new TextRun({ text: line, bold: bold || undefined, break: index > 0 ? 1 : undefined }),
  );
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    children: [new Paragraph({ spacing: { after: 60 }, children: runs })],
  });
}
