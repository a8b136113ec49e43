import { createHash } from 'node:crypto';
import { type Db, prepareCached } from '../archive/database';
import { getSetting, setSetting } from '../archive/settings';
import { committed } from '../archive/writeErrors';
import { oneLine } from '../export/docxParts';
import { readWordReference, type WordReference } from '../export/wordReference';

/** The settings key of the template new briefs start with (a word_templates id); absent: built-in. */
export const WORD_TEMPLATE_SETTING = 'wordTemplateId';

export interface StoredWordTemplate {
  id: number;
  name: string;
  content: Uint8Array;
}

/** A template the analyst chose: its file name (a label only) and its bytes. */
export interface WordTemplateUpload {
  name: string;
  bytes: Uint8Array;
}

/**
 * Checks a template and keeps it in the archive (once per name and content); returns its id.
 * Throws the reader's UserError for a file that is not a usable Word template.
 */
function storeWordTemplate(db: Db, upload: WordTemplateUpload): number {
  readWordReference(upload.name, upload.bytes);
  const name = oneLine(upload.name).slice(0, 1000) || 'Template.docx';
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  prepareCached(
    db,
    `INSERT INTO word_templates (name, content, sha256, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name, sha256) DO NOTHING`,
  ).run(name, Buffer.from(upload.bytes), sha256, new Date().toISOString());
  const row = prepareCached(db, 'SELECT id FROM word_templates WHERE name = ? AND sha256 = ?').get(name, sha256) as {
    id: number;
  };
  return row.id;
}

/**
 * Sets a brief's template (null: the built-in style) and makes the same choice the default for
 * new briefs, as the citation style is remembered. False when no brief has that id.
 */
export function setBriefWordTemplate(db: Db, briefId: number, upload: WordTemplateUpload | null): boolean {
  return committed(db, () => {
    if (!prepareCached(db, 'SELECT 1 FROM briefs WHERE id = ?').get(briefId)) return false;
    const id = upload ? storeWordTemplate(db, upload) : null;
    prepareCached(db, 'UPDATE briefs SET word_template_id = ? WHERE id = ?').run(id, briefId);
    setSetting(db, WORD_TEMPLATE_SETTING, id === null ? '' : String(id));
    return true;
  });
}

/** Sets the template new briefs start with; null: the built-in style. */
export function setDefaultWordTemplate(db: Db, upload: WordTemplateUpload | null): void {
  committed(db, () => {
    const id = upload ? storeWordTemplate(db, upload) : null;
    setSetting(db, WORD_TEMPLATE_SETTING, id === null ? '' : String(id));
  });
}

/** The default template's id, or null (none, or a damaged setting: the built-in style). */
export function defaultWordTemplateId(db: Db): number | null {
  const stored = getSetting(db, WORD_TEMPLATE_SETTING);
  if (!stored || !/^\d{1,15}$/.test(stored)) return null;
  const row = prepareCached(db, 'SELECT id FROM word_templates WHERE id = ?').get(BigInt(stored)) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

/** Gives a brief just created the default template (inside the caller's transaction). */
export function applyDefaultWordTemplate(db: Db, briefId: number): void {
  const id = defaultWordTemplateId(db);
  if (id !== null) prepareCached(db, 'UPDATE briefs SET word_template_id = ? WHERE id = ?').run(id, briefId);
}

/** Gives a copy the template of the brief it copies (inside the caller's transaction). */
export function copyWordTemplate(db: Db, fromBriefId: number, toBriefId: number): void {
  prepareCached(
    db,
    'UPDATE briefs SET word_template_id = (SELECT word_template_id FROM briefs WHERE id = ?) WHERE id = ?',
  ).run(fromBriefId, toBriefId);
}

/** The brief's template (briefId) or the default (null); null for the built-in style. */
export function wordTemplateOf(db: Db, briefId: number | null): StoredWordTemplate | null {
  const id =
    briefId === null
      ? defaultWordTemplateId(db)
      : ((
          prepareCached(db, 'SELECT word_template_id AS id FROM briefs WHERE id = ?').get(briefId) as
            | { id: number | null }
            | undefined
        )?.id ?? null);
  if (id === null) return null;
  const row = prepareCached(db, 'SELECT id, name, content FROM word_templates WHERE id = ?').get(id) as
    | StoredWordTemplate
    | undefined;
  return row ?? null;
}

/** The brief's template, read for an export; null for the built-in style. */
export function briefWordReference(db: Db, briefId: number): WordReference | null {
  const template = wordTemplateOf(db, briefId);
  return template ? readWordReference(template.name, template.content) : null;
}
