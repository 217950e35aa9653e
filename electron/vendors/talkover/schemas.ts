import { z } from 'zod';

/**
 * Talkover's records as its docs show them. Loose objects: unknown fields are
 * allowed (the raw JSON keeps them). Enums are plain strings so a new value is
 * kept as the vendor's own rather than rejected.
 */
export const CallSchema = z.looseObject({
  id: z.string().min(1),
  sid: z.string().nullish(),
  /** E.164; the *_formatted twins are for display only. */
  to: z.string().nullish(),
  to_formatted: z.string().nullish(),
  from: z.string().nullish(),
  from_formatted: z.string().nullish(),
  is_testing: z.boolean().nullish(),
  direction: z.string(),
  status: z.string(),
  /** Seconds; not sent yet while a call is still ringing, on some platforms. */
  duration: z.number().nonnegative().nullish(),
  agent: z
    .looseObject({
      id: z.string().min(1),
      name: z.string().nullish(),
      label: z.string().nullish(),
    })
    .nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
});
export type TalkoverCall = z.infer<typeof CallSchema>;

export const AgentSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  label: z.string().nullish(),
});
export type TalkoverAgent = z.infer<typeof AgentSchema>;

/** Laravel's paginator fields; only last_page is needed to know when to stop. */
const PageInfoSchema = z.looseObject({
  current_page: z.number().int().optional(),
  last_page: z.number().int().min(0),
  per_page: z.number().int().optional(),
  total: z.number().int().optional(),
  from: z.number().int().nullish(),
  to: z.number().int().nullish(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

/**
 * A list response. The calls list documents `pagination`; the agents list has
 * been shown with `meta` in its place, so either is accepted on every list.
 */
export const ListEnvelopeSchema = z
  .looseObject({
    success: z.literal(true).optional(),
    data: z.array(z.unknown()),
    pagination: PageInfoSchema.optional().catch(undefined),
    meta: PageInfoSchema.optional().catch(undefined),
  })
  .transform((body, context) => {
    const pageInfo = body.pagination ?? body.meta;
    if (pageInfo) return { data: body.data, pageInfo };
    context.addIssue({ code: 'custom', path: ['pagination'], message: 'expected pagination or meta with last_page' });
    return z.NEVER;
  });
