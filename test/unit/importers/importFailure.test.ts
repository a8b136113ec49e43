import { describe, expect, it } from 'vitest';
import { describeFailure, ImportFailure } from '../../../main/importers/importFailure';

describe('describeFailure', () => {
  it('keeps a reason that quotes hostile bytes on one printable, bounded line', () => {
    const name = `part\n\r\u0000\u2028\uFFFD${'x'.repeat(1000)}`;
    const reason = describeFailure(
      new ImportFailure(`the Word document is damaged (part ${name} cannot be decompressed)`),
    );
    expect(reason).toMatch(/^the Word document is damaged \(part part x+…$/);
    expect(reason.length).toBe(300);
    expect(describeFailure(new Error('first line\nsecond line'))).toBe('could not be imported: first line');
    expect(describeFailure(new ImportFailure('file is empty'))).toBe('file is empty');
  });
});
