#!/usr/bin/env node
// The `aira` command (package.json "bin"): runs the compiled CLI. See lib/cli/index.ts.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS launcher
process.exitCode = require('../dist/lib/cli').main(process.argv.slice(2));
