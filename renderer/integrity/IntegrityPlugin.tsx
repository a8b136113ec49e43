import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $nodesOfType, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';
import { type BriefParagraph, briefParagraphs } from '../../shared/integrity/briefParagraphs';
import { classificationBreach } from '../../shared/integrity/classification';
import { type OriginFacts, paragraphSupport } from '../../shared/integrity/corroboration';
import type { IntegrityFact } from '../../shared/integrity/integritySchemas';
import type { Classification } from '../../shared/source';
import { noteExporter } from '../editor/blockExport';
import { CitationNode } from '../editor/nodes/CitationNode';
import { ExcerptNode } from '../editor/nodes/ExcerptNode';
import { useNoteContext } from '../editor/nodes/noteContext';
import { noteWork } from '../editor/noteWork';
import { integrityFacts, type MarkLabels } from './integrityFacts';
import { writeIntegrityMarks } from './integrityMarks';
import { noteMarking } from './noteIntegrity';
import { OriginGutter } from './OriginGutter';

/** How long the note must be still before its evidence is looked at again. */
const SETTLE_MS = 300;

const sourceIdOf = (node: ExcerptNode | CitationNode) =>
  node instanceof ExcerptNode ? node.getExcerpt().sourceId : node.getCitation().sourceId;

/** Writes every excerpt's and citation's marks from the facts known now. */
function markAll(editor: LexicalEditor, marking: Classification, labels: MarkLabels): void {
  editor.getEditorState().read(() => {
    for (const node of [...$nodesOfType(ExcerptNode), ...$nodesOfType(CitationNode)]) {
      const dom = editor.getElementByKey(node.getKey());
      if (dom) writeIntegrityMarks(dom, integrityFacts.get(sourceIdOf(node)), marking, labels);
    }
  });
}

/**
 * The note's analytic integrity, live: grade and marking marks on each quotation and citation,
 * the origins behind each paragraph in the margin (flagged under Considerations and
 * Recommendation(s)), and the marking the sources require for the marking control. It reads the
 * note only once the analyst pauses, never on a keystroke.
 */
export function IntegrityPlugin(): React.ReactNode {
  const [editor] = useLexicalComposerContext();
  const { classification } = useNoteContext();
  const intl = useIntl();
  const labels = useMemo<MarkLabels>(
    () => ({
      graded: (grade) => intl.formatMessage({ id: 'integrity.grade.graded' }, { grade }),
      ungraded: intl.formatMessage({ id: 'integrity.grade.ungraded' }),
      requires: (marking) => intl.formatMessage({ id: 'integrity.marking.requires' }, { marking }),
    }),
    [intl],
  );
  const factsVersion = useSyncExternalStore(integrityFacts.subscribe, integrityFacts.version);
  const [paragraphs, setParagraphs] = useState<BriefParagraph[] | null>(null);
  const shown = useRef<BriefParagraph[] | null>(null);
  const [frame, setFrame] = useState<HTMLElement | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Serialises only the blocks changed since the last reading.
    const exportNote = noteExporter();
    // A reading that would draw the same margin is not handed to React: after most pauses in
    // typing nothing shown changed, and a re-render here (a commit while the note has focus walks
    // the whole note's DOM) cost each pause 10–15 ms at 2,000 excerpts.
    const read = () => {
      const next = briefParagraphs(exportNote(editor.getEditorState()));
      if (shown.current && drawnAlike(shown.current, next)) return noteWork('integrity', false);
      shown.current = next;
      setParagraphs(next);
    };
    // Done once the reading is drawn (the effect on `content` below).
    noteWork('integrity', true);
    timer = setTimeout(read, 0);
    const unregisterUpdate = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      noteWork('integrity', true);
      clearTimeout(timer);
      timer = setTimeout(read, SETTLE_MS);
    });
    const unregisterRoot = editor.registerRootListener((root) => setFrame(root?.parentElement ?? null));
    return () => {
      noteWork('integrity', false);
      clearTimeout(timer);
      unregisterUpdate();
      unregisterRoot();
    };
  }, [editor]);
  useEffect(() => {
    if (paragraphs) noteWork('integrity', false);
  }, [paragraphs]);

  // A node whose DOM Lexical (re)creates gets its marks at once, not at the next pause.
  useEffect(() => {
    const onMutations = (mutations: Map<NodeKey, string>) => {
      editor.getEditorState().read(() => {
        for (const [key, mutation] of mutations) {
          if (mutation === 'destroyed') continue;
          const node = $getNodeByKey(key);
          const dom = editor.getElementByKey(key);
          if (dom && (node instanceof ExcerptNode || node instanceof CitationNode)) {
            writeIntegrityMarks(dom, integrityFacts.get(sourceIdOf(node)), latest.marking, latest.labels);
          }
        }
      });
    };
    const options = { skipInitialization: true };
    const offExcerpts = editor.registerMutationListener(ExcerptNode, onMutations, options);
    const offCitations = editor.registerMutationListener(CitationNode, onMutations, options);
    return () => {
      offExcerpts();
      offCitations();
    };
  }, [editor]);

  latest.marking = classification;
  latest.labels = labels;
  // Kept while the note cites the same sources in the same order, so that the facts below, and the
  // marks on every quotation (markAll), are not redone after each pause in typing or each insert.
  const sourceIdList = (paragraphs ?? []).flatMap((p) => p.uses.map((use) => use.sourceId)).join();
  const sourceIds = useMemo(() => (sourceIdList ? sourceIdList.split(',').map(Number) : []), [sourceIdList]);
  useEffect(() => integrityFacts.request(sourceIds), [sourceIds]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the facts or the note change
  const facts = useMemo(() => {
    const known = new Map<number, IntegrityFact & OriginFacts>();
    for (const id of sourceIds) {
      const fact = integrityFacts.get(id);
      if (fact) known.set(id, fact);
    }
    return known;
  }, [sourceIds, factsVersion]);

  useEffect(() => {
    markAll(editor, classification, labels);
    const breach = classificationBreach(classification, [...facts.values()]);
    noteMarking.set({ required: breach?.required ?? classification, uncovered: breach?.sources ?? [] });
  }, [editor, facts, classification, labels]);
  useEffect(() => () => noteMarking.set({ required: 'UNCLASSIFIED', uncovered: [] }), []);

  const support = useMemo(() => paragraphSupport(paragraphs ?? [], facts), [paragraphs, facts]);
  if (!frame) return null;
  return createPortal(<OriginGutter editor={editor} frame={frame} support={support} facts={facts} />, frame);
}

/** What the mutation listener writes with: the latest, without re-registering it. */
const latest: { marking: Classification; labels: MarkLabels } = {
  marking: 'UNCLASSIFIED',
  labels: { graded: (grade) => grade, ungraded: '', requires: (marking) => marking },
};

/**
 * Whether two readings draw the same margin and cite the same sources: what paragraphSupport and
 * the badges use of each citing paragraph (OriginGutter's sameBadge shows 40 characters of text).
 */
function drawnAlike(a: readonly BriefParagraph[], b: readonly BriefParagraph[]): boolean {
  const drawn = (paragraphs: readonly BriefParagraph[]) =>
    paragraphs
      .filter((paragraph) => paragraph.uses.length > 0)
      .map(({ path, section, text, uses }) =>
        JSON.stringify([path, section, text.trim().slice(0, 40), uses.map((use) => use.sourceId)]),
      );
  const [x, y] = [drawn(a), drawn(b)];
  return x.length === y.length && x.every((item, i) => item === y[i]);
}
