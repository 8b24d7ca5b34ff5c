#!/usr/bin/env node
// The CLI: runs the bundle that holds the command named (scripts/build-cli.js), or the one with
// every command for help, the version or a typo. CommonJS, as the bundles: an ES module entry
// alone costs Node its module loader (bench/maintainers-latency.js).
'use strict';
const bundles = require('../dist/src/bundle/commands.json');
const name = process.argv[2];
require(`../dist/src/bundle/${Object.hasOwn(bundles, name) ? bundles[name] : 'all.cjs'}`);
