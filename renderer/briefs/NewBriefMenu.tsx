import { useState } from 'react';
import type { BriefTemplateId } from '../../shared/briefSchemas';
import type { Brief } from '../../shared/contract';
import { api } from '../api/client';

const TEMPLATES: { id: BriefTemplateId; label: string; lang: string }[] = [
  { id: 'briefing-note-en', label: 'Briefing note (English)', lang: 'en' },
  { id: 'briefing-note-fr', label: 'Note de breffage (français)', lang: 'fr' },
  { id: 'blank', label: 'Blank note', lang: 'en' },
];

/** "New brief" opens a choice of templates. */
export function NewBriefMenu({
  onCreated,
  onError,
}: {
  onCreated: (brief: Brief) => void;
  onError: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const create = async (template: BriefTemplateId) => {
    setOpen(false);
    const result = await api.createBrief({ template });
    if (result.ok) onCreated(result.value);
    else onError(result.error.message);
  };
  return (
    <div className="new-brief">
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        New brief
      </button>
      {open ? (
        <ul className="template-menu" aria-label="Templates">
          {TEMPLATES.map((template) => (
            <li key={template.id}>
              <button type="button" lang={template.lang} onClick={() => void create(template.id)}>
                {template.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
