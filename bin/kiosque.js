#!/usr/bin/env node
// The bundled command line: far faster to start than hundreds of modules (build/bundle.js).
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
