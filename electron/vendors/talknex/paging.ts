import type { Query, VendorHttp } from '../http/types';
import { expectShape, recordIdOf } from '../records';
import { ListEnvelopeSchema, type ListEnvelope, type PagingHints } from './schemas';

/** The list parameters are not published: `limit` up to 100, the usual maximum. */
export const PAGE_SIZE = 100;

/** Where the next page starts: after a cursor, or at a page number. */
interface Position {
  cursor?: string;
  page?: number;
}

/** An envelope's paging hints, wherever it puts them: beside `data`, or in a `pagination` or `meta` object. */
interface Paging {
  hasMore?: boolean;
  nextCursor?: string;
  page?: number;
  size?: number;
  total?: number;
  totalPages?: number;
}

const first = <T>(...values: (T | null | undefined)[]): T | undefined => values.find((v): v is T => v !== null && v !== undefined);

function pagingOf(envelope: ListEnvelope): Paging {
  const levels: PagingHints[] = [envelope, envelope.pagination ?? {}, envelope.meta ?? {}];
  return {
    hasMore: first(...levels.map((l) => l.hasMore)),
    nextCursor: first(...levels.map((l) => l.nextCursor || undefined)),
    page: first(...levels.map((l) => l.page)),
    size: first(...levels.flatMap((l) => [l.limit, l.perPage, l.per_page])),
    total: first(...levels.map((l) => l.total)),
    totalPages: first(...levels.map((l) => l.totalPages)),
  };
}

interface PageOutcome {
  /** The page's number in this read, from 1. */
  number: number;
  /** Items on the page. */
  received: number;
  /** Items on it not seen on an earlier page. */
  fresh: number;
  /** Distinct items so far, this page's included. */
  arrived: number;
  sent: Position;
}

/** What the envelope promised beyond what arrived, in words; null when it promised nothing more. */
function promisedMore(paging: Paging, arrived: number, page: number, noun: string): string | null {
  if (paging.total !== undefined && arrived < paging.total) return `its totals said ${paging.total} ${noun} and ${arrived} arrived`;
  if (paging.totalPages !== undefined && page < paging.totalPages) return `its totals said ${paging.totalPages} pages and ${arrived} ${noun} arrived`;
  if (paging.hasMore === true || paging.nextCursor !== undefined) return 'it said there were more';
  return null;
}

/**
 * The request after this page, whichever paging style the API turns out to
 * use, or null at the end of the list, with why it ended early when the
 * envelope promised more. A page can only lead on when it brought something
 * new, so a list that ignores our paging parameter ends after one repeat.
 */
function nextStep(paging: Paging, outcome: PageOutcome, noun: string): { next: Position | null; stoppedEarly?: string } {
  const page = paging.page ?? outcome.sent.page ?? 1;
  const more = promisedMore(paging, outcome.arrived, page, noun);
  const end = (problem: string | null) => (problem ? { next: null, stoppedEarly: problem } : { next: null });
  if (outcome.received === 0) return end(more && `page ${outcome.number} came back empty, while ${more}`);
  if (outcome.fresh === 0)
    return end(`page ${outcome.number} held only ${noun} already read (the API did not follow the paging)${more ? `, while ${more}` : ''}`);
  if (paging.hasMore === false) {
    const short = paging.total !== undefined && outcome.arrived < paging.total;
    return end(short ? `page ${outcome.number} said it was the last, while ${more ?? ''}` : null);
  }
  if (paging.nextCursor !== undefined) return { next: { cursor: paging.nextCursor } };
  // Totals: read until they are met, past short pages (a server may cap the page size below our limit without saying).
  if (paging.total !== undefined) return { next: outcome.arrived < paging.total ? { page: page + 1 } : null };
  if (paging.totalPages !== undefined) return { next: page < paging.totalPages ? { page: page + 1 } : null };
  // No cursor and no totals: a short page is the last; after a full one, the empty page that follows ends the list.
  const size = paging.size ?? PAGE_SIZE;
  return { next: outcome.received < size && paging.hasMore !== true ? null : { page: page + 1 } };
}

/** True the first time an id is seen; items without an id cannot be checked and count as new. */
function firstSighting(item: unknown, seen: Set<string>): boolean {
  const id = recordIdOf(item);
  if (id === null) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
}

export interface ListPage {
  /** Items not seen on an earlier page. */
  items: unknown[];
  /** On the last page, when the list ended before its envelope said it would. */
  stoppedEarly?: {
    /** Plain words, e.g. "page 2 held only calls already read (…), while its totals said 675 calls and 100 arrived". */
    problem: string;
    /** What was asked for and the envelope's paging fields (its items left out), for the warning's raw payload. */
    raw: unknown;
  };
}

/**
 * Every item of a list endpoint, page by page, each once (offset paging can
 * repeat an item when the list shifts between two requests). The read never
 * ends early in silence: when the envelope promised more than arrived, the
 * last page says so.
 */
export async function* readList(http: VendorHttp, endpoint: string, filters: Query, noun: string): AsyncGenerator<ListPage> {
  const seen = new Set<string>();
  let arrived = 0;
  let number = 0;
  let position: Position | null = {};
  while (position) {
    number += 1;
    const query = { ...filters, limit: PAGE_SIZE, ...position };
    const body = await http.getJson(endpoint, query);
    const envelope = expectShape(ListEnvelopeSchema, body, 'talknex', endpoint);
    const items = envelope.data.filter((item) => firstSighting(item, seen));
    arrived += items.length;
    const step = nextStep(pagingOf(envelope), { number, received: envelope.data.length, fresh: items.length, arrived, sent: position }, noun);
    position = step.next;
    if (step.stoppedEarly) {
      const { data, ...paging } = envelope;
      yield { items, stoppedEarly: { problem: step.stoppedEarly, raw: { endpoint, query, received: data.length, paging } } };
    } else if (items.length > 0) {
      yield { items };
    }
  }
}
