import { parseArgs } from 'node:util';
import { VENDOR_NAMES, VENDORS } from '../../shared/vendors';
import { startSimulator } from './server';

/**
 * `npm run simulator`: the five vendor APIs on 127.0.0.1 with generated data,
 * for trying the app or the CLI without real accounts.
 */
const USAGE = `Usage: npm run simulator -- [--calls N] [--days N] [--seed N] [--port N] [--rate-limits published|off|<multiplier>]`;

function main(): void {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '2000' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      port: { type: 'string', default: '0' },
      'rate-limits': { type: 'string', default: 'published' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const number = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, not "${raw}".`);
    return n;
  };
  const limits = values['rate-limits'];
  const rateLimits = limits === 'published' || limits === 'off' ? limits : Number(limits);
  if (typeof rateLimits === 'number' && !(rateLimits > 0)) throw new Error(`--rate-limits must be published, off or a positive multiplier, not "${limits}".`);

  void startSimulator({
    calls: number('calls', values.calls, 1),
    days: number('days', values.days, 1),
    seed: number('seed', values.seed, 0),
    port: number('port', values.port, 0),
    rateLimits,
  }).then((sim) => {
    console.log(`Vendor simulator running (${values.calls} calls per vendor over ${values.days} days). Base URLs and keys:`);
    for (const vendor of VENDORS) {
      const { apiKey, appId, locationId } = sim.credentials[vendor];
      const extra = [appId && `app id ${appId}`, locationId && `location id ${locationId}`].filter(Boolean).join(', ');
      console.log(`  ${VENDOR_NAMES[vendor].padEnd(20)} ${sim.baseUrls[vendor]}  key ${apiKey}${extra ? `, ${extra}` : ''}`);
    }
    console.log('Press Ctrl+C to stop.');
    const stop = () => void sim.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}
