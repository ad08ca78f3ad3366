import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '@baton/shared';
import { askedAgain } from './askedAgain.ts';

const line = (from: TranscriptEntry['from'], text: string): TranscriptEntry => ({ from, text, at: '2026-12-01T09:00:00.000Z', nodeId: 'transfer' });

describe('"had to repeat" in what the agent typed', () => {
  it('When the agent asks for the account number the assistant already collected, then it counts as asked again', () => {
    const transcript = [line('ai', 'What is your 8 digit account number?'), line('caller', '1234 5678'), line('agent', "Hi, I'm Amara. What's your account number please?")];
    expect(askedAgain(transcript, { account_number: '12345678' })).toEqual(['account_number']);
  });

  it('When the agent asks something else, or only mentions the detail, or the assistant never collected it, then nothing is counted', () => {
    const slots = { account_number: '12345678', amount: { amount: 40, currency: 'USD' } as never };
    expect(askedAgain([line('agent', 'How can I help with your bill today?')], slots)).toEqual([]);
    expect(askedAgain([line('agent', 'I can see your account number, thanks.')], slots)).toEqual([]);
    expect(askedAgain([line('agent', 'Could you give me your postcode?')], slots)).toEqual([]);
    expect(askedAgain([line('caller', 'what is my account number?')], slots)).toEqual([]);
    expect(askedAgain([line('agent', 'What amounts were charged?')], slots)).toEqual(['amount']);
  });
});
