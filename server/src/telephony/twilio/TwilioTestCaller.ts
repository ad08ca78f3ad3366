import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** What a test needs from one TwiML document. */
export interface ReadTwiml {
  says: string[];
  /** The `<Gather>` action (speech or keys) and the keypad gather inside a wait document. */
  gather?: { action: string; input: string };
  enqueue?: { queue: string; waitUrl: string; action: string };
  redirect?: string;
  stream?: { url: string; callSid?: string; token?: string };
  leave: boolean;
  hangup: boolean;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : undefined;
};

/**
 * Reads the few verbs Baton writes. A regular-expression reader is enough here: the documents come from the `twilio`
 * package's builder, which writes attributes in double quotes and escapes text (this is test-side code only).
 */
export function readTwiml(xml: string): ReadTwiml {
  const says = [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => unescape(m[1]));
  const gatherTag = /<Gather[^>]*>/.exec(xml)?.[0];
  const enqueue = /(<Enqueue[^>]*>)([^<]*)<\/Enqueue>/.exec(xml);
  const streamTag = /<Stream[^>]*>/.exec(xml)?.[0];
  return {
    says,
    gather: gatherTag ? { action: attr(gatherTag, 'action')!, input: attr(gatherTag, 'input')! } : undefined,
    enqueue: enqueue ? { queue: unescape(enqueue[2]), waitUrl: attr(enqueue[1], 'waitUrl')!, action: attr(enqueue[1], 'action')! } : undefined,
    redirect: (() => {
      const m = /<Redirect[^>]*>([^<]*)<\/Redirect>/.exec(xml);
      return m ? unescape(m[1]) : undefined;
    })(),
    stream: streamTag ? { url: attr(streamTag, 'url')!, callSid: /<Parameter name="callSid" value="([^"]*)"/.exec(xml)?.[1], token: /<Parameter name="token" value="([^"]*)"/.exec(xml)?.[1] } : undefined,
    leave: /<Leave\s*\/>/.test(xml),
    hangup: /<Hangup\s*\/>/.test(xml),
  };
}

/** One phone call as Twilio places it: every request form-encoded and signed with the account's auth token, exactly as Twilio signs. */
export class TwilioTestCaller {
  constructor(
    private readonly baseUrl: string,
    private readonly authToken: string,
    readonly from = '+447700900123',
    readonly to = '+442071234567',
    /** The URL Twilio believes it calls (BATON_PUBLIC_URL behind a proxy); requests still go to `baseUrl`. */
    private readonly publicUrl = baseUrl,
    readonly callSid = `CA${randomBytes(16).toString('hex')}`,
  ) {}

  /** The same call, its requests now reaching Baton at `baseUrl` (the server restarted on another port, or another instance). */
  through(baseUrl: string): TwilioTestCaller {
    return new TwilioTestCaller(baseUrl, this.authToken, this.from, this.to, this.publicUrl, this.callSid);
  }

  /** Posts `params` (plus the call's own fields) to a path or a URL from TwiML; `signature` overrides the real one. */
  async post(pathOrUrl: string, params: Record<string, string> = {}, signature?: string): Promise<{ status: number; body: string; twiml: ReadTwiml }> {
    const path = pathOrUrl.startsWith('http') ? pathOrUrl.slice(new URL(pathOrUrl).origin.length) : pathOrUrl;
    const url = `${this.baseUrl}${path}`;
    const signed = `${this.publicUrl}${path}`;
    const form = { CallSid: this.callSid, AccountSid: 'AC00000000000000000000000000000000', From: this.from, To: this.to, Direction: 'inbound', ...params };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(this.authToken, signed, form) },
      body: new URLSearchParams(form).toString(),
    });
    const body = await res.text();
    return { status: res.status, body, twiml: readTwiml(body) };
  }

  dial() {
    return this.post('/twilio/voice', { CallStatus: 'ringing' });
  }

  /** Answers a `<Gather>`: words heard (with Twilio's confidence), keys, or nothing. */
  answer(action: string, heard: { speech?: string; confidence?: number; digits?: string } = {}) {
    return this.post(action, {
      CallStatus: 'in-progress',
      ...(heard.speech !== undefined ? { SpeechResult: heard.speech, Confidence: String(heard.confidence ?? 0.9) } : {}),
      ...(heard.digits !== undefined ? { Digits: heard.digits } : {}),
    });
  }

  hangUp(status = 'completed') {
    return this.post('/twilio/status', { CallStatus: status, CallDuration: '42' });
  }
}
