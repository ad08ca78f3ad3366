import { describe, expect, it } from 'vitest';
import { webhookSettingsSchema } from './webhook.ts';

const valid = { url: 'https://crm.example.com/baton/handoff', secret: 'a-secret-of-16-chars+' };

describe('webhookSettingsSchema', () => {
  it('When an admin saves a URL and a secret only, then the webhook is enabled and private networks stay refused', () => {
    expect(webhookSettingsSchema.parse(valid)).toEqual({ ...valid, enabled: true, allowPrivateNetwork: false });
  });

  it('When the admin explicitly allows private networks for an http address, then that choice is kept', () => {
    const settings = { url: 'http://10.0.0.5:8080/hook', secret: valid.secret, enabled: false, allowPrivateNetwork: true };
    expect(webhookSettingsSchema.parse(settings)).toEqual(settings);
  });

  it.each([
    [{ ...valid, url: 'ftp://crm.example.com/hook' }, 'https://'],
    [{ ...valid, url: 'crm.example.com/hook' }, 'https://'],
    [{ ...valid, url: 'https://user:pass@crm.example.com/hook' }, 'passwords'],
    [{ ...valid, secret: 'too-short' }, '16 characters'],
  ])('When the settings are %o, then they are refused with a message that says what to fix', (input, hint) => {
    const result = webhookSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toContain(hint);
  });
});
