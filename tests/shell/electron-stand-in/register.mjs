// Loaded with `node --import` before the built main bundle: `import … from 'electron'` resolves to the
// recording stand-in beside this file instead of the npm package (which only names the Electron binary).
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
