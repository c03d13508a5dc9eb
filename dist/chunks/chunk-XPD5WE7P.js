import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/core/config/config-path.ts
var DEFAULT_CONFIG_PATH = ".github/maestro.yml";

export {
  DEFAULT_CONFIG_PATH
};
