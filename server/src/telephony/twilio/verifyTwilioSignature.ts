import type { Request, RequestHandler } from 'express';
import twilio from 'twilio';
import { AppError } from '../../errors.ts';

/** The URL Twilio requested, as it signed it: the configured public URL (behind a proxy) or the request's own. */
export function publicBase(req: Request, publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.get('host')}`;
}

/**
 * Refuses (403) any request whose X-Twilio-Signature does not match the body and URL under the auth token, before
 * anything is read or changed; with no token configured, refuses everything rather than trust unsigned requests.
 */
export function verifyTwilioSignature(authToken: string | undefined, publicUrl: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!authToken) {
      return next(new AppError(403, 'twilio_not_configured', 'Twilio webhooks are refused until TWILIO_AUTH_TOKEN is set to the account\'s auth token.'));
    }
    const signature = req.get('x-twilio-signature');
    const url = publicBase(req, publicUrl) + req.originalUrl;
    if (!signature || !twilio.validateRequest(authToken, signature, url, (req.body as Record<string, string> | undefined) ?? {})) {
      return next(new AppError(403, 'twilio_signature_invalid', `The X-Twilio-Signature does not match this request. If Baton is behind a proxy, set BATON_PUBLIC_URL to the URL Twilio calls (now checked against ${url}).`));
    }
    next();
  };
}
