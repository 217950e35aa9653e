import { Faker, en } from '@faker-js/faker';
import type { CallFields, CallStatus } from '../shared/calls';
import type { TranscriptFields } from '../shared/transcripts';
import { VENDORS, type Vendor } from '../shared/vendors';
import { Random } from './random';
import { DAY_MS } from '../shared/time';

/**
 * Generated calls and transcripts for the search and export benchmarks, shaped
 * like synced vendor data (names, numbers, summaries with a reference,
 * recruiting conversations that mostly mention the interview and the salary).
 * Faker makes the pools once; a seeded PRNG assembles each row, so a million
 * rows take seconds and are the same on every machine.
 */

export interface GeneratedCall {
  /** Index into VENDORS: one connection per vendor. */
  connection: number;
  call: CallFields;
  transcript: TranscriptFields | null;
}

export interface GenerateOptions {
  calls: number;
  transcripts: number;
  /** The newest call starts just before this instant. */
  nowMs: number;
  days: number;
  seed?: number;
}

const USERS_PER_CONNECTION = 30;
const ROLES = [
  'Registered Nurse',
  'Warehouse Operative',
  'Software Engineer',
  'Care Assistant',
  'Account Manager',
  'HGV Driver',
  'Site Manager',
  'Payroll Clerk',
  'Chef',
  'Electrician',
];
const CONTACT_TYPES = ['candidate', 'candidate', 'candidate', 'client', 'prospect', 'referee'];
const SUMMARY_VERBS = [
  'discussed the',
  'is interested in the',
  'declined the',
  'asked about salary for the',
  'booked an interview for the',
  'wants more details on the',
];
const STATUSES: [CallStatus, number][] = [
  ['answered', 0.7],
  ['missed', 0.08],
  ['no_answer', 0.1],
  ['voicemail', 0.08],
  ['busy', 0.02],
  ['failed', 0.02],
];

interface Pools {
  contacts: { name: string; phone: string; type: string }[];
  users: { id: string; name: string; email: string; phone: string }[][];
  cities: string[];
  companies: string[];
}

function makePools(seed: number, calls: number): Pools {
  const f = new Faker({ locale: [en] });
  f.seed(seed);
  const random = new Random(seed);
  const contacts = Array.from({ length: Math.max(50, Math.ceil(calls / 8)) }, () => ({
    name: f.person.fullName(),
    phone: `+447${random.digits(9)}`,
    type: random.pick(CONTACT_TYPES),
  }));
  const users = VENDORS.map((vendor) =>
    Array.from({ length: USERS_PER_CONNECTION }, (_, i) => {
      const name = f.person.fullName();
      return {
        id: `${vendor}_user_${i}`,
        name,
        email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@recruit.example.com`,
        phone: `+4420${random.digits(8)}`,
      };
    }),
  );
  return {
    contacts,
    users,
    cities: Array.from({ length: 300 }, () => f.location.city()),
    companies: Array.from({ length: 500 }, () => f.company.name()),
  };
}

function status(random: Random): CallStatus {
  let roll = random.next();
  for (const [value, weight] of STATUSES) {
    if ((roll -= weight) < 0) return value;
  }
  return 'answered';
}

/** Roughly the simulator's conversation: most mention the interview and the salary, each carries a reference. */
function conversation(random: Random, pools: Pools, contact: string, recruiter: string, role: string, city: string): [string, string][] {
  const salary = random.int(22, 95) * 1000;
  const lines: [string, string][] = [
    ['agent', `Hi ${contact.split(' ')[0]}, it's ${recruiter.split(' ')[0]} calling about the ${role} position in ${city}. Is now a good time?`],
    ['contact', random.pick(['Yes, perfect timing.', 'Sure, I have a few minutes.', 'Go ahead, I was expecting your call.'])],
    ['agent', `Great. The salary is around £${salary.toLocaleString('en-GB')} and the interview would be with ${random.pick(pools.companies)}.`],
    ['contact', random.pick(['What are the hours like?', 'Is the salary negotiable?', 'Could the interview be on a Friday?', 'Do they offer hybrid working?'])],
    [
      'agent',
      random.pick([
        'Mostly days, with one late shift a week.',
        'There is some room on salary for the right person.',
        'I can ask them about Friday for the interview.',
        'Two days in the office, the rest from home.',
      ]),
    ],
    ['contact', `My reference number from the last application was ${random.chars(8)}.`],
    ['agent', `Thanks, I'll send the details to ${contact.toLowerCase().replace(/[^a-z]+/g, '.')}@mail.example.com and book the interview.`],
    ['contact', random.pick(['Thank you, speak soon.', 'Brilliant, thanks.', 'Cheers, bye.'])],
  ];
  return lines.slice(0, random.int(5, lines.length));
}

/** `options.calls` calls, oldest first (distinct start times), `options.transcripts` of them with a transcript. */
export function* generateCalls(options: GenerateOptions): Generator<GeneratedCall> {
  const seed = options.seed ?? 7;
  const pools = makePools(seed, options.calls);
  const random = new Random(seed * 31 + 1);
  const span = options.days * DAY_MS;
  const step = Math.floor(span / options.calls);
  const start = options.nowMs - span;
  for (let i = 0; i < options.calls; i++) {
    // Exactly `transcripts` of the calls, spread evenly, get one.
    const hasTranscript = Math.floor(((i + 1) * options.transcripts) / options.calls) > Math.floor((i * options.transcripts) / options.calls);
    const connection = random.int(0, VENDORS.length - 1);
    const vendor = VENDORS[connection] as Vendor;
    const user = random.pick(pools.users[connection] ?? []);
    const contact = random.pick(pools.contacts);
    const callStatus = hasTranscript ? 'answered' : status(random);
    const answered = callStatus === 'answered';
    const talkSeconds = answered ? random.int(hasTranscript ? 31 : 20, 1800) : 0;
    const startedAtMs = start + i * step + random.int(0, step - 1);
    const role = random.pick(ROLES);
    const city = random.pick(pools.cities);
    const summary = answered ? `${contact.name} ${random.pick(SUMMARY_VERBS)} ${role} role in ${city}. Ref ${random.chars(6)}.` : null;
    const vendorCallId = `${vendor}-${i.toString(36)}`;
    const call: CallFields = {
      vendorCallId,
      direction: random.chance(0.65) ? 'outbound' : 'inbound',
      status: callStatus,
      vendorStatus: callStatus,
      startedAtMs,
      endedAtMs: startedAtMs + (talkSeconds + 10) * 1000,
      talkSeconds,
      totalSeconds: talkSeconds + random.int(3, 40),
      handlerKind: vendor === 'talentlynk' ? 'recruiter' : 'ai_agent',
      userId: user.id,
      userName: user.name,
      userEmail: user.email,
      userNumber: user.phone,
      contactName: contact.name,
      contactNumber: contact.phone,
      contactType: contact.type,
      summary,
      score: random.chance(0.3) ? random.int(10, 100) / 10 : null,
      sentiment: random.chance(0.3) ? random.pick(['positive', 'neutral', 'negative']) : null,
      hasTranscript,
      isPurged: false,
      isTest: false,
      deletedAtMs: null,
      recordingUrl: answered ? `https://recordings.example.com/${vendorCallId}.mp3` : null,
      recordingUrlExpiresAtMs: null,
      vendorUpdatedAtMs: startedAtMs + (talkSeconds + 60) * 1000,
      // About the size of a vendor's record.
      raw: {
        id: vendorCallId,
        direction: 'outbound',
        status: callStatus,
        from: user.phone,
        to: contact.phone,
        agent: { id: user.id, name: user.name },
        contact: { name: contact.name, type: contact.type },
        duration: talkSeconds,
        summary,
        createdAt: new Date(startedAtMs).toISOString(),
      },
    };
    let transcript: TranscriptFields | null = null;
    if (hasTranscript) {
      let at = 0;
      const lines = conversation(random, pools, contact.name, user.name, role, city);
      transcript = {
        status: 'completed',
        languageCode: 'en',
        confidence: 0.9,
        durationSeconds: talkSeconds,
        error: null,
        utterances: lines.map(([speaker, text]) => {
          const utterance = {
            speaker,
            role: speaker === 'agent' ? ('agent' as const) : ('contact' as const),
            text,
            startMs: at,
            endMs: at + 1200 + text.length * 55,
            confidence: 0.9,
          };
          at = utterance.endMs + 400;
          return utterance;
        }),
        raw: { lines: lines.length },
      };
    }
    yield { connection, call, transcript };
  }
}
