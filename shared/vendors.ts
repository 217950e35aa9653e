/** The five platforms Talktally reads calls from. The id is what we store; the name is what people see. */
export const VENDORS = ['talentlynk', 'talkpilot', 'talkover', 'highlevel', 'talknex'] as const;
export type Vendor = (typeof VENDORS)[number];

export const VENDOR_NAMES: Readonly<Record<Vendor, string>> = {
  talentlynk: 'TalentLynk',
  talkpilot: 'TalkPilot',
  talkover: 'Talkover',
  highlevel: 'HighLevel Voice AI',
  talknex: 'Talknex',
};
