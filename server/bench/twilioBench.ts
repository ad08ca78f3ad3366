import { percentile } from './handoffBench.ts';
import { billingExample, startTwilioTestServer } from '../src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../src/telephony/twilio/TwilioTestCaller.ts';

const CALLS = 200;
const TURNS_PER_CALL = 8;
const TOKEN = 'bench-auth-token';
const NUMBER = '+442071234567';
/** Through the billing flow without a handoff: a refund, a payment plan, a balance, each followed by "something else". */
const SCRIPT = ['I want a refund', 'forty dollars', 'yes please', 'can I set up a payment plan', 'six', 'yes', 'what is my balance', '12345678', 'yes'];

/**
 * `twilio_turn_p99_ms`: the server's time for a `<Gather>` action webhook (signature check, turn, TwiML) while 200
 * Twilio calls talk at once over loopback, each sending its next turn as soon as the last is answered.
 */
export async function twilioBench(): Promise<{ twilio_turn_p99_ms: number }> {
  const samples: number[] = [];
  let measuring = false;
  const server = await startTwilioTestServer({ authToken: TOKEN }, [await billingExample()], (path, ms) => {
    if (measuring && path.startsWith('/twilio/gather')) samples.push(ms);
  });
  try {
    await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
    const callers = Array.from({ length: CALLS }, (_, i) => new TwilioTestCaller(server.url, TOKEN, `+4477009${String(i).padStart(5, '0')}`, NUMBER));
    const actions = await Promise.all(callers.map(async (c) => (await c.dial()).twiml.gather!.action));
    // One warm-up turn each (first NLU use, JIT), then the measured turns.
    const talk = async (i: number, turns: number, offset: number) => {
      for (let t = 0; t < turns; t++) {
        const { status, twiml } = await callers[i].answer(actions[i], { speech: SCRIPT[(offset + t) % SCRIPT.length], confidence: 0.9 });
        if (status !== 200 || !twiml.gather) throw new Error(`twilio bench: turn ${t} of call ${i} got ${status}: ${twiml.says.join(' | ')}`);
        actions[i] = twiml.gather.action;
      }
    };
    await Promise.all(callers.map((_, i) => talk(i, 1, 0)));
    measuring = true;
    await Promise.all(callers.map((_, i) => talk(i, TURNS_PER_CALL, 1)));
    measuring = false;
    await Promise.all(callers.map((c) => c.hangUp()));
    return { twilio_turn_p99_ms: Number(percentile(samples, 0.99).toFixed(2)) };
  } finally {
    await server.stop();
  }
}
