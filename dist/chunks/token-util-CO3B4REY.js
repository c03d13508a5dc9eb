import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  require_token_util
} from "./chunk-HMOHWTSU.js";
import "./chunk-BCMLP5VT.js";
export default require_token_util();
