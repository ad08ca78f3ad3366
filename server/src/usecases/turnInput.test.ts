import { describe, expect, it } from 'vitest';
import { TURN_LIMITS, turnSchema } from './callInputs.ts';
import { parseTurn } from './turnInput.ts';

const outcome = (check: () => unknown) => {
  try {
    return { ok: check() };
  } catch (error) {
    return { refused: (error as { status?: number }).status };
  }
};

describe('parseTurn', () => {
  it("When a caller's words are at or past the edge of what is allowed, then the direct check accepts and refuses exactly as the schema does", () => {
    const bodies: unknown[] = [
      { text: 'I want an agent' },
      { text: 'x'.repeat(TURN_LIMITS.textMax) },
      { text: 'x'.repeat(TURN_LIMITS.textMax + 1) },
      { text: '' },
      { text: 'hello', asrConfidence: 0, loudnessDb: -160 },
      { text: 'hello', asrConfidence: 1, loudnessDb: 40 },
      { text: 'hello', asrConfidence: 1.01 },
      { text: 'hello', loudnessDb: 40.5 },
      { text: 'hello', asrConfidence: Number.NaN },
      { text: 'hello', asrConfidence: '0.5' },
      { text: 'hello', extra: true },
      { text: 'hello', dtmf: '1' },
      { text: 42 },
      { dtmf: '12#' },
      { silence: true },
      [],
      null,
    ];
    for (const body of bodies) {
      const schema = turnSchema.safeParse(body ?? {});
      const direct = outcome(() => parseTurn(body));
      if (schema.success) expect(direct, JSON.stringify(body)).toEqual({ ok: schema.data });
      else expect(direct, JSON.stringify(body)).toEqual({ refused: 400 });
    }
  });
});
