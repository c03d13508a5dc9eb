import { main } from './main.js';

// The process entry: `bin/maestro.js` loads its bundle (lib/bundle/maestro.js, scripts/build-cli.mjs);
// `npm run maestro` runs it from source.
process.exitCode = await main(process.argv.slice(2));
