import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { BriefTemplateId } from '../../shared/briefSchemas';
import type { Brief } from '../../shared/contract';
import { api } from '../api/client';

// The two briefing-note templates are named in their own language, whatever the interface's.
const TEMPLATES: { id: BriefTemplateId; label: string | null; lang: string | null }[] = [
  { id: 'briefing-note-en', label: 'Briefing note (English)', lang: 'en' },
  { id: 'briefing-note-fr', label: 'Note de breffage (français)', lang: 'fr' },
  { id: 'blank', label: null, lang: null },
];

/** "New brief" opens a choice of templates. */
export function NewBriefMenu({
  onCreated,
  onError,
}: {
  onCreated: (brief: Brief) => void;
  onError: (message: string) => void;
}) {
  const intl = useIntl();
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
        {intl.formatMessage({ id: 'briefs.new' })}
      </button>
      {open ? (
        <ul className="template-menu" aria-label={intl.formatMessage({ id: 'briefs.templates' })}>
          {TEMPLATES.map((template) => (
            <li key={template.id}>
              <button type="button" lang={template.lang ?? undefined} onClick={() => void create(template.id)}>
                {template.label ?? intl.formatMessage({ id: 'briefs.template.blank' })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
