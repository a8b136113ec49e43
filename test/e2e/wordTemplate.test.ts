import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../support/docxReaders';
import { A4_LANDSCAPE, DEPARTMENT, departmentTemplate } from '../unit/export/wordTemplateKit';
import { useBrowserMode } from './support/browserMode';

describe('the department’s Word template (browser mode)', () => {
  const app = useBrowserMode();

  it('is chosen in Export options, shapes the export, is refused when broken, and can be dropped', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Briefing note' }).isVisible()).toBe(true);
    await page.getByText('Export options').click();
    await expect.poll(() => page.getByText('Built-in style', { exact: true }).isVisible()).toBe(true);

    const template = join(app.dataDir, 'Department.dotx');
    writeFileSync(template, departmentTemplate('dotx'));
    await page.getByLabel('Word template').setInputFiles(template);
    await expect.poll(() => page.getByText('Template: Department.dotx').isVisible()).toBe(true);

    const exportParts = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export to Word' }).click(),
      ]);
      const file = join(app.dataDir, name);
      await download.saveAs(file);
      return docxParts(readFileSync(file));
    };
    const templated = await exportParts('templated.docx');
    expect(templated['word/document.xml']).toContain(`w:w="${A4_LANDSCAPE.width}"`);
    expect(templated['word/header1.xml']).toContain(DEPARTMENT);

    // A file that is not a template: the error is shown and the template in force stays.
    const broken = join(app.dataDir, 'Broken.docx');
    writeFileSync(broken, 'not a Word file');
    await page.getByLabel('Word template').setInputFiles(broken);
    await expect.poll(() => page.getByText(/Broken\.docx cannot be used as a Word template/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Template: Department.dotx').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Use the built-in style' }).click();
    await expect.poll(() => page.getByText('Built-in style', { exact: true }).isVisible()).toBe(true);
    const plain = await exportParts('plain.docx');
    expect(plain['word/document.xml']).toContain('BRIEFING NOTE');
    expect(plain['word/document.xml']).toContain('w:w="12240"');
  });
});
