import { describe, expect, it } from 'vitest';
import {
  classificationBreach,
  covers,
  describeBreach,
  raisedMarking,
  rollUp,
} from '../../../shared/integrity/classification';
import { CLASSIFICATIONS } from '../../../shared/source';

describe('the classification roll-up', () => {
  it('orders each ladder: UNCLASSIFIED < PROTECTED A < B < C; CONFIDENTIAL < SECRET < TOP SECRET', () => {
    const protectedLadder = ['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B', 'PROTECTED C'] as const;
    const classifiedLadder = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;
    for (const ladder of [protectedLadder, classifiedLadder]) {
      ladder.forEach((lower, i) => {
        ladder.forEach((higher, j) => {
          expect(covers(higher, lower), `${higher} covers ${lower}`).toBe(j >= i);
        });
      });
    }
  });

  it('lets a classified marking cover the Protected levels its safeguards meet, never the reverse', () => {
    expect(covers('CONFIDENTIAL', 'PROTECTED B')).toBe(true);
    expect(covers('CONFIDENTIAL', 'PROTECTED C')).toBe(false);
    expect(covers('SECRET', 'PROTECTED C')).toBe(true);
    expect(covers('TOP SECRET', 'PROTECTED C')).toBe(true);
    for (const marking of ['PROTECTED A', 'PROTECTED B', 'PROTECTED C'] as const) {
      expect(covers(marking, 'CONFIDENTIAL'), marking).toBe(false);
    }
    for (const marking of CLASSIFICATIONS) expect(covers(marking, 'UNCLASSIFIED')).toBe(true);
  });

  it('rolls a set up to the lowest marking covering each of them', () => {
    expect(rollUp([])).toBe('UNCLASSIFIED');
    expect(rollUp(['UNCLASSIFIED', 'PROTECTED A', 'PROTECTED B'])).toBe('PROTECTED B');
    expect(rollUp(['PROTECTED B', 'CONFIDENTIAL'])).toBe('CONFIDENTIAL');
    expect(rollUp(['PROTECTED C', 'CONFIDENTIAL'])).toBe('SECRET');
    expect(rollUp(['SECRET', 'TOP SECRET', 'PROTECTED A'])).toBe('TOP SECRET');
  });

  it('only ever raises a brief: the raised marking covers what it had and what is required', () => {
    expect(raisedMarking('UNCLASSIFIED', 'PROTECTED B')).toBe('PROTECTED B');
    expect(raisedMarking('SECRET', 'PROTECTED B')).toBe('SECRET');
    expect(raisedMarking('PROTECTED C', 'CONFIDENTIAL')).toBe('SECRET');
    for (const current of CLASSIFICATIONS) {
      for (const required of CLASSIFICATIONS) {
        const raised = raisedMarking(current, required);
        expect(covers(raised, current) && covers(raised, required), `${current} + ${required}`).toBe(true);
      }
    }
  });

  it('names the sources a marking does not cover, each once, and the marking they require', () => {
    const sources = [
      { sourceId: 6, title: 'Cabinet memo', classification: 'PROTECTED B' as const },
      { sourceId: 1, title: 'La Presse', classification: 'UNCLASSIFIED' as const },
      { sourceId: 6, title: 'Cabinet memo', classification: 'PROTECTED B' as const },
    ];
    const breach = classificationBreach('UNCLASSIFIED', sources);
    expect(breach).toEqual({ required: 'PROTECTED B', sources: [sources[0]] });
    expect(describeBreach('UNCLASSIFIED', breach!)).toBe(
      'The brief is marked UNCLASSIFIED but cites #6 “Cabinet memo” (PROTECTED B): it must be marked at least PROTECTED B.',
    );
    expect(classificationBreach('PROTECTED B', sources)).toBeNull();
    expect(classificationBreach('CONFIDENTIAL', sources)).toBeNull();
  });
});
