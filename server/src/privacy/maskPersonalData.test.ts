import { describe, expect, it } from 'vitest';
import { maskPersonalData, passesLuhn } from './maskPersonalData.ts';

describe('Masking card numbers and bank details out of what callers say', () => {
  it('When a caller reads out their card number, however they group it, then only its last four digits are kept', () => {
    expect(maskPersonalData('my card number is 4111 1111 1111 1111')).toBe('my card number is [card number ending 1111]');
    expect(maskPersonalData('4111-1111-1111-1111 please')).toBe('[card number ending 1111] please');
    expect(maskPersonalData('it is 5555555555554444.')).toBe('it is [card number ending 4444].');
    expect(maskPersonalData('card 4111 1111 1111 1111 123 expiry 12 27')).toBe('card [card number ending 1111] 123 expiry 12 27');
  });

  it('When the digits are an account number, a phone number, an amount or a mistyped card, then they are left as said', () => {
    expect(maskPersonalData('my account is 1234 5678')).toBe('my account is 1234 5678');
    expect(maskPersonalData('call me on +44 7700 900123')).toBe('call me on +44 7700 900123');
    expect(maskPersonalData('I was charged 1,250.00 twice')).toBe('I was charged 1,250.00 twice');
    expect(maskPersonalData('4111 1111 1111 1112')).toBe('4111 1111 1111 1112');
    expect(maskPersonalData('what is my balance')).toBe('what is my balance');
  });

  it('When a caller gives a security code, an IBAN, a sort code with its account number or a routing number, then they are masked', () => {
    expect(maskPersonalData('the CVV is 123')).toBe('the CVV is [security code]');
    expect(maskPersonalData('security code: 4321 and that is it')).toBe('security code: [security code] and that is it');
    expect(maskPersonalData('pay into GB82 WEST 1234 5698 7654 32 today')).toBe('pay into [bank account] today');
    expect(maskPersonalData('sort code 12-34-56 account number 12345678')).toBe('sort code [sort code] account number [bank account number]');
    expect(maskPersonalData('routing number 021000021')).toBe('routing number [routing number]');
    // Without a sort code, an account number is the flow's own (a utility account), not a bank's.
    expect(maskPersonalData('account number 12345678')).toBe('account number 12345678');
  });

  it('Luhn: the test cards pass and a changed digit fails', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});
