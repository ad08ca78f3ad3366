import { describe, expect, it } from 'vitest';
import { classifyAddress } from './classifyAddress.ts';
import { resolveWebhookTarget, type LookupAll } from './resolveWebhookTarget.ts';

const guard = (url: string, allowPrivateNetwork = false, lookup?: LookupAll) =>
  resolveWebhookTarget(url, { allowPrivateNetwork, ...(lookup ? { lookup } : {}) });

const fakeDns =
  (answers: Record<string, string[]>): LookupAll =>
  async (hostname) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const neverAsked: LookupAll = async (hostname) => {
  throw new Error(`the guard should not look up ${hostname}`);
};

describe('webhook URL guard', () => {
  it.each([
    'http://127.0.0.1/hook',
    'https://10.1.2.3/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a9fe:a9fe]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://[::]/hook',
    'https://172.16.0.1/hook',
    'https://172.31.255.255/hook',
    'https://192.168.1.20/hook',
    'https://[fe80::1]/hook',
    'https://[fd12:3456::1]/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://[64:ff9b::7f00:1]/hook',
  ])('When the webhook address is %s and private networks are not allowed, then it is refused', async (url) => {
    const result = await guard(url, false, neverAsked);
    expect(result).toMatchObject({ problem: { code: 'webhook_url_refused', retryable: false } });
  });

  it('When the host name is localhost, then the real DNS answer (loopback) is refused', async () => {
    const result = await guard('http://localhost:3000/hook');
    expect(result).toMatchObject({ problem: { code: 'webhook_url_refused' } });
    if ('problem' in result) expect(result.problem.message).toContain('loopback');
  });

  it('When a name resolves to a public and a private address, then it is refused because every address is checked', async () => {
    const lookup = fakeDns({ 'crm.example.com': ['93.184.215.14', '10.0.0.7'] });
    const result = await guard('https://crm.example.com/hook', false, lookup);
    expect(result).toMatchObject({ problem: { code: 'webhook_url_refused' } });
    if ('problem' in result) expect(result.problem.message).toContain('10.0.0.7');
  });

  it('When the address is a public IP literal, then it passes without a DNS lookup and is the address to connect to', async () => {
    const result = await guard('https://93.184.215.14:8443/hook', false, neverAsked);
    expect(result).toMatchObject({ target: { address: '93.184.215.14', family: 4 } });
    const v6 = await guard('https://[2606:4700:4700::1111]/hook', false, neverAsked);
    expect(v6).toMatchObject({ target: { address: '2606:4700:4700::1111', family: 6 } });
  });

  it('When a name resolves to public addresses only, then the checked address is returned with the original URL', async () => {
    const lookup = fakeDns({ 'crm.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    const result = await guard('https://crm.example.com/baton?queue=billing', false, lookup);
    expect(result).toMatchObject({ target: { address: '93.184.215.14', family: 4 } });
    if ('target' in result) expect(result.target.url.host).toBe('crm.example.com');
  });

  it('When an admin allows private networks, then loopback and private addresses pass', async () => {
    expect(await guard('http://127.0.0.1:4000/hook', true)).toMatchObject({ target: { address: '127.0.0.1' } });
    expect(await guard('http://[::1]:4000/hook', true)).toMatchObject({ target: { address: '::1', family: 6 } });
  });

  it('When the name cannot be resolved, then it is a retryable DNS problem, not a refusal', async () => {
    const result = await guard('https://nowhere.example.com/hook', false, fakeDns({}));
    expect(result).toMatchObject({ problem: { code: 'webhook_dns_failed', retryable: true } });
  });

  it('When the address is not http or https, then it is refused', async () => {
    expect(await guard('ftp://93.184.215.14/hook')).toMatchObject({ problem: { code: 'webhook_url_refused' } });
    expect(await guard('not a url')).toMatchObject({ problem: { code: 'webhook_url_refused' } });
  });
});

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['100.64.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:7f00:1', 'loopback'],
    ['fe80::1%eth0', 'link_local'],
    ['febf::1', 'link_local'],
    ['fc00::1', 'private'],
    ['2002:a00:1::1', 'private'],
    ['::8.8.8.8', 'reserved'],
    ['ff02::1', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['198.18.0.1', 'private'],
    ['198.19.255.254', 'private'],
    ['198.20.0.1', 'public'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['192.0.3.1', 'public'],
    ['2001:db8::1', 'reserved'],
    ['crm.example.com', undefined],
  ])('When the address is %s, then it is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});
