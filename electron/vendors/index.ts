import type { Vendor } from '../../shared/vendors';
import type { CreateConnector } from './connector';
import { createHighlevelConnector } from './highlevel/connector';
import { createTalentlynkConnector } from './talentlynk/connector';
import { createTalknexConnector } from './talknex/connector';
import { createTalkoverConnector } from './talkover/connector';
import { createTalkpilotConnector } from './talkpilot/connector';

/** One connector per vendor, all behind the same interface. */
export const CONNECTORS: Readonly<Record<Vendor, CreateConnector>> = {
  talentlynk: createTalentlynkConnector,
  talkpilot: createTalkpilotConnector,
  talkover: createTalkoverConnector,
  highlevel: createHighlevelConnector,
  talknex: createTalknexConnector,
};
