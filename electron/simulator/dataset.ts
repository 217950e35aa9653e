import { Faker, en } from '@faker-js/faker';
import { DAY_MS } from '../../shared/time';

/**
 * The simulator's data: one deterministic, vendor-neutral set of calls per
 * vendor, made from a seed and a size. Vendor route files turn these into each
 * API's own JSON. Same seed and size, same data, on every machine.
 */

export type SimOutcome = 'answered' | 'missed' | 'no_answer' | 'voicemail' | 'busy' | 'failed';

export interface SimPerson {
  index: number;
  /** Stable id within the dataset; vendor files format it (uuid, prefixed, hex). */
  id: string;
  name: string;
  email: string;
  phone: string;
}

export interface SimContact {
  name: string;
  phone: string;
  /** What the contact is to the recruiter: candidate, client, … (TalentLynk's contactType). */
  type: string;
}

export interface SimCall {
  index: number;
  /** Stable unique id; vendor files format it. */
  id: string;
  startedAtMs: number;
  /** Seconds of conversation (0 when not answered). */
  talkSeconds: number;
  /** Seconds from dialling to hang-up. */
  totalSeconds: number;
  direction: 'inbound' | 'outbound';
  outcome: SimOutcome;
  /** The recruiter (TalentLynk) or, for voice-AI vendors, `agentIndex` is used. */
  userIndex: number;
  agentIndex: number;
  contact: SimContact;
  summary: string | null;
  hasTranscript: boolean;
  /** 1-10 quality score (TalkPilot final_score). */
  score: number;
  sentiment: 'positive' | 'neutral' | 'negative';
  /** TalkPilot-style purge (sensitive data removed) and soft delete. */
  purged: boolean;
  deletedAtMs: number | null;
  updatedAtMs: number;
}

export interface SimTurn {
  /** Our side (recruiter or AI agent) or the person called. */
  role: 'agent' | 'contact';
  text: string;
  startMs: number;
  endMs: number;
  confidence: number;
}

export interface DatasetOptions {
  seed: number;
  /** How many calls. */
  calls: number;
  users: number;
  agents: number;
  /** The data spans [nowMs - days, nowMs). */
  days: number;
  nowMs: number;
  /** Fractions of calls purged and soft-deleted (used by TalkPilot). */
  purgedShare?: number;
  deletedShare?: number;
}

export interface Dataset {
  readonly options: DatasetOptions;
  readonly users: readonly SimPerson[];
  readonly agents: readonly SimPerson[];
  /** Sorted by start time, oldest first. */
  readonly calls: readonly SimCall[];
  /** Calls that started in [fromMs, toMs), oldest first. */
  callsBetween(fromMs: number, toMs: number): readonly SimCall[];
  callById(id: string): SimCall | undefined;
  /** The call's conversation, made on demand from the seed and the call. */
  transcriptOf(call: SimCall): SimTurn[];
}

const ROLES = [
  'Registered Nurse',
  'Warehouse Operative',
  'Software Engineer',
  'Care Assistant',
  'Account Manager',
  'HGV Driver',
  'Site Manager',
  'Payroll Clerk',
];
const CONTACT_TYPES = ['candidate', 'candidate', 'candidate', 'client', 'prospect', 'referee'];

function faker(seed: number): Faker {
  const f = new Faker({ locale: [en] });
  f.seed(seed);
  return f;
}

export function createDataset(options: DatasetOptions): Dataset {
  const f = faker(options.seed);
  const person = (index: number, domain: string): SimPerson => {
    const name = f.person.fullName();
    return {
      index,
      id: f.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }),
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
      phone: `+4420${f.string.numeric(8)}`,
    };
  };
  const users = Array.from({ length: options.users }, (_, i) => person(i, 'recruit.example.com'));
  const agents = Array.from({ length: options.agents }, (_, i) => ({
    ...person(i, 'agents.example.com'),
    name: `${f.helpers.arrayElement(['Aria', 'Max', 'Nova', 'Sage', 'Theo', 'Ivy'])} – ${f.helpers.arrayElement(['Screening', 'Scheduling', 'Reference checks', 'Inbound line', 'Reactivation'])} ${i + 1}`,
  }));
  const contacts: SimContact[] = Array.from({ length: Math.max(50, Math.ceil(options.calls / 8)) }, () => ({
    name: f.person.fullName(),
    phone: `+447${f.string.numeric(9)}`,
    type: f.helpers.arrayElement(CONTACT_TYPES),
  }));

  const span = options.days * DAY_MS;
  const start = options.nowMs - span;
  // Whole seconds, as the vendors' APIs give times.
  const starts = Array.from({ length: options.calls }, () => start + Math.floor(f.number.float({ min: 0, max: 1 }) * (span / 1000)) * 1000).sort(
    (a, b) => a - b,
  );
  const calls: SimCall[] = starts.map((startedAtMs, index) => {
    const outcome = f.helpers.weightedArrayElement<SimOutcome>([
      { weight: 70, value: 'answered' },
      { weight: 8, value: 'missed' },
      { weight: 10, value: 'no_answer' },
      { weight: 8, value: 'voicemail' },
      { weight: 2, value: 'busy' },
      { weight: 2, value: 'failed' },
    ]);
    const answered = outcome === 'answered';
    const talkSeconds = answered ? f.number.int({ min: 20, max: 1800 }) : 0;
    const contact = f.helpers.arrayElement(contacts);
    const role = f.helpers.arrayElement(ROLES);
    const roll = f.number.float({ min: 0, max: 1 });
    const purged = roll < (options.purgedShare ?? 0);
    const deleted = !purged && roll < (options.purgedShare ?? 0) + (options.deletedShare ?? 0);
    return {
      index,
      id: `${options.seed.toString(36)}${index.toString(36).padStart(7, '0')}${f.string.alphanumeric({ length: 6, casing: 'lower' })}`,
      startedAtMs,
      talkSeconds,
      totalSeconds: talkSeconds + f.number.int({ min: 3, max: 40 }),
      direction: f.datatype.boolean(0.65) ? 'outbound' : 'inbound',
      outcome,
      userIndex: f.number.int({ min: 0, max: options.users - 1 }),
      agentIndex: f.number.int({ min: 0, max: options.agents - 1 }),
      contact,
      summary: answered
        ? `${contact.name} ${f.helpers.arrayElement(['discussed the', 'is interested in the', 'declined the', 'asked about salary for the', 'booked an interview for the'])} ${role} role in ${f.location.city()}. Ref ${f.string.alphanumeric({ length: 6, casing: 'upper' })}.`
        : null,
      hasTranscript: answered && talkSeconds > 30,
      score: f.number.int({ min: 1, max: 10 }),
      sentiment: f.helpers.arrayElement(['positive', 'neutral', 'negative'] as const),
      purged,
      deletedAtMs: deleted ? startedAtMs + DAY_MS : null,
      updatedAtMs: startedAtMs + (talkSeconds + 60) * 1000,
    };
  });
  const byId = new Map(calls.map((c) => [c.id, c]));

  return {
    options,
    users,
    agents,
    calls,
    callsBetween: (fromMs, toMs) => calls.slice(firstAtOrAfter(calls, fromMs), firstAtOrAfter(calls, toMs)),
    callById: (id) => byId.get(id),
    transcriptOf: (call) => conversation(options.seed, call, users[call.userIndex]?.name ?? 'the recruiter'),
  };
}

/** Binary search: index of the first call starting at or after `ms`. */
function firstAtOrAfter(calls: readonly SimCall[], ms: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((calls[mid]?.startedAtMs ?? Infinity) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A plausible recruiting conversation, the same every time for the same call. */
function conversation(seed: number, call: SimCall, recruiter: string): SimTurn[] {
  const f = faker(seed * 1_000_003 + call.index);
  const role = f.helpers.arrayElement(ROLES);
  const city = f.location.city();
  const salary = f.number.int({ min: 22, max: 95 }) * 1000;
  const lines: [SimTurn['role'], string][] = [
    ['agent', `Hi ${call.contact.name.split(' ')[0]}, it's ${recruiter.split(' ')[0]} calling about the ${role} position in ${city}. Is now a good time?`],
    ['contact', f.helpers.arrayElement(['Yes, perfect timing.', 'Sure, I have a few minutes.', 'Go ahead, I was expecting your call.'])],
    ['agent', `Great. The role pays around £${salary.toLocaleString('en-GB')} and the interview would be with ${f.company.name()}.`],
    [
      'contact',
      f.helpers.arrayElement(['What are the hours like?', 'Is the salary negotiable?', 'Could the interview be on a Friday?', 'Do they offer hybrid working?']),
    ],
    [
      'agent',
      f.helpers.arrayElement([
        'Mostly days, with one late shift a week.',
        'There is some room on salary for the right person.',
        'I can ask them about Friday for the interview.',
        'Two days in the office, the rest from home.',
      ]),
    ],
    ['contact', `My reference number from the last application was ${f.string.alphanumeric({ length: 8, casing: 'upper' })}.`],
    ['agent', `Thanks, I'll send the details to ${f.internet.email({ firstName: call.contact.name.split(' ')[0] })} and book the interview.`],
    ['contact', f.helpers.arrayElement(['Thank you, speak soon.', 'Brilliant, thanks.', 'Cheers, bye.'])],
  ];
  const turns = lines.slice(0, Math.max(2, Math.min(lines.length, Math.ceil(call.talkSeconds / 20))));
  let at = 0;
  return turns.map(([role, text]) => {
    const length = 1200 + text.length * 55;
    const turn = { role, text, startMs: at, endMs: at + length, confidence: Math.round(f.number.float({ min: 0.82, max: 0.99 }) * 100) / 100 };
    at += length + f.number.int({ min: 150, max: 900 });
    return turn;
  });
}
