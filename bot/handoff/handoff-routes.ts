// The agents' API (docs/contracts.md, HTTP): GET /api/handoffs and GET /api/handoffs/:id, bearer
// ADMIN_TOKEN. Without a configured token the routes do not exist (404), so a deployment that
// never set one exposes nothing; with one, a missing or wrong token is a 401. Tokens are compared
// as hashes with timingSafeEqual, so neither their content nor their length leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { bearerToken } from '../directline/directline-token.js';
import type { DeliveryState, HandoffOutbox, StoredTicket, TicketFilter } from './handoff-outbox.js';

export interface HandoffRoutesDeps {
  outbox: Pick<HandoffOutbox, 'list' | 'find'>;
  adminToken: string | undefined;
  brandIds: readonly BrandId[];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function tokenMatches(presented: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(presented ?? ''), digest(expected)) && presented !== undefined;
}

function delivery(state: DeliveryState) {
  return {
    status: state.status,
    failedAttempts: state.attempts,
    lastError: state.lastError,
    lastAttemptAt: state.lastAttemptAt,
    nextAttemptAt: state.nextAttemptAt,
    sentAt: state.sentAt,
    via: state.via,
  };
}

function listItem({ ticket, state }: StoredTicket) {
  return {
    id: ticket.id,
    reference: ticket.reference,
    brand: ticket.brand,
    category: ticket.category,
    urgent: ticket.urgency.urgent,
    subject: ticket.subject,
    to: ticket.to,
    customer: ticket.customer,
    orderNumber: ticket.orderNumber,
    createdAt: ticket.createdAt,
    ...delivery(state),
  };
}

function sendError(res: restify.Response, status: number, error: string, message: string): void {
  res.send(status, { error, message });
}

export function registerHandoffRoutes(server: restify.Server, deps: HandoffRoutesDeps): void {
  const { adminToken } = deps;

  /** True when the request may go on; otherwise the answer has been sent. */
  const authorized = (req: restify.Request, res: restify.Response): boolean => {
    if (adminToken === undefined) {
      sendError(res, 404, 'not_found', 'No such route.');
      return false;
    }
    if (!tokenMatches(bearerToken(req.header('authorization')), adminToken)) {
      res.header('WWW-Authenticate', 'Bearer realm="clasp-handoffs"');
      sendError(res, 401, 'unauthorized', 'A valid bearer token is required.');
      return false;
    }
    return true;
  };

  server.get('/api/handoffs', async (req: restify.Request, res: restify.Response) => {
    if (!authorized(req, res)) return;
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const filter: TicketFilter = {};
    const brand = query.get('brand');
    if (brand !== null) {
      if (!deps.brandIds.includes(brand)) return sendError(res, 400, 'invalid_query', `Unknown brand "${brand}".`);
      filter.brand = brand;
    }
    const urgent = query.get('urgent');
    if (urgent !== null) {
      if (urgent !== 'true' && urgent !== 'false') return sendError(res, 400, 'invalid_query', 'urgent must be true or false.');
      filter.urgent = urgent === 'true';
    }
    const tickets = await deps.outbox.list(filter);
    res.send(200, { handoffs: tickets.map(listItem) });
  });

  server.get('/api/handoffs/:id', async (req: restify.Request, res: restify.Response) => {
    if (!authorized(req, res)) return;
    const id: unknown = req.params?.id;
    const found = typeof id === 'string' ? await deps.outbox.find(id) : undefined;
    if (found === undefined) return sendError(res, 404, 'unknown_handoff', 'No handoff has that id or reference.');
    res.send(200, { ticket: found.ticket, delivery: delivery(found.state) });
  });
}
