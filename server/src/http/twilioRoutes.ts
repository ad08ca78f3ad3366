import { failedSignatureLimit } from './rateLimits.ts';
import express, { Router, type Request, type Response } from 'express';
import { AppError } from '../errors.ts';
import type { TwilioChannel } from '../telephony/twilio/TwilioChannel.ts';
import { twilioParams } from '../telephony/twilio/twilioTurnBody.ts';
import type { TwilioSettings } from '../telephony/twilio/twilioSettings.ts';
import { publicBase, verifyTwilioSignature } from '../telephony/twilio/verifyTwilioSignature.ts';

/**
 * Twilio Programmable Voice webhooks, mounted at /twilio. Every request must carry a valid X-Twilio-Signature
 * (403 otherwise, and 403 for all while no auth token is set).
 *
 * POST /voice          incoming call (CallSid, From, To) -> TwiML: greeting, media stream, `<Gather>`
 * POST /status         status callback (CallStatus completed|busy|no-answer|failed|canceled ends the call) -> 204
 * POST /gather?step=   `<Gather>` action (SpeechResult, Confidence, Digits) -> TwiML
 * POST /wait?step=     `<Enqueue>` waitUrl -> TwiML: wait updates, call-back offer, `<Leave>` once an agent accepts
 * POST /keypad?step=   a key pressed while waiting -> TwiML
 * POST /queue-result?step=  `<Enqueue>` action (QueueResult) -> TwiML: "you're through", then the conversation
 * POST /dial-result?step=   how a transfer outside Baton went (`<Dial>` DialCallStatus, DialBridged, TaskRouter QueueResult) -> TwiML
 * POST /whisper?call=       a warm transfer answered: what the person who answered hears first -> TwiML `<Gather>`
 * POST /whisper-answer      their key (Digits): 1 joins the calls, anything else refuses -> TwiML
 */
export function twilioRoutes(channel: TwilioChannel, settings: TwilioSettings, shared?: (...command: string[]) => Promise<unknown>): Router {
  const r = Router();
  r.use(express.urlencoded({ extended: false, limit: '64kb' }), failedSignatureLimit(shared), verifyTwilioSignature(settings.authToken, settings.publicUrl));
  const base = (req: Request) => publicBase(req, settings.publicUrl);
  const send = (res: Response, twiml: string) => res.type('text/xml').send(twiml);
  r.post('/voice', async (req, res) => {
    send(res, await channel.incoming(twilioParams(req.body), base(req)));
  });
  r.post('/status', async (req, res) => {
    await channel.status(twilioParams(req.body));
    res.status(204).end();
  });
  const stepped = { gather: channel.gather, wait: channel.wait, keypad: channel.keypad, 'queue-result': channel.queueResult, 'dial-result': channel.dialResult };
  for (const [path, handler] of Object.entries(stepped)) {
    r.post(`/${path}`, async (req, res) => {
      send(res, await handler.call(channel, twilioParams(req.body), stepOf(req), base(req)));
    });
  }
  r.post('/whisper', async (req, res) => {
    const callId = typeof req.query.call === 'string' ? req.query.call : '';
    if (!callId) throw new AppError(400, 'invalid_call', 'The URL names no call: use the URL from the TwiML Baton sent.');
    send(res, await channel.whisper(callId, base(req)));
  });
  r.post('/whisper-answer', (req, res) => {
    send(res, channel.whisperAnswer(twilioParams(req.body)));
  });
  r.use((req, _res, next) => next(new AppError(404, 'no_such_endpoint', `There is no ${req.method} ${req.path} among Baton's Twilio webhooks.`)));
  return r;
}

function stepOf(req: Request): number {
  const step = Number(req.query.step);
  if (!Number.isInteger(step) || step < 1) throw new AppError(400, 'invalid_step', 'The URL has no step: use the URLs from the TwiML Baton sent.');
  return step;
}
