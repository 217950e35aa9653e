#!/usr/bin/env node
import { hasUnansweredKeychainCall } from '../secrets/keychain';
import { runCli } from './program';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // A keychain call that timed out (a prompt nobody answers) keeps one of libuv's threads busy,
  // and Node waits for it before exiting, forever: the command has said its last word, so end it.
  if (hasUnansweredKeychainCall()) process.kill(process.pid, 'SIGKILL');
});
