#!/usr/bin/env node
// `node bin/ferrometer.js` runs the CLI as bin/ferrometer.cjs does (the tests start it this way).
import './ferrometer.cjs';
