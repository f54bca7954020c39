#!/usr/bin/env node
// One bundled file: far faster to start than hundreds of modules (build/bundle.js).
import { main } from '../dist/cli.bundle.js';

process.exitCode = await main(process.argv.slice(2));
