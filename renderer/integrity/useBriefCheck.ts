import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { BriefCheck } from '../../shared/integrity/integritySchemas';
import { api } from '../api/client';
import type { BriefSession } from '../note/useBriefSession';

/** "Check brief": saves the note, then runs the contract's checkBrief on what was saved. */
export function useBriefCheck(session: BriefSession, onMessage: (message: string) => void) {
  const intl = useIntl();
  const [check, setCheck] = useState<BriefCheck | null>(null);
  const briefId = session.brief?.id ?? null;
  // Another brief opened: the findings were about the one before.
  useEffect(() => {
    if (check && check.briefId !== briefId) setCheck(null);
  }, [check, briefId]);
  const { flush } = session;
  const run = useCallback(async () => {
    if (briefId === null) return;
    const saved = await flush();
    if (!saved.ok) return onMessage(intl.formatMessage({ id: 'integrity.check.notSaved' }, { reason: saved.reason }));
    const result = await api.checkBrief({ id: briefId });
    if (result.ok) setCheck(result.value);
    else onMessage(result.error.message);
  }, [briefId, flush, onMessage, intl]);
  return { check, run, close: () => setCheck(null) };
}
