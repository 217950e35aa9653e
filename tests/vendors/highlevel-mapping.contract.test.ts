/**
 * HighLevel Voice AI's contract, field mapping: how a call log becomes Talktally's fields with its
 * transcript inline, calls without a conversation and trial calls, transcript text parsed into
 * turns, a call log re-read for its transcript, and the contact found in whatever each agent
 * extracts. The other highlevel-*.contract.test.ts files cover paging and request checks,
 * errors and rate limits, and the connection test and token scopes.
 */
import { describe, expect, it } from 'vitest';
import { callLogId } from '../../electron/simulator/vendors/highlevel-call-log';
import { contactOf, extractedFieldsOf } from '../../electron/vendors/highlevel/extracted-data';
import { mapCallLog, parseTranscript } from '../../electron/vendors/highlevel/map';
import { CallLogSchema } from '../../electron/vendors/highlevel/schemas';
import { simConnector } from '../helpers/simulator';
import { CALL_LOGS, useHighLevelSimulator } from './highlevel-contract-setup';

describe('HighLevel Voice AI connector against the simulator', () => {
  const { ctx, dataset, rawLog, isTrial, expectedUtterances, readOne } = useHighLevelSimulator();

  it('maps every field of a call log, with its transcript inline', async () => {
    // Agent 0 extracts what HighLevel's example shows (customerName, phoneNumber, email).
    const sample = dataset().calls.find((c) => c.hasTranscript && !isTrial(c) && c.agentIndex === 0)!;
    const raw = rawLog(sample);
    expect(await readOne(sample)).toEqual([
      {
        call: {
          vendorCallId: callLogId(sample),
          direction: 'unknown',
          status: 'answered',
          vendorStatus: null,
          startedAtMs: sample.startedAtMs,
          endedAtMs: sample.startedAtMs + sample.talkSeconds * 1000,
          talkSeconds: sample.talkSeconds,
          totalSeconds: sample.talkSeconds,
          handlerKind: 'ai_agent',
          userId: dataset().agents[sample.agentIndex]!.id,
          // From /voice-ai/agents: the call log names its agent by id only.
          userName: dataset().agents[sample.agentIndex]!.name,
          userEmail: null,
          userNumber: null,
          contactName: sample.contact.name,
          contactNumber: sample.contact.phone,
          contactType: null,
          summary: sample.summary,
          score: null,
          sentiment: null,
          hasTranscript: true,
          isPurged: false,
          isTest: false,
          deletedAtMs: null,
          recordingUrl: null,
          recordingUrlExpiresAtMs: null,
          vendorUpdatedAtMs: null,
          raw,
        },
        transcript: {
          status: 'completed',
          languageCode: null,
          confidence: null,
          durationSeconds: sample.talkSeconds,
          error: null,
          utterances: expectedUtterances(sample),
          raw: { transcript: raw.transcript, translation: null },
        },
      },
    ]);
  });

  it('maps a call without a conversation (no transcript, status unknown) and marks trial calls', async () => {
    const silent = dataset().calls.find((c) => c.talkSeconds === 0 && !isTrial(c))!;
    const [quiet] = await readOne(silent);
    expect(quiet).toEqual({
      call: expect.objectContaining({
        status: 'unknown',
        talkSeconds: 0,
        contactName: null,
        contactNumber: silent.contact.phone,
        summary: null,
        hasTranscript: false,
      }),
    });
    expect(quiet).not.toHaveProperty('transcript');
    const trial = dataset().calls.find(isTrial)!;
    expect((await readOne(trial))[0]?.call).toMatchObject({ isTest: true, contactType: null });
    expect(quiet?.call.isTest).toBe(isTrial(silent));
  });

  it('parses transcript text: bot is the agent, human the contact, a line without a prefix continues the turn', () => {
    const text = [
      'Connecting you now.',
      'bot: Hi, this is Aria from Talktally Recruiting.',
      'I can book interviews and answer questions about open roles.',
      '  - Warehouse Operative, Leeds',
      'human: I would like to book one.',
      '',
      'HUMAN: On Friday: after 2pm?\r',
      'bot:Sure, Friday at 3pm is free.',
    ].join('\n');
    const turn = (speaker: string, role: string, text: string) => ({ speaker, role, text, startMs: null, endMs: null, confidence: null });
    expect(parseTranscript(text)).toEqual([
      turn('', 'unknown', 'Connecting you now.'),
      turn(
        'bot',
        'agent',
        'Hi, this is Aria from Talktally Recruiting.\nI can book interviews and answer questions about open roles.\n  - Warehouse Operative, Leeds',
      ),
      turn('human', 'contact', 'I would like to book one.'),
      turn('HUMAN', 'contact', 'On Friday: after 2pm?'),
      turn('bot', 'agent', 'Sure, Friday at 3pm is free.'),
    ]);
  });

  it('re-reads one call log for its transcript: ready with the same turns, none without text or call', async () => {
    const { connector } = simConnector(ctx.sim, 'highlevel');
    const withText = dataset().calls.find((c) => c.hasTranscript)!;
    const firstRequest = ctx.sim.requests.length;
    const ready = await connector.fetchTranscript({ vendorCallId: callLogId(withText), userId: null });
    expect(ready).toMatchObject({ state: 'ready', call: { vendorCallId: callLogId(withText), hasTranscript: true } });
    if (ready.state !== 'ready') return;
    expect(ready.transcript.utterances).toEqual(expectedUtterances(withText));
    const detailReads = ctx.sim.requests.slice(firstRequest).filter((r) => r.url.startsWith(`/highlevel${CALL_LOGS}/`));
    expect(detailReads.map((r) => r.url)).toEqual([`/highlevel${CALL_LOGS}/${callLogId(withText)}?locationId=${ctx.sim.credentials.highlevel.locationId}`]);
    // The agent's name comes from the agents list, read once for the connector.
    expect(ready.call?.userName).toBe(dataset().agents[withText.agentIndex]!.name);
    const without = dataset().calls.find((c) => !c.hasTranscript)!;
    expect(await connector.fetchTranscript({ vendorCallId: callLogId(without), userId: null })).toMatchObject({
      state: 'none',
      call: { hasTranscript: false },
    });
    expect(await connector.fetchTranscript({ vendorCallId: '000000000000000000000000', userId: null })).toEqual({ state: 'none' });
  });

  describe('extracted data, as each agent is set up', () => {
    /** A call of the agent whose record lacks `fromNumber` (trial calls), so the number can only come from what was extracted. */
    const trialCallOf = (agentIndex: number) => dataset().calls.find((c) => c.agentIndex === agentIndex && c.talkSeconds > 0 && isTrial(c))!;

    it("finds the contact's name and number among whatever keys the agent extracts into", async () => {
      const seen = [];
      for (const agentIndex of [0, 1, 2, 3, 4]) {
        const call = trialCallOf(agentIndex);
        expect(rawLog(call).fromNumber).toBeUndefined();
        const [read] = await readOne(call);
        seen.push({
          keys: Object.keys((rawLog(call).extractedData as object | undefined) ?? {}),
          name: read?.call.contactName,
          number: read?.call.contactNumber,
        });
      }
      const [a, b, c, , e] = [0, 1, 2, 3, 4].map(trialCallOf);
      expect(seen).toEqual([
        { keys: ['phoneNumber', 'customerName', 'email'], name: a!.contact.name, number: a!.contact.phone },
        { keys: ['Full Name', 'phone'], name: b!.contact.name, number: b!.contact.phone },
        { keys: ['caller_name', 'contact_number', 'email', 'Preferred shift', 'Right to work in the UK'], name: c!.contact.name, number: c!.contact.phone },
        // This agent extracts nothing: no extractedData, no name, and a trial call has no number.
        { keys: [], name: null, number: null },
        { keys: ['FirstName', 'LastName', 'Mobile Number', 'Years of experience', 'Has driving licence'], name: e!.contact.name, number: e!.contact.phone },
      ]);
    });

    it('reads names in any case and common spelling, ignores values that are not text, and prefers a full name', () => {
      expect(contactOf({ CUSTOMER_NAME: 'Ann Lee', 'Phone Number': '+447700900001' })).toEqual({ name: 'Ann Lee', number: '+447700900001' });
      expect(contactOf({ 'contact-name': 'Bo Ng', Mobile: '+447700900002' })).toEqual({ name: 'Bo Ng', number: '+447700900002' });
      expect(contactOf({ callerName: 'Cy Orr', contactNumber: '+447700900003' })).toEqual({ name: 'Cy Orr', number: '+447700900003' });
      expect(contactOf({ first_name: 'Di', last_name: 'Pym', phone_number: '+447700900004' })).toEqual({ name: 'Di Pym', number: '+447700900004' });
      expect(contactOf({ firstName: 'Ed', lastName: 'Quin', fullName: 'Edward Quin' })).toEqual({ name: 'Edward Quin', number: null });
      // Not text: a number, an object, a flag, an empty string. The next spelling is used instead.
      expect(contactOf({ name: { first: 'Fay' }, customerName: '  ', full_name: 'Fay Roe', phone: 447700900005, mobile: '+447700900005' })).toEqual({
        name: 'Fay Roe',
        number: '+447700900005',
      });
      expect(contactOf({ companyName: 'Acme', email: 'x@example.com' })).toEqual({ name: null, number: null });
      for (const nothing of [null, undefined, 'John', ['John'], 42]) expect(contactOf(nothing)).toEqual({ name: null, number: null });
    });

    it('keeps a call whose extractedData is not an object, without a name from it', async () => {
      const call = dataset().calls.find((c) => c.agentIndex === 0 && c.talkSeconds > 0 && !isTrial(c))!;
      const log = { ...rawLog(call), extractedData: ['John Doe'] };
      const parsed = CallLogSchema.safeParse(log);
      expect(parsed.success).toBe(true);
      expect(mapCallLog(parsed.data!, log, new Map())).toMatchObject({ contactName: null, contactNumber: call.contact.phone });
    });

    it("lists every extracted field for the call's detail, values as text, in HighLevel's order", () => {
      const call = trialCallOf(4);
      const extracted = rawLog(call).extractedData as Record<string, unknown>;
      expect(extractedFieldsOf(rawLog(call))).toEqual([
        { name: 'FirstName', value: call.contact.name.split(' ')[0] },
        { name: 'LastName', value: call.contact.name.split(' ').slice(1).join(' ') },
        { name: 'Mobile Number', value: call.contact.phone },
        { name: 'Years of experience', value: String(extracted['Years of experience']) },
        { name: 'Has driving licence', value: String(extracted['Has driving licence']) },
      ]);
      expect(extractedFieldsOf(rawLog(trialCallOf(3)))).toEqual([]);
      expect(extractedFieldsOf({ extractedData: { skills: ['Forklift', 'First aid'], note: null, blank: ' ', nested: { a: 1 } } })).toEqual([
        { name: 'skills', value: 'Forklift, First aid' },
        { name: 'nested', value: '{"a":1}' },
      ]);
      for (const nothing of [null, 'x', { extractedData: 'x' }, { extractedData: [1] }]) expect(extractedFieldsOf(nothing)).toEqual([]);
    });
  });
});
