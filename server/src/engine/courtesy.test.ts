import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { isCourtesy } from './courtesy.ts';

const courtesy = (text: string) => isCourtesy(analyzeText(text).tokens);

describe('isCourtesy', () => {
  it('When the caller only greets or thanks, then it is a courtesy', () => {
    for (const text of ['hello', 'Hi there!', 'good morning', 'hello? is anyone there?', 'thanks', 'thank you very much', 'cheers', 'ok thanks'])
      expect(courtesy(text), text).toBe(true);
  });

  it('When the caller says anything more, or nothing that greets, then it is not', () => {
    for (const text of ['hello, I want a refund', 'thanks for nothing', 'hi, get me a person', 'ok', 'yes', '', 'good', 'thank god my card turned up'])
      expect(courtesy(text), text).toBe(false);
  });
});
