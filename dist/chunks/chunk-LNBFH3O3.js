import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/core/policy/inbound/strip-invisible-unicode.ts
var INVISIBLE_CHARACTER_SOURCE = "[\\p{Cf}\\p{Cs}\\u{E0000}-\\u{E007F}\\u{FE00}-\\u{FE0F}\\u{E0100}-\\u{E01EF}\\u{180B}-\\u{180F}\\u{034F}\\u{115F}\\u{1160}\\u{17B4}\\u{17B5}\\u{3164}\\u{FFA0}\\u{2028}\\u{2029}\\u{0000}-\\u{0008}\\u{000B}\\u{000C}\\u{000E}-\\u{001F}\\u{007F}-\\u{009F}]";
var INVISIBLE_CHARACTER = new RegExp(INVISIBLE_CHARACTER_SOURCE, "u");
var INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER_SOURCE, "gu");
function stripInvisibleUnicode(text) {
  let count = 0;
  const out = text.replace(INVISIBLE_CHARACTERS, () => {
    count += 1;
    return "";
  });
  return { text: out, count };
}

export {
  INVISIBLE_CHARACTER_SOURCE,
  INVISIBLE_CHARACTER,
  stripInvisibleUnicode
};
