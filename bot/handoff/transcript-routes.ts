// GET /transcripts/<token> (docs/contracts.md, Configuration, "Transcript link"): the page
// behind the handoff email's transcript link. Only with TRANSCRIPT_LINK_SECRET and PUBLIC_URL set
// does the route exist; otherwise it is a 404 like any unknown path. A token that is malformed,
// wrongly signed or expired, or names a ticket this outbox does not hold, gets that same 404, so
// an answer tells nobody which of those it was. The page holds a shopper's words: never cached,
// never indexed, and its address (the token) never sent on as a referrer.
import type restify from 'restify';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HandoffOutbox } from './handoff-outbox.js';
import { TRANSCRIPTS_PATH, verifyTranscriptToken, type TranscriptLinkConfig } from './transcript-link.js';
import { transcriptPage, type TranscriptPageProfile } from './transcript-page.js';

export interface TranscriptRoutesDeps {
  outbox: Pick<HandoffOutbox, 'get'>;
  /** Undefined: the feature is off and no route is registered. */
  link: TranscriptLinkConfig | undefined;
  profileOf(brand: BrandId): TranscriptPageProfile;
  now: () => Date;
}

// No script and nothing from elsewhere: the page's own inline styles only.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PRIVATE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

/** The same answer as a path that does not exist (bot/handoff/handoff-routes.ts answers it so too). */
const NOT_FOUND = JSON.stringify({ error: 'not_found', message: 'No such route.' });

export function registerTranscriptRoutes(server: restify.Server, deps: TranscriptRoutesDeps): void {
  const { link } = deps;
  if (link === undefined) return;

  // Everything under the path, not a `:token` parameter: restify's router refuses a parameter
  // longer than 100 characters as "no such route", and a token is about that long. The token's
  // shape is checked by bot/handoff/transcript-link.ts instead, slashes and all.
  server.get(`${TRANSCRIPTS_PATH}/*`, async (req: restify.Request, res: restify.Response) => {
    const ticketId = verifyTranscriptToken(req.params?.['*'], link.secret, deps.now());
    const found = ticketId === undefined ? undefined : await deps.outbox.get(ticketId);
    if (found === undefined) {
      res.sendRaw(404, NOT_FOUND, { ...PRIVATE_HEADERS, 'Content-Type': 'application/json' });
      return;
    }
    const page = transcriptPage(found.ticket, deps.profileOf(found.ticket.brand));
    res.sendRaw(200, page, { ...PRIVATE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  });
}
