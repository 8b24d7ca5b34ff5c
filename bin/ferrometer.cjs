#!/usr/bin/env node
// The CLI: src/cli/launch.cts, bundled by the build (scripts/build-cli.js) into one file.
'use strict';
require('../dist/src/bundle/launch.cjs');
