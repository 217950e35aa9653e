import type { SimVendor } from '../http';
import { highlevelSim } from './highlevel';
import { talentlynkSim } from './talentlynk';
import { talknexSim } from './talknex';
import { talkoverSim } from './talkover';
import { talkpilotSim } from './talkpilot';

/** Every simulated vendor API, each under its own path on the one local server. */
export const SIM_VENDORS: readonly SimVendor[] = [talentlynkSim, talkpilotSim, talkoverSim, highlevelSim, talknexSim];
