import type { LexicalEditor } from 'lexical';
import { memo, useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ParagraphSupport } from '../../shared/integrity/corroboration';
import type { IntegrityFact } from '../../shared/integrity/integritySchemas';
import { noteWork } from '../editor/noteWork';
import { $nodesAtPaths } from './notePlaces';

/**
 * A block's top on screen. In a section skipped while far from the screen (`content-visibility:
 * auto`, NoteSectionNode.tsx) it is estimated from the section's own box and the block's place in
 * it: reading the block's own box would make Chromium lay out the section's contents, and for the
 * badges of a 2,000-excerpt note, the whole note's, about 250 ms, after every insert and every
 * line the note grows by (bench:editor --profile). Badges there are out of sight; the section's
 * drawing, when scrolled near, has them measured (`contentvisibilityautostatechange`).
 */
function topOnScreen(block: HTMLElement): number {
  const section = block.parentElement;
  if (section?.classList.contains('note-section') && !block.checkVisibility({ contentVisibilityAuto: true })) {
    const box = section.getBoundingClientRect();
    const place = Array.prototype.indexOf.call(section.children, block) as number;
    return box.top + (box.height * place) / section.children.length;
  }
  return block.getBoundingClientRect().top;
}

/**
 * Beside each paragraph that cites something: how many independent origins stand behind it
 * ("1 origin", "3 origins"), the sources of each on demand, and the flag of a conclusion on weak
 * support. Drawn in the note's right margin, outside the editable text.
 */
export function OriginGutter({
  editor,
  frame,
  support,
  facts,
}: {
  editor: LexicalEditor;
  frame: HTMLElement;
  support: readonly ParagraphSupport[];
  facts: ReadonlyMap<number, IntegrityFact>;
}) {
  const intl = useIntl();
  const [tops, setTops] = useState<number[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    const place = () => {
      const frameTop = frame.getBoundingClientRect().top;
      const next = editor.getEditorState().read(() =>
        $nodesAtPaths(support.map((item) => item.paragraph.path)).map((node) => {
          const element = node ? editor.getElementByKey(node.getKey()) : null;
          return element ? topOnScreen(element) - frameTop + frame.scrollTop : -1;
        }),
      );
      // Most resizes (a line typed) move no badge: the badges of a long note are not redrawn then.
      setTops((previous) =>
        previous.length === next.length && previous.every((top, i) => top === next[i]) ? previous : next,
      );
    };
    frame.classList.toggle('with-origins', support.length > 0);
    // Measured after the browser has laid the note out for a frame, never in the middle of a
    // render: measuring forces layout, which on a long note opening is the whole note's layout
    // again (bench:editor --profile). The note grows a line as the analyst types: the badges
    // move once per frame at most.
    let frameRequest = 0;
    let measure: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (frameRequest || measure !== undefined) return;
      noteWork('origins', true);
      frameRequest = requestAnimationFrame(() => {
        frameRequest = 0;
        measure = setTimeout(() => {
          measure = undefined;
          place();
          noteWork('origins', false);
        }, 0);
      });
    };
    schedule();
    const observer = new ResizeObserver(schedule);
    observer.observe(frame);
    // A section drawn or skipped again (scrolled near or away): its badges measured or estimated.
    // (A group of badges drawn or skipped moves nothing.)
    const sectionChanged = (event: Event) => {
      if ((event.target as Element).classList.contains('note-section')) schedule();
    };
    frame.addEventListener('contentvisibilityautostatechange', sectionChanged, true);
    return () => {
      noteWork('origins', false);
      observer.disconnect();
      frame.removeEventListener('contentvisibilityautostatechange', sectionChanged, true);
      cancelAnimationFrame(frameRequest);
      clearTimeout(measure);
    };
  }, [editor, frame, support]);

  const title = useCallback(
    (id: number) => facts.get(id)?.title ?? intl.formatMessage({ id: 'integrity.origins.source' }, { id }),
    [facts, intl],
  );
  const toggle = useCallback((key: string) => setOpen((shown) => (shown === key ? null : key)), []);
  return (
    <div className="origin-gutter">
      {badgeGroups(support, tops).map((group) => {
        const holdsOpen = group.badges.some(({ key }) => key === open);
        return (
          <div
            key={group.badges[0]!.key}
            className={holdsOpen ? 'origin-group open' : 'origin-group'}
            style={{ top: group.top, height: `calc(${group.span}px + ${GROUP_TAIL})` }}
          >
            {group.badges.map(({ key, item, top }) => (
              <OriginBadge
                key={key}
                id={key}
                item={item}
                top={top - group.top}
                open={open === key}
                onToggle={toggle}
                title={title}
              />
            ))}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Badges drawn in groups of this many, each a box the browser skips while it is far from the
 * screen (`content-visibility: auto` on `.origin-group`). Each badge is a positioned box, and
 * Chromium walks every one at every frame the note changes: 2,000 of them cost about 2 ms of hit
 * testing a keystroke at 2,000 excerpts (the pointer's hover test after each layout), besides
 * paint and layerizing (docs/editor.md, "The origin badges in groups"). A group's badges are
 * placed within it, so a line typed above moves the groups below, not each of their badges.
 */
const GROUP_BADGES = 20;
/** Room below a group's last badge: its button and up to two flags. */
const GROUP_TAIL = '6rem';

interface BadgeGroup {
  top: number;
  /** From the first badge's top to the last's. */
  span: number;
  badges: { key: string; item: ParagraphSupport; top: number }[];
}

/** The placed badges (a top of -1 is not placed), in note order, in groups of GROUP_BADGES. */
function badgeGroups(support: readonly ParagraphSupport[], tops: readonly number[]): BadgeGroup[] {
  const groups: BadgeGroup[] = [];
  let group: BadgeGroup | null = null;
  for (const [index, item] of support.entries()) {
    const top = tops[index] ?? -1;
    if (top < 0) continue;
    if (group === null || group.badges.length === GROUP_BADGES) {
      group = { top, span: 0, badges: [] };
      groups.push(group);
    }
    // Tops rise in note order; a badge estimated above its group's first still lies inside it.
    group.top = Math.min(group.top, top);
    group.badges.push({ key: item.paragraph.path.join('.'), item, top });
  }
  for (const each of groups) each.span = Math.max(...each.badges.map((badge) => badge.top)) - each.top;
  return groups;
}

/**
 * One paragraph's badge; memoised, so a long note's badges that did not move are not redrawn. The
 * note is re-read after each pause, which gives every paragraph a new `item`: what the badge shows
 * of it is compared instead (bench:editor --profile: after an insert in a 500-excerpt note, all 500
 * badges were rendered again, two formatted messages each).
 */
const OriginBadge = memo(function OriginBadge({ id, item, top, open, onToggle, title }: BadgeProps) {
  const intl = useIntl();
  const words = item.paragraph.text.trim().slice(0, 40);
  return (
    <div
      className={item.flags.length > 0 ? 'origin-badge flagged' : 'origin-badge'}
      style={{ top }}
      title={intl.formatMessage({ id: 'integrity.origins.support' }, { words })}
    >
      <button type="button" aria-expanded={open} onClick={() => onToggle(id)}>
        {intl.formatMessage({ id: 'integrity.origins.count' }, { count: item.origins.length })}
      </button>
      {item.flags.map((flag) => (
        <span key={flag} className="support-flag" role="note">
          {intl.formatMessage({ id: `integrity.origins.flag.${flag}` })}
        </span>
      ))}
      {open ? (
        <ol className="origin-sources" aria-label={intl.formatMessage({ id: 'integrity.origins.sources' })}>
          {item.origins.map((origin) => (
            <li key={origin.sourceIds.join()}>
              {origin.sourceIds.map((sourceId) => `#${sourceId} ${title(sourceId)}`).join('; ')}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}, sameBadge);

interface BadgeProps {
  id: string;
  item: ParagraphSupport;
  top: number;
  open: boolean;
  onToggle: (id: string) => void;
  title: (sourceId: number) => string;
}

/** Whether a badge would draw the same: its item compared by what the badge shows of it. */
function sameBadge(a: BadgeProps, b: BadgeProps): boolean {
  if (a.id !== b.id || a.top !== b.top || a.open !== b.open || a.onToggle !== b.onToggle || a.title !== b.title)
    return false;
  if (a.item === b.item) return true;
  const [x, y] = [a.item, b.item];
  return (
    x.paragraph.text.trim().slice(0, 40) === y.paragraph.text.trim().slice(0, 40) &&
    x.flags.length === y.flags.length &&
    x.flags.every((flag, i) => flag === y.flags[i]) &&
    x.origins.length === y.origins.length &&
    x.origins.every((origin, i) => origin.sourceIds.join() === y.origins[i]?.sourceIds.join())
  );
}
