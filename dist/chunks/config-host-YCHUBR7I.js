import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  parseConfigText
} from "./chunk-5VUDFWK2.js";
import "./chunk-WH3D7LMG.js";
import "./chunk-MX6WFV4Q.js";
import "./chunk-2HGUGDQM.js";
import "./chunk-37637WGZ.js";
import "./chunk-BCMLP5VT.js";

// src/action/config-host.ts
async function triggerLabel(host, configPath, fallback) {
  try {
    const file = await host.readFile(configPath);
    return file ? parseConfigText(file.text, configPath).trigger.label : fallback;
  } catch {
    return fallback;
  }
}
export {
  triggerLabel
};
