import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  actionModes,
  maskSecrets,
  readInput,
  readInputs,
  secretValues
} from "./chunk-LQTKB352.js";
import "./chunk-SP6BMHCB.js";
import "./chunk-QFIILX6X.js";
import "./chunk-XPD5WE7P.js";
import "./chunk-PKWDFTBC.js";
import "./chunk-2HGUGDQM.js";
import "./chunk-37637WGZ.js";
import "./chunk-BCMLP5VT.js";
export {
  actionModes,
  maskSecrets,
  readInput,
  readInputs,
  secretValues
};
