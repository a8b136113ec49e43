import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $nodesOfType, type NodeKey } from 'lexical';
import { useEffect } from 'react';
import type { TextQuoteAnchor } from '../../../shared/excerpt';
import { checkPreparedQuote, PreparedSource } from '../../../shared/quoteIntegrity';
import { currentIntl } from '../../i18n/currentIntl';
import { quoteProblemText } from '../../i18n/quoteProblem';
import { fetchSource } from '../archiveSources';
import { type Deadline, sliceWhenIdle } from '../idleSlices';
import { $isExcerptNode, ExcerptNode } from '../nodes/ExcerptNode';
import { renderedState, type Verdict, writeVerdict } from '../nodes/noteDom';
import { noteWork } from '../noteWork';

interface Checked {
  quote: string;
  anchor: TextQuoteAnchor;
  verdict: Verdict;
}

/**
 * Checks every excerpt's words against its source (sources fetched once each) and flags those that
 * no longer match, by writing into the excerpt's DOM (see nodes/noteDom.ts). The work runs when the
 * browser is idle, after the note is on screen, and again for each excerpt created or edited.
 */
export function QuoteIntegrityPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const { verdicts } = renderedState(editor);
    const checked = new Map<NodeKey, Checked>();
    // Each source folded once: folding its whole body for every quotation was most of the checks'
    // time on a long note citing few sources (bench:editor --profile).
    const bodies = new Map<number, PreparedSource | null>();
    const requested = new Set<number>();
    const pending = new Set<NodeKey>();
    let scheduled = false;
    let disposed = false;
    // Busy while a check is queued or a source it waits for is on its way.
    const report = () => noteWork('quotes', !disposed && pending.size > 0 && (scheduled || requested.size > 0));

    const apply = (key: NodeKey, verdict: Verdict) => {
      verdicts.set(key, verdict);
      const dom = editor.getElementByKey(key);
      if (dom) writeVerdict(dom, verdict);
    };

    /** One slice of checks; true while more are queued and it ran out of time for them. */
    const run = (deadline: Deadline): boolean => {
      if (disposed) {
        scheduled = false;
        return false;
      }
      let outOfTime = false;
      editor.getEditorState().read(() => {
        for (const key of pending) {
          if (deadline.timeRemaining() < 1) {
            outOfTime = true;
            break;
          }
          const node = $getNodeByKey(key);
          if (!$isExcerptNode(node)) {
            pending.delete(key);
            checked.delete(key);
            verdicts.delete(key);
            continue;
          }
          const { sourceId, quote, anchor } = node.getExcerpt();
          const previous = checked.get(key);
          if (previous && previous.quote === quote && previous.anchor === anchor) {
            pending.delete(key);
            apply(key, previous.verdict);
            continue;
          }
          if (!bodies.has(sourceId)) {
            // Keep it pending until its source arrives; the fetch reschedules the check.
            if (!requested.has(sourceId)) {
              requested.add(sourceId);
              void fetchSource(sourceId).then((lookup) => {
                // Unreachable is not deleted: the quotation stays unchecked, and is asked about
                // again at the next change to the note.
                requested.delete(sourceId);
                if (lookup.kind === 'unreachable') return report();
                bodies.set(sourceId, lookup.kind === 'found' ? new PreparedSource(lookup.source.body) : null);
                schedule();
              });
            }
            continue;
          }
          pending.delete(key);
          const body = bodies.get(sourceId);
          let verdict: Verdict;
          if (body == null) verdict = { ok: false, reason: currentIntl().formatMessage({ id: 'quote.sourceGone' }) };
          else {
            const result = checkPreparedQuote(quote, body, anchor);
            verdict = result.ok ? { ok: true } : { ok: false, reason: quoteProblemText(currentIntl(), result.problem) };
          }
          checked.set(key, { quote, anchor, verdict });
          apply(key, verdict);
        }
      });
      // Otherwise what is left waits for its source, whose arrival reschedules the check.
      scheduled = outOfTime;
      report();
      return outOfTime;
    };

    const schedule = () => {
      if (scheduled || disposed || pending.size === 0) return;
      scheduled = true;
      report();
      sliceWhenIdle(run);
    };

    noteWork('quotes', true);
    // After the note's first paint: nothing here is needed to show it.
    const start = setTimeout(() => {
      editor.getEditorState().read(() => {
        for (const node of $nodesOfType(ExcerptNode)) pending.add(node.getKey());
      });
      schedule();
      report();
    }, 0);
    const unregister = editor.registerMutationListener(
      ExcerptNode,
      (mutations) => {
        for (const [key, mutation] of mutations) {
          if (mutation === 'destroyed') {
            pending.delete(key);
            checked.delete(key);
            verdicts.delete(key);
          } else pending.add(key);
        }
        schedule();
      },
      { skipInitialization: true },
    );
    return () => {
      disposed = true;
      report();
      clearTimeout(start);
      unregister();
    };
  }, [editor]);
  return null;
}
