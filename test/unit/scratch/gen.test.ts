import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderBriefDocx } from '../../../main/export/docxExport';
it('gen', async () => {
  const b = await renderBriefDocx({ title: 'T', classification: 'PROTECTED B', language: 'en', content: { root: { type: 'root', children: [{type:'quote', children:[{type:'text', text:'hi'}]}] } } as never });
  writeFileSync('/tmp/ours.docx', b);
});
