import { main } from './main.js';

// The process entry: `bin/maestro.js` loads the compiled copy of this file; `npm run maestro` runs it from source.
process.exitCode = await main(process.argv.slice(2));
