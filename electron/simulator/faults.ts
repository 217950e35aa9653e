import type { Vendor } from '../../shared/vendors';

/** What the simulator can do to a response instead of answering normally. */
export type ResponseFault =
  /** Answer with this status and the vendor's error body (e.g. 429 with Retry-After, 500, 503). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** Wait, then answer normally. */
  | { kind: 'slow'; delayMs: number }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed-json' }
  /** 200 with an HTML error page, as a proxy might send. */
  | { kind: 'html' };

export type RecordBreakage = 'missing-field' | 'wrong-type';

interface Pending {
  vendor: Vendor;
  fault: ResponseFault;
  remaining: number;
  /** Only requests whose path contains this are affected. */
  pathIncludes?: string;
}

/**
 * Faults injected on request by tests, benchmarks and the demo: response
 * faults are consumed in order; record breakages and transcript holds stay
 * until cleared.
 */
export class Faults {
  private readonly pending: Pending[] = [];
  private readonly broken = new Map<string, RecordBreakage>();
  private readonly held = new Map<string, number>();
  private readonly agentLimits = new Map<Vendor, Set<string>>();
  private readonly variants = new Map<string, string>();

  /** The next `times` requests to `vendor` (whose path contains `pathIncludes`) get `fault`. */
  inject(vendor: Vendor, fault: ResponseFault, options: { times?: number; pathIncludes?: string } = {}): void {
    this.pending.push({ vendor, fault: { ...fault }, remaining: options.times ?? 1, pathIncludes: options.pathIncludes });
  }

  /** The fault for this request (path below the vendor's base path), if one is due. */
  take(vendor: Vendor, path: string): ResponseFault | undefined {
    const entry = this.pending.find((p) => p.vendor === vendor && p.remaining > 0 && path.includes(p.pathIncludes ?? ''));
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.fault;
  }

  /** The vendor's record for this call comes out broken in every response until cleared. */
  breakRecord(vendor: Vendor, callId: string, how: RecordBreakage): void {
    this.broken.set(`${vendor}:${callId}`, how);
  }

  breakageOf(vendor: Vendor, callId: string): RecordBreakage | undefined {
    return this.broken.get(`${vendor}:${callId}`);
  }

  /** The call's transcript answers "processing" for its next `fetches` requests. */
  holdTranscript(vendor: Vendor, callId: string, fetches: number): void {
    this.held.set(`${vendor}:${callId}`, fetches);
  }

  /** True (and one fewer left) while the transcript is held. */
  takeTranscriptHold(vendor: Vendor, callId: string): boolean {
    const key = `${vendor}:${callId}`;
    const left = this.held.get(key) ?? 0;
    if (left <= 0) return false;
    this.held.set(key, left - 1);
    return true;
  }

  /** The vendor's key may see only these agents; others answer 404 (TalkPilot) or are left out. */
  limitKeyToAgents(vendor: Vendor, agentIds: readonly string[]): void {
    this.agentLimits.set(vendor, new Set(agentIds));
  }

  agentAllowed(vendor: Vendor, agentId: string): boolean {
    return this.agentLimits.get(vendor)?.has(agentId) ?? true;
  }

  /**
   * Switches a documented alternative of a vendor's API, e.g. Talknex's paging
   * style ('cursor' or 'page') or Talkover's agents envelope ('meta' or 'pagination').
   * Each vendor file lists its own: TalentLynk's 'transcript-key' and
   * 'message-ids', Talknex's 'paging', 'list-fault' and 'list-fields'.
   */
  setVariant(vendor: Vendor, name: string, value: string): void {
    this.variants.set(`${vendor}:${name}`, value);
  }

  variant(vendor: Vendor, name: string): string | undefined {
    return this.variants.get(`${vendor}:${name}`);
  }

  clear(): void {
    this.variants.clear();
    this.pending.length = 0;
    this.broken.clear();
    this.held.clear();
    this.agentLimits.clear();
  }
}
