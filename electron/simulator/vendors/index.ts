import { VENDORS, type Vendor } from '../../../shared/vendors';
import type { SimVendor } from '../http';
import { highlevelSim } from './highlevel';
import { talentlynkSim } from './talentlynk';
import { talknexSim } from './talknex';
import { talkoverSim } from './talkover';
import { talkpilotSim } from './talkpilot';

/** One simulated API per vendor: a new vendor without one does not compile. */
const BY_VENDOR: Readonly<Record<Vendor, SimVendor>> = {
  talentlynk: talentlynkSim,
  talkpilot: talkpilotSim,
  talkover: talkoverSim,
  highlevel: highlevelSim,
  talknex: talknexSim,
};

/** Every simulated vendor API, each under its own path on the one local server. */
export const SIM_VENDORS: readonly SimVendor[] = VENDORS.map((vendor) => BY_VENDOR[vendor]);
