/**
 * What the local archive keeps beside a source's own fields (local migration 150,
 * main/interchange/referenceDetails.ts), kept by the team archive too:
 * - `issued`: a date less precise than a day ("2024", "2024-11"): a report's printed cover month,
 *   or a reference manager's year; `published_at` holds full days only, and a day, once known, wins;
 * - `doi`: the DOI itself ("10.1234/x"), apart from the URL;
 * - `item_type`: the entry's CSL type ("report", "article-journal"…).
 * They are columns of `sources`, not a table beside it, so that row-level security, the audited
 * reads (precis_read_sources returns whole rows) and the grants cover them as they cover the rest.
 *
 * Also as locally (local migration 140): only a reference (format 'reference') may have no text.
 *
 * Cheap on a large archive: columns without a default change only the catalogue, and the checks
 * are NOT VALID, so no existing row is read (the new columns are empty; rows with an empty body and
 * another format, if any, stay as they are and only new writes are checked).
 */
export const sql = `
ALTER TABLE sources ADD COLUMN issued text, ADD COLUMN doi text, ADD COLUMN item_type text;
ALTER TABLE sources ADD CONSTRAINT sources_issued_partial
  CHECK (issued ~ '^[0-9]{4}(-[01][0-9])?$') NOT VALID;
ALTER TABLE sources ADD CONSTRAINT sources_doi_shape
  CHECK (doi LIKE '10.%/%' AND length(doi) <= 300) NOT VALID;
ALTER TABLE sources ADD CONSTRAINT sources_item_type_shape
  CHECK (item_type ~ '^[a-z]' AND length(item_type) <= 40) NOT VALID;
ALTER TABLE sources ADD CONSTRAINT sources_empty_body_is_reference
  CHECK (body <> '' OR format = 'reference') NOT VALID;
GRANT SELECT (issued, doi, item_type), INSERT (issued, doi, item_type), UPDATE (issued, doi, item_type)
  ON sources TO precis_analyst;
`;
