import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  anyGiven,
  dispatchNames,
  parseExecuteRequest
} from "./chunk-SP6BMHCB.js";
import {
  setSecret
} from "./chunk-QFIILX6X.js";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-XPD5WE7P.js";
import {
  parseOrThrow
} from "./chunk-PKWDFTBC.js";
import {
  ValidationError
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";

// src/action/app-credentials.ts
import { createPrivateKey } from "node:crypto";
var SOURCE = "action inputs";
var HOW_KEY = "paste the whole .pem file GitHub generated for the App (App settings → Private keys), BEGIN and END lines included, into a secret and pass that secret";
function readAppCredentials(appId, privateKey) {
  if (appId === "" && privateKey === "") return void 0;
  if (appId === "" || privateKey === "") {
    const missing = appId === "" ? "app-id" : "app-private-key";
    throw new ValidationError(
      SOURCE,
      `app-id and app-private-key go together (the App's id and its private key); ${missing} is empty. Pass both, or neither to use github-token.`
    );
  }
  if (!/^(?:[1-9][0-9]{0,15}|Iv[0-9A-Za-z.]{4,64})$/.test(appId)) {
    throw new ValidationError(
      SOURCE,
      `app-id must be the App's numeric id or its client id (App settings → About), got "${appId.slice(0, 40)}"`
    );
  }
  return { appId, privateKey: parsePrivateKey(privateKey) };
}
function parsePrivateKey(text) {
  const pem = text.includes("\n") ? text : text.replace(/\\n/g, "\n");
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new ValidationError(SOURCE, `app-private-key is not a PEM private key: ${HOW_KEY}.`);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") {
      throw new ValidationError(
        SOURCE,
        `app-private-key is a ${key.asymmetricKeyType ?? "non-RSA"} key; GitHub Apps sign with RSA keys: ${HOW_KEY}.`
      );
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(SOURCE, `app-private-key does not parse as a private key (${HOW_KEY}).`, {
      cause: error
    });
  }
  return pem.trim();
}

// src/action/inputs.ts
var actionModes = ["auto", "plan", "execute", "ci-fix"];
function readInput(env, name) {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
var optional = (schema) => external_exports.string().transform((value) => value === "" ? void 0 : value).pipe(schema.optional());
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE", ""];
var inputsSchema = external_exports.object({
  // Checked below: it may be empty only when the App's own credentials are given.
  "github-token": external_exports.string(),
  "app-id": external_exports.string(),
  "app-private-key": external_exports.string(),
  "push-token": optional(external_exports.string()),
  "anthropic-api-key": optional(external_exports.string()),
  "openai-api-key": optional(external_exports.string()),
  model: optional(
    external_exports.string().max(200, "is longer than 200 characters").regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, "must be a model id such as claude-sonnet-4-5")
  ),
  mode: external_exports.string().transform((value) => value === "" ? "auto" : value).pipe(
    external_exports.enum(actionModes, {
      error: (issue) => `must be auto, plan, execute or ci-fix, got "${issue.input}"`
    })
  ),
  "config-path": external_exports.string().transform((value) => value === "" ? DEFAULT_CONFIG_PATH : value).pipe(
    external_exports.string().regex(/^[A-Za-z0-9_.][A-Za-z0-9_./-]*\.ya?ml$/, "must be a relative path to a .yml file").refine((path) => !path.split("/").includes(".."), "must stay inside the repository (no ..)")
  ),
  "dry-run": external_exports.string().refine((value) => TRUE.includes(value) || FALSE.includes(value), {
    error: (issue) => `must be true or false, got "${String(issue.input)}"`
  })
});
var requestInputs = dispatchNames;
function readInputs(env) {
  const raw = Object.fromEntries(
    Object.keys(inputsSchema.shape).map((name) => [name, readInput(env, name)])
  );
  const parsed = parseOrThrow(inputsSchema, raw, "action inputs");
  const app = readAppCredentials(parsed["app-id"], parsed["app-private-key"]);
  if (!app && parsed["github-token"] === "")
    throw new ValidationError(
      "action inputs",
      "github-token is empty: pass a token (the workflow’s github.token is the default), or app-id and app-private-key"
    );
  if (readInput(env, "pr") !== "")
    throw new ValidationError(
      "action inputs",
      "pr was renamed pr-number, like the plan job’s output it takes: rename it under the step’s with:"
    );
  const text = {};
  for (const [field, name] of Object.entries(requestInputs)) {
    text[field] = readInput(env, name);
  }
  let request;
  if (anyGiven(text)) {
    if (parsed.mode !== "execute") {
      throw new ValidationError(
        "action inputs",
        "issue, approval-comment-id and prd-hash are for mode execute (the job that runs an approved plan)"
      );
    }
    request = parseExecuteRequest(text, requestInputs, "action inputs");
  }
  return {
    githubToken: parsed["github-token"],
    ...app ? { app } : {},
    ...parsed["push-token"] ? { pushToken: parsed["push-token"] } : {},
    anthropicApiKey: parsed["anthropic-api-key"],
    openaiApiKey: parsed["openai-api-key"],
    model: parsed.model,
    mode: parsed.mode,
    configPath: parsed["config-path"],
    dryRun: TRUE.includes(parsed["dry-run"]),
    ...request ? { request } : {}
  };
}
function secretValues(inputs) {
  return [
    inputs.githubToken,
    inputs.pushToken,
    inputs.app?.privateKey,
    inputs.anthropicApiKey,
    inputs.openaiApiKey
  ].filter((value) => value !== void 0 && value.length > 0);
}
function maskSecrets(inputs) {
  for (const secret of secretValues(inputs)) {
    if (!secret.includes("\n")) setSecret(secret);
    else for (const line of secret.split("\n")) if (line.trim()) setSecret(line.trim());
  }
}

export {
  actionModes,
  readInput,
  readInputs,
  secretValues,
  maskSecrets
};
