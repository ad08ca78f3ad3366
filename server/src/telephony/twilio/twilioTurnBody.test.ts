import { describe, expect, it } from 'vitest';
import { twilioParams, twilioTurnBody } from './twilioTurnBody.ts';

const voice = { baselineDb: -30, peakDeltaDb: 12, sustainedMs: 900, raised: true };

describe('a Gather result as a turn', () => {
  it('When Twilio heard words, then they are the utterance with its confidence as the ASR confidence, and the voice evidence', () => {
    expect(twilioTurnBody({ SpeechResult: ' I want a refund ', Confidence: '0.87' }, voice)).toEqual({ text: 'I want a refund', asrConfidence: 0.87, voice });
  });

  it('When Twilio sends no or a malformed confidence, then the utterance has none', () => {
    expect(twilioTurnBody({ SpeechResult: 'hello', Confidence: '' })).toEqual({ text: 'hello' });
    expect(twilioTurnBody({ SpeechResult: 'hello', Confidence: 'abc' })).toEqual({ text: 'hello' });
    expect(twilioTurnBody({ SpeechResult: 'hello', Confidence: '7' })).toEqual({ text: 'hello', asrConfidence: 1 });
  });

  it('When keys were pressed, then the turn is the digits', () => {
    expect(twilioTurnBody({ Digits: '0', SpeechResult: '' })).toEqual({ dtmf: '0' });
  });

  it('When the result is empty, then the turn is no input', () => {
    expect(twilioTurnBody({})).toEqual({ silence: true });
    expect(twilioTurnBody({ SpeechResult: '   ', Digits: '' })).toEqual({ silence: true });
    expect(twilioTurnBody({ Digits: 'hangup' })).toEqual({ silence: true });
  });

  it('When a form has repeated fields, then only single string fields are kept', () => {
    expect(twilioParams({ CallSid: 'CA1', To: ['a', 'b'] })).toEqual({ CallSid: 'CA1' });
    expect(twilioParams(undefined)).toEqual({});
  });
});
