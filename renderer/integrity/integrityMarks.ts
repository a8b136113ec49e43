import { covers } from '../../shared/integrity/classification';
import type { IntegrityFact } from '../../shared/integrity/integritySchemas';
import type { Classification } from '../../shared/source';
import { gradeMark, type MarkLabels } from './integrityFacts';

/**
 * The marks an excerpt or citation carries in the note, written into the plain DOM its node draws
 * (renderer/editor/nodes/noteDom.ts) beside its footnote number: the source's Admiralty grade
 * ("B2", named "Graded B2"; "Ungraded"), and, when the brief's marking does not cover the
 * source's, the marking the source requires. Both are inside the atomic decorator, outside the text.
 */
export function writeIntegrityMarks(
  dom: HTMLElement,
  fact: IntegrityFact | undefined,
  marking: Classification,
  labels: MarkLabels,
): void {
  const host = dom.querySelector<HTMLElement>(':scope > .excerpt-quote') ?? dom;
  const anchor = host.querySelector(':scope > sup.footnote-ref, :scope > .citation-ref');
  const grade = gradeMark(fact, labels);
  const gradeEl = ensureMark(host, 'grade-mark', grade !== null, anchor);
  if (gradeEl && grade) setMark(gradeEl, grade.text, grade.label);
  const breach = fact !== undefined && !covers(marking, fact.classification);
  const markingEl = ensureMark(host, 'marking-mark', breach, gradeEl ?? anchor);
  if (markingEl && fact) setMark(markingEl, fact.classification, labels.requires(fact.classification));
  host.classList.toggle('over-marking', breach);
}

function ensureMark(host: HTMLElement, className: string, wanted: boolean, after: Element | null): HTMLElement | null {
  let mark = host.querySelector<HTMLElement>(`:scope > .${className}`);
  if (!wanted) {
    mark?.remove();
    return null;
  }
  if (!mark) {
    mark = document.createElement('span');
    mark.className = className;
    mark.setAttribute('role', 'img');
    if (after) after.after(mark);
    else host.append(mark);
  }
  return mark;
}

function setMark(mark: HTMLElement, text: string, label: string): void {
  if (mark.textContent !== text) mark.textContent = text;
  if (mark.getAttribute('aria-label') !== label) mark.setAttribute('aria-label', label);
}
