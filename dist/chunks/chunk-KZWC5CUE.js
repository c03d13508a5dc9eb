import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);

// src/action/workflow-files.ts
import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { EOL } from "node:os";
async function appendKeyValues(path, values) {
  let text = "";
  for (const [name, value] of Object.entries(values)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter) || /[\r\n]/.test(name) || name === "") {
      throw new Error(`cannot write workflow value "${name}": bad name or value`);
    }
    text += `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
  }
  if (text !== "") await appendFile(path, text, "utf8");
}
async function appendSummary(path, markdown) {
  await appendFile(path, markdown.endsWith(EOL) ? markdown : `${markdown}${EOL}`, "utf8");
}

export {
  appendKeyValues,
  appendSummary
};
