// Stops with a plain message when this Node is older than Talktally needs
// (package.json "engines"), instead of a crash later on a missing feature
// (on Node 20 the tests die with "Map.groupBy is not a function").
// npm runs it before `npm test` and `npm start`, and after `npm install` when
// engine-strict (.npmrc) was turned off. It runs on whatever Node the user
// has, so it uses no dependency and nothing a Node 14 could not run.
import { readFileSync } from 'node:fs';

const range = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
const current = process.versions.node.split('.').map(Number);

/** One alternative of the range: ">=22.13" or "^22.13.0", the forms package.json uses. */
function readAlternative(text) {
  const match = /^(>=|\^)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`scripts/check-node.js reads engines.node alternatives like ">=24" or "^22.13.0", not "${text.trim()}".`);
  return { sameMajor: match[1] === '^', lowest: [Number(match[2]), Number(match[3] || 0), Number(match[4] || 0)] };
}

function atLeast(version, lowest) {
  for (let i = 0; i < 3; i++) if (version[i] !== lowest[i]) return version[i] > lowest[i];
  return true;
}

function describe({ sameMajor, lowest }) {
  const [major, minor] = lowest;
  if (sameMajor) return minor ? `Node ${major} (${major}.${minor} or newer)` : `Node ${major}`;
  return `Node ${minor ? `${major}.${minor}` : major} or newer`;
}

const alternatives = range.split('||').map(readAlternative);
const fits = alternatives.some(({ sameMajor, lowest }) => (!sameMajor || current[0] === lowest[0]) && atLeast(current, lowest));
if (!fits) {
  console.error(
    [
      `Talktally needs ${alternatives.map(describe).join(' or ')}; this is Node ${process.versions.node} (${process.execPath}).`,
      'Install Node 22 LTS or newer from https://nodejs.org/en/download (or `nvm install 22`), put it first on PATH,',
      'then run `npm ci` again: packages built for an older Node do not load in the new one.',
    ].join('\n'),
  );
  process.exit(1);
}
