import { createRequire as __maestroCreateRequire } from 'node:module';
const require = __maestroCreateRequire(import.meta.url);
import {
  CommitRefusedError,
  refusalReason,
  silentLogger,
  systemClock
} from "./chunk-JVGGLAYR.js";
import {
  SESSION_ID_RE,
  TRAILER_KEYS,
  formatCheckpointMessage,
  messageSubject,
  parseCheckpointTrailers,
  sessionMetadataSchema
} from "./chunk-MLPUMHQ2.js";
import {
  GITHUB_BODY_LIMIT,
  redactOutbound,
  redactSecrets
} from "./chunk-6KY3WMZO.js";
import {
  secretValues
} from "./chunk-LQTKB352.js";
import "./chunk-SP6BMHCB.js";
import {
  setSecret
} from "./chunk-QFIILX6X.js";
import {
  sandboxOffAcknowledgement
} from "./chunk-WH3D7LMG.js";
import "./chunk-XPD5WE7P.js";
import {
  matchesAnyGlob
} from "./chunk-MX6WFV4Q.js";
import {
  parseOrThrow
} from "./chunk-PKWDFTBC.js";
import {
  GitHubApiError,
  MaestroError,
  ValidationError,
  errorMessage
} from "./chunk-2HGUGDQM.js";
import {
  external_exports
} from "./chunk-37637WGZ.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-BCMLP5VT.js";

// node_modules/ms/index.js
var require_ms = __commonJS({
  "node_modules/ms/index.js"(exports, module) {
    var s = 1e3;
    var m = s * 60;
    var h2 = m * 60;
    var d = h2 * 24;
    var w = d * 7;
    var y2 = d * 365.25;
    module.exports = function(val, options) {
      options = options || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse3(val);
      } else if (type === "number" && isFinite(val)) {
        return options.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse3(str) {
      str = String(str);
      if (str.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y2;
        case "weeks":
        case "week":
        case "w":
          return n * w;
        case "days":
        case "day":
        case "d":
          return n * d;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h2;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return Math.round(ms / d) + "d";
      }
      if (msAbs >= h2) {
        return Math.round(ms / h2) + "h";
      }
      if (msAbs >= m) {
        return Math.round(ms / m) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms / s) + "s";
      }
      return ms + "ms";
    }
    function fmtLong(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return plural(ms, msAbs, d, "day");
      }
      if (msAbs >= h2) {
        return plural(ms, msAbs, h2, "hour");
      }
      if (msAbs >= m) {
        return plural(ms, msAbs, m, "minute");
      }
      if (msAbs >= s) {
        return plural(ms, msAbs, s, "second");
      }
      return ms + " ms";
    }
    function plural(ms, msAbs, n, name) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms / n) + " " + name + (isPlural ? "s" : "");
    }
  }
});

// node_modules/debug/src/common.js
var require_common = __commonJS({
  "node_modules/debug/src/common.js"(exports, module) {
    function setup(env) {
      createDebug.debug = createDebug;
      createDebug.default = createDebug;
      createDebug.coerce = coerce;
      createDebug.disable = disable;
      createDebug.enable = enable;
      createDebug.enabled = enabled;
      createDebug.humanize = require_ms();
      createDebug.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug[key] = env[key];
      });
      createDebug.names = [];
      createDebug.skips = [];
      createDebug.formatters = {};
      function selectColor(namespace) {
        let hash = 0;
        for (let i2 = 0; i2 < namespace.length; i2++) {
          hash = (hash << 5) - hash + namespace.charCodeAt(i2);
          hash |= 0;
        }
        return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
      }
      createDebug.selectColor = selectColor;
      function createDebug(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug2(...args) {
          if (!debug2.enabled) {
            return;
          }
          const self2 = debug2;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms = curr - (prevTime || curr);
          self2.diff = ms;
          self2.prev = prevTime;
          self2.curr = curr;
          prevTime = curr;
          args[0] = createDebug.coerce(args[0]);
          if (typeof args[0] !== "string") {
            args.unshift("%O");
          }
          let index = 0;
          args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug.formatters[format];
            if (typeof formatter === "function") {
              const val = args[index];
              match = formatter.call(self2, val);
              args.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug.formatArgs.call(self2, args);
          const logFn = self2.log || createDebug.log;
          logFn.apply(self2, args);
        }
        debug2.namespace = namespace;
        debug2.useColors = createDebug.useColors();
        debug2.color = createDebug.selectColor(namespace);
        debug2.extend = extend;
        debug2.destroy = createDebug.destroy;
        Object.defineProperty(debug2, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug.namespaces) {
              namespacesCache = createDebug.namespaces;
              enabledCache = createDebug.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v) => {
            enableOverride = v;
          }
        });
        if (typeof createDebug.init === "function") {
          createDebug.init(debug2);
        }
        return debug2;
      }
      function extend(namespace, delimiter3) {
        const newDebug = createDebug(this.namespace + (typeof delimiter3 === "undefined" ? ":" : delimiter3) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug.save(namespaces);
        createDebug.namespaces = namespaces;
        createDebug.names = [];
        createDebug.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns of split) {
          if (ns[0] === "-") {
            createDebug.skips.push(ns.slice(1));
          } else {
            createDebug.names.push(ns);
          }
        }
      }
      function matchesTemplate(search, template) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === "*")) {
            if (template[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template.length && template[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug.names,
          ...createDebug.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug.enable("");
        return namespaces;
      }
      function enabled(name) {
        for (const skip of createDebug.skips) {
          if (matchesTemplate(name, skip)) {
            return false;
          }
        }
        for (const ns of createDebug.names) {
          if (matchesTemplate(name, ns)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug.enable(createDebug.load());
      return createDebug;
    }
    module.exports = setup;
  }
});

// node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "node_modules/debug/src/browser.js"(exports, module) {
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.storage = localstorage();
    exports.destroy = /* @__PURE__ */ (() => {
      let warned = false;
      return () => {
        if (!warned) {
          warned = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args) {
      args[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args[0] + (this.useColors ? "%c " : " ") + "+" + module.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c3 = "color: " + this.color;
      args.splice(1, 0, c3, "color: inherit");
      let index = 0;
      let lastC = 0;
      args[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args.splice(lastC, 0, c3);
    }
    exports.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports.storage.setItem("debug", namespaces);
        } else {
          exports.storage.removeItem("debug");
        }
      } catch (error) {
      }
    }
    function load() {
      let r2;
      try {
        r2 = exports.storage.getItem("debug") || exports.storage.getItem("DEBUG");
      } catch (error) {
      }
      if (!r2 && typeof process !== "undefined" && "env" in process) {
        r2 = process.env.DEBUG;
      }
      return r2;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error) {
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.j = function(v) {
      try {
        return JSON.stringify(v);
      } catch (error) {
        return "[UnexpectedJSONParseError]: " + error.message;
      }
    };
  }
});

// node_modules/has-flag/index.js
var require_has_flag = __commonJS({
  "node_modules/has-flag/index.js"(exports, module) {
    "use strict";
    module.exports = (flag, argv = process.argv) => {
      const prefix = flag.startsWith("-") ? "" : flag.length === 1 ? "-" : "--";
      const position = argv.indexOf(prefix + flag);
      const terminatorPosition = argv.indexOf("--");
      return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
    };
  }
});

// node_modules/supports-color/index.js
var require_supports_color = __commonJS({
  "node_modules/supports-color/index.js"(exports, module) {
    "use strict";
    var os = __require("os");
    var tty = __require("tty");
    var hasFlag = require_has_flag();
    var { env } = process;
    var forceColor;
    if (hasFlag("no-color") || hasFlag("no-colors") || hasFlag("color=false") || hasFlag("color=never")) {
      forceColor = 0;
    } else if (hasFlag("color") || hasFlag("colors") || hasFlag("color=true") || hasFlag("color=always")) {
      forceColor = 1;
    }
    if ("FORCE_COLOR" in env) {
      if (env.FORCE_COLOR === "true") {
        forceColor = 1;
      } else if (env.FORCE_COLOR === "false") {
        forceColor = 0;
      } else {
        forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
      }
    }
    function translateLevel(level) {
      if (level === 0) {
        return false;
      }
      return {
        level,
        hasBasic: true,
        has256: level >= 2,
        has16m: level >= 3
      };
    }
    function supportsColor(haveStream, streamIsTTY) {
      if (forceColor === 0) {
        return 0;
      }
      if (hasFlag("color=16m") || hasFlag("color=full") || hasFlag("color=truecolor")) {
        return 3;
      }
      if (hasFlag("color=256")) {
        return 2;
      }
      if (haveStream && !streamIsTTY && forceColor === void 0) {
        return 0;
      }
      const min = forceColor || 0;
      if (env.TERM === "dumb") {
        return min;
      }
      if (process.platform === "win32") {
        const osRelease = os.release().split(".");
        if (Number(osRelease[0]) >= 10 && Number(osRelease[2]) >= 10586) {
          return Number(osRelease[2]) >= 14931 ? 3 : 2;
        }
        return 1;
      }
      if ("CI" in env) {
        if (["TRAVIS", "CIRCLECI", "APPVEYOR", "GITLAB_CI", "GITHUB_ACTIONS", "BUILDKITE"].some((sign) => sign in env) || env.CI_NAME === "codeship") {
          return 1;
        }
        return min;
      }
      if ("TEAMCITY_VERSION" in env) {
        return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
      }
      if (env.COLORTERM === "truecolor") {
        return 3;
      }
      if ("TERM_PROGRAM" in env) {
        const version = parseInt((env.TERM_PROGRAM_VERSION || "").split(".")[0], 10);
        switch (env.TERM_PROGRAM) {
          case "iTerm.app":
            return version >= 3 ? 3 : 2;
          case "Apple_Terminal":
            return 2;
        }
      }
      if (/-256(color)?$/i.test(env.TERM)) {
        return 2;
      }
      if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
        return 1;
      }
      if ("COLORTERM" in env) {
        return 1;
      }
      return min;
    }
    function getSupportLevel(stream) {
      const level = supportsColor(stream, stream && stream.isTTY);
      return translateLevel(level);
    }
    module.exports = {
      supportsColor: getSupportLevel,
      stdout: translateLevel(supportsColor(true, tty.isatty(1))),
      stderr: translateLevel(supportsColor(true, tty.isatty(2)))
    };
  }
});

// node_modules/debug/src/node.js
var require_node = __commonJS({
  "node_modules/debug/src/node.js"(exports, module) {
    var tty = __require("tty");
    var util = __require("util");
    exports.init = init;
    exports.log = log;
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = require_supports_color();
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error) {
    }
    exports.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_2, k2) => {
        return k2.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports.inspectOpts ? Boolean(exports.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args) {
      const { namespace: name, useColors: useColors2 } = this;
      if (useColors2) {
        const c3 = this.color;
        const colorCode = "\x1B[3" + (c3 < 8 ? c3 : "8;5;" + c3);
        const prefix = `  ${colorCode};1m${name} \x1B[0m`;
        args[0] = prefix + args[0].split("\n").join("\n" + prefix);
        args.push(colorCode + "m+" + module.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args[0] = getDate() + name + " " + args[0];
      }
    }
    function getDate() {
      if (exports.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log(...args) {
      return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init(debug2) {
      debug2.inspectOpts = {};
      const keys = Object.keys(exports.inspectOpts);
      for (let i2 = 0; i2 < keys.length; i2++) {
        debug2.inspectOpts[keys[i2]] = exports.inspectOpts[keys[i2]];
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.o = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts).split("\n").map((str) => str.trim()).join(" ");
    };
    formatters.O = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts);
    };
  }
});

// node_modules/debug/src/index.js
var require_src = __commonJS({
  "node_modules/debug/src/index.js"(exports, module) {
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module.exports = require_browser();
    } else {
      module.exports = require_node();
    }
  }
});

// node_modules/@kwsites/file-exists/dist/src/index.js
var require_src2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/src/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs_1 = __require("fs");
    var debug_1 = __importDefault(require_src());
    var log = debug_1.default("@kwsites/file-exists");
    function check(path, isFile, isDirectory2) {
      log(`checking %s`, path);
      try {
        const stat = fs_1.statSync(path);
        if (stat.isFile() && isFile) {
          log(`[OK] path represents a file`);
          return true;
        }
        if (stat.isDirectory() && isDirectory2) {
          log(`[OK] path represents a directory`);
          return true;
        }
        log(`[FAIL] path represents something other than a file or directory`);
        return false;
      } catch (e) {
        if (e.code === "ENOENT") {
          log(`[FAIL] path is not accessible: %o`, e);
          return false;
        }
        log(`[FATAL] %o`, e);
        throw e;
      }
    }
    function exists2(path, type = exports.READABLE) {
      return check(path, (type & exports.FILE) > 0, (type & exports.FOLDER) > 0);
    }
    exports.exists = exists2;
    exports.FILE = 1;
    exports.FOLDER = 2;
    exports.READABLE = exports.FILE + exports.FOLDER;
  }
});

// node_modules/@kwsites/file-exists/dist/index.js
var require_dist = __commonJS({
  "node_modules/@kwsites/file-exists/dist/index.js"(exports) {
    "use strict";
    function __export2(m) {
      for (var p2 in m) if (!exports.hasOwnProperty(p2)) exports[p2] = m[p2];
    }
    Object.defineProperty(exports, "__esModule", { value: true });
    __export2(require_src2());
  }
});

// node_modules/@kwsites/promise-deferred/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/@kwsites/promise-deferred/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDeferred = exports.deferred = void 0;
    function deferred2() {
      let done;
      let fail;
      let status = "pending";
      const promise = new Promise((_done, _fail) => {
        done = _done;
        fail = _fail;
      });
      return {
        promise,
        done(result) {
          if (status === "pending") {
            status = "resolved";
            done(result);
          }
        },
        fail(error) {
          if (status === "pending") {
            status = "rejected";
            fail(error);
          }
        },
        get fulfilled() {
          return status !== "pending";
        },
        get status() {
          return status;
        }
      };
    }
    exports.deferred = deferred2;
    exports.createDeferred = deferred2;
    exports.default = deferred2;
  }
});

// node_modules/bottleneck/light.js
var require_light = __commonJS({
  "node_modules/bottleneck/light.js"(exports, module) {
    (function(global2, factory) {
      typeof exports === "object" && typeof module !== "undefined" ? module.exports = factory() : typeof define === "function" && define.amd ? define(factory) : global2.Bottleneck = factory();
    })(exports, (function() {
      "use strict";
      var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
      function getCjsExportFromNamespace(n) {
        return n && n["default"] || n;
      }
      var load = function(received, defaults, onto = {}) {
        var k2, ref, v;
        for (k2 in defaults) {
          v = defaults[k2];
          onto[k2] = (ref = received[k2]) != null ? ref : v;
        }
        return onto;
      };
      var overwrite = function(received, defaults, onto = {}) {
        var k2, v;
        for (k2 in received) {
          v = received[k2];
          if (defaults[k2] !== void 0) {
            onto[k2] = v;
          }
        }
        return onto;
      };
      var parser4 = {
        load,
        overwrite
      };
      var DLList;
      DLList = class DLList {
        constructor(incr, decr) {
          this.incr = incr;
          this.decr = decr;
          this._first = null;
          this._last = null;
          this.length = 0;
        }
        push(value) {
          var node;
          this.length++;
          if (typeof this.incr === "function") {
            this.incr();
          }
          node = {
            value,
            prev: this._last,
            next: null
          };
          if (this._last != null) {
            this._last.next = node;
            this._last = node;
          } else {
            this._first = this._last = node;
          }
          return void 0;
        }
        shift() {
          var value;
          if (this._first == null) {
            return;
          } else {
            this.length--;
            if (typeof this.decr === "function") {
              this.decr();
            }
          }
          value = this._first.value;
          if ((this._first = this._first.next) != null) {
            this._first.prev = null;
          } else {
            this._last = null;
          }
          return value;
        }
        first() {
          if (this._first != null) {
            return this._first.value;
          }
        }
        getArray() {
          var node, ref, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, ref.value));
          }
          return results;
        }
        forEachShift(cb) {
          var node;
          node = this.shift();
          while (node != null) {
            cb(node), node = this.shift();
          }
          return void 0;
        }
        debug() {
          var node, ref, ref1, ref2, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, {
              value: ref.value,
              prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
              next: (ref2 = ref.next) != null ? ref2.value : void 0
            }));
          }
          return results;
        }
      };
      var DLList_1 = DLList;
      var Events;
      Events = class Events {
        constructor(instance) {
          this.instance = instance;
          this._events = {};
          if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
            throw new Error("An Emitter already exists for this object");
          }
          this.instance.on = (name, cb) => {
            return this._addListener(name, "many", cb);
          };
          this.instance.once = (name, cb) => {
            return this._addListener(name, "once", cb);
          };
          this.instance.removeAllListeners = (name = null) => {
            if (name != null) {
              return delete this._events[name];
            } else {
              return this._events = {};
            }
          };
        }
        _addListener(name, status, cb) {
          var base;
          if ((base = this._events)[name] == null) {
            base[name] = [];
          }
          this._events[name].push({ cb, status });
          return this.instance;
        }
        listenerCount(name) {
          if (this._events[name] != null) {
            return this._events[name].length;
          } else {
            return 0;
          }
        }
        async trigger(name, ...args) {
          var e, promises;
          try {
            if (name !== "debug") {
              this.trigger("debug", `Event triggered: ${name}`, args);
            }
            if (this._events[name] == null) {
              return;
            }
            this._events[name] = this._events[name].filter(function(listener) {
              return listener.status !== "none";
            });
            promises = this._events[name].map(async (listener) => {
              var e2, returned;
              if (listener.status === "none") {
                return;
              }
              if (listener.status === "once") {
                listener.status = "none";
              }
              try {
                returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
                if (typeof (returned != null ? returned.then : void 0) === "function") {
                  return await returned;
                } else {
                  return returned;
                }
              } catch (error) {
                e2 = error;
                {
                  this.trigger("error", e2);
                }
                return null;
              }
            });
            return (await Promise.all(promises)).find(function(x2) {
              return x2 != null;
            });
          } catch (error) {
            e = error;
            {
              this.trigger("error", e);
            }
            return null;
          }
        }
      };
      var Events_1 = Events;
      var DLList$1, Events$1, Queues;
      DLList$1 = DLList_1;
      Events$1 = Events_1;
      Queues = class Queues {
        constructor(num_priorities) {
          var i2;
          this.Events = new Events$1(this);
          this._length = 0;
          this._lists = (function() {
            var j2, ref, results;
            results = [];
            for (i2 = j2 = 1, ref = num_priorities; 1 <= ref ? j2 <= ref : j2 >= ref; i2 = 1 <= ref ? ++j2 : --j2) {
              results.push(new DLList$1((() => {
                return this.incr();
              }), (() => {
                return this.decr();
              })));
            }
            return results;
          }).call(this);
        }
        incr() {
          if (this._length++ === 0) {
            return this.Events.trigger("leftzero");
          }
        }
        decr() {
          if (--this._length === 0) {
            return this.Events.trigger("zero");
          }
        }
        push(job) {
          return this._lists[job.options.priority].push(job);
        }
        queued(priority) {
          if (priority != null) {
            return this._lists[priority].length;
          } else {
            return this._length;
          }
        }
        shiftAll(fn) {
          return this._lists.forEach(function(list) {
            return list.forEachShift(fn);
          });
        }
        getFirst(arr = this._lists) {
          var j2, len, list;
          for (j2 = 0, len = arr.length; j2 < len; j2++) {
            list = arr[j2];
            if (list.length > 0) {
              return list;
            }
          }
          return [];
        }
        shiftLastFrom(priority) {
          return this.getFirst(this._lists.slice(priority).reverse()).shift();
        }
      };
      var Queues_1 = Queues;
      var BottleneckError;
      BottleneckError = class BottleneckError extends Error {
      };
      var BottleneckError_1 = BottleneckError;
      var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;
      NUM_PRIORITIES = 10;
      DEFAULT_PRIORITY = 5;
      parser$1 = parser4;
      BottleneckError$1 = BottleneckError_1;
      Job = class Job {
        constructor(task, args, options, jobDefaults, rejectOnDrop, Events2, _states, Promise2) {
          this.task = task;
          this.args = args;
          this.rejectOnDrop = rejectOnDrop;
          this.Events = Events2;
          this._states = _states;
          this.Promise = Promise2;
          this.options = parser$1.load(options, jobDefaults);
          this.options.priority = this._sanitizePriority(this.options.priority);
          if (this.options.id === jobDefaults.id) {
            this.options.id = `${this.options.id}-${this._randomIndex()}`;
          }
          this.promise = new this.Promise((_resolve, _reject) => {
            this._resolve = _resolve;
            this._reject = _reject;
          });
          this.retryCount = 0;
        }
        _sanitizePriority(priority) {
          var sProperty;
          sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
          if (sProperty < 0) {
            return 0;
          } else if (sProperty > NUM_PRIORITIES - 1) {
            return NUM_PRIORITIES - 1;
          } else {
            return sProperty;
          }
        }
        _randomIndex() {
          return Math.random().toString(36).slice(2);
        }
        doDrop({ error, message = "This job has been dropped by Bottleneck" } = {}) {
          if (this._states.remove(this.options.id)) {
            if (this.rejectOnDrop) {
              this._reject(error != null ? error : new BottleneckError$1(message));
            }
            this.Events.trigger("dropped", { args: this.args, options: this.options, task: this.task, promise: this.promise });
            return true;
          } else {
            return false;
          }
        }
        _assertStatus(expected) {
          var status;
          status = this._states.jobStatus(this.options.id);
          if (!(status === expected || expected === "DONE" && status === null)) {
            throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
          }
        }
        doReceive() {
          this._states.start(this.options.id);
          return this.Events.trigger("received", { args: this.args, options: this.options });
        }
        doQueue(reachedHWM, blocked) {
          this._assertStatus("RECEIVED");
          this._states.next(this.options.id);
          return this.Events.trigger("queued", { args: this.args, options: this.options, reachedHWM, blocked });
        }
        doRun() {
          if (this.retryCount === 0) {
            this._assertStatus("QUEUED");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          return this.Events.trigger("scheduled", { args: this.args, options: this.options });
        }
        async doExecute(chained, clearGlobalState, run, free) {
          var error, eventInfo, passed;
          if (this.retryCount === 0) {
            this._assertStatus("RUNNING");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          this.Events.trigger("executing", eventInfo);
          try {
            passed = await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args));
            if (clearGlobalState()) {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._resolve(passed);
            }
          } catch (error1) {
            error = error1;
            return this._onFailure(error, eventInfo, clearGlobalState, run, free);
          }
        }
        doExpire(clearGlobalState, run, free) {
          var error, eventInfo;
          if (this._states.jobStatus(this.options.id === "RUNNING")) {
            this._states.next(this.options.id);
          }
          this._assertStatus("EXECUTING");
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
          return this._onFailure(error, eventInfo, clearGlobalState, run, free);
        }
        async _onFailure(error, eventInfo, clearGlobalState, run, free) {
          var retry2, retryAfter;
          if (clearGlobalState()) {
            retry2 = await this.Events.trigger("failed", error, eventInfo);
            if (retry2 != null) {
              retryAfter = ~~retry2;
              this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
              this.retryCount++;
              return run(retryAfter);
            } else {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._reject(error);
            }
          }
        }
        doDone(eventInfo) {
          this._assertStatus("EXECUTING");
          this._states.next(this.options.id);
          return this.Events.trigger("done", eventInfo);
        }
      };
      var Job_1 = Job;
      var BottleneckError$2, LocalDatastore, parser$2;
      parser$2 = parser4;
      BottleneckError$2 = BottleneckError_1;
      LocalDatastore = class LocalDatastore {
        constructor(instance, storeOptions, storeInstanceOptions) {
          this.instance = instance;
          this.storeOptions = storeOptions;
          this.clientId = this.instance._randomIndex();
          parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
          this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
          this._running = 0;
          this._done = 0;
          this._unblockTime = 0;
          this.ready = this.Promise.resolve();
          this.clients = {};
          this._startHeartbeat();
        }
        _startHeartbeat() {
          var base;
          if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
            return typeof (base = this.heartbeat = setInterval(() => {
              var amount, incr, maximum, now, reservoir;
              now = Date.now();
              if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
                this._lastReservoirRefresh = now;
                this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
                this.instance._drainAll(this.computeCapacity());
              }
              if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
                ({
                  reservoirIncreaseAmount: amount,
                  reservoirIncreaseMaximum: maximum,
                  reservoir
                } = this.storeOptions);
                this._lastReservoirIncrease = now;
                incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
                if (incr > 0) {
                  this.storeOptions.reservoir += incr;
                  return this.instance._drainAll(this.computeCapacity());
                }
              }
            }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
          } else {
            return clearInterval(this.heartbeat);
          }
        }
        async __publish__(message) {
          await this.yieldLoop();
          return this.instance.Events.trigger("message", message.toString());
        }
        async __disconnect__(flush) {
          await this.yieldLoop();
          clearInterval(this.heartbeat);
          return this.Promise.resolve();
        }
        yieldLoop(t2 = 0) {
          return new this.Promise(function(resolve2, reject) {
            return setTimeout(resolve2, t2);
          });
        }
        computePenalty() {
          var ref;
          return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5e3;
        }
        async __updateSettings__(options) {
          await this.yieldLoop();
          parser$2.overwrite(options, options, this.storeOptions);
          this._startHeartbeat();
          this.instance._drainAll(this.computeCapacity());
          return true;
        }
        async __running__() {
          await this.yieldLoop();
          return this._running;
        }
        async __queued__() {
          await this.yieldLoop();
          return this.instance.queued();
        }
        async __done__() {
          await this.yieldLoop();
          return this._done;
        }
        async __groupCheck__(time) {
          await this.yieldLoop();
          return this._nextRequest + this.timeout < time;
        }
        computeCapacity() {
          var maxConcurrent, reservoir;
          ({ maxConcurrent, reservoir } = this.storeOptions);
          if (maxConcurrent != null && reservoir != null) {
            return Math.min(maxConcurrent - this._running, reservoir);
          } else if (maxConcurrent != null) {
            return maxConcurrent - this._running;
          } else if (reservoir != null) {
            return reservoir;
          } else {
            return null;
          }
        }
        conditionsCheck(weight) {
          var capacity;
          capacity = this.computeCapacity();
          return capacity == null || weight <= capacity;
        }
        async __incrementReservoir__(incr) {
          var reservoir;
          await this.yieldLoop();
          reservoir = this.storeOptions.reservoir += incr;
          this.instance._drainAll(this.computeCapacity());
          return reservoir;
        }
        async __currentReservoir__() {
          await this.yieldLoop();
          return this.storeOptions.reservoir;
        }
        isBlocked(now) {
          return this._unblockTime >= now;
        }
        check(weight, now) {
          return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
        }
        async __check__(weight) {
          var now;
          await this.yieldLoop();
          now = Date.now();
          return this.check(weight, now);
        }
        async __register__(index, weight, expiration) {
          var now, wait2;
          await this.yieldLoop();
          now = Date.now();
          if (this.conditionsCheck(weight)) {
            this._running += weight;
            if (this.storeOptions.reservoir != null) {
              this.storeOptions.reservoir -= weight;
            }
            wait2 = Math.max(this._nextRequest - now, 0);
            this._nextRequest = now + wait2 + this.storeOptions.minTime;
            return {
              success: true,
              wait: wait2,
              reservoir: this.storeOptions.reservoir
            };
          } else {
            return {
              success: false
            };
          }
        }
        strategyIsBlock() {
          return this.storeOptions.strategy === 3;
        }
        async __submit__(queueLength, weight) {
          var blocked, now, reachedHWM;
          await this.yieldLoop();
          if (this.storeOptions.maxConcurrent != null && weight > this.storeOptions.maxConcurrent) {
            throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
          }
          now = Date.now();
          reachedHWM = this.storeOptions.highWater != null && queueLength === this.storeOptions.highWater && !this.check(weight, now);
          blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
          if (blocked) {
            this._unblockTime = now + this.computePenalty();
            this._nextRequest = this._unblockTime + this.storeOptions.minTime;
            this.instance._dropAllQueued();
          }
          return {
            reachedHWM,
            blocked,
            strategy: this.storeOptions.strategy
          };
        }
        async __free__(index, weight) {
          await this.yieldLoop();
          this._running -= weight;
          this._done += weight;
          this.instance._drainAll(this.computeCapacity());
          return {
            running: this._running
          };
        }
      };
      var LocalDatastore_1 = LocalDatastore;
      var BottleneckError$3, States;
      BottleneckError$3 = BottleneckError_1;
      States = class States {
        constructor(status1) {
          this.status = status1;
          this._jobs = {};
          this.counts = this.status.map(function() {
            return 0;
          });
        }
        next(id) {
          var current, next;
          current = this._jobs[id];
          next = current + 1;
          if (current != null && next < this.status.length) {
            this.counts[current]--;
            this.counts[next]++;
            return this._jobs[id]++;
          } else if (current != null) {
            this.counts[current]--;
            return delete this._jobs[id];
          }
        }
        start(id) {
          var initial;
          initial = 0;
          this._jobs[id] = initial;
          return this.counts[initial]++;
        }
        remove(id) {
          var current;
          current = this._jobs[id];
          if (current != null) {
            this.counts[current]--;
            delete this._jobs[id];
          }
          return current != null;
        }
        jobStatus(id) {
          var ref;
          return (ref = this.status[this._jobs[id]]) != null ? ref : null;
        }
        statusJobs(status) {
          var k2, pos, ref, results, v;
          if (status != null) {
            pos = this.status.indexOf(status);
            if (pos < 0) {
              throw new BottleneckError$3(`status must be one of ${this.status.join(", ")}`);
            }
            ref = this._jobs;
            results = [];
            for (k2 in ref) {
              v = ref[k2];
              if (v === pos) {
                results.push(k2);
              }
            }
            return results;
          } else {
            return Object.keys(this._jobs);
          }
        }
        statusCounts() {
          return this.counts.reduce(((acc, v, i2) => {
            acc[this.status[i2]] = v;
            return acc;
          }), {});
        }
      };
      var States_1 = States;
      var DLList$2, Sync;
      DLList$2 = DLList_1;
      Sync = class Sync {
        constructor(name, Promise2) {
          this.schedule = this.schedule.bind(this);
          this.name = name;
          this.Promise = Promise2;
          this._running = 0;
          this._queue = new DLList$2();
        }
        isEmpty() {
          return this._queue.length === 0;
        }
        async _tryToRun() {
          var args, cb, error, reject, resolve2, returned, task;
          if (this._running < 1 && this._queue.length > 0) {
            this._running++;
            ({ task, args, resolve: resolve2, reject } = this._queue.shift());
            cb = await (async function() {
              try {
                returned = await task(...args);
                return function() {
                  return resolve2(returned);
                };
              } catch (error1) {
                error = error1;
                return function() {
                  return reject(error);
                };
              }
            })();
            this._running--;
            this._tryToRun();
            return cb();
          }
        }
        schedule(task, ...args) {
          var promise, reject, resolve2;
          resolve2 = reject = null;
          promise = new this.Promise(function(_resolve, _reject) {
            resolve2 = _resolve;
            return reject = _reject;
          });
          this._queue.push({ task, args, resolve: resolve2, reject });
          this._tryToRun();
          return promise;
        }
      };
      var Sync_1 = Sync;
      var version = "2.19.5";
      var version$1 = {
        version
      };
      var version$2 = /* @__PURE__ */ Object.freeze({
        version,
        default: version$1
      });
      var require$$2 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$3 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$4 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;
      parser$3 = parser4;
      Events$2 = Events_1;
      RedisConnection$1 = require$$2;
      IORedisConnection$1 = require$$3;
      Scripts$1 = require$$4;
      Group = (function() {
        class Group2 {
          constructor(limiterOptions = {}) {
            this.deleteKey = this.deleteKey.bind(this);
            this.limiterOptions = limiterOptions;
            parser$3.load(this.limiterOptions, this.defaults, this);
            this.Events = new Events$2(this);
            this.instances = {};
            this.Bottleneck = Bottleneck_1;
            this._startAutoCleanup();
            this.sharedConnection = this.connection != null;
            if (this.connection == null) {
              if (this.limiterOptions.datastore === "redis") {
                this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              } else if (this.limiterOptions.datastore === "ioredis") {
                this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              }
            }
          }
          key(key = "") {
            var ref;
            return (ref = this.instances[key]) != null ? ref : (() => {
              var limiter;
              limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
                id: `${this.id}-${key}`,
                timeout: this.timeout,
                connection: this.connection
              }));
              this.Events.trigger("created", limiter, key);
              return limiter;
            })();
          }
          async deleteKey(key = "") {
            var deleted, instance;
            instance = this.instances[key];
            if (this.connection) {
              deleted = await this.connection.__runCommand__(["del", ...Scripts$1.allKeys(`${this.id}-${key}`)]);
            }
            if (instance != null) {
              delete this.instances[key];
              await instance.disconnect();
            }
            return instance != null || deleted > 0;
          }
          limiters() {
            var k2, ref, results, v;
            ref = this.instances;
            results = [];
            for (k2 in ref) {
              v = ref[k2];
              results.push({
                key: k2,
                limiter: v
              });
            }
            return results;
          }
          keys() {
            return Object.keys(this.instances);
          }
          async clusterKeys() {
            var cursor, end, found, i2, k2, keys, len, next, start;
            if (this.connection == null) {
              return this.Promise.resolve(this.keys());
            }
            keys = [];
            cursor = null;
            start = `b_${this.id}-`.length;
            end = "_settings".length;
            while (cursor !== 0) {
              [next, found] = await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 1e4]);
              cursor = ~~next;
              for (i2 = 0, len = found.length; i2 < len; i2++) {
                k2 = found[i2];
                keys.push(k2.slice(start, -end));
              }
            }
            return keys;
          }
          _startAutoCleanup() {
            var base;
            clearInterval(this.interval);
            return typeof (base = this.interval = setInterval(async () => {
              var e, k2, ref, results, time, v;
              time = Date.now();
              ref = this.instances;
              results = [];
              for (k2 in ref) {
                v = ref[k2];
                try {
                  if (await v._store.__groupCheck__(time)) {
                    results.push(this.deleteKey(k2));
                  } else {
                    results.push(void 0);
                  }
                } catch (error) {
                  e = error;
                  results.push(v.Events.trigger("error", e));
                }
              }
              return results;
            }, this.timeout / 2)).unref === "function" ? base.unref() : void 0;
          }
          updateSettings(options = {}) {
            parser$3.overwrite(options, this.defaults, this);
            parser$3.overwrite(options, options, this.limiterOptions);
            if (options.timeout != null) {
              return this._startAutoCleanup();
            }
          }
          disconnect(flush = true) {
            var ref;
            if (!this.sharedConnection) {
              return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
            }
          }
        }
        Group2.prototype.defaults = {
          timeout: 1e3 * 60 * 5,
          connection: null,
          Promise,
          id: "group-key"
        };
        return Group2;
      }).call(commonjsGlobal);
      var Group_1 = Group;
      var Batcher, Events$3, parser$4;
      parser$4 = parser4;
      Events$3 = Events_1;
      Batcher = (function() {
        class Batcher2 {
          constructor(options = {}) {
            this.options = options;
            parser$4.load(this.options, this.defaults, this);
            this.Events = new Events$3(this);
            this._arr = [];
            this._resetPromise();
            this._lastFlush = Date.now();
          }
          _resetPromise() {
            return this._promise = new this.Promise((res, rej) => {
              return this._resolve = res;
            });
          }
          _flush() {
            clearTimeout(this._timeout);
            this._lastFlush = Date.now();
            this._resolve();
            this.Events.trigger("batch", this._arr);
            this._arr = [];
            return this._resetPromise();
          }
          add(data) {
            var ret;
            this._arr.push(data);
            ret = this._promise;
            if (this._arr.length === this.maxSize) {
              this._flush();
            } else if (this.maxTime != null && this._arr.length === 1) {
              this._timeout = setTimeout(() => {
                return this._flush();
              }, this.maxTime);
            }
            return ret;
          }
        }
        Batcher2.prototype.defaults = {
          maxTime: null,
          maxSize: null,
          Promise
        };
        return Batcher2;
      }).call(commonjsGlobal);
      var Batcher_1 = Batcher;
      var require$$4$1 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$8 = getCjsExportFromNamespace(version$2);
      var Bottleneck2, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5, splice = [].splice;
      NUM_PRIORITIES$1 = 10;
      DEFAULT_PRIORITY$1 = 5;
      parser$5 = parser4;
      Queues$1 = Queues_1;
      Job$1 = Job_1;
      LocalDatastore$1 = LocalDatastore_1;
      RedisDatastore$1 = require$$4$1;
      Events$4 = Events_1;
      States$1 = States_1;
      Sync$1 = Sync_1;
      Bottleneck2 = (function() {
        class Bottleneck3 {
          constructor(options = {}, ...invalid) {
            var storeInstanceOptions, storeOptions;
            this._addToQueue = this._addToQueue.bind(this);
            this._validateOptions(options, invalid);
            parser$5.load(options, this.instanceDefaults, this);
            this._queues = new Queues$1(NUM_PRIORITIES$1);
            this._scheduled = {};
            this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
            this._limiter = null;
            this.Events = new Events$4(this);
            this._submitLock = new Sync$1("submit", this.Promise);
            this._registerLock = new Sync$1("register", this.Promise);
            storeOptions = parser$5.load(options, this.storeDefaults, {});
            this._store = (function() {
              if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
                storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
                return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
              } else if (this.datastore === "local") {
                storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
                return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
              } else {
                throw new Bottleneck3.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
              }
            }).call(this);
            this._queues.on("leftzero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
            });
            this._queues.on("zero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
            });
          }
          _validateOptions(options, invalid) {
            if (!(options != null && typeof options === "object" && invalid.length === 0)) {
              throw new Bottleneck3.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
            }
          }
          ready() {
            return this._store.ready;
          }
          clients() {
            return this._store.clients;
          }
          channel() {
            return `b_${this.id}`;
          }
          channel_client() {
            return `b_${this.id}_${this._store.clientId}`;
          }
          publish(message) {
            return this._store.__publish__(message);
          }
          disconnect(flush = true) {
            return this._store.__disconnect__(flush);
          }
          chain(_limiter) {
            this._limiter = _limiter;
            return this;
          }
          queued(priority) {
            return this._queues.queued(priority);
          }
          clusterQueued() {
            return this._store.__queued__();
          }
          empty() {
            return this.queued() === 0 && this._submitLock.isEmpty();
          }
          running() {
            return this._store.__running__();
          }
          done() {
            return this._store.__done__();
          }
          jobStatus(id) {
            return this._states.jobStatus(id);
          }
          jobs(status) {
            return this._states.statusJobs(status);
          }
          counts() {
            return this._states.statusCounts();
          }
          _randomIndex() {
            return Math.random().toString(36).slice(2);
          }
          check(weight = 1) {
            return this._store.__check__(weight);
          }
          _clearGlobalState(index) {
            if (this._scheduled[index] != null) {
              clearTimeout(this._scheduled[index].expiration);
              delete this._scheduled[index];
              return true;
            } else {
              return false;
            }
          }
          async _free(index, job, options, eventInfo) {
            var e, running;
            try {
              ({ running } = await this._store.__free__(index, options.weight));
              this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
              if (running === 0 && this.empty()) {
                return this.Events.trigger("idle");
              }
            } catch (error1) {
              e = error1;
              return this.Events.trigger("error", e);
            }
          }
          _run(index, job, wait2) {
            var clearGlobalState, free, run;
            job.doRun();
            clearGlobalState = this._clearGlobalState.bind(this, index);
            run = this._run.bind(this, index, job);
            free = this._free.bind(this, index, job);
            return this._scheduled[index] = {
              timeout: setTimeout(() => {
                return job.doExecute(this._limiter, clearGlobalState, run, free);
              }, wait2),
              expiration: job.options.expiration != null ? setTimeout(function() {
                return job.doExpire(clearGlobalState, run, free);
              }, wait2 + job.options.expiration) : void 0,
              job
            };
          }
          _drainOne(capacity) {
            return this._registerLock.schedule(() => {
              var args, index, next, options, queue;
              if (this.queued() === 0) {
                return this.Promise.resolve(null);
              }
              queue = this._queues.getFirst();
              ({ options, args } = next = queue.first());
              if (capacity != null && options.weight > capacity) {
                return this.Promise.resolve(null);
              }
              this.Events.trigger("debug", `Draining ${options.id}`, { args, options });
              index = this._randomIndex();
              return this._store.__register__(index, options.weight, options.expiration).then(({ success, wait: wait2, reservoir }) => {
                var empty;
                this.Events.trigger("debug", `Drained ${options.id}`, { success, args, options });
                if (success) {
                  queue.shift();
                  empty = this.empty();
                  if (empty) {
                    this.Events.trigger("empty");
                  }
                  if (reservoir === 0) {
                    this.Events.trigger("depleted", empty);
                  }
                  this._run(index, next, wait2);
                  return this.Promise.resolve(options.weight);
                } else {
                  return this.Promise.resolve(null);
                }
              });
            });
          }
          _drainAll(capacity, total = 0) {
            return this._drainOne(capacity).then((drained) => {
              var newCapacity;
              if (drained != null) {
                newCapacity = capacity != null ? capacity - drained : capacity;
                return this._drainAll(newCapacity, total + drained);
              } else {
                return this.Promise.resolve(total);
              }
            }).catch((e) => {
              return this.Events.trigger("error", e);
            });
          }
          _dropAllQueued(message) {
            return this._queues.shiftAll(function(job) {
              return job.doDrop({ message });
            });
          }
          stop(options = {}) {
            var done, waitForExecuting;
            options = parser$5.load(options, this.stopDefaults);
            waitForExecuting = (at) => {
              var finished;
              finished = () => {
                var counts;
                counts = this._states.counts;
                return counts[0] + counts[1] + counts[2] + counts[3] === at;
              };
              return new this.Promise((resolve2, reject) => {
                if (finished()) {
                  return resolve2();
                } else {
                  return this.on("done", () => {
                    if (finished()) {
                      this.removeAllListeners("done");
                      return resolve2();
                    }
                  });
                }
              });
            };
            done = options.dropWaitingJobs ? (this._run = function(index, next) {
              return next.doDrop({
                message: options.dropErrorMessage
              });
            }, this._drainOne = () => {
              return this.Promise.resolve(null);
            }, this._registerLock.schedule(() => {
              return this._submitLock.schedule(() => {
                var k2, ref, v;
                ref = this._scheduled;
                for (k2 in ref) {
                  v = ref[k2];
                  if (this.jobStatus(v.job.options.id) === "RUNNING") {
                    clearTimeout(v.timeout);
                    clearTimeout(v.expiration);
                    v.job.doDrop({
                      message: options.dropErrorMessage
                    });
                  }
                }
                this._dropAllQueued(options.dropErrorMessage);
                return waitForExecuting(0);
              });
            })) : this.schedule({
              priority: NUM_PRIORITIES$1 - 1,
              weight: 0
            }, () => {
              return waitForExecuting(1);
            });
            this._receive = function(job) {
              return job._reject(new Bottleneck3.prototype.BottleneckError(options.enqueueErrorMessage));
            };
            this.stop = () => {
              return this.Promise.reject(new Bottleneck3.prototype.BottleneckError("stop() has already been called"));
            };
            return done;
          }
          async _addToQueue(job) {
            var args, blocked, error, options, reachedHWM, shifted, strategy;
            ({ args, options } = job);
            try {
              ({ reachedHWM, blocked, strategy } = await this._store.__submit__(this.queued(), options.weight));
            } catch (error1) {
              error = error1;
              this.Events.trigger("debug", `Could not queue ${options.id}`, { args, options, error });
              job.doDrop({ error });
              return false;
            }
            if (blocked) {
              job.doDrop();
              return true;
            } else if (reachedHWM) {
              shifted = strategy === Bottleneck3.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck3.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck3.prototype.strategy.OVERFLOW ? job : void 0;
              if (shifted != null) {
                shifted.doDrop();
              }
              if (shifted == null || strategy === Bottleneck3.prototype.strategy.OVERFLOW) {
                if (shifted == null) {
                  job.doDrop();
                }
                return reachedHWM;
              }
            }
            job.doQueue(reachedHWM, blocked);
            this._queues.push(job);
            await this._drainAll();
            return reachedHWM;
          }
          _receive(job) {
            if (this._states.jobStatus(job.options.id) != null) {
              job._reject(new Bottleneck3.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
              return false;
            } else {
              job.doReceive();
              return this._submitLock.schedule(this._addToQueue, job);
            }
          }
          submit(...args) {
            var cb, fn, job, options, ref, ref1, task;
            if (typeof args[0] === "function") {
              ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
              options = parser$5.load({}, this.jobDefaults);
            } else {
              ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
              options = parser$5.load(options, this.jobDefaults);
            }
            task = (...args2) => {
              return new this.Promise(function(resolve2, reject) {
                return fn(...args2, function(...args3) {
                  return (args3[0] != null ? reject : resolve2)(args3);
                });
              });
            };
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            job.promise.then(function(args2) {
              return typeof cb === "function" ? cb(...args2) : void 0;
            }).catch(function(args2) {
              if (Array.isArray(args2)) {
                return typeof cb === "function" ? cb(...args2) : void 0;
              } else {
                return typeof cb === "function" ? cb(args2) : void 0;
              }
            });
            return this._receive(job);
          }
          schedule(...args) {
            var job, options, task;
            if (typeof args[0] === "function") {
              [task, ...args] = args;
              options = {};
            } else {
              [options, task, ...args] = args;
            }
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            this._receive(job);
            return job.promise;
          }
          wrap(fn) {
            var schedule, wrapped;
            schedule = this.schedule.bind(this);
            wrapped = function(...args) {
              return schedule(fn.bind(this), ...args);
            };
            wrapped.withOptions = function(options, ...args) {
              return schedule(options, fn, ...args);
            };
            return wrapped;
          }
          async updateSettings(options = {}) {
            await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
            parser$5.overwrite(options, this.instanceDefaults, this);
            return this;
          }
          currentReservoir() {
            return this._store.__currentReservoir__();
          }
          incrementReservoir(incr = 0) {
            return this._store.__incrementReservoir__(incr);
          }
        }
        Bottleneck3.default = Bottleneck3;
        Bottleneck3.Events = Events$4;
        Bottleneck3.version = Bottleneck3.prototype.version = require$$8.version;
        Bottleneck3.strategy = Bottleneck3.prototype.strategy = {
          LEAK: 1,
          OVERFLOW: 2,
          OVERFLOW_PRIORITY: 4,
          BLOCK: 3
        };
        Bottleneck3.BottleneckError = Bottleneck3.prototype.BottleneckError = BottleneckError_1;
        Bottleneck3.Group = Bottleneck3.prototype.Group = Group_1;
        Bottleneck3.RedisConnection = Bottleneck3.prototype.RedisConnection = require$$2;
        Bottleneck3.IORedisConnection = Bottleneck3.prototype.IORedisConnection = require$$3;
        Bottleneck3.Batcher = Bottleneck3.prototype.Batcher = Batcher_1;
        Bottleneck3.prototype.jobDefaults = {
          priority: DEFAULT_PRIORITY$1,
          weight: 1,
          expiration: null,
          id: "<no-id>"
        };
        Bottleneck3.prototype.storeDefaults = {
          maxConcurrent: null,
          minTime: 0,
          highWater: null,
          strategy: Bottleneck3.prototype.strategy.LEAK,
          penalty: null,
          reservoir: null,
          reservoirRefreshInterval: null,
          reservoirRefreshAmount: null,
          reservoirIncreaseInterval: null,
          reservoirIncreaseAmount: null,
          reservoirIncreaseMaximum: null
        };
        Bottleneck3.prototype.localStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 250
        };
        Bottleneck3.prototype.redisStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 5e3,
          clientTimeout: 1e4,
          Redis: null,
          clientOptions: {},
          clusterNodes: null,
          clearDatastore: false,
          connection: null
        };
        Bottleneck3.prototype.instanceDefaults = {
          datastore: "local",
          connection: null,
          id: "<no-id>",
          rejectOnDrop: true,
          trackDoneStatus: false,
          Promise
        };
        Bottleneck3.prototype.stopDefaults = {
          enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
          dropWaitingJobs: true,
          dropErrorMessage: "This limiter has been stopped."
        };
        return Bottleneck3;
      }).call(commonjsGlobal);
      var Bottleneck_1 = Bottleneck2;
      var lib = Bottleneck_1;
      return lib;
    }));
  }
});

// src/action/wiring.ts
import { join as join13 } from "node:path";

// src/adapters/git/git-dirs.ts
import { isAbsolute, join } from "node:path";

// src/adapters/git/git-client.ts
import { execFile } from "node:child_process";

// node_modules/simple-git/dist/esm/index.js
var import_file_exists = __toESM(require_dist(), 1);

// node_modules/@simple-git/args-pathspec/dist/index.mjs
var t = /* @__PURE__ */ new WeakMap();
function c(...n) {
  const e = new String(n);
  return t.set(e, n), e;
}
function r(n) {
  return n instanceof String && t.has(n);
}
function o(n) {
  return t.get(n) ?? [];
}

// node_modules/simple-git/dist/esm/index.js
var import_debug = __toESM(require_src(), 1);
import { spawn } from "child_process";
var import_promise_deferred = __toESM(require_dist2(), 1);
import { normalize } from "node:path";

// node_modules/@simple-git/argv-parser/dist/index.mjs
function* U(e, t2) {
  const n = t2 === "global";
  for (const o2 of e)
    o2.isGlobal === n && (yield o2);
}
var k = /* @__PURE__ */ new Set([
  "--add",
  "--edit",
  "--remove-section",
  "--rename-section",
  "--replace-all",
  "--unset",
  "--unset-all",
  "-e"
]);
var S = /* @__PURE__ */ new Set([
  "--get",
  "--get-all",
  "--get-color",
  "--get-colorbool",
  "--get-regexp",
  "--get-urlmatch",
  "--list",
  "-l"
]);
var P = /* @__PURE__ */ new Set([
  "edit",
  "remove-section",
  "rename-section",
  "set",
  "unset"
]);
var E = /* @__PURE__ */ new Set(["get", "get-color", "get-colorbool", "list"]);
function F(e, t2) {
  for (const { name: o2 } of U(e, "task")) {
    if (k.has(o2))
      return p(true, t2);
    if (S.has(o2))
      return p(false, t2);
  }
  const n = t2.at(0)?.toLowerCase();
  return n === void 0 ? null : P.has(n) ? p(true, t2.slice(1)) : E.has(n) ? p(false, t2.slice(1)) : t2.length === 1 ? p(false, t2) : p(true, t2);
}
function p(e = false, t2 = []) {
  const n = t2.at(0)?.toLowerCase();
  return n === void 0 ? null : {
    isWrite: e,
    isRead: !e,
    key: n,
    value: t2.at(1)
  };
}
function A(e, t2) {
  return t2.isWrite && t2.value !== void 0 ? { key: t2.key, value: t2.value, scope: e } : { key: t2.key, scope: e };
}
function M(e) {
  const t2 = e?.indexOf("=") || -1;
  return !e || t2 < 0 ? null : {
    key: e.slice(0, t2).trim().toLowerCase(),
    value: e.slice(t2 + 1)
  };
}
function N(e) {
  for (const { name: t2 } of U(e, "task"))
    switch (t2) {
      case "--global":
        return "global";
      case "--system":
        return "system";
      case "--worktree":
        return "worktree";
      case "--local":
        return "local";
      case "--file":
      case "-f":
        return "file";
    }
  return "local";
}
function G({ name: e }) {
  if (e === "-c" || e === "--config")
    return "inline";
  if (e === "--config-env")
    return "env";
}
function* O(e) {
  for (const t2 of e) {
    const n = G(t2), o2 = n && M(t2.value);
    o2 && (yield {
      ...o2,
      scope: n
    });
  }
}
function L(e, t2, n) {
  const o2 = {
    read: [],
    write: [...O(t2)]
  };
  return e === "config" && $(
    o2,
    N(t2),
    F(t2, n)
  ), o2;
}
function $(e, t2, n) {
  if (n === null)
    return;
  const o2 = A(t2, n);
  n.isWrite ? e.write.push(o2) : e.read.push(o2);
}
var x = {
  short: /* @__PURE__ */ new Map([
    ["c", true]
    //  -c <k=v>    set config key for this invocation
  ])
};
var D = {
  short: new Map([
    ["C", true],
    //  -C <path>   change working directory
    ["P", false],
    // -P          no pager (alias for --no-pager)
    ["h", false],
    // -h          help
    ["p", false],
    // -p          paginate
    ["v", false],
    // -v          version
    ...x.short.entries()
  ]),
  long: /* @__PURE__ */ new Set([
    "attr-source",
    "config-env",
    "exec-path",
    "git-dir",
    "list-cmds",
    "namespace",
    "super-prefix",
    "work-tree"
  ])
};
var R = {
  clone: {
    short: /* @__PURE__ */ new Map([
      ["b", true],
      // -b <branch>
      ["j", true],
      // -j <n>          parallel jobs
      ["l", false],
      // -l local
      ["n", false],
      // -n no-checkout
      ["o", true],
      // -o <name>       remote name
      ["q", false],
      // -q quiet
      ["s", false],
      // -s shared
      ["u", true]
      // -u <upload-pack>
    ]),
    long: /* @__PURE__ */ new Set(["branch", "config", "jobs", "origin", "upload-pack", "u", "template"])
  },
  commit: {
    short: /* @__PURE__ */ new Map([
      ["C", true],
      // -C <commit>  reuse message
      ["F", true],
      // -F <file>    read message from file
      ["c", true],
      // -c <commit>  reedit message
      ["m", true],
      // -m <msg>
      ["t", true]
      // -t <template>
    ]),
    long: /* @__PURE__ */ new Set(["file", "message", "reedit-message", "reuse-message", "template"])
  },
  config: {
    short: /* @__PURE__ */ new Map([
      ["e", false],
      // -e  open editor
      ["f", true],
      //  -f <file>
      ["l", false]
      // -l  list
    ]),
    long: /* @__PURE__ */ new Set(["blob", "comment", "default", "file", "type", "value"])
  },
  fetch: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  init: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["template"])
  },
  pull: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  push: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["exec", "receive-pack"])
  }
};
var T = { short: /* @__PURE__ */ new Map(), long: /* @__PURE__ */ new Set() };
function I(e) {
  const t2 = R[e ?? ""] ?? T;
  return {
    short: new Map([...x.short.entries(), ...t2.short.entries()]),
    long: t2.long
  };
}
function b(e, t2 = D) {
  if (e.startsWith("--")) {
    const n = e.indexOf("=");
    if (n > 2)
      return [{ name: e.slice(0, n), value: e.slice(n + 1), needsNext: false }];
    const o2 = e.slice(2);
    return [{ name: e, needsNext: t2.long.has(o2) }];
  }
  if (e.length === 2) {
    const n = e.charAt(1), o2 = t2.short.get(n);
    return [{ name: e, needsNext: o2 === true }];
  }
  return W(e, t2.short);
}
function W(e, t2) {
  const n = e.slice(1).split(""), o2 = [];
  for (let s = 0; s < n.length; s++) {
    const r2 = n[s], l = t2.get(r2);
    if (l === void 0)
      return [{ name: e, needsNext: false }];
    if (l) {
      const a = n.slice(s + 1).join("");
      if (a && ![...a].every((w) => t2.has(w)))
        return o2.push({ name: `-${r2}`, value: a, needsNext: false }), o2;
    }
    o2.push({ name: `-${r2}`, needsNext: l });
  }
  return o2;
}
function j(e, t2 = []) {
  let n = 0;
  for (; n < e.length; ) {
    const o2 = String(e[n]);
    if (!o2.startsWith("-") || o2.length < 2) break;
    const s = b(o2);
    let r2 = n + 1;
    for (const l of s) {
      const a = {
        name: l.name,
        value: l.value,
        absorbedNext: false,
        isGlobal: true
      };
      l.needsNext && a.value === void 0 && r2 < e.length && (a.value = String(e[r2]), a.absorbedNext = true, r2++), t2.push(a);
    }
    n = r2;
  }
  return { flags: t2, taskIndex: n };
}
function B(e, t2, n = []) {
  const o2 = I(t2), s = [], r2 = [];
  let l = 0;
  for (; l < e.length; ) {
    const a = e[l];
    if (r(a)) {
      r2.push(...o(a)), l++;
      continue;
    }
    const f = String(a);
    if (f === "--") {
      for (let g = l + 1; g < e.length; g++) {
        const u = e[g];
        r(u) ? r2.push(...o(u)) : r2.push(String(u));
      }
      break;
    }
    if (!f.startsWith("-") || f.length < 2) {
      s.push(f), l++;
      continue;
    }
    const w = b(f, o2);
    let d = l + 1;
    for (const g of w) {
      const u = {
        name: g.name,
        value: g.value,
        absorbedNext: false,
        isGlobal: false
      };
      g.needsNext && u.value === void 0 && d < e.length && !r(e[d]) && (u.value = String(e[d]), u.absorbedNext = true, d++), n.push(u);
    }
    l = d;
  }
  return { flags: n, positionals: s, pathspecs: r2 };
}
function* V({
  write: e
}) {
  for (const t2 of e)
    for (const n of q) {
      const o2 = n(t2.key);
      o2 && (yield o2);
    }
}
function c2(e, t2, n = String(e)) {
  const o2 = typeof e == "string" ? new RegExp(`\\s*${e.toLowerCase()}`) : e;
  return function(r2) {
    if (o2.test(r2))
      return {
        category: t2,
        message: `Configuring ${n} is not permitted without enabling ${t2}`
      };
  };
}
function i(e, t2) {
  const n = new RegExp(`\\s*${e.toLowerCase().replace(/\./g, "(..+)?.")}`);
  return c2(n, t2, e);
}
var q = [
  c2("alias", "allowUnsafeAlias"),
  c2("core.askPass", "allowUnsafeAskPass"),
  c2("core.editor", "allowUnsafeEditor"),
  c2("core.fsmonitor", "allowUnsafeFsMonitor"),
  c2("core.gitProxy", "allowUnsafeGitProxy"),
  c2("core.hooksPath", "allowUnsafeHooksPath"),
  c2("core.pager", "allowUnsafePager"),
  c2("core.sshCommand", "allowUnsafeSshCommand"),
  i("credential.helper", "allowUnsafeCredentialHelper"),
  i("diff.command", "allowUnsafeDiffExternal"),
  c2("diff.external", "allowUnsafeDiffExternal"),
  i("diff.textconv", "allowUnsafeDiffTextConv"),
  i("filter.clean", "allowUnsafeFilter"),
  i("filter.smudge", "allowUnsafeFilter"),
  i("gpg.program", "allowUnsafeGpgProgram"),
  c2("init.templateDir", "allowUnsafeTemplateDir"),
  i("merge.driver", "allowUnsafeMergeDriver"),
  i("mergetool.path", "allowUnsafeMergeDriver"),
  i("mergetool.cmd", "allowUnsafeMergeDriver"),
  i("protocol.allow", "allowUnsafeProtocolOverride"),
  i("remote.receivepack", "allowUnsafePack"),
  i("remote.uploadpack", "allowUnsafePack"),
  c2("sequence.editor", "allowUnsafeEditor")
];
function* K(e, t2) {
  for (const n of t2)
    for (const o2 of H) {
      const s = o2(e, n.name);
      s && (yield s);
    }
}
function h(e, t2, n, o2 = String(t2)) {
  const s = typeof t2 == "string" ? new RegExp(`\\s*${t2.toLowerCase()}`) : t2, r2 = `Use of ${e ? `${e} with option ` : ""}${o2} is not permitted without enabling ${n}`;
  return function(a, f) {
    if ((!e || a === e) && s.test(f))
      return {
        category: n,
        message: r2
      };
  };
}
var H = [
  h(
    null,
    /--(upload|receive)-pack/,
    "allowUnsafePack",
    "--upload-pack or --receive-pack"
  ),
  h("clone", /^-\w*u/, "allowUnsafePack"),
  h("clone", "--u", "allowUnsafePack"),
  h("push", "--exec", "allowUnsafePack"),
  h(null, "--template", "allowUnsafeTemplateDir")
];
function C(e, t2, n) {
  return [...K(e, t2), ...V(n)];
}
function Y(...e) {
  const { flags: t2, taskIndex: n } = j(e), o2 = n < e.length ? String(e[n]).toLowerCase() : null, s = o2 !== null ? e.slice(n + 1) : [], { positionals: r2, pathspecs: l } = B(s, o2, t2), a = L(o2, t2, r2);
  return {
    task: o2,
    flags: t2.map(J),
    paths: l,
    config: a,
    vulnerabilities: z(C(o2, t2, a))
  };
}
function z(e) {
  return Object.defineProperty(e, "vulnerabilities", {
    value: e
  });
}
function J({ value: e, name: t2 }) {
  return e !== void 0 ? { name: t2, value: e } : { name: t2 };
}
var y = {
  editor: "allowUnsafeEditor",
  git_askpass: "allowUnsafeAskPass",
  git_config_global: "allowUnsafeConfigPaths",
  git_config_system: "allowUnsafeConfigPaths",
  git_config_count: "allowUnsafeConfigEnvCount",
  git_config: "allowUnsafeConfigPaths",
  git_editor: "allowUnsafeEditor",
  git_exec_path: "allowUnsafeConfigPaths",
  git_external_diff: "allowUnsafeDiffExternal",
  git_pager: "allowUnsafePager",
  git_proxy_command: "allowUnsafeGitProxy",
  git_template_dir: "allowUnsafeTemplateDir",
  git_sequence_editor: "allowUnsafeEditor",
  git_ssh: "allowUnsafeSshCommand",
  git_ssh_command: "allowUnsafeSshCommand",
  pager: "allowUnsafePager",
  prefix: "allowUnsafeConfigPaths",
  ssh_askpass: "allowUnsafeAskPass"
};
function* Q(e) {
  const t2 = parseInt(e.git_config_count ?? "0", 10);
  for (let n = 0; n < t2; n++) {
    const o2 = e[`git_config_key_${n}`], s = e[`git_config_value_${n}`];
    o2 !== void 0 && (yield { key: o2.toLowerCase().trim(), value: s, scope: "env" });
  }
}
function* X(e) {
  for (const t2 of Object.keys(e))
    if (_(t2)) {
      const n = y[t2];
      yield {
        category: n,
        message: `Use of "${t2.toUpperCase()}" is not permitted without enabling ${n}`
      };
    }
}
function _(e) {
  return Object.hasOwn(y, e);
}
function Z(e) {
  const t2 = {};
  for (const [n, o2] of Object.entries(e)) {
    const s = n.toLowerCase().trim();
    (_(s) || s.startsWith("git")) && (t2[s] = String(o2));
  }
  return t2;
}
function ee(e) {
  const t2 = Z(e), n = {
    read: [],
    write: [...Q(t2)]
  }, o2 = [
    ...X(t2),
    ...C(null, [], n)
  ];
  return {
    config: n,
    vulnerabilities: o2
  };
}
function ne(e, t2) {
  return [...Y(...e).vulnerabilities, ...ee(t2).vulnerabilities];
}

// node_modules/simple-git/dist/esm/index.js
var import_promise_deferred2 = __toESM(require_dist2(), 1);
import { EventEmitter } from "node:events";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res) => function __init() {
  return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
};
var __commonJS2 = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);
var GitError;
var init_git_error = __esm({
  "src/lib/errors/git-error.ts"() {
    "use strict";
    GitError = class extends Error {
      constructor(task, message) {
        super(message);
        this.task = task;
        Object.setPrototypeOf(this, new.target.prototype);
      }
    };
  }
});
var GitResponseError;
var init_git_response_error = __esm({
  "src/lib/errors/git-response-error.ts"() {
    "use strict";
    init_git_error();
    GitResponseError = class extends GitError {
      constructor(git, message) {
        super(void 0, message || String(git));
        this.git = git;
      }
    };
  }
});
var TaskConfigurationError;
var init_task_configuration_error = __esm({
  "src/lib/errors/task-configuration-error.ts"() {
    "use strict";
    init_git_error();
    TaskConfigurationError = class extends GitError {
      constructor(message) {
        super(void 0, message);
      }
    };
  }
});
function asFunction(source) {
  if (typeof source !== "function") {
    return NOOP;
  }
  return source;
}
function isUserFunction(source) {
  return typeof source === "function" && source !== NOOP;
}
function splitOn(input, char) {
  const index = input.indexOf(char);
  if (index <= 0) {
    return [input, ""];
  }
  return [input.substr(0, index), input.substr(index + 1)];
}
function first(input, offset = 0) {
  return isArrayLike(input) && input.length > offset ? input[offset] : void 0;
}
function last(input, offset = 0) {
  if (isArrayLike(input) && input.length > offset) {
    return input[input.length - 1 - offset];
  }
}
function isArrayLike(input) {
  return filterHasLength(input);
}
function toLinesWithContent(input = "", trimmed2 = true, separator = "\n") {
  return input.split(separator).reduce((output, line) => {
    const lineContent = trimmed2 ? line.trim() : line;
    if (lineContent) {
      output.push(lineContent);
    }
    return output;
  }, []);
}
function forEachLineWithContent(input, callback) {
  return toLinesWithContent(input, true).map((line) => callback(line));
}
function folderExists(path) {
  return (0, import_file_exists.exists)(path, import_file_exists.FOLDER);
}
function append(target, item) {
  if (Array.isArray(target)) {
    if (!target.includes(item)) {
      target.push(item);
    }
  } else {
    target.add(item);
  }
  return item;
}
function including(target, item) {
  if (Array.isArray(target) && !target.includes(item)) {
    target.push(item);
  }
  return target;
}
function remove(target, item) {
  if (Array.isArray(target)) {
    const index = target.indexOf(item);
    if (index >= 0) {
      target.splice(index, 1);
    }
  } else {
    target.delete(item);
  }
  return item;
}
function asArray(source) {
  return Array.isArray(source) ? source : [source];
}
function asCamelCase(str) {
  return str.replace(/[\s-]+(.)/g, (_all, chr) => {
    return chr.toUpperCase();
  });
}
function asStringArray(source) {
  return asArray(source).map((item) => {
    return item instanceof String ? item : String(item);
  });
}
function asNumber(source, onNaN = 0) {
  if (source == null) {
    return onNaN;
  }
  const num = parseInt(source, 10);
  return Number.isNaN(num) ? onNaN : num;
}
function prefixedArray(input, prefix) {
  const output = [];
  for (let i2 = 0, max = input.length; i2 < max; i2++) {
    output.push(prefix, input[i2]);
  }
  return output;
}
function bufferToString(input) {
  return (Array.isArray(input) ? Buffer.concat(input) : input).toString("utf-8");
}
function pick(source, properties) {
  const out = {};
  properties.forEach((key) => {
    if (source[key] !== void 0) {
      out[key] = source[key];
    }
  });
  return out;
}
function delay(duration = 0) {
  return new Promise((done) => setTimeout(done, duration));
}
function orVoid(input) {
  if (input === false) {
    return void 0;
  }
  return input;
}
var NULL;
var NOOP;
var objectToString;
var init_util = __esm({
  "src/lib/utils/util.ts"() {
    "use strict";
    init_argument_filters();
    NULL = "\0";
    NOOP = () => {
    };
    objectToString = Object.prototype.toString.call.bind(Object.prototype.toString);
  }
});
function filterType(input, filter, def) {
  if (filter(input)) {
    return input;
  }
  return arguments.length > 2 ? def : void 0;
}
function filterPrimitives(input, omit2) {
  const type = r(input) ? "string" : typeof input;
  return /number|string|boolean/.test(type) && (!omit2 || !omit2.includes(type));
}
function filterPlainObject(input) {
  return !!input && objectToString(input) === "[object Object]";
}
function filterFunction(input) {
  return typeof input === "function";
}
var filterArray;
var filterNumber;
var filterString;
var filterStringOrStringArray;
var filterHasLength;
var init_argument_filters = __esm({
  "src/lib/utils/argument-filters.ts"() {
    "use strict";
    init_util();
    filterArray = (input) => {
      return Array.isArray(input);
    };
    filterNumber = (input) => {
      return typeof input === "number";
    };
    filterString = (input) => {
      return typeof input === "string" || r(input);
    };
    filterStringOrStringArray = (input) => {
      return filterString(input) || Array.isArray(input) && input.every(filterString);
    };
    filterHasLength = (input) => {
      if (input == null || "number|boolean|function".includes(typeof input)) {
        return false;
      }
      return typeof input.length === "number";
    };
  }
});
var ExitCodes;
var init_exit_codes = __esm({
  "src/lib/utils/exit-codes.ts"() {
    "use strict";
    ExitCodes = /* @__PURE__ */ ((ExitCodes2) => {
      ExitCodes2[ExitCodes2["SUCCESS"] = 0] = "SUCCESS";
      ExitCodes2[ExitCodes2["ERROR"] = 1] = "ERROR";
      ExitCodes2[ExitCodes2["NOT_FOUND"] = -2] = "NOT_FOUND";
      ExitCodes2[ExitCodes2["UNCLEAN"] = 128] = "UNCLEAN";
      return ExitCodes2;
    })(ExitCodes || {});
  }
});
var GitOutputStreams;
var init_git_output_streams = __esm({
  "src/lib/utils/git-output-streams.ts"() {
    "use strict";
    GitOutputStreams = class _GitOutputStreams {
      constructor(stdOut, stdErr) {
        this.stdOut = stdOut;
        this.stdErr = stdErr;
      }
      asStrings() {
        return new _GitOutputStreams(this.stdOut.toString("utf8"), this.stdErr.toString("utf8"));
      }
    };
  }
});
function useMatchesDefault() {
  throw new Error(`LineParser:useMatches not implemented`);
}
var LineParser;
var RemoteLineParser;
var init_line_parser = __esm({
  "src/lib/utils/line-parser.ts"() {
    "use strict";
    LineParser = class {
      constructor(regExp, useMatches) {
        this.matches = [];
        this.useMatches = useMatchesDefault;
        this.parse = (line, target) => {
          this.resetMatches();
          if (!this._regExp.every((reg, index) => this.addMatch(reg, index, line(index)))) {
            return false;
          }
          return this.useMatches(target, this.prepareMatches()) !== false;
        };
        this._regExp = Array.isArray(regExp) ? regExp : [regExp];
        if (useMatches) {
          this.useMatches = useMatches;
        }
      }
      resetMatches() {
        this.matches.length = 0;
      }
      prepareMatches() {
        return this.matches;
      }
      addMatch(reg, index, line) {
        const matched = line && reg.exec(line);
        if (matched) {
          this.pushMatch(index, matched);
        }
        return !!matched;
      }
      pushMatch(_index, matched) {
        this.matches.push(...matched.slice(1));
      }
    };
    RemoteLineParser = class extends LineParser {
      addMatch(reg, index, line) {
        return /^remote:\s/.test(String(line)) && super.addMatch(reg, index, line);
      }
      pushMatch(index, matched) {
        if (index > 0 || matched.length > 1) {
          super.pushMatch(index, matched);
        }
      }
    };
  }
});
function createInstanceConfig(...options) {
  const baseDir = process.cwd();
  const config = Object.assign(
    { baseDir, ...defaultOptions },
    ...options.filter((o2) => typeof o2 === "object" && o2)
  );
  config.baseDir = config.baseDir || baseDir;
  config.trimmed = config.trimmed === true;
  return config;
}
var defaultOptions;
var init_simple_git_options = __esm({
  "src/lib/utils/simple-git-options.ts"() {
    "use strict";
    defaultOptions = {
      binary: "git",
      maxConcurrentProcesses: 5,
      config: [],
      trimmed: false
    };
  }
});
function appendTaskOptions(options, commands = []) {
  if (!filterPlainObject(options)) {
    return commands;
  }
  return Object.keys(options).reduce((commands2, key) => {
    const value = options[key];
    if (r(value)) {
      commands2.push(value);
    } else if (filterPrimitives(value, ["boolean"])) {
      commands2.push(key + "=" + value);
    } else if (Array.isArray(value)) {
      for (const v of value) {
        if (!filterPrimitives(v, ["string", "number"])) {
          commands2.push(key + "=" + v);
        }
      }
    } else {
      commands2.push(key);
    }
    return commands2;
  }, commands);
}
function getTrailingOptions(args, initialPrimitive = 0, objectOnly = false) {
  const command = [];
  for (let i2 = 0, max = initialPrimitive < 0 ? args.length : initialPrimitive; i2 < max; i2++) {
    if ("string|number".includes(typeof args[i2])) {
      command.push(String(args[i2]));
    }
  }
  appendTaskOptions(trailingOptionsArgument(args), command);
  if (!objectOnly) {
    command.push(...trailingArrayArgument(args));
  }
  return command;
}
function trailingArrayArgument(args) {
  const hasTrailingCallback = typeof last(args) === "function";
  return asStringArray(filterType(last(args, hasTrailingCallback ? 1 : 0), filterArray, []));
}
function trailingOptionsArgument(args) {
  const hasTrailingCallback = filterFunction(last(args));
  return filterType(last(args, hasTrailingCallback ? 1 : 0), filterPlainObject);
}
function trailingFunctionArgument(args, includeNoop = true) {
  const callback = asFunction(last(args));
  return includeNoop || isUserFunction(callback) ? callback : void 0;
}
var init_task_options = __esm({
  "src/lib/utils/task-options.ts"() {
    "use strict";
    init_argument_filters();
    init_util();
  }
});
function callTaskParser(parser4, streams) {
  return parser4(streams.stdOut, streams.stdErr);
}
function parseStringResponse(result, parsers12, texts, trim = true) {
  asArray(texts).forEach((text) => {
    for (let lines = toLinesWithContent(text, trim), i2 = 0, max = lines.length; i2 < max; i2++) {
      const line = (offset = 0) => {
        if (i2 + offset >= max) {
          return;
        }
        return lines[i2 + offset];
      };
      parsers12.some(({ parse: parse3 }) => parse3(line, result));
    }
  });
  return result;
}
var init_task_parser = __esm({
  "src/lib/utils/task-parser.ts"() {
    "use strict";
    init_util();
  }
});
var utils_exports = {};
__export(utils_exports, {
  ExitCodes: () => ExitCodes,
  GitOutputStreams: () => GitOutputStreams,
  LineParser: () => LineParser,
  NOOP: () => NOOP,
  NULL: () => NULL,
  RemoteLineParser: () => RemoteLineParser,
  append: () => append,
  appendTaskOptions: () => appendTaskOptions,
  asArray: () => asArray,
  asCamelCase: () => asCamelCase,
  asFunction: () => asFunction,
  asNumber: () => asNumber,
  asStringArray: () => asStringArray,
  bufferToString: () => bufferToString,
  callTaskParser: () => callTaskParser,
  createInstanceConfig: () => createInstanceConfig,
  delay: () => delay,
  filterArray: () => filterArray,
  filterFunction: () => filterFunction,
  filterHasLength: () => filterHasLength,
  filterNumber: () => filterNumber,
  filterPlainObject: () => filterPlainObject,
  filterPrimitives: () => filterPrimitives,
  filterString: () => filterString,
  filterStringOrStringArray: () => filterStringOrStringArray,
  filterType: () => filterType,
  first: () => first,
  folderExists: () => folderExists,
  forEachLineWithContent: () => forEachLineWithContent,
  getTrailingOptions: () => getTrailingOptions,
  including: () => including,
  isUserFunction: () => isUserFunction,
  last: () => last,
  objectToString: () => objectToString,
  orVoid: () => orVoid,
  parseStringResponse: () => parseStringResponse,
  pick: () => pick,
  prefixedArray: () => prefixedArray,
  remove: () => remove,
  splitOn: () => splitOn,
  toLinesWithContent: () => toLinesWithContent,
  trailingFunctionArgument: () => trailingFunctionArgument,
  trailingOptionsArgument: () => trailingOptionsArgument
});
var init_utils = __esm({
  "src/lib/utils/index.ts"() {
    "use strict";
    init_argument_filters();
    init_exit_codes();
    init_git_output_streams();
    init_line_parser();
    init_simple_git_options();
    init_task_options();
    init_task_parser();
    init_util();
  }
});
var check_is_repo_exports = {};
__export(check_is_repo_exports, {
  CheckRepoActions: () => CheckRepoActions,
  checkIsBareRepoTask: () => checkIsBareRepoTask,
  checkIsRepoRootTask: () => checkIsRepoRootTask,
  checkIsRepoTask: () => checkIsRepoTask
});
function checkIsRepoTask(action) {
  switch (action) {
    case "bare":
      return checkIsBareRepoTask();
    case "root":
      return checkIsRepoRootTask();
  }
  const commands = ["rev-parse", "--is-inside-work-tree"];
  return {
    commands,
    format: "utf-8",
    onError,
    parser
  };
}
function checkIsRepoRootTask() {
  const commands = ["rev-parse", "--git-dir"];
  return {
    commands,
    format: "utf-8",
    onError,
    parser(path) {
      return /^\.(git)?$/.test(path.trim());
    }
  };
}
function checkIsBareRepoTask() {
  const commands = ["rev-parse", "--is-bare-repository"];
  return {
    commands,
    format: "utf-8",
    onError,
    parser
  };
}
function isNotRepoMessage(error) {
  return /(Not a git repository|Kein Git-Repository)/i.test(String(error));
}
var CheckRepoActions;
var onError;
var parser;
var init_check_is_repo = __esm({
  "src/lib/tasks/check-is-repo.ts"() {
    "use strict";
    init_utils();
    CheckRepoActions = /* @__PURE__ */ ((CheckRepoActions2) => {
      CheckRepoActions2["BARE"] = "bare";
      CheckRepoActions2["IN_TREE"] = "tree";
      CheckRepoActions2["IS_REPO_ROOT"] = "root";
      return CheckRepoActions2;
    })(CheckRepoActions || {});
    onError = ({ exitCode }, error, done, fail) => {
      if (exitCode === 128 && isNotRepoMessage(error)) {
        return done(Buffer.from("false"));
      }
      fail(error);
    };
    parser = (text) => {
      return text.trim() === "true";
    };
  }
});
function cleanSummaryParser(dryRun, text) {
  const summary = new CleanResponse(dryRun);
  const regexp = dryRun ? dryRunRemovalRegexp : removalRegexp;
  toLinesWithContent(text).forEach((line) => {
    const removed = line.replace(regexp, "");
    summary.paths.push(removed);
    (isFolderRegexp.test(removed) ? summary.folders : summary.files).push(removed);
  });
  return summary;
}
var CleanResponse;
var removalRegexp;
var dryRunRemovalRegexp;
var isFolderRegexp;
var init_CleanSummary = __esm({
  "src/lib/responses/CleanSummary.ts"() {
    "use strict";
    init_utils();
    CleanResponse = class {
      constructor(dryRun) {
        this.dryRun = dryRun;
        this.paths = [];
        this.files = [];
        this.folders = [];
      }
    };
    removalRegexp = /^[a-z]+\s*/i;
    dryRunRemovalRegexp = /^[a-z]+\s+[a-z]+\s*/i;
    isFolderRegexp = /\/$/;
  }
});
var task_exports = {};
__export(task_exports, {
  EMPTY_COMMANDS: () => EMPTY_COMMANDS,
  adhocExecTask: () => adhocExecTask,
  configurationErrorTask: () => configurationErrorTask,
  isBufferTask: () => isBufferTask,
  isEmptyTask: () => isEmptyTask,
  straightThroughBufferTask: () => straightThroughBufferTask,
  straightThroughStringTask: () => straightThroughStringTask
});
function adhocExecTask(parser4) {
  return {
    commands: EMPTY_COMMANDS,
    format: "empty",
    parser: parser4
  };
}
function configurationErrorTask(error) {
  return {
    commands: EMPTY_COMMANDS,
    format: "empty",
    parser() {
      throw typeof error === "string" ? new TaskConfigurationError(error) : error;
    }
  };
}
function straightThroughStringTask(commands, trimmed2 = false) {
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return trimmed2 ? String(text).trim() : text;
    }
  };
}
function straightThroughBufferTask(commands) {
  return {
    commands,
    format: "buffer",
    parser(buffer) {
      return buffer;
    }
  };
}
function isBufferTask(task) {
  return task.format === "buffer";
}
function isEmptyTask(task) {
  return task.format === "empty" || !task.commands.length;
}
var EMPTY_COMMANDS;
var init_task = __esm({
  "src/lib/tasks/task.ts"() {
    "use strict";
    init_task_configuration_error();
    EMPTY_COMMANDS = [];
  }
});
var clean_exports = {};
__export(clean_exports, {
  CONFIG_ERROR_INTERACTIVE_MODE: () => CONFIG_ERROR_INTERACTIVE_MODE,
  CONFIG_ERROR_MODE_REQUIRED: () => CONFIG_ERROR_MODE_REQUIRED,
  CONFIG_ERROR_UNKNOWN_OPTION: () => CONFIG_ERROR_UNKNOWN_OPTION,
  CleanOptions: () => CleanOptions,
  cleanTask: () => cleanTask,
  cleanWithOptionsTask: () => cleanWithOptionsTask,
  isCleanOptionsArray: () => isCleanOptionsArray
});
function cleanWithOptionsTask(mode, customArgs) {
  const { cleanMode, options, valid } = getCleanOptions(mode);
  if (!cleanMode) {
    return configurationErrorTask(CONFIG_ERROR_MODE_REQUIRED);
  }
  if (!valid.options) {
    return configurationErrorTask(CONFIG_ERROR_UNKNOWN_OPTION + JSON.stringify(mode));
  }
  options.push(...customArgs);
  if (options.some(isInteractiveMode)) {
    return configurationErrorTask(CONFIG_ERROR_INTERACTIVE_MODE);
  }
  return cleanTask(cleanMode, options);
}
function cleanTask(mode, customArgs) {
  const commands = ["clean", `-${mode}`, ...customArgs];
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return cleanSummaryParser(mode === "n", text);
    }
  };
}
function isCleanOptionsArray(input) {
  return Array.isArray(input) && input.every((test) => CleanOptionValues.has(test));
}
function getCleanOptions(input) {
  let cleanMode;
  let options = [];
  let valid = { cleanMode: false, options: true };
  input.replace(/[^a-z]i/g, "").split("").forEach((char) => {
    if (isCleanMode(char)) {
      cleanMode = char;
      valid.cleanMode = true;
    } else {
      valid.options = valid.options && isKnownOption(options[options.length] = `-${char}`);
    }
  });
  return {
    cleanMode,
    options,
    valid
  };
}
function isCleanMode(cleanMode) {
  return cleanMode === "f" || cleanMode === "n";
}
function isKnownOption(option) {
  return /^-[a-z]$/i.test(option) && CleanOptionValues.has(option.charAt(1));
}
function isInteractiveMode(option) {
  if (/^-[^\-]/.test(option)) {
    return option.indexOf("i") > 0;
  }
  return option === "--interactive";
}
var CONFIG_ERROR_INTERACTIVE_MODE;
var CONFIG_ERROR_MODE_REQUIRED;
var CONFIG_ERROR_UNKNOWN_OPTION;
var CleanOptions;
var CleanOptionValues;
var init_clean = __esm({
  "src/lib/tasks/clean.ts"() {
    "use strict";
    init_CleanSummary();
    init_utils();
    init_task();
    CONFIG_ERROR_INTERACTIVE_MODE = "Git clean interactive mode is not supported";
    CONFIG_ERROR_MODE_REQUIRED = 'Git clean mode parameter ("n" or "f") is required';
    CONFIG_ERROR_UNKNOWN_OPTION = "Git clean unknown option found in: ";
    CleanOptions = /* @__PURE__ */ ((CleanOptions2) => {
      CleanOptions2["DRY_RUN"] = "n";
      CleanOptions2["FORCE"] = "f";
      CleanOptions2["IGNORED_INCLUDED"] = "x";
      CleanOptions2["IGNORED_ONLY"] = "X";
      CleanOptions2["EXCLUDING"] = "e";
      CleanOptions2["QUIET"] = "q";
      CleanOptions2["RECURSIVE"] = "d";
      return CleanOptions2;
    })(CleanOptions || {});
    CleanOptionValues = /* @__PURE__ */ new Set([
      "i",
      ...asStringArray(Object.values(CleanOptions))
    ]);
  }
});
function configListParser(text) {
  const config = new ConfigList();
  for (const item of configParser(text)) {
    config.addValue(item.file, String(item.key), item.value);
  }
  return config;
}
function configGetParser(text, key) {
  let value = null;
  const values = [];
  const scopes = /* @__PURE__ */ new Map();
  for (const item of configParser(text, key)) {
    if (item.key !== key) {
      continue;
    }
    values.push(value = item.value);
    if (!scopes.has(item.file)) {
      scopes.set(item.file, []);
    }
    scopes.get(item.file).push(value);
  }
  return {
    key,
    paths: Array.from(scopes.keys()),
    scopes,
    value,
    values
  };
}
function configFilePath(filePath) {
  return filePath.replace(/^(file):/, "");
}
function* configParser(text, requestedKey = null) {
  const lines = text.split("\0");
  for (let i2 = 0, max = lines.length - 1; i2 < max; ) {
    const file = configFilePath(lines[i2++]);
    let value = lines[i2++];
    let key = requestedKey;
    if (value.includes("\n")) {
      const line = splitOn(value, "\n");
      key = line[0];
      value = line[1];
    }
    yield { file, key, value };
  }
}
var ConfigList;
var init_ConfigList = __esm({
  "src/lib/responses/ConfigList.ts"() {
    "use strict";
    init_utils();
    ConfigList = class {
      constructor() {
        this.files = [];
        this.values = /* @__PURE__ */ Object.create(null);
      }
      get all() {
        if (!this._all) {
          this._all = this.files.reduce((all, file) => {
            return Object.assign(all, this.values[file]);
          }, {});
        }
        return this._all;
      }
      addFile(file) {
        if (!(file in this.values)) {
          const latest = last(this.files);
          this.values[file] = latest ? Object.create(this.values[latest]) : {};
          this.files.push(file);
        }
        return this.values[file];
      }
      addValue(file, key, value) {
        const values = this.addFile(file);
        if (!Object.hasOwn(values, key)) {
          values[key] = value;
        } else if (Array.isArray(values[key])) {
          values[key].push(value);
        } else {
          values[key] = [values[key], value];
        }
        this._all = void 0;
      }
    };
  }
});
function asConfigScope(scope, fallback) {
  if (typeof scope === "string" && Object.hasOwn(GitConfigScope, scope)) {
    return scope;
  }
  return fallback;
}
function addConfigTask(key, value, append2, scope) {
  const commands = ["config", `--${scope}`];
  if (append2) {
    commands.push("--add");
  }
  commands.push(key, value);
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return text;
    }
  };
}
function getConfigTask(key, scope) {
  const commands = ["config", "--null", "--show-origin", "--get-all", key];
  if (scope) {
    commands.splice(1, 0, `--${scope}`);
  }
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return configGetParser(text, key);
    }
  };
}
function listConfigTask(scope) {
  const commands = ["config", "--list", "--show-origin", "--null"];
  if (scope) {
    commands.push(`--${scope}`);
  }
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return configListParser(text);
    }
  };
}
function config_default() {
  return {
    addConfig(key, value, ...rest) {
      return this._runTask(
        addConfigTask(
          key,
          value,
          rest[0] === true,
          asConfigScope(
            rest[1],
            "local"
            /* local */
          )
        ),
        trailingFunctionArgument(arguments)
      );
    },
    getConfig(key, scope) {
      return this._runTask(
        getConfigTask(key, asConfigScope(scope, void 0)),
        trailingFunctionArgument(arguments)
      );
    },
    listConfig(...rest) {
      return this._runTask(
        listConfigTask(asConfigScope(rest[0], void 0)),
        trailingFunctionArgument(arguments)
      );
    }
  };
}
var GitConfigScope;
var init_config = __esm({
  "src/lib/tasks/config.ts"() {
    "use strict";
    init_ConfigList();
    init_utils();
    GitConfigScope = /* @__PURE__ */ ((GitConfigScope2) => {
      GitConfigScope2["system"] = "system";
      GitConfigScope2["global"] = "global";
      GitConfigScope2["local"] = "local";
      GitConfigScope2["worktree"] = "worktree";
      return GitConfigScope2;
    })(GitConfigScope || {});
  }
});
function isDiffNameStatus(input) {
  return diffNameStatus.has(input);
}
var DiffNameStatus;
var diffNameStatus;
var init_diff_name_status = __esm({
  "src/lib/tasks/diff-name-status.ts"() {
    "use strict";
    DiffNameStatus = /* @__PURE__ */ ((DiffNameStatus2) => {
      DiffNameStatus2["ADDED"] = "A";
      DiffNameStatus2["COPIED"] = "C";
      DiffNameStatus2["DELETED"] = "D";
      DiffNameStatus2["MODIFIED"] = "M";
      DiffNameStatus2["RENAMED"] = "R";
      DiffNameStatus2["CHANGED"] = "T";
      DiffNameStatus2["UNMERGED"] = "U";
      DiffNameStatus2["UNKNOWN"] = "X";
      DiffNameStatus2["BROKEN"] = "B";
      return DiffNameStatus2;
    })(DiffNameStatus || {});
    diffNameStatus = new Set(Object.values(DiffNameStatus));
  }
});
function grepQueryBuilder(...params) {
  return new GrepQuery().param(...params);
}
function parseGrep(grep) {
  const paths = /* @__PURE__ */ new Set();
  const results = {};
  forEachLineWithContent(grep, (input) => {
    const [path, line, preview] = input.split(NULL);
    paths.add(path);
    (results[path] = results[path] || []).push({
      line: asNumber(line),
      path,
      preview
    });
  });
  return {
    paths,
    results
  };
}
function grep_default() {
  return {
    grep(searchTerm) {
      const then = trailingFunctionArgument(arguments);
      const options = getTrailingOptions(arguments);
      for (const option of disallowedOptions) {
        if (options.includes(option)) {
          return this._runTask(
            configurationErrorTask(`git.grep: use of "${option}" is not supported.`),
            then
          );
        }
      }
      if (typeof searchTerm === "string") {
        searchTerm = grepQueryBuilder().param(searchTerm);
      }
      const commands = ["grep", "--null", "-n", "--full-name", ...options, ...searchTerm];
      return this._runTask(
        {
          commands,
          format: "utf-8",
          parser(stdOut) {
            return parseGrep(stdOut);
          }
        },
        then
      );
    }
  };
}
var disallowedOptions;
var Query;
var _a;
var GrepQuery;
var init_grep = __esm({
  "src/lib/tasks/grep.ts"() {
    "use strict";
    init_utils();
    init_task();
    disallowedOptions = ["-h"];
    Query = /* @__PURE__ */ Symbol("grepQuery");
    GrepQuery = class {
      constructor() {
        this[_a] = [];
      }
      *[(_a = Query, Symbol.iterator)]() {
        for (const query of this[Query]) {
          yield query;
        }
      }
      and(...and) {
        and.length && this[Query].push("--and", "(", ...prefixedArray(and, "-e"), ")");
        return this;
      }
      param(...param) {
        this[Query].push(...prefixedArray(param, "-e"));
        return this;
      }
    };
  }
});
var reset_exports = {};
__export(reset_exports, {
  ResetMode: () => ResetMode,
  getResetMode: () => getResetMode,
  resetTask: () => resetTask
});
function resetTask(mode, customArgs) {
  const commands = ["reset"];
  if (isValidResetMode(mode)) {
    commands.push(`--${mode}`);
  }
  commands.push(...customArgs);
  return straightThroughStringTask(commands);
}
function getResetMode(mode) {
  if (isValidResetMode(mode)) {
    return mode;
  }
  switch (typeof mode) {
    case "string":
    case "undefined":
      return "soft";
  }
  return;
}
function isValidResetMode(mode) {
  return typeof mode === "string" && validResetModes.includes(mode);
}
var ResetMode;
var validResetModes;
var init_reset = __esm({
  "src/lib/tasks/reset.ts"() {
    "use strict";
    init_utils();
    init_task();
    ResetMode = /* @__PURE__ */ ((ResetMode2) => {
      ResetMode2["MIXED"] = "mixed";
      ResetMode2["SOFT"] = "soft";
      ResetMode2["HARD"] = "hard";
      ResetMode2["MERGE"] = "merge";
      ResetMode2["KEEP"] = "keep";
      return ResetMode2;
    })(ResetMode || {});
    validResetModes = asStringArray(Object.values(ResetMode));
  }
});
function createLog() {
  return (0, import_debug.default)("simple-git");
}
function prefixedLogger(to, prefix, forward) {
  if (!prefix || !String(prefix).replace(/\s*/, "")) {
    return !forward ? to : (message, ...args) => {
      to(message, ...args);
      forward(message, ...args);
    };
  }
  return (message, ...args) => {
    to(`%s ${message}`, prefix, ...args);
    if (forward) {
      forward(message, ...args);
    }
  };
}
function childLoggerName(name, childDebugger, { namespace: parentNamespace }) {
  if (typeof name === "string") {
    return name;
  }
  const childNamespace = childDebugger && childDebugger.namespace || "";
  if (childNamespace.startsWith(parentNamespace)) {
    return childNamespace.substr(parentNamespace.length + 1);
  }
  return childNamespace || parentNamespace;
}
function createLogger(label, verbose, initialStep, infoDebugger = createLog()) {
  const labelPrefix = label && `[${label}]` || "";
  const spawned = [];
  const debugDebugger = typeof verbose === "string" ? infoDebugger.extend(verbose) : verbose;
  const key = childLoggerName(filterType(verbose, filterString), debugDebugger, infoDebugger);
  return step(initialStep);
  function sibling(name, initial) {
    return append(
      spawned,
      createLogger(label, key.replace(/^[^:]+/, name), initial, infoDebugger)
    );
  }
  function step(phase) {
    const stepPrefix = phase && `[${phase}]` || "";
    const debug2 = debugDebugger && prefixedLogger(debugDebugger, stepPrefix) || NOOP;
    const info = prefixedLogger(infoDebugger, `${labelPrefix} ${stepPrefix}`, debug2);
    return Object.assign(debugDebugger ? debug2 : info, {
      label,
      sibling,
      info,
      step
    });
  }
}
var init_git_logger = __esm({
  "src/lib/git-logger.ts"() {
    "use strict";
    init_utils();
    import_debug.default.formatters.L = (value) => String(filterHasLength(value) ? value.length : "-");
    import_debug.default.formatters.B = (value) => {
      if (Buffer.isBuffer(value)) {
        return value.toString("utf8");
      }
      return objectToString(value);
    };
  }
});
var TasksPendingQueue;
var init_tasks_pending_queue = __esm({
  "src/lib/runners/tasks-pending-queue.ts"() {
    "use strict";
    init_git_error();
    init_git_logger();
    TasksPendingQueue = class _TasksPendingQueue {
      constructor(logLabel = "GitExecutor") {
        this.logLabel = logLabel;
        this._queue = /* @__PURE__ */ new Map();
      }
      withProgress(task) {
        return this._queue.get(task);
      }
      createProgress(task) {
        const name = _TasksPendingQueue.getName(task.commands[0]);
        const logger = createLogger(this.logLabel, name);
        return {
          task,
          logger,
          name
        };
      }
      push(task) {
        const progress = this.createProgress(task);
        progress.logger("Adding task to the queue, commands = %o", task.commands);
        this._queue.set(task, progress);
        return progress;
      }
      fatal(err) {
        for (const [task, { logger }] of Array.from(this._queue.entries())) {
          if (task === err.task) {
            logger.info(`Failed %o`, err);
            logger(
              `Fatal exception, any as-yet un-started tasks run through this executor will not be attempted`
            );
          } else {
            logger.info(
              `A fatal exception occurred in a previous task, the queue has been purged: %o`,
              err.message
            );
          }
          this.complete(task);
        }
        if (this._queue.size !== 0) {
          throw new Error(`Queue size should be zero after fatal: ${this._queue.size}`);
        }
      }
      complete(task) {
        const progress = this.withProgress(task);
        if (progress) {
          this._queue.delete(task);
        }
      }
      attempt(task) {
        const progress = this.withProgress(task);
        if (!progress) {
          throw new GitError(void 0, "TasksPendingQueue: attempt called for an unknown task");
        }
        progress.logger("Starting task");
        return progress;
      }
      static getName(name = "empty") {
        return `task:${name}:${++_TasksPendingQueue.counter}`;
      }
      static {
        this.counter = 0;
      }
    };
  }
});
function pluginContext(task, commands) {
  return {
    method: first(task.commands) || "",
    commands
  };
}
function onErrorReceived(target, logger) {
  return (err) => {
    logger(`[ERROR] child process exception %o`, err);
    target.push(Buffer.from(String(err.stack), "ascii"));
  };
}
function onDataReceived(target, name, logger, output) {
  return (buffer) => {
    logger(`%s received %L bytes`, name, buffer);
    output(`%B`, buffer);
    target.push(buffer);
  };
}
var GitExecutorChain;
var init_git_executor_chain = __esm({
  "src/lib/runners/git-executor-chain.ts"() {
    "use strict";
    init_git_error();
    init_task();
    init_utils();
    init_tasks_pending_queue();
    GitExecutorChain = class {
      constructor(_executor, _scheduler, _plugins) {
        this._executor = _executor;
        this._scheduler = _scheduler;
        this._plugins = _plugins;
        this._chain = Promise.resolve();
        this._queue = new TasksPendingQueue();
      }
      get cwd() {
        return this._cwd || this._executor.cwd;
      }
      set cwd(cwd) {
        this._cwd = cwd;
      }
      get env() {
        return this._executor.env;
      }
      get outputHandler() {
        return this._executor.outputHandler;
      }
      chain() {
        return this;
      }
      push(task) {
        this._queue.push(task);
        return this._chain = this._chain.then(() => this.attemptTask(task));
      }
      async attemptTask(task) {
        const onScheduleComplete = await this._scheduler.next();
        const onQueueComplete = () => this._queue.complete(task);
        try {
          const { logger } = this._queue.attempt(task);
          return await (isEmptyTask(task) ? this.attemptEmptyTask(task, logger) : this.attemptRemoteTask(task, logger));
        } catch (e) {
          throw this.onFatalException(task, e);
        } finally {
          onQueueComplete();
          onScheduleComplete();
        }
      }
      onFatalException(task, e) {
        const gitError = e instanceof GitError ? Object.assign(e, { task }) : new GitError(task, e && String(e));
        this._chain = Promise.resolve();
        this._queue.fatal(gitError);
        return gitError;
      }
      async attemptRemoteTask(task, logger) {
        const binary = this._plugins.exec("spawn.binary", "", pluginContext(task, task.commands));
        const args = this._plugins.exec("spawn.args", [...task.commands], {
          ...pluginContext(task, task.commands),
          env: { ...this.env }
        });
        const raw = await this.gitResponse(
          task,
          binary,
          args,
          this.outputHandler,
          logger.step("SPAWN")
        );
        const outputStreams = await this.handleTaskData(task, args, raw, logger.step("HANDLE"));
        logger(`passing response to task's parser as a %s`, task.format);
        if (isBufferTask(task)) {
          return callTaskParser(task.parser, outputStreams);
        }
        return callTaskParser(task.parser, outputStreams.asStrings());
      }
      async attemptEmptyTask(task, logger) {
        logger(`empty task bypassing child process to call to task's parser`);
        return task.parser(this);
      }
      handleTaskData(task, args, result, logger) {
        const { exitCode, rejection, stdOut, stdErr } = result;
        return new Promise((done, fail) => {
          logger(`Preparing to handle process response exitCode=%d stdOut=`, exitCode);
          const { error } = this._plugins.exec(
            "task.error",
            { error: rejection },
            {
              ...pluginContext(task, args),
              ...result
            }
          );
          if (error && task.onError) {
            logger.info(`exitCode=%s handling with custom error handler`);
            return task.onError(
              result,
              error,
              (newStdOut) => {
                logger.info(`custom error handler treated as success`);
                logger(`custom error returned a %s`, objectToString(newStdOut));
                done(
                  new GitOutputStreams(
                    Array.isArray(newStdOut) ? Buffer.concat(newStdOut) : newStdOut,
                    Buffer.concat(stdErr)
                  )
                );
              },
              fail
            );
          }
          if (error) {
            logger.info(
              `handling as error: exitCode=%s stdErr=%s rejection=%o`,
              exitCode,
              stdErr.length,
              rejection
            );
            return fail(error);
          }
          logger.info(`retrieving task output complete`);
          done(new GitOutputStreams(Buffer.concat(stdOut), Buffer.concat(stdErr)));
        });
      }
      async gitResponse(task, command, args, outputHandler, logger) {
        const outputLogger = logger.sibling("output");
        const spawnOptions = this._plugins.exec(
          "spawn.options",
          {
            cwd: this.cwd,
            env: this.env,
            windowsHide: true
          },
          pluginContext(task, task.commands)
        );
        return new Promise((done) => {
          const stdOut = [];
          const stdErr = [];
          logger.info(`%s %o`, command, args);
          logger("%O", spawnOptions);
          let rejection = this._beforeSpawn(task, args);
          if (rejection) {
            return done({
              stdOut,
              stdErr,
              exitCode: 9901,
              rejection
            });
          }
          this._plugins.exec("spawn.before", void 0, {
            ...pluginContext(task, args),
            kill(reason) {
              rejection = reason || rejection;
            }
          });
          const spawned = spawn(command, args, spawnOptions);
          spawned.stdout.on(
            "data",
            onDataReceived(stdOut, "stdOut", logger, outputLogger.step("stdOut"))
          );
          spawned.stderr.on(
            "data",
            onDataReceived(stdErr, "stdErr", logger, outputLogger.step("stdErr"))
          );
          spawned.on("error", onErrorReceived(stdErr, logger));
          if (outputHandler) {
            logger(`Passing child process stdOut/stdErr to custom outputHandler`);
            outputHandler(command, spawned.stdout, spawned.stderr, [...args]);
          }
          this._plugins.exec("spawn.after", void 0, {
            ...pluginContext(task, args),
            spawned,
            close(exitCode, reason) {
              done({
                stdOut,
                stdErr,
                exitCode,
                rejection: rejection || reason
              });
            },
            kill(reason) {
              if (spawned.killed) {
                return;
              }
              rejection = reason;
              spawned.kill("SIGINT");
            }
          });
        });
      }
      _beforeSpawn(task, args) {
        let rejection;
        this._plugins.exec("spawn.before", void 0, {
          ...pluginContext(task, args),
          kill(reason) {
            rejection = reason || rejection;
          }
        });
        return rejection;
      }
    };
  }
});
var git_executor_exports = {};
__export(git_executor_exports, {
  GitExecutor: () => GitExecutor
});
var GitExecutor;
var init_git_executor = __esm({
  "src/lib/runners/git-executor.ts"() {
    "use strict";
    init_git_executor_chain();
    GitExecutor = class {
      constructor(cwd, _scheduler, _plugins) {
        this.cwd = cwd;
        this._scheduler = _scheduler;
        this._plugins = _plugins;
        this._chain = new GitExecutorChain(this, this._scheduler, this._plugins);
      }
      chain() {
        return new GitExecutorChain(this, this._scheduler, this._plugins);
      }
      push(task) {
        return this._chain.push(task);
      }
    };
  }
});
function taskCallback(task, response, callback = NOOP) {
  const onSuccess = (data) => {
    callback(null, data);
  };
  const onError2 = (err) => {
    if (err?.task === task) {
      callback(
        err instanceof GitResponseError ? addDeprecationNoticeToError(err) : err,
        void 0
      );
    }
  };
  response.then(onSuccess, onError2);
}
function addDeprecationNoticeToError(err) {
  let log = (name) => {
    console.warn(
      `simple-git deprecation notice: accessing GitResponseError.${name} should be GitResponseError.git.${name}, this will no longer be available in version 3`
    );
    log = NOOP;
  };
  return Object.create(err, Object.getOwnPropertyNames(err.git).reduce(descriptorReducer, {}));
  function descriptorReducer(all, name) {
    if (name in err) {
      return all;
    }
    all[name] = {
      enumerable: false,
      configurable: false,
      get() {
        log(name);
        return err.git[name];
      }
    };
    return all;
  }
}
var init_task_callback = __esm({
  "src/lib/task-callback.ts"() {
    "use strict";
    init_git_response_error();
    init_utils();
  }
});
function changeWorkingDirectoryTask(directory, root) {
  return adhocExecTask((instance) => {
    if (!folderExists(directory)) {
      throw new Error(`Git.cwd: cannot change to non-directory "${directory}"`);
    }
    return (root || instance).cwd = directory;
  });
}
var init_change_working_directory = __esm({
  "src/lib/tasks/change-working-directory.ts"() {
    "use strict";
    init_utils();
    init_task();
  }
});
function checkoutTask(args) {
  const commands = ["checkout", ...args];
  if (commands[1] === "-b" && commands.includes("-B")) {
    commands[1] = remove(commands, "-B");
  }
  return straightThroughStringTask(commands);
}
function checkout_default() {
  return {
    checkout() {
      return this._runTask(
        checkoutTask(getTrailingOptions(arguments, 1)),
        trailingFunctionArgument(arguments)
      );
    },
    checkoutBranch(branchName, startPoint) {
      return this._runTask(
        checkoutTask(["-b", branchName, startPoint, ...getTrailingOptions(arguments)]),
        trailingFunctionArgument(arguments)
      );
    },
    checkoutLocalBranch(branchName) {
      return this._runTask(
        checkoutTask(["-b", branchName, ...getTrailingOptions(arguments)]),
        trailingFunctionArgument(arguments)
      );
    }
  };
}
var init_checkout = __esm({
  "src/lib/tasks/checkout.ts"() {
    "use strict";
    init_utils();
    init_task();
  }
});
function countObjectsResponse() {
  return {
    count: 0,
    garbage: 0,
    inPack: 0,
    packs: 0,
    prunePackable: 0,
    size: 0,
    sizeGarbage: 0,
    sizePack: 0
  };
}
function count_objects_default() {
  return {
    countObjects() {
      return this._runTask({
        commands: ["count-objects", "--verbose"],
        format: "utf-8",
        parser(stdOut) {
          return parseStringResponse(countObjectsResponse(), [parser2], stdOut);
        }
      });
    }
  };
}
var parser2;
var init_count_objects = __esm({
  "src/lib/tasks/count-objects.ts"() {
    "use strict";
    init_utils();
    parser2 = new LineParser(
      /([a-z-]+): (\d+)$/,
      (result, [key, value]) => {
        const property = asCamelCase(key);
        if (Object.hasOwn(result, property)) {
          result[property] = asNumber(value);
        }
      }
    );
  }
});
function parseCommitResult(stdOut) {
  const result = {
    author: null,
    branch: "",
    commit: "",
    root: false,
    summary: {
      changes: 0,
      insertions: 0,
      deletions: 0
    }
  };
  return parseStringResponse(result, parsers, stdOut);
}
var parsers;
var init_parse_commit = __esm({
  "src/lib/parsers/parse-commit.ts"() {
    "use strict";
    init_utils();
    parsers = [
      new LineParser(/^\[([^\s]+)( \([^)]+\))? ([^\]]+)/, (result, [branch, root, commit]) => {
        result.branch = branch;
        result.commit = commit;
        result.root = !!root;
      }),
      new LineParser(/\s*Author:\s(.+)/i, (result, [author]) => {
        const parts = author.split("<");
        const email = parts.pop();
        if (!email || !email.includes("@")) {
          return;
        }
        result.author = {
          email: email.substr(0, email.length - 1),
          name: parts.join("<").trim()
        };
      }),
      new LineParser(
        /(\d+)[^,]*(?:,\s*(\d+)[^,]*)(?:,\s*(\d+))/g,
        (result, [changes, insertions, deletions]) => {
          result.summary.changes = parseInt(changes, 10) || 0;
          result.summary.insertions = parseInt(insertions, 10) || 0;
          result.summary.deletions = parseInt(deletions, 10) || 0;
        }
      ),
      new LineParser(
        /^(\d+)[^,]*(?:,\s*(\d+)[^(]+\(([+-]))?/,
        (result, [changes, lines, direction]) => {
          result.summary.changes = parseInt(changes, 10) || 0;
          const count = parseInt(lines, 10) || 0;
          if (direction === "-") {
            result.summary.deletions = count;
          } else if (direction === "+") {
            result.summary.insertions = count;
          }
        }
      )
    ];
  }
});
function commitTask(message, files, customArgs) {
  const commands = [
    "-c",
    "core.abbrev=40",
    "commit",
    ...prefixedArray(message, "-m"),
    ...files,
    ...customArgs
  ];
  return {
    commands,
    format: "utf-8",
    parser: parseCommitResult
  };
}
function commit_default() {
  return {
    commit(message, ...rest) {
      const next = trailingFunctionArgument(arguments);
      const task = rejectDeprecatedSignatures(message) || commitTask(
        asArray(message),
        asArray(filterType(rest[0], filterStringOrStringArray, [])),
        [
          ...asStringArray(filterType(rest[1], filterArray, [])),
          ...getTrailingOptions(arguments, 0, true)
        ]
      );
      return this._runTask(task, next);
    }
  };
  function rejectDeprecatedSignatures(message) {
    return !filterStringOrStringArray(message) && configurationErrorTask(
      `git.commit: requires the commit message to be supplied as a string/string[]`
    );
  }
}
var init_commit = __esm({
  "src/lib/tasks/commit.ts"() {
    "use strict";
    init_parse_commit();
    init_utils();
    init_task();
  }
});
function first_commit_default() {
  return {
    firstCommit() {
      return this._runTask(
        straightThroughStringTask(["rev-list", "--max-parents=0", "HEAD"], true),
        trailingFunctionArgument(arguments)
      );
    }
  };
}
var init_first_commit = __esm({
  "src/lib/tasks/first-commit.ts"() {
    "use strict";
    init_utils();
    init_task();
  }
});
function hashObjectTask(filePath, write) {
  const commands = ["hash-object", filePath];
  if (write) {
    commands.push("-w");
  }
  return straightThroughStringTask(commands, true);
}
var init_hash_object = __esm({
  "src/lib/tasks/hash-object.ts"() {
    "use strict";
    init_task();
  }
});
function parseInit(bare, path, text) {
  const response = String(text).trim();
  let result;
  if (result = initResponseRegex.exec(response)) {
    return new InitSummary(bare, path, false, result[1]);
  }
  if (result = reInitResponseRegex.exec(response)) {
    return new InitSummary(bare, path, true, result[1]);
  }
  let gitDir = "";
  const tokens = response.split(" ");
  while (tokens.length) {
    const token = tokens.shift();
    if (token === "in") {
      gitDir = tokens.join(" ");
      break;
    }
  }
  return new InitSummary(bare, path, /^re/i.test(response), gitDir);
}
var InitSummary;
var initResponseRegex;
var reInitResponseRegex;
var init_InitSummary = __esm({
  "src/lib/responses/InitSummary.ts"() {
    "use strict";
    InitSummary = class {
      constructor(bare, path, existing, gitDir) {
        this.bare = bare;
        this.path = path;
        this.existing = existing;
        this.gitDir = gitDir;
      }
    };
    initResponseRegex = /^Init.+ repository in (.+)$/;
    reInitResponseRegex = /^Rein.+ in (.+)$/;
  }
});
function hasBareCommand(command) {
  return command.includes(bareCommand);
}
function initTask(bare = false, path, customArgs) {
  const commands = ["init", ...customArgs];
  if (bare && !hasBareCommand(commands)) {
    commands.splice(1, 0, bareCommand);
  }
  return {
    commands,
    format: "utf-8",
    parser(text) {
      return parseInit(commands.includes("--bare"), path, text);
    }
  };
}
var bareCommand;
var init_init = __esm({
  "src/lib/tasks/init.ts"() {
    "use strict";
    init_InitSummary();
    bareCommand = "--bare";
  }
});
function logFormatFromCommand(customArgs) {
  for (let i2 = 0; i2 < customArgs.length; i2++) {
    const format = logFormatRegex.exec(customArgs[i2]);
    if (format) {
      return `--${format[1]}`;
    }
  }
  return "";
}
function isLogFormat(customArg) {
  return logFormatRegex.test(customArg);
}
var logFormatRegex;
var init_log_format = __esm({
  "src/lib/args/log-format.ts"() {
    "use strict";
    logFormatRegex = /^--(stat|numstat|name-only|name-status)(=|$)/;
  }
});
var DiffSummary;
var init_DiffSummary = __esm({
  "src/lib/responses/DiffSummary.ts"() {
    "use strict";
    DiffSummary = class {
      constructor() {
        this.changed = 0;
        this.deletions = 0;
        this.insertions = 0;
        this.files = [];
      }
    };
  }
});
function getDiffParser(format = "") {
  const parser4 = diffSummaryParsers[format];
  return (stdOut) => parseStringResponse(new DiffSummary(), parser4, stdOut, false);
}
var statParser;
var numStatParser;
var nameOnlyParser;
var nameStatusParser;
var diffSummaryParsers;
var init_parse_diff_summary = __esm({
  "src/lib/parsers/parse-diff-summary.ts"() {
    "use strict";
    init_log_format();
    init_DiffSummary();
    init_diff_name_status();
    init_utils();
    statParser = [
      new LineParser(
        /^(.+)\s+\|\s+(\d+)(\s+[+\-]+)?$/,
        (result, [file, changes, alterations = ""]) => {
          result.files.push({
            file: file.trim(),
            changes: asNumber(changes),
            insertions: alterations.replace(/[^+]/g, "").length,
            deletions: alterations.replace(/[^-]/g, "").length,
            binary: false
          });
        }
      ),
      new LineParser(
        /^(.+) \|\s+Bin ([0-9.]+) -> ([0-9.]+) ([a-z]+)/,
        (result, [file, before, after]) => {
          result.files.push({
            file: file.trim(),
            before: asNumber(before),
            after: asNumber(after),
            binary: true
          });
        }
      ),
      new LineParser(
        /(\d+) files? changed\s*((?:, \d+ [^,]+){0,2})/,
        (result, [changed, summary]) => {
          const inserted = /(\d+) i/.exec(summary);
          const deleted = /(\d+) d/.exec(summary);
          result.changed = asNumber(changed);
          result.insertions = asNumber(inserted?.[1]);
          result.deletions = asNumber(deleted?.[1]);
        }
      )
    ];
    numStatParser = [
      new LineParser(
        /(\d+)\t(\d+)\t(.+)$/,
        (result, [changesInsert, changesDelete, file]) => {
          const insertions = asNumber(changesInsert);
          const deletions = asNumber(changesDelete);
          result.changed++;
          result.insertions += insertions;
          result.deletions += deletions;
          result.files.push({
            file,
            changes: insertions + deletions,
            insertions,
            deletions,
            binary: false
          });
        }
      ),
      new LineParser(/-\t-\t(.+)$/, (result, [file]) => {
        result.changed++;
        result.files.push({
          file,
          after: 0,
          before: 0,
          binary: true
        });
      })
    ];
    nameOnlyParser = [
      new LineParser(/(.+)$/, (result, [file]) => {
        result.changed++;
        result.files.push({
          file,
          changes: 0,
          insertions: 0,
          deletions: 0,
          binary: false
        });
      })
    ];
    nameStatusParser = [
      new LineParser(
        /([ACDMRTUXB])([0-9]{0,3})\t(.[^\t]*)(\t(.[^\t]*))?$/,
        (result, [status, similarity, from, _to, to]) => {
          result.changed++;
          result.files.push({
            file: to ?? from,
            changes: 0,
            insertions: 0,
            deletions: 0,
            binary: false,
            status: orVoid(isDiffNameStatus(status) && status),
            from: orVoid(!!to && from !== to && from),
            similarity: asNumber(similarity)
          });
        }
      )
    ];
    diffSummaryParsers = {
      [
        ""
        /* NONE */
      ]: statParser,
      [
        "--stat"
        /* STAT */
      ]: statParser,
      [
        "--numstat"
        /* NUM_STAT */
      ]: numStatParser,
      [
        "--name-status"
        /* NAME_STATUS */
      ]: nameStatusParser,
      [
        "--name-only"
        /* NAME_ONLY */
      ]: nameOnlyParser
    };
  }
});
function lineBuilder(tokens, fields) {
  return fields.reduce(
    (line, field, index) => {
      line[field] = tokens[index] || "";
      return line;
    },
    /* @__PURE__ */ Object.create({ diff: null })
  );
}
function createListLogSummaryParser(splitter = SPLITTER, fields = defaultFieldNames, logFormat = "") {
  const parseDiffResult = getDiffParser(logFormat);
  return function(stdOut) {
    const all = toLinesWithContent(
      stdOut.trim(),
      false,
      START_BOUNDARY
    ).map(function(item) {
      const lineDetail = item.split(COMMIT_BOUNDARY);
      const listLogLine = lineBuilder(lineDetail[0].split(splitter), fields);
      if (lineDetail.length > 1 && !!lineDetail[1].trim()) {
        listLogLine.diff = parseDiffResult(lineDetail[1]);
      }
      return listLogLine;
    });
    return {
      all,
      latest: all.length && all[0] || null,
      total: all.length
    };
  };
}
var START_BOUNDARY;
var COMMIT_BOUNDARY;
var SPLITTER;
var defaultFieldNames;
var init_parse_list_log_summary = __esm({
  "src/lib/parsers/parse-list-log-summary.ts"() {
    "use strict";
    init_utils();
    init_parse_diff_summary();
    init_log_format();
    START_BOUNDARY = "òòòòòò ";
    COMMIT_BOUNDARY = " òò";
    SPLITTER = " ò ";
    defaultFieldNames = ["hash", "date", "message", "refs", "author_name", "author_email"];
  }
});
var diff_exports = {};
__export(diff_exports, {
  diffSummaryTask: () => diffSummaryTask,
  validateLogFormatConfig: () => validateLogFormatConfig
});
function diffSummaryTask(customArgs) {
  let logFormat = logFormatFromCommand(customArgs);
  const commands = ["diff"];
  if (logFormat === "") {
    logFormat = "--stat";
    commands.push("--stat=4096");
  }
  commands.push(...customArgs);
  return validateLogFormatConfig(commands) || {
    commands,
    format: "utf-8",
    parser: getDiffParser(logFormat)
  };
}
function validateLogFormatConfig(customArgs) {
  const flags = customArgs.filter(isLogFormat);
  if (flags.length > 1) {
    return configurationErrorTask(
      `Summary flags are mutually exclusive - pick one of ${flags.join(",")}`
    );
  }
  if (flags.length && customArgs.includes("-z")) {
    return configurationErrorTask(
      `Summary flag ${flags} parsing is not compatible with null termination option '-z'`
    );
  }
}
var init_diff = __esm({
  "src/lib/tasks/diff.ts"() {
    "use strict";
    init_log_format();
    init_parse_diff_summary();
    init_task();
  }
});
function prettyFormat(format, splitter) {
  const fields = [];
  const formatStr = [];
  Object.keys(format).forEach((field) => {
    fields.push(field);
    formatStr.push(String(format[field]));
  });
  return [fields, formatStr.join(splitter)];
}
function userOptions(input) {
  return Object.keys(input).reduce((out, key) => {
    if (!(key in excludeOptions)) {
      out[key] = input[key];
    }
    return out;
  }, {});
}
function parseLogOptions(opt = {}, customArgs = []) {
  const splitter = filterType(opt.splitter, filterString, SPLITTER);
  const format = filterPlainObject(opt.format) ? opt.format : {
    hash: "%H",
    date: opt.strictDate === false ? "%ai" : "%aI",
    message: "%s",
    refs: "%D",
    body: opt.multiLine ? "%B" : "%b",
    author_name: opt.mailMap !== false ? "%aN" : "%an",
    author_email: opt.mailMap !== false ? "%aE" : "%ae"
  };
  const [fields, formatStr] = prettyFormat(format, splitter);
  const suffix = [];
  const command = [
    `--pretty=format:${START_BOUNDARY}${formatStr}${COMMIT_BOUNDARY}`,
    ...customArgs
  ];
  const maxCount = opt.n || opt["max-count"] || opt.maxCount;
  if (maxCount) {
    command.push(`--max-count=${maxCount}`);
  }
  if (opt.from || opt.to) {
    const rangeOperator = opt.symmetric !== false ? "..." : "..";
    suffix.push(`${opt.from || ""}${rangeOperator}${opt.to || ""}`);
  }
  if (filterString(opt.file)) {
    command.push("--follow", c(opt.file));
  }
  appendTaskOptions(userOptions(opt), command);
  return {
    fields,
    splitter,
    commands: [...command, ...suffix]
  };
}
function logTask(splitter, fields, customArgs) {
  const parser4 = createListLogSummaryParser(splitter, fields, logFormatFromCommand(customArgs));
  return {
    commands: ["log", ...customArgs],
    format: "utf-8",
    parser: parser4
  };
}
function log_default() {
  return {
    log(...rest) {
      const next = trailingFunctionArgument(arguments);
      const options = parseLogOptions(
        trailingOptionsArgument(arguments),
        asStringArray(filterType(arguments[0], filterArray, []))
      );
      const task = rejectDeprecatedSignatures(...rest) || validateLogFormatConfig(options.commands) || createLogTask(options);
      return this._runTask(task, next);
    }
  };
  function createLogTask(options) {
    return logTask(options.splitter, options.fields, options.commands);
  }
  function rejectDeprecatedSignatures(from, to) {
    return filterString(from) && filterString(to) && configurationErrorTask(
      `git.log(string, string) should be replaced with git.log({ from: string, to: string })`
    );
  }
}
var excludeOptions;
var init_log = __esm({
  "src/lib/tasks/log.ts"() {
    "use strict";
    init_log_format();
    init_parse_list_log_summary();
    init_utils();
    init_task();
    init_diff();
    excludeOptions = /* @__PURE__ */ ((excludeOptions2) => {
      excludeOptions2[excludeOptions2["--pretty"] = 0] = "--pretty";
      excludeOptions2[excludeOptions2["max-count"] = 1] = "max-count";
      excludeOptions2[excludeOptions2["maxCount"] = 2] = "maxCount";
      excludeOptions2[excludeOptions2["n"] = 3] = "n";
      excludeOptions2[excludeOptions2["file"] = 4] = "file";
      excludeOptions2[excludeOptions2["format"] = 5] = "format";
      excludeOptions2[excludeOptions2["from"] = 6] = "from";
      excludeOptions2[excludeOptions2["to"] = 7] = "to";
      excludeOptions2[excludeOptions2["splitter"] = 8] = "splitter";
      excludeOptions2[excludeOptions2["symmetric"] = 9] = "symmetric";
      excludeOptions2[excludeOptions2["mailMap"] = 10] = "mailMap";
      excludeOptions2[excludeOptions2["multiLine"] = 11] = "multiLine";
      excludeOptions2[excludeOptions2["strictDate"] = 12] = "strictDate";
      return excludeOptions2;
    })(excludeOptions || {});
  }
});
var MergeSummaryConflict;
var MergeSummaryDetail;
var init_MergeSummary = __esm({
  "src/lib/responses/MergeSummary.ts"() {
    "use strict";
    MergeSummaryConflict = class {
      constructor(reason, file = null, meta) {
        this.reason = reason;
        this.file = file;
        this.meta = meta;
      }
      toString() {
        return `${this.file}:${this.reason}`;
      }
    };
    MergeSummaryDetail = class {
      constructor() {
        this.conflicts = [];
        this.merges = [];
        this.result = "success";
      }
      get failed() {
        return this.conflicts.length > 0;
      }
      get reason() {
        return this.result;
      }
      toString() {
        if (this.conflicts.length) {
          return `CONFLICTS: ${this.conflicts.join(", ")}`;
        }
        return "OK";
      }
    };
  }
});
var PullSummary;
var PullFailedSummary;
var init_PullSummary = __esm({
  "src/lib/responses/PullSummary.ts"() {
    "use strict";
    PullSummary = class {
      constructor() {
        this.remoteMessages = {
          all: []
        };
        this.created = [];
        this.deleted = [];
        this.files = [];
        this.deletions = {};
        this.insertions = {};
        this.summary = {
          changes: 0,
          deletions: 0,
          insertions: 0
        };
      }
    };
    PullFailedSummary = class {
      constructor() {
        this.remote = "";
        this.hash = {
          local: "",
          remote: ""
        };
        this.branch = {
          local: "",
          remote: ""
        };
        this.message = "";
      }
      toString() {
        return this.message;
      }
    };
  }
});
function objectEnumerationResult(remoteMessages) {
  return remoteMessages.objects = remoteMessages.objects || {
    compressing: 0,
    counting: 0,
    enumerating: 0,
    packReused: 0,
    reused: { count: 0, delta: 0 },
    total: { count: 0, delta: 0 }
  };
}
function asObjectCount(source) {
  const count = /^\s*(\d+)/.exec(source);
  const delta = /delta (\d+)/i.exec(source);
  return {
    count: asNumber(count && count[1] || "0"),
    delta: asNumber(delta && delta[1] || "0")
  };
}
var remoteMessagesObjectParsers;
var init_parse_remote_objects = __esm({
  "src/lib/parsers/parse-remote-objects.ts"() {
    "use strict";
    init_utils();
    remoteMessagesObjectParsers = [
      new RemoteLineParser(
        /^remote:\s*(enumerating|counting|compressing) objects: (\d+),/i,
        (result, [action, count]) => {
          const key = action.toLowerCase();
          const enumeration = objectEnumerationResult(result.remoteMessages);
          Object.assign(enumeration, { [key]: asNumber(count) });
        }
      ),
      new RemoteLineParser(
        /^remote:\s*(enumerating|counting|compressing) objects: \d+% \(\d+\/(\d+)\),/i,
        (result, [action, count]) => {
          const key = action.toLowerCase();
          const enumeration = objectEnumerationResult(result.remoteMessages);
          Object.assign(enumeration, { [key]: asNumber(count) });
        }
      ),
      new RemoteLineParser(
        /total ([^,]+), reused ([^,]+), pack-reused (\d+)/i,
        (result, [total, reused, packReused]) => {
          const objects = objectEnumerationResult(result.remoteMessages);
          objects.total = asObjectCount(total);
          objects.reused = asObjectCount(reused);
          objects.packReused = asNumber(packReused);
        }
      )
    ];
  }
});
function parseRemoteMessages(_stdOut, stdErr) {
  return parseStringResponse({ remoteMessages: new RemoteMessageSummary() }, parsers2, stdErr);
}
var parsers2;
var RemoteMessageSummary;
var init_parse_remote_messages = __esm({
  "src/lib/parsers/parse-remote-messages.ts"() {
    "use strict";
    init_utils();
    init_parse_remote_objects();
    parsers2 = [
      new RemoteLineParser(/^remote:\s*(.+)$/, (result, [text]) => {
        result.remoteMessages.all.push(text.trim());
        return false;
      }),
      ...remoteMessagesObjectParsers,
      new RemoteLineParser(
        [/create a (?:pull|merge) request/i, /\s(https?:\/\/\S+)$/],
        (result, [pullRequestUrl]) => {
          result.remoteMessages.pullRequestUrl = pullRequestUrl;
        }
      ),
      new RemoteLineParser(
        [/found (\d+) vulnerabilities.+\(([^)]+)\)/i, /\s(https?:\/\/\S+)$/],
        (result, [count, summary, url]) => {
          result.remoteMessages.vulnerabilities = {
            count: asNumber(count),
            summary,
            url
          };
        }
      )
    ];
    RemoteMessageSummary = class {
      constructor() {
        this.all = [];
      }
    };
  }
});
function parsePullErrorResult(stdOut, stdErr) {
  const pullError = parseStringResponse(new PullFailedSummary(), errorParsers, [stdOut, stdErr]);
  return pullError.message && pullError;
}
var FILE_UPDATE_REGEX;
var SUMMARY_REGEX;
var ACTION_REGEX;
var parsers3;
var errorParsers;
var parsePullDetail;
var parsePullResult;
var init_parse_pull = __esm({
  "src/lib/parsers/parse-pull.ts"() {
    "use strict";
    init_PullSummary();
    init_utils();
    init_parse_remote_messages();
    FILE_UPDATE_REGEX = /^\s*(.+?)\s+\|\s+\d+\s*(\+*)(-*)/;
    SUMMARY_REGEX = /(\d+)\D+((\d+)\D+\(\+\))?(\D+(\d+)\D+\(-\))?/;
    ACTION_REGEX = /^(create|delete) mode \d+ (.+)/;
    parsers3 = [
      new LineParser(FILE_UPDATE_REGEX, (result, [file, insertions, deletions]) => {
        result.files.push(file);
        if (insertions) {
          result.insertions[file] = insertions.length;
        }
        if (deletions) {
          result.deletions[file] = deletions.length;
        }
      }),
      new LineParser(SUMMARY_REGEX, (result, [changes, , insertions, , deletions]) => {
        if (insertions !== void 0 || deletions !== void 0) {
          result.summary.changes = +changes || 0;
          result.summary.insertions = +insertions || 0;
          result.summary.deletions = +deletions || 0;
          return true;
        }
        return false;
      }),
      new LineParser(ACTION_REGEX, (result, [action, file]) => {
        append(result.files, file);
        append(action === "create" ? result.created : result.deleted, file);
      })
    ];
    errorParsers = [
      new LineParser(/^from\s(.+)$/i, (result, [remote]) => void (result.remote = remote)),
      new LineParser(/^fatal:\s(.+)$/, (result, [message]) => void (result.message = message)),
      new LineParser(
        /([a-z0-9]+)\.\.([a-z0-9]+)\s+(\S+)\s+->\s+(\S+)$/,
        (result, [hashLocal, hashRemote, branchLocal, branchRemote]) => {
          result.branch.local = branchLocal;
          result.hash.local = hashLocal;
          result.branch.remote = branchRemote;
          result.hash.remote = hashRemote;
        }
      )
    ];
    parsePullDetail = (stdOut, stdErr) => {
      return parseStringResponse(new PullSummary(), parsers3, [stdOut, stdErr]);
    };
    parsePullResult = (stdOut, stdErr) => {
      return Object.assign(
        new PullSummary(),
        parsePullDetail(stdOut, stdErr),
        parseRemoteMessages(stdOut, stdErr)
      );
    };
  }
});
var parsers4;
var parseMergeResult;
var parseMergeDetail;
var init_parse_merge = __esm({
  "src/lib/parsers/parse-merge.ts"() {
    "use strict";
    init_MergeSummary();
    init_utils();
    init_parse_pull();
    parsers4 = [
      new LineParser(/^Auto-merging\s+(.+)$/, (summary, [autoMerge]) => {
        summary.merges.push(autoMerge);
      }),
      new LineParser(/^CONFLICT\s+\((.+)\): Merge conflict in (.+)$/, (summary, [reason, file]) => {
        summary.conflicts.push(new MergeSummaryConflict(reason, file));
      }),
      new LineParser(
        /^CONFLICT\s+\((.+\/delete)\): (.+) deleted in (.+) and/,
        (summary, [reason, file, deleteRef]) => {
          summary.conflicts.push(new MergeSummaryConflict(reason, file, { deleteRef }));
        }
      ),
      new LineParser(/^CONFLICT\s+\((.+)\):/, (summary, [reason]) => {
        summary.conflicts.push(new MergeSummaryConflict(reason, null));
      }),
      new LineParser(/^Automatic merge failed;\s+(.+)$/, (summary, [result]) => {
        summary.result = result;
      })
    ];
    parseMergeResult = (stdOut, stdErr) => {
      return Object.assign(parseMergeDetail(stdOut, stdErr), parsePullResult(stdOut, stdErr));
    };
    parseMergeDetail = (stdOut) => {
      return parseStringResponse(new MergeSummaryDetail(), parsers4, stdOut);
    };
  }
});
function mergeTask(customArgs) {
  if (!customArgs.length) {
    return configurationErrorTask("Git.merge requires at least one option");
  }
  return {
    commands: ["merge", ...customArgs],
    format: "utf-8",
    parser(stdOut, stdErr) {
      const merge2 = parseMergeResult(stdOut, stdErr);
      if (merge2.failed) {
        throw new GitResponseError(merge2);
      }
      return merge2;
    }
  };
}
var init_merge = __esm({
  "src/lib/tasks/merge.ts"() {
    "use strict";
    init_git_response_error();
    init_parse_merge();
    init_task();
  }
});
function pushResultPushedItem(local, remote, status) {
  const deleted = status.includes("deleted");
  const tag = status.includes("tag") || /^refs\/tags/.test(local);
  const alreadyUpdated = !status.includes("new");
  return {
    deleted,
    tag,
    branch: !tag,
    new: !alreadyUpdated,
    alreadyUpdated,
    local,
    remote
  };
}
var parsers5;
var parsePushResult;
var parsePushDetail;
var init_parse_push = __esm({
  "src/lib/parsers/parse-push.ts"() {
    "use strict";
    init_utils();
    init_parse_remote_messages();
    parsers5 = [
      new LineParser(/^Pushing to (.+)$/, (result, [repo]) => {
        result.repo = repo;
      }),
      new LineParser(/^updating local tracking ref '(.+)'/, (result, [local]) => {
        result.ref = {
          ...result.ref || {},
          local
        };
      }),
      new LineParser(/^[=*-]\s+([^:]+):(\S+)\s+\[(.+)]$/, (result, [local, remote, type]) => {
        result.pushed.push(pushResultPushedItem(local, remote, type));
      }),
      new LineParser(
        /^Branch '([^']+)' set up to track remote branch '([^']+)' from '([^']+)'/,
        (result, [local, remote, remoteName]) => {
          result.branch = {
            ...result.branch || {},
            local,
            remote,
            remoteName
          };
        }
      ),
      new LineParser(
        /^([^:]+):(\S+)\s+([a-z0-9]+)\.\.([a-z0-9]+)$/,
        (result, [local, remote, from, to]) => {
          result.update = {
            head: {
              local,
              remote
            },
            hash: {
              from,
              to
            }
          };
        }
      )
    ];
    parsePushResult = (stdOut, stdErr) => {
      const pushDetail = parsePushDetail(stdOut, stdErr);
      const responseDetail = parseRemoteMessages(stdOut, stdErr);
      return {
        ...pushDetail,
        ...responseDetail
      };
    };
    parsePushDetail = (stdOut, stdErr) => {
      return parseStringResponse({ pushed: [] }, parsers5, [stdOut, stdErr]);
    };
  }
});
var push_exports = {};
__export(push_exports, {
  pushTagsTask: () => pushTagsTask,
  pushTask: () => pushTask
});
function pushTagsTask(ref = {}, customArgs) {
  append(customArgs, "--tags");
  return pushTask(ref, customArgs);
}
function pushTask(ref = {}, customArgs) {
  const commands = ["push", ...customArgs];
  if (ref.branch) {
    commands.splice(1, 0, ref.branch);
  }
  if (ref.remote) {
    commands.splice(1, 0, ref.remote);
  }
  remove(commands, "-v");
  append(commands, "--verbose");
  append(commands, "--porcelain");
  return {
    commands,
    format: "utf-8",
    parser: parsePushResult
  };
}
var init_push = __esm({
  "src/lib/tasks/push.ts"() {
    "use strict";
    init_parse_push();
    init_utils();
  }
});
function show_default() {
  return {
    showBuffer() {
      const commands = ["show", ...getTrailingOptions(arguments, 1)];
      if (!commands.includes("--binary")) {
        commands.splice(1, 0, "--binary");
      }
      return this._runTask(
        straightThroughBufferTask(commands),
        trailingFunctionArgument(arguments)
      );
    },
    show() {
      const commands = ["show", ...getTrailingOptions(arguments, 1)];
      return this._runTask(
        straightThroughStringTask(commands),
        trailingFunctionArgument(arguments)
      );
    }
  };
}
var init_show = __esm({
  "src/lib/tasks/show.ts"() {
    "use strict";
    init_utils();
    init_task();
  }
});
var fromPathRegex;
var FileStatusSummary;
var init_FileStatusSummary = __esm({
  "src/lib/responses/FileStatusSummary.ts"() {
    "use strict";
    fromPathRegex = /^(.+)\0(.+)$/;
    FileStatusSummary = class {
      constructor(path, index, working_dir) {
        this.path = path;
        this.index = index;
        this.working_dir = working_dir;
        if (index === "R" || working_dir === "R") {
          const detail = fromPathRegex.exec(path) || [null, path, path];
          this.from = detail[2] || "";
          this.path = detail[1] || "";
        }
      }
    };
  }
});
function renamedFile(line) {
  const [to, from] = line.split(NULL);
  return {
    from: from || to,
    to
  };
}
function parser3(indexX, indexY, handler) {
  return [`${indexX}${indexY}`, handler];
}
function conflicts(indexX, ...indexY) {
  return indexY.map((y2) => parser3(indexX, y2, (result, file) => result.conflicted.push(file)));
}
function splitLine(result, lineStr) {
  const trimmed2 = lineStr.trim();
  switch (" ") {
    case trimmed2.charAt(2):
      return data(trimmed2.charAt(0), trimmed2.charAt(1), trimmed2.slice(3));
    case trimmed2.charAt(1):
      return data(" ", trimmed2.charAt(0), trimmed2.slice(2));
    default:
      return;
  }
  function data(index, workingDir, path) {
    const raw = `${index}${workingDir}`;
    const handler = parsers6.get(raw);
    if (handler) {
      handler(result, path);
    }
    if (raw !== "##" && raw !== "!!") {
      result.files.push(new FileStatusSummary(path, index, workingDir));
    }
  }
}
var StatusSummary;
var parsers6;
var parseStatusSummary;
var init_StatusSummary = __esm({
  "src/lib/responses/StatusSummary.ts"() {
    "use strict";
    init_utils();
    init_FileStatusSummary();
    StatusSummary = class {
      constructor() {
        this.not_added = [];
        this.conflicted = [];
        this.created = [];
        this.deleted = [];
        this.ignored = void 0;
        this.modified = [];
        this.renamed = [];
        this.files = [];
        this.staged = [];
        this.ahead = 0;
        this.behind = 0;
        this.current = null;
        this.tracking = null;
        this.detached = false;
        this.isClean = () => {
          return !this.files.length;
        };
      }
    };
    parsers6 = new Map([
      parser3(
        " ",
        "A",
        (result, file) => result.created.push(file)
      ),
      parser3(
        " ",
        "D",
        (result, file) => result.deleted.push(file)
      ),
      parser3(
        " ",
        "M",
        (result, file) => result.modified.push(file)
      ),
      parser3("A", " ", (result, file) => {
        result.created.push(file);
        result.staged.push(file);
      }),
      parser3("A", "M", (result, file) => {
        result.created.push(file);
        result.staged.push(file);
        result.modified.push(file);
      }),
      parser3("D", " ", (result, file) => {
        result.deleted.push(file);
        result.staged.push(file);
      }),
      parser3("M", " ", (result, file) => {
        result.modified.push(file);
        result.staged.push(file);
      }),
      parser3("M", "M", (result, file) => {
        result.modified.push(file);
        result.staged.push(file);
      }),
      parser3("R", " ", (result, file) => {
        result.renamed.push(renamedFile(file));
      }),
      parser3("R", "M", (result, file) => {
        const renamed = renamedFile(file);
        result.renamed.push(renamed);
        result.modified.push(renamed.to);
      }),
      parser3("!", "!", (_result, _file) => {
        (_result.ignored = _result.ignored || []).push(_file);
      }),
      parser3(
        "?",
        "?",
        (result, file) => result.not_added.push(file)
      ),
      ...conflicts(
        "A",
        "A",
        "U"
        /* UNMERGED */
      ),
      ...conflicts(
        "D",
        "D",
        "U"
        /* UNMERGED */
      ),
      ...conflicts(
        "U",
        "A",
        "D",
        "U"
        /* UNMERGED */
      ),
      [
        "##",
        (result, line) => {
          const aheadReg = /ahead (\d+)/;
          const behindReg = /behind (\d+)/;
          const currentReg = /^(.+?(?=(?:\.{3}|\s|$)))/;
          const trackingReg = /\.{3}(\S*)/;
          const onEmptyBranchReg = /\son\s(\S+?)(?=\.{3}|$)/;
          let regexResult = aheadReg.exec(line);
          result.ahead = regexResult && +regexResult[1] || 0;
          regexResult = behindReg.exec(line);
          result.behind = regexResult && +regexResult[1] || 0;
          regexResult = currentReg.exec(line);
          result.current = filterType(regexResult?.[1], filterString, null);
          regexResult = trackingReg.exec(line);
          result.tracking = filterType(regexResult?.[1], filterString, null);
          regexResult = onEmptyBranchReg.exec(line);
          if (regexResult) {
            result.current = filterType(regexResult?.[1], filterString, result.current);
          }
          result.detached = /\(no branch\)/.test(line);
        }
      ]
    ]);
    parseStatusSummary = function(text) {
      const lines = text.split(NULL);
      const status = new StatusSummary();
      for (let i2 = 0, l = lines.length; i2 < l; ) {
        let line = lines[i2++].trim();
        if (!line) {
          continue;
        }
        if (line.charAt(0) === "R") {
          line += NULL + (lines[i2++] || "");
        }
        splitLine(status, line);
      }
      return status;
    };
  }
});
function statusTask(customArgs) {
  const commands = [
    "status",
    "--porcelain",
    "-b",
    "-u",
    "--null",
    ...customArgs.filter((arg) => !ignoredOptions.includes(arg))
  ];
  return {
    format: "utf-8",
    commands,
    parser(text) {
      return parseStatusSummary(text);
    }
  };
}
var ignoredOptions;
var init_status = __esm({
  "src/lib/tasks/status.ts"() {
    "use strict";
    init_StatusSummary();
    ignoredOptions = ["--null", "-z"];
  }
});
function versionResponse(major = 0, minor = 0, patch = 0, agent = "", installed = true) {
  return Object.defineProperty(
    {
      major,
      minor,
      patch,
      agent,
      installed
    },
    "toString",
    {
      value() {
        return `${this.major}.${this.minor}.${this.patch}`;
      },
      configurable: false,
      enumerable: false
    }
  );
}
function notInstalledResponse() {
  return versionResponse(0, 0, 0, "", false);
}
function version_default() {
  return {
    version() {
      return this._runTask({
        commands: ["--version"],
        format: "utf-8",
        parser: versionParser,
        onError(result, error, done, fail) {
          if (result.exitCode === -2) {
            return done(Buffer.from(NOT_INSTALLED));
          }
          fail(error);
        }
      });
    }
  };
}
function versionParser(stdOut) {
  if (stdOut === NOT_INSTALLED) {
    return notInstalledResponse();
  }
  return parseStringResponse(versionResponse(0, 0, 0, stdOut), parsers7, stdOut);
}
var NOT_INSTALLED;
var parsers7;
var init_version = __esm({
  "src/lib/tasks/version.ts"() {
    "use strict";
    init_utils();
    NOT_INSTALLED = "installed=false";
    parsers7 = [
      new LineParser(
        /version (\d+)\.(\d+)\.(\d+)(?:\s*\((.+)\))?/,
        (result, [major, minor, patch, agent = ""]) => {
          Object.assign(
            result,
            versionResponse(asNumber(major), asNumber(minor), asNumber(patch), agent)
          );
        }
      ),
      new LineParser(
        /version (\d+)\.(\d+)\.(\D+)(.+)?$/,
        (result, [major, minor, patch, agent = ""]) => {
          Object.assign(result, versionResponse(asNumber(major), asNumber(minor), patch, agent));
        }
      )
    ];
  }
});
function createCloneTask(api, task, repoPath, ...args) {
  if (!filterString(repoPath)) {
    return configurationErrorTask(`git.${api}() requires a string 'repoPath'`);
  }
  return task(repoPath, filterType(args[0], filterString), getTrailingOptions(arguments));
}
function clone_default() {
  return {
    clone(repo, ...rest) {
      return this._runTask(
        createCloneTask("clone", cloneTask, filterType(repo, filterString), ...rest),
        trailingFunctionArgument(arguments)
      );
    },
    mirror(repo, ...rest) {
      return this._runTask(
        createCloneTask("mirror", cloneMirrorTask, filterType(repo, filterString), ...rest),
        trailingFunctionArgument(arguments)
      );
    }
  };
}
var cloneTask;
var cloneMirrorTask;
var init_clone = __esm({
  "src/lib/tasks/clone.ts"() {
    "use strict";
    init_task();
    init_utils();
    cloneTask = (repo, directory, customArgs) => {
      const commands = ["clone", ...customArgs];
      filterString(repo) && commands.push(c(repo));
      filterString(directory) && commands.push(c(directory));
      return straightThroughStringTask(commands);
    };
    cloneMirrorTask = (repo, directory, customArgs) => {
      append(customArgs, "--mirror");
      return cloneTask(repo, directory, customArgs);
    };
  }
});
var simple_git_api_exports = {};
__export(simple_git_api_exports, {
  SimpleGitApi: () => SimpleGitApi
});
var SimpleGitApi;
var init_simple_git_api = __esm({
  "src/lib/simple-git-api.ts"() {
    "use strict";
    init_task_callback();
    init_change_working_directory();
    init_checkout();
    init_count_objects();
    init_commit();
    init_config();
    init_first_commit();
    init_grep();
    init_hash_object();
    init_init();
    init_log();
    init_merge();
    init_push();
    init_show();
    init_status();
    init_task();
    init_version();
    init_utils();
    init_clone();
    SimpleGitApi = class {
      constructor(_executor) {
        this._executor = _executor;
      }
      _runTask(task, then) {
        const chain = this._executor.chain();
        const promise = chain.push(task);
        if (then) {
          taskCallback(task, promise, then);
        }
        return Object.create(this, {
          then: { value: promise.then.bind(promise) },
          catch: { value: promise.catch.bind(promise) },
          _executor: { value: chain }
        });
      }
      add(files) {
        return this._runTask(
          straightThroughStringTask(["add", ...asArray(files)]),
          trailingFunctionArgument(arguments)
        );
      }
      cwd(directory) {
        const next = trailingFunctionArgument(arguments);
        if (typeof directory === "string") {
          return this._runTask(changeWorkingDirectoryTask(directory, this._executor), next);
        }
        if (typeof directory?.path === "string") {
          return this._runTask(
            changeWorkingDirectoryTask(
              directory.path,
              directory.root && this._executor || void 0
            ),
            next
          );
        }
        return this._runTask(
          configurationErrorTask("Git.cwd: workingDirectory must be supplied as a string"),
          next
        );
      }
      hashObject(path, write) {
        return this._runTask(
          hashObjectTask(path, write === true),
          trailingFunctionArgument(arguments)
        );
      }
      init(bare) {
        return this._runTask(
          initTask(bare === true, this._executor.cwd, getTrailingOptions(arguments)),
          trailingFunctionArgument(arguments)
        );
      }
      merge() {
        return this._runTask(
          mergeTask(getTrailingOptions(arguments)),
          trailingFunctionArgument(arguments)
        );
      }
      mergeFromTo(remote, branch) {
        if (!(filterString(remote) && filterString(branch))) {
          return this._runTask(
            configurationErrorTask(
              `Git.mergeFromTo requires that the 'remote' and 'branch' arguments are supplied as strings`
            )
          );
        }
        return this._runTask(
          mergeTask([remote, branch, ...getTrailingOptions(arguments)]),
          trailingFunctionArgument(arguments, false)
        );
      }
      outputHandler(handler) {
        this._executor.outputHandler = handler;
        return this;
      }
      push() {
        const task = pushTask(
          {
            remote: filterType(arguments[0], filterString),
            branch: filterType(arguments[1], filterString)
          },
          getTrailingOptions(arguments)
        );
        return this._runTask(task, trailingFunctionArgument(arguments));
      }
      stash() {
        return this._runTask(
          straightThroughStringTask(["stash", ...getTrailingOptions(arguments)]),
          trailingFunctionArgument(arguments)
        );
      }
      status() {
        return this._runTask(
          statusTask(getTrailingOptions(arguments)),
          trailingFunctionArgument(arguments)
        );
      }
    };
    Object.assign(
      SimpleGitApi.prototype,
      checkout_default(),
      clone_default(),
      commit_default(),
      config_default(),
      count_objects_default(),
      first_commit_default(),
      grep_default(),
      log_default(),
      show_default(),
      version_default()
    );
  }
});
var scheduler_exports = {};
__export(scheduler_exports, {
  Scheduler: () => Scheduler
});
var createScheduledTask;
var Scheduler;
var init_scheduler = __esm({
  "src/lib/runners/scheduler.ts"() {
    "use strict";
    init_utils();
    init_git_logger();
    createScheduledTask = /* @__PURE__ */ (() => {
      let id = 0;
      return () => {
        id++;
        const { promise, done } = (0, import_promise_deferred.createDeferred)();
        return {
          promise,
          done,
          id
        };
      };
    })();
    Scheduler = class {
      constructor(concurrency = 2) {
        this.concurrency = concurrency;
        this.logger = createLogger("", "scheduler");
        this.pending = [];
        this.running = [];
        this.logger(`Constructed, concurrency=%s`, concurrency);
      }
      schedule() {
        if (!this.pending.length || this.running.length >= this.concurrency) {
          this.logger(
            `Schedule attempt ignored, pending=%s running=%s concurrency=%s`,
            this.pending.length,
            this.running.length,
            this.concurrency
          );
          return;
        }
        const task = append(this.running, this.pending.shift());
        this.logger(`Attempting id=%s`, task.id);
        task.done(() => {
          this.logger(`Completing id=`, task.id);
          remove(this.running, task);
          this.schedule();
        });
      }
      next() {
        const { promise, id } = append(this.pending, createScheduledTask());
        this.logger(`Scheduling id=%s`, id);
        this.schedule();
        return promise;
      }
    };
  }
});
var apply_patch_exports = {};
__export(apply_patch_exports, {
  applyPatchTask: () => applyPatchTask
});
function applyPatchTask(patches, customArgs) {
  return straightThroughStringTask(["apply", ...customArgs, ...patches]);
}
var init_apply_patch = __esm({
  "src/lib/tasks/apply-patch.ts"() {
    "use strict";
    init_task();
  }
});
function branchDeletionSuccess(branch, hash) {
  return {
    branch,
    hash,
    success: true
  };
}
function branchDeletionFailure(branch) {
  return {
    branch,
    hash: null,
    success: false
  };
}
var BranchDeletionBatch;
var init_BranchDeleteSummary = __esm({
  "src/lib/responses/BranchDeleteSummary.ts"() {
    "use strict";
    BranchDeletionBatch = class {
      constructor() {
        this.all = [];
        this.branches = {};
        this.errors = [];
      }
      get success() {
        return !this.errors.length;
      }
    };
  }
});
function hasBranchDeletionError(data, processExitCode) {
  return processExitCode === 1 && deleteErrorRegex.test(data);
}
var deleteSuccessRegex;
var deleteErrorRegex;
var parsers8;
var parseBranchDeletions;
var init_parse_branch_delete = __esm({
  "src/lib/parsers/parse-branch-delete.ts"() {
    "use strict";
    init_BranchDeleteSummary();
    init_utils();
    deleteSuccessRegex = /(\S+)\s+\(\S+\s([^)]+)\)/;
    deleteErrorRegex = /^error[^']+'([^']+)'/m;
    parsers8 = [
      new LineParser(deleteSuccessRegex, (result, [branch, hash]) => {
        const deletion = branchDeletionSuccess(branch, hash);
        result.all.push(deletion);
        result.branches[branch] = deletion;
      }),
      new LineParser(deleteErrorRegex, (result, [branch]) => {
        const deletion = branchDeletionFailure(branch);
        result.errors.push(deletion);
        result.all.push(deletion);
        result.branches[branch] = deletion;
      })
    ];
    parseBranchDeletions = (stdOut, stdErr) => {
      return parseStringResponse(new BranchDeletionBatch(), parsers8, [stdOut, stdErr]);
    };
  }
});
var BranchSummaryResult;
var init_BranchSummary = __esm({
  "src/lib/responses/BranchSummary.ts"() {
    "use strict";
    BranchSummaryResult = class {
      constructor() {
        this.all = [];
        this.branches = {};
        this.current = "";
        this.detached = false;
      }
      push(status, detached, name, commit, label) {
        if (status === "*") {
          this.detached = detached;
          this.current = name;
        }
        this.all.push(name);
        this.branches[name] = {
          current: status === "*",
          linkedWorkTree: status === "+",
          name,
          commit,
          label
        };
      }
    };
  }
});
function branchStatus(input) {
  return input ? input.charAt(0) : "";
}
function parseBranchSummary(stdOut, currentOnly = false) {
  return parseStringResponse(
    new BranchSummaryResult(),
    currentOnly ? [currentBranchParser] : parsers9,
    stdOut
  );
}
var parsers9;
var currentBranchParser;
var init_parse_branch = __esm({
  "src/lib/parsers/parse-branch.ts"() {
    "use strict";
    init_BranchSummary();
    init_utils();
    parsers9 = [
      new LineParser(
        /^([*+]\s)?\((?:HEAD )?detached (?:from|at) (\S+)\)\s+([a-z0-9]+)\s(.*)$/,
        (result, [current, name, commit, label]) => {
          result.push(branchStatus(current), true, name, commit, label);
        }
      ),
      new LineParser(
        /^([*+]\s)?(\S+)\s+([a-z0-9]+)\s?(.*)$/s,
        (result, [current, name, commit, label]) => {
          result.push(branchStatus(current), false, name, commit, label);
        }
      )
    ];
    currentBranchParser = new LineParser(/^(\S+)$/s, (result, [name]) => {
      result.push("*", false, name, "", "");
    });
  }
});
var branch_exports = {};
__export(branch_exports, {
  branchLocalTask: () => branchLocalTask,
  branchTask: () => branchTask,
  containsDeleteBranchCommand: () => containsDeleteBranchCommand,
  deleteBranchTask: () => deleteBranchTask,
  deleteBranchesTask: () => deleteBranchesTask
});
function containsDeleteBranchCommand(commands) {
  const deleteCommands = ["-d", "-D", "--delete"];
  return commands.some((command) => deleteCommands.includes(command));
}
function branchTask(customArgs) {
  const isDelete = containsDeleteBranchCommand(customArgs);
  const isCurrentOnly = customArgs.includes("--show-current");
  const commands = ["branch", ...customArgs];
  if (commands.length === 1) {
    commands.push("-a");
  }
  if (!commands.includes("-v")) {
    commands.splice(1, 0, "-v");
  }
  return {
    format: "utf-8",
    commands,
    parser(stdOut, stdErr) {
      if (isDelete) {
        return parseBranchDeletions(stdOut, stdErr).all[0];
      }
      return parseBranchSummary(stdOut, isCurrentOnly);
    }
  };
}
function branchLocalTask() {
  return {
    format: "utf-8",
    commands: ["branch", "-v"],
    parser(stdOut) {
      return parseBranchSummary(stdOut);
    }
  };
}
function deleteBranchesTask(branches, forceDelete = false) {
  return {
    format: "utf-8",
    commands: ["branch", "-v", forceDelete ? "-D" : "-d", ...branches],
    parser(stdOut, stdErr) {
      return parseBranchDeletions(stdOut, stdErr);
    },
    onError({ exitCode, stdOut }, error, done, fail) {
      if (!hasBranchDeletionError(String(error), exitCode)) {
        return fail(error);
      }
      done(stdOut);
    }
  };
}
function deleteBranchTask(branch, forceDelete = false) {
  const task = {
    format: "utf-8",
    commands: ["branch", "-v", forceDelete ? "-D" : "-d", branch],
    parser(stdOut, stdErr) {
      return parseBranchDeletions(stdOut, stdErr).branches[branch];
    },
    onError({ exitCode, stdErr, stdOut }, error, _2, fail) {
      if (!hasBranchDeletionError(String(error), exitCode)) {
        return fail(error);
      }
      throw new GitResponseError(
        task.parser(bufferToString(stdOut), bufferToString(stdErr)),
        String(error)
      );
    }
  };
  return task;
}
var init_branch = __esm({
  "src/lib/tasks/branch.ts"() {
    "use strict";
    init_git_response_error();
    init_parse_branch_delete();
    init_parse_branch();
    init_utils();
  }
});
function toPath(input) {
  const path = input.trim().replace(/^["']|["']$/g, "");
  return path && normalize(path);
}
var parseCheckIgnore;
var init_CheckIgnore = __esm({
  "src/lib/responses/CheckIgnore.ts"() {
    "use strict";
    parseCheckIgnore = (text) => {
      return text.split(/\n/g).map(toPath).filter(Boolean);
    };
  }
});
var check_ignore_exports = {};
__export(check_ignore_exports, {
  checkIgnoreTask: () => checkIgnoreTask
});
function checkIgnoreTask(paths) {
  return {
    commands: ["check-ignore", ...paths],
    format: "utf-8",
    parser: parseCheckIgnore
  };
}
var init_check_ignore = __esm({
  "src/lib/tasks/check-ignore.ts"() {
    "use strict";
    init_CheckIgnore();
  }
});
function parseFetchResult(stdOut, stdErr) {
  const result = {
    raw: stdOut,
    remote: null,
    branches: [],
    tags: [],
    updated: [],
    deleted: []
  };
  return parseStringResponse(result, parsers10, [stdOut, stdErr]);
}
var parsers10;
var init_parse_fetch = __esm({
  "src/lib/parsers/parse-fetch.ts"() {
    "use strict";
    init_utils();
    parsers10 = [
      new LineParser(/From (.+)$/, (result, [remote]) => {
        result.remote = remote;
      }),
      new LineParser(/\* \[new branch]\s+(\S+)\s*-> (.+)$/, (result, [name, tracking]) => {
        result.branches.push({
          name,
          tracking
        });
      }),
      new LineParser(/\* \[new tag]\s+(\S+)\s*-> (.+)$/, (result, [name, tracking]) => {
        result.tags.push({
          name,
          tracking
        });
      }),
      new LineParser(/- \[deleted]\s+\S+\s*-> (.+)$/, (result, [tracking]) => {
        result.deleted.push({
          tracking
        });
      }),
      new LineParser(
        /\s*([^.]+)\.\.(\S+)\s+(\S+)\s*-> (.+)$/,
        (result, [from, to, name, tracking]) => {
          result.updated.push({
            name,
            tracking,
            to,
            from
          });
        }
      )
    ];
  }
});
var fetch_exports = {};
__export(fetch_exports, {
  fetchTask: () => fetchTask
});
function disallowedCommand(command) {
  return /^--upload-pack(=|$)/.test(command);
}
function fetchTask(remote, branch, customArgs) {
  const commands = ["fetch", ...customArgs];
  if (remote && branch) {
    commands.push(remote, branch);
  }
  const banned = commands.find(disallowedCommand);
  if (banned) {
    return configurationErrorTask(`git.fetch: potential exploit argument blocked.`);
  }
  return {
    commands,
    format: "utf-8",
    parser: parseFetchResult
  };
}
var init_fetch = __esm({
  "src/lib/tasks/fetch.ts"() {
    "use strict";
    init_parse_fetch();
    init_task();
  }
});
function parseMoveResult(stdOut) {
  return parseStringResponse({ moves: [] }, parsers11, stdOut);
}
var parsers11;
var init_parse_move = __esm({
  "src/lib/parsers/parse-move.ts"() {
    "use strict";
    init_utils();
    parsers11 = [
      new LineParser(/^Renaming (.+) to (.+)$/, (result, [from, to]) => {
        result.moves.push({ from, to });
      })
    ];
  }
});
var move_exports = {};
__export(move_exports, {
  moveTask: () => moveTask
});
function moveTask(from, to) {
  return {
    commands: ["mv", "-v", ...asArray(from), to],
    format: "utf-8",
    parser: parseMoveResult
  };
}
var init_move = __esm({
  "src/lib/tasks/move.ts"() {
    "use strict";
    init_parse_move();
    init_utils();
  }
});
var pull_exports = {};
__export(pull_exports, {
  pullTask: () => pullTask
});
function pullTask(remote, branch, customArgs) {
  const commands = ["pull", ...customArgs];
  if (remote && branch) {
    commands.splice(1, 0, remote, branch);
  }
  return {
    commands,
    format: "utf-8",
    parser(stdOut, stdErr) {
      return parsePullResult(stdOut, stdErr);
    },
    onError(result, _error, _done, fail) {
      const pullError = parsePullErrorResult(
        bufferToString(result.stdOut),
        bufferToString(result.stdErr)
      );
      if (pullError) {
        return fail(new GitResponseError(pullError));
      }
      fail(_error);
    }
  };
}
var init_pull = __esm({
  "src/lib/tasks/pull.ts"() {
    "use strict";
    init_git_response_error();
    init_parse_pull();
    init_utils();
  }
});
function parseGetRemotes(text) {
  const remotes = {};
  forEach(text, ([name]) => remotes[name] = { name });
  return Object.values(remotes);
}
function parseGetRemotesVerbose(text) {
  const remotes = {};
  forEach(text, ([name, url, purpose]) => {
    if (!Object.hasOwn(remotes, name)) {
      remotes[name] = {
        name,
        refs: { fetch: "", push: "" }
      };
    }
    if (purpose && url) {
      remotes[name].refs[purpose.replace(/[^a-z]/g, "")] = url;
    }
  });
  return Object.values(remotes);
}
function forEach(text, handler) {
  forEachLineWithContent(text, (line) => handler(line.split(/\s+/)));
}
var init_GetRemoteSummary = __esm({
  "src/lib/responses/GetRemoteSummary.ts"() {
    "use strict";
    init_utils();
  }
});
var remote_exports = {};
__export(remote_exports, {
  addRemoteTask: () => addRemoteTask,
  getRemotesTask: () => getRemotesTask,
  listRemotesTask: () => listRemotesTask,
  remoteTask: () => remoteTask,
  removeRemoteTask: () => removeRemoteTask
});
function addRemoteTask(remoteName, remoteRepo, customArgs) {
  return straightThroughStringTask(["remote", "add", ...customArgs, remoteName, remoteRepo]);
}
function getRemotesTask(verbose) {
  const commands = ["remote"];
  if (verbose) {
    commands.push("-v");
  }
  return {
    commands,
    format: "utf-8",
    parser: verbose ? parseGetRemotesVerbose : parseGetRemotes
  };
}
function listRemotesTask(customArgs) {
  const commands = [...customArgs];
  if (commands[0] !== "ls-remote") {
    commands.unshift("ls-remote");
  }
  return straightThroughStringTask(commands);
}
function remoteTask(customArgs) {
  const commands = [...customArgs];
  if (commands[0] !== "remote") {
    commands.unshift("remote");
  }
  return straightThroughStringTask(commands);
}
function removeRemoteTask(remoteName) {
  return straightThroughStringTask(["remote", "remove", remoteName]);
}
var init_remote = __esm({
  "src/lib/tasks/remote.ts"() {
    "use strict";
    init_GetRemoteSummary();
    init_task();
  }
});
var stash_list_exports = {};
__export(stash_list_exports, {
  stashListTask: () => stashListTask
});
function stashListTask(opt = {}, customArgs) {
  const options = parseLogOptions(opt);
  const commands = ["stash", "list", ...options.commands, ...customArgs];
  const parser4 = createListLogSummaryParser(
    options.splitter,
    options.fields,
    logFormatFromCommand(commands)
  );
  return validateLogFormatConfig(commands) || {
    commands,
    format: "utf-8",
    parser: parser4
  };
}
var init_stash_list = __esm({
  "src/lib/tasks/stash-list.ts"() {
    "use strict";
    init_log_format();
    init_parse_list_log_summary();
    init_diff();
    init_log();
  }
});
var sub_module_exports = {};
__export(sub_module_exports, {
  addSubModuleTask: () => addSubModuleTask,
  initSubModuleTask: () => initSubModuleTask,
  subModuleTask: () => subModuleTask,
  updateSubModuleTask: () => updateSubModuleTask
});
function addSubModuleTask(repo, path) {
  return subModuleTask(["add", repo, path]);
}
function initSubModuleTask(customArgs) {
  return subModuleTask(["init", ...customArgs]);
}
function subModuleTask(customArgs) {
  const commands = [...customArgs];
  if (commands[0] !== "submodule") {
    commands.unshift("submodule");
  }
  return straightThroughStringTask(commands);
}
function updateSubModuleTask(customArgs) {
  return subModuleTask(["update", ...customArgs]);
}
var init_sub_module = __esm({
  "src/lib/tasks/sub-module.ts"() {
    "use strict";
    init_task();
  }
});
function singleSorted(a, b2) {
  const aIsNum = Number.isNaN(a);
  const bIsNum = Number.isNaN(b2);
  if (aIsNum !== bIsNum) {
    return aIsNum ? 1 : -1;
  }
  return aIsNum ? sorted(a, b2) : 0;
}
function sorted(a, b2) {
  return a === b2 ? 0 : a > b2 ? 1 : -1;
}
function trimmed(input) {
  return input.trim();
}
function toNumber(input) {
  if (typeof input === "string") {
    return parseInt(input.replace(/^\D+/g, ""), 10) || 0;
  }
  return 0;
}
var TagList;
var parseTagList;
var init_TagList = __esm({
  "src/lib/responses/TagList.ts"() {
    "use strict";
    TagList = class {
      constructor(all, latest) {
        this.all = all;
        this.latest = latest;
      }
    };
    parseTagList = function(data, customSort = false) {
      const tags = data.split("\n").map(trimmed).filter(Boolean);
      if (!customSort) {
        tags.sort(function(tagA, tagB) {
          const partsA = tagA.split(".");
          const partsB = tagB.split(".");
          if (partsA.length === 1 || partsB.length === 1) {
            return singleSorted(toNumber(partsA[0]), toNumber(partsB[0]));
          }
          for (let i2 = 0, l = Math.max(partsA.length, partsB.length); i2 < l; i2++) {
            const diff = sorted(toNumber(partsA[i2]), toNumber(partsB[i2]));
            if (diff) {
              return diff;
            }
          }
          return 0;
        });
      }
      const latest = customSort ? tags[0] : [...tags].reverse().find((tag) => tag.indexOf(".") >= 0);
      return new TagList(tags, latest);
    };
  }
});
var tag_exports = {};
__export(tag_exports, {
  addAnnotatedTagTask: () => addAnnotatedTagTask,
  addTagTask: () => addTagTask,
  tagListTask: () => tagListTask
});
function tagListTask(customArgs = []) {
  const hasCustomSort = customArgs.some((option) => /^--sort=/.test(option));
  return {
    format: "utf-8",
    commands: ["tag", "-l", ...customArgs],
    parser(text) {
      return parseTagList(text, hasCustomSort);
    }
  };
}
function addTagTask(name) {
  return {
    format: "utf-8",
    commands: ["tag", name],
    parser() {
      return { name };
    }
  };
}
function addAnnotatedTagTask(name, tagMessage) {
  return {
    format: "utf-8",
    commands: ["tag", "-a", "-m", tagMessage, name],
    parser() {
      return { name };
    }
  };
}
var init_tag = __esm({
  "src/lib/tasks/tag.ts"() {
    "use strict";
    init_TagList();
  }
});
var require_git = __commonJS2({
  "src/git.js"(exports, module) {
    "use strict";
    var { GitExecutor: GitExecutor2 } = (init_git_executor(), __toCommonJS(git_executor_exports));
    var { SimpleGitApi: SimpleGitApi2 } = (init_simple_git_api(), __toCommonJS(simple_git_api_exports));
    var { Scheduler: Scheduler2 } = (init_scheduler(), __toCommonJS(scheduler_exports));
    var { adhocExecTask: adhocExecTask2, configurationErrorTask: configurationErrorTask2 } = (init_task(), __toCommonJS(task_exports));
    var {
      asArray: asArray2,
      filterArray: filterArray2,
      filterPrimitives: filterPrimitives2,
      filterString: filterString2,
      filterStringOrStringArray: filterStringOrStringArray2,
      filterType: filterType2,
      getTrailingOptions: getTrailingOptions2,
      trailingFunctionArgument: trailingFunctionArgument2,
      trailingOptionsArgument: trailingOptionsArgument2
    } = (init_utils(), __toCommonJS(utils_exports));
    var { applyPatchTask: applyPatchTask2 } = (init_apply_patch(), __toCommonJS(apply_patch_exports));
    var {
      branchTask: branchTask2,
      branchLocalTask: branchLocalTask2,
      deleteBranchesTask: deleteBranchesTask2,
      deleteBranchTask: deleteBranchTask2
    } = (init_branch(), __toCommonJS(branch_exports));
    var { checkIgnoreTask: checkIgnoreTask2 } = (init_check_ignore(), __toCommonJS(check_ignore_exports));
    var { checkIsRepoTask: checkIsRepoTask2 } = (init_check_is_repo(), __toCommonJS(check_is_repo_exports));
    var { cleanWithOptionsTask: cleanWithOptionsTask2, isCleanOptionsArray: isCleanOptionsArray2 } = (init_clean(), __toCommonJS(clean_exports));
    var { diffSummaryTask: diffSummaryTask2 } = (init_diff(), __toCommonJS(diff_exports));
    var { fetchTask: fetchTask2 } = (init_fetch(), __toCommonJS(fetch_exports));
    var { moveTask: moveTask2 } = (init_move(), __toCommonJS(move_exports));
    var { pullTask: pullTask2 } = (init_pull(), __toCommonJS(pull_exports));
    var { pushTagsTask: pushTagsTask2 } = (init_push(), __toCommonJS(push_exports));
    var {
      addRemoteTask: addRemoteTask2,
      getRemotesTask: getRemotesTask2,
      listRemotesTask: listRemotesTask2,
      remoteTask: remoteTask2,
      removeRemoteTask: removeRemoteTask2
    } = (init_remote(), __toCommonJS(remote_exports));
    var { getResetMode: getResetMode2, resetTask: resetTask2 } = (init_reset(), __toCommonJS(reset_exports));
    var { stashListTask: stashListTask2 } = (init_stash_list(), __toCommonJS(stash_list_exports));
    var {
      addSubModuleTask: addSubModuleTask2,
      initSubModuleTask: initSubModuleTask2,
      subModuleTask: subModuleTask2,
      updateSubModuleTask: updateSubModuleTask2
    } = (init_sub_module(), __toCommonJS(sub_module_exports));
    var { addAnnotatedTagTask: addAnnotatedTagTask2, addTagTask: addTagTask2, tagListTask: tagListTask2 } = (init_tag(), __toCommonJS(tag_exports));
    var { straightThroughBufferTask: straightThroughBufferTask2, straightThroughStringTask: straightThroughStringTask2 } = (init_task(), __toCommonJS(task_exports));
    function Git2(options, plugins) {
      this._plugins = plugins;
      this._executor = new GitExecutor2(
        options.baseDir,
        new Scheduler2(options.maxConcurrentProcesses),
        plugins
      );
      this._trimmed = options.trimmed;
    }
    (Git2.prototype = Object.create(SimpleGitApi2.prototype)).constructor = Git2;
    Git2.prototype.customBinary = function(command) {
      this._plugins.reconfigure("binary", command);
      return this;
    };
    Git2.prototype.env = function(name, value) {
      if (arguments.length === 1 && typeof name === "object") {
        this._executor.env = name;
      } else {
        (this._executor.env = this._executor.env || {})[name] = value;
      }
      return this;
    };
    Git2.prototype.stashList = function(options) {
      return this._runTask(
        stashListTask2(
          trailingOptionsArgument2(arguments) || {},
          filterArray2(options) && options || []
        ),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.mv = function(from, to) {
      return this._runTask(moveTask2(from, to), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.checkoutLatestTag = function(then) {
      var git = this;
      return this.pull(function() {
        git.tags(function(err, tags) {
          git.checkout(tags.latest, then);
        });
      });
    };
    Git2.prototype.pull = function(remote, branch, options, then) {
      return this._runTask(
        pullTask2(
          filterType2(remote, filterString2),
          filterType2(branch, filterString2),
          getTrailingOptions2(arguments)
        ),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.fetch = function(remote, branch) {
      return this._runTask(
        fetchTask2(
          filterType2(remote, filterString2),
          filterType2(branch, filterString2),
          getTrailingOptions2(arguments)
        ),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.silent = function(silence) {
      return this._runTask(
        adhocExecTask2(
          () => console.warn(
            "simple-git deprecation notice: git.silent: logging should be configured using the `debug` library / `DEBUG` environment variable, this method will be removed."
          )
        )
      );
    };
    Git2.prototype.tags = function(options, then) {
      return this._runTask(
        tagListTask2(getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.rebase = function() {
      return this._runTask(
        straightThroughStringTask2(["rebase", ...getTrailingOptions2(arguments)]),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.reset = function(mode) {
      return this._runTask(
        resetTask2(getResetMode2(mode), getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.revert = function(commit) {
      const next = trailingFunctionArgument2(arguments);
      if (typeof commit !== "string") {
        return this._runTask(configurationErrorTask2("Commit must be a string"), next);
      }
      return this._runTask(
        straightThroughStringTask2(["revert", ...getTrailingOptions2(arguments, 0, true), commit]),
        next
      );
    };
    Git2.prototype.addTag = function(name) {
      const task = typeof name === "string" ? addTagTask2(name) : configurationErrorTask2("Git.addTag requires a tag name");
      return this._runTask(task, trailingFunctionArgument2(arguments));
    };
    Git2.prototype.addAnnotatedTag = function(tagName, tagMessage) {
      return this._runTask(
        addAnnotatedTagTask2(tagName, tagMessage),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.deleteLocalBranch = function(branchName, forceDelete, then) {
      return this._runTask(
        deleteBranchTask2(branchName, typeof forceDelete === "boolean" ? forceDelete : false),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.deleteLocalBranches = function(branchNames, forceDelete, then) {
      return this._runTask(
        deleteBranchesTask2(branchNames, typeof forceDelete === "boolean" ? forceDelete : false),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.branch = function(options, then) {
      return this._runTask(
        branchTask2(getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.branchLocal = function(then) {
      return this._runTask(branchLocalTask2(), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.raw = function(commands) {
      const createRestCommands = !Array.isArray(commands);
      const command = [].slice.call(createRestCommands ? arguments : commands, 0);
      for (let i2 = 0; i2 < command.length && createRestCommands; i2++) {
        if (!filterPrimitives2(command[i2])) {
          command.splice(i2, command.length - i2);
          break;
        }
      }
      command.push(...getTrailingOptions2(arguments, 0, true));
      var next = trailingFunctionArgument2(arguments);
      if (!command.length) {
        return this._runTask(
          configurationErrorTask2("Raw: must supply one or more command to execute"),
          next
        );
      }
      return this._runTask(straightThroughStringTask2(command, this._trimmed), next);
    };
    Git2.prototype.submoduleAdd = function(repo, path, then) {
      return this._runTask(addSubModuleTask2(repo, path), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.submoduleUpdate = function(args, then) {
      return this._runTask(
        updateSubModuleTask2(getTrailingOptions2(arguments, true)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.submoduleInit = function(args, then) {
      return this._runTask(
        initSubModuleTask2(getTrailingOptions2(arguments, true)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.subModule = function(options, then) {
      return this._runTask(
        subModuleTask2(getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.listRemote = function() {
      return this._runTask(
        listRemotesTask2(getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.addRemote = function(remoteName, remoteRepo, then) {
      return this._runTask(
        addRemoteTask2(remoteName, remoteRepo, getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.removeRemote = function(remoteName, then) {
      return this._runTask(removeRemoteTask2(remoteName), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.getRemotes = function(verbose, then) {
      return this._runTask(getRemotesTask2(verbose === true), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.remote = function(options, then) {
      return this._runTask(
        remoteTask2(getTrailingOptions2(arguments)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.tag = function(options, then) {
      const command = getTrailingOptions2(arguments);
      if (command[0] !== "tag") {
        command.unshift("tag");
      }
      return this._runTask(straightThroughStringTask2(command), trailingFunctionArgument2(arguments));
    };
    Git2.prototype.updateServerInfo = function(then) {
      return this._runTask(
        straightThroughStringTask2(["update-server-info"]),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.pushTags = function(remote, then) {
      const task = pushTagsTask2(
        { remote: filterType2(remote, filterString2) },
        getTrailingOptions2(arguments)
      );
      return this._runTask(task, trailingFunctionArgument2(arguments));
    };
    Git2.prototype.rm = function(files) {
      return this._runTask(
        straightThroughStringTask2(["rm", "-f", ...asArray2(files)]),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.rmKeepLocal = function(files) {
      return this._runTask(
        straightThroughStringTask2(["rm", "--cached", ...asArray2(files)]),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.catFile = function(options, then) {
      return this._catFile("utf-8", arguments);
    };
    Git2.prototype.binaryCatFile = function() {
      return this._catFile("buffer", arguments);
    };
    Git2.prototype._catFile = function(format, args) {
      var handler = trailingFunctionArgument2(args);
      var command = ["cat-file"];
      var options = args[0];
      if (typeof options === "string") {
        return this._runTask(
          configurationErrorTask2("Git.catFile: options must be supplied as an array of strings"),
          handler
        );
      }
      if (Array.isArray(options)) {
        command.push.apply(command, options);
      }
      const task = format === "buffer" ? straightThroughBufferTask2(command) : straightThroughStringTask2(command);
      return this._runTask(task, handler);
    };
    Git2.prototype.diff = function(options, then) {
      const task = filterString2(options) ? configurationErrorTask2(
        "git.diff: supplying options as a single string is no longer supported, switch to an array of strings"
      ) : straightThroughStringTask2(["diff", ...getTrailingOptions2(arguments)]);
      return this._runTask(task, trailingFunctionArgument2(arguments));
    };
    Git2.prototype.diffSummary = function() {
      return this._runTask(
        diffSummaryTask2(getTrailingOptions2(arguments, 1)),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.applyPatch = function(patches) {
      const task = !filterStringOrStringArray2(patches) ? configurationErrorTask2(
        `git.applyPatch requires one or more string patches as the first argument`
      ) : applyPatchTask2(asArray2(patches), getTrailingOptions2([].slice.call(arguments, 1)));
      return this._runTask(task, trailingFunctionArgument2(arguments));
    };
    Git2.prototype.revparse = function() {
      const commands = ["rev-parse", ...getTrailingOptions2(arguments, true)];
      return this._runTask(
        straightThroughStringTask2(commands, true),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.clean = function(mode, options, then) {
      const usingCleanOptionsArray = isCleanOptionsArray2(mode);
      const cleanMode = usingCleanOptionsArray && mode.join("") || filterType2(mode, filterString2) || "";
      const customArgs = getTrailingOptions2([].slice.call(arguments, usingCleanOptionsArray ? 1 : 0));
      return this._runTask(
        cleanWithOptionsTask2(cleanMode, customArgs),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.exec = function(then) {
      const task = {
        commands: [],
        format: "utf-8",
        parser() {
          if (typeof then === "function") {
            then();
          }
        }
      };
      return this._runTask(task);
    };
    Git2.prototype.clearQueue = function() {
      return this._runTask(
        adhocExecTask2(
          () => console.warn(
            "simple-git deprecation notice: clearQueue() is deprecated and will be removed, switch to using the abortPlugin instead."
          )
        )
      );
    };
    Git2.prototype.checkIgnore = function(pathnames, then) {
      return this._runTask(
        checkIgnoreTask2(asArray2(filterType2(pathnames, filterStringOrStringArray2, []))),
        trailingFunctionArgument2(arguments)
      );
    };
    Git2.prototype.checkIsRepo = function(checkType, then) {
      return this._runTask(
        checkIsRepoTask2(filterType2(checkType, filterString2)),
        trailingFunctionArgument2(arguments)
      );
    };
    module.exports = Git2;
  }
});
init_git_error();
var GitConstructError = class extends GitError {
  constructor(config, message) {
    super(void 0, message);
    this.config = config;
  }
};
init_git_error();
init_git_error();
var GitPluginError = class extends GitError {
  constructor(task, plugin, message) {
    super(task, message);
    this.task = task;
    this.plugin = plugin;
    Object.setPrototypeOf(this, new.target.prototype);
  }
};
init_git_response_error();
init_task_configuration_error();
init_check_is_repo();
init_clean();
init_config();
init_diff_name_status();
init_grep();
init_reset();
function abortPlugin(signal) {
  if (!signal) {
    return;
  }
  const onSpawnAfter = {
    type: "spawn.after",
    action(_data, context) {
      function kill() {
        context.kill(new GitPluginError(void 0, "abort", "Abort signal received"));
      }
      signal.addEventListener("abort", kill);
      context.spawned.on("close", () => signal.removeEventListener("abort", kill));
    }
  };
  const onSpawnBefore = {
    type: "spawn.before",
    action(_data, context) {
      if (signal.aborted) {
        context.kill(new GitPluginError(void 0, "abort", "Abort already signaled"));
      }
    }
  };
  return [onSpawnBefore, onSpawnAfter];
}
function blockUnsafeOperationsPlugin(options = {}) {
  return {
    type: "spawn.args",
    action(args, { env }) {
      for (const vulnerability of ne(args, env)) {
        if (options[vulnerability.category] !== true) {
          throw new GitPluginError(void 0, "unsafe", vulnerability.message);
        }
      }
      return args;
    }
  };
}
init_utils();
function commandConfigPrefixingPlugin(configuration) {
  const prefix = prefixedArray(configuration, "-c");
  return {
    type: "spawn.args",
    action(data) {
      return [...prefix, ...data];
    }
  };
}
init_utils();
var never = (0, import_promise_deferred2.deferred)().promise;
function completionDetectionPlugin({
  onClose = true,
  onExit = 50
} = {}) {
  function createEvents() {
    let exitCode = -1;
    const events = {
      close: (0, import_promise_deferred2.deferred)(),
      closeTimeout: (0, import_promise_deferred2.deferred)(),
      exit: (0, import_promise_deferred2.deferred)(),
      exitTimeout: (0, import_promise_deferred2.deferred)()
    };
    const result = Promise.race([
      onClose === false ? never : events.closeTimeout.promise,
      onExit === false ? never : events.exitTimeout.promise
    ]);
    configureTimeout(onClose, events.close, events.closeTimeout);
    configureTimeout(onExit, events.exit, events.exitTimeout);
    return {
      close(code) {
        exitCode = code;
        events.close.done();
      },
      exit(code) {
        exitCode = code;
        events.exit.done();
      },
      get exitCode() {
        return exitCode;
      },
      result
    };
  }
  function configureTimeout(flag, event, timeout) {
    if (flag === false) {
      return;
    }
    (flag === true ? event.promise : event.promise.then(() => delay(flag))).then(timeout.done);
  }
  return {
    type: "spawn.after",
    async action(_data, { spawned, close }) {
      const events = createEvents();
      let deferClose = true;
      let quickClose = () => void (deferClose = false);
      spawned.stdout?.on("data", quickClose);
      spawned.stderr?.on("data", quickClose);
      spawned.on("error", quickClose);
      spawned.on("close", (code) => events.close(code));
      spawned.on("exit", (code) => events.exit(code));
      try {
        await events.result;
        if (deferClose) {
          await delay(50);
        }
        close(events.exitCode);
      } catch (err) {
        close(events.exitCode, err);
      }
    }
  };
}
init_utils();
var WRONG_NUMBER_ERR = `Invalid value supplied for custom binary, requires a single string or an array containing either one or two strings`;
var WRONG_CHARS_ERR = `Invalid value supplied for custom binary, restricted characters must be removed or supply the unsafe.allowUnsafeCustomBinary option`;
function isBadArgument(arg) {
  return !arg || !/^([a-z]:)?([a-z0-9/.\\_~-]+)$/i.test(arg);
}
function toBinaryConfig(input, allowUnsafe) {
  if (input.length < 1 || input.length > 2) {
    throw new GitPluginError(void 0, "binary", WRONG_NUMBER_ERR);
  }
  const isBad = input.some(isBadArgument);
  if (isBad) {
    if (allowUnsafe) {
      console.warn(WRONG_CHARS_ERR);
    } else {
      throw new GitPluginError(void 0, "binary", WRONG_CHARS_ERR);
    }
  }
  const [binary, prefix] = input;
  return {
    binary,
    prefix
  };
}
function customBinaryPlugin(plugins, input = ["git"], allowUnsafe = false) {
  let config = toBinaryConfig(asArray(input), allowUnsafe);
  plugins.on("binary", (input2) => {
    config = toBinaryConfig(asArray(input2), allowUnsafe);
  });
  plugins.append("spawn.binary", () => {
    return config.binary;
  });
  plugins.append("spawn.args", (data) => {
    return config.prefix ? [config.prefix, ...data] : data;
  });
}
init_git_error();
function isTaskError(result) {
  return !!(result.exitCode && result.stdErr.length);
}
function getErrorMessage(result) {
  return Buffer.concat([...result.stdOut, ...result.stdErr]);
}
function errorDetectionHandler(overwrite = false, isError = isTaskError, errorMessage2 = getErrorMessage) {
  return (error, result) => {
    if (!overwrite && error || !isError(result)) {
      return error;
    }
    return errorMessage2(result);
  };
}
function errorDetectionPlugin(config) {
  return {
    type: "task.error",
    action(data, context) {
      const error = config(data.error, {
        stdErr: context.stdErr,
        stdOut: context.stdOut,
        exitCode: context.exitCode
      });
      if (Buffer.isBuffer(error)) {
        return { error: new GitError(void 0, error.toString("utf-8")) };
      }
      return {
        error
      };
    }
  };
}
init_utils();
var PluginStore = class {
  constructor() {
    this.plugins = /* @__PURE__ */ new Set();
    this.events = new EventEmitter();
  }
  on(type, listener) {
    this.events.on(type, listener);
  }
  reconfigure(type, data) {
    this.events.emit(type, data);
  }
  append(type, action) {
    const plugin = append(this.plugins, { type, action });
    return () => this.plugins.delete(plugin);
  }
  add(plugin) {
    const plugins = [];
    asArray(plugin).forEach((plugin2) => plugin2 && this.plugins.add(append(plugins, plugin2)));
    return () => {
      plugins.forEach((plugin2) => this.plugins.delete(plugin2));
    };
  }
  exec(type, data, context) {
    let output = data;
    const contextual = Object.freeze(Object.create(context));
    for (const plugin of this.plugins) {
      if (plugin.type === type) {
        output = plugin.action(output, contextual);
      }
    }
    return output;
  }
};
init_utils();
function progressMonitorPlugin(progress) {
  const progressCommand = "--progress";
  const progressMethods = ["checkout", "clone", "fetch", "pull", "push"];
  const onProgress = {
    type: "spawn.after",
    action(_data, context) {
      if (!context.commands.includes(progressCommand)) {
        return;
      }
      context.spawned.stderr?.on("data", (chunk) => {
        const message = /^([\s\S]+?):\s*(\d+)% \((\d+)\/(\d+)\)/.exec(chunk.toString("utf8"));
        if (!message) {
          return;
        }
        progress({
          method: context.method,
          stage: progressEventStage(message[1]),
          progress: asNumber(message[2]),
          processed: asNumber(message[3]),
          total: asNumber(message[4])
        });
      });
    }
  };
  const onArgs = {
    type: "spawn.args",
    action(args, context) {
      if (!progressMethods.includes(context.method)) {
        return args;
      }
      return including(args, progressCommand);
    }
  };
  return [onArgs, onProgress];
}
function progressEventStage(input) {
  return String(input.toLowerCase().split(" ", 1)) || "unknown";
}
init_utils();
function spawnOptionsPlugin(spawnOptions) {
  const options = pick(spawnOptions, ["uid", "gid"]);
  return {
    type: "spawn.options",
    action(data) {
      return { ...options, ...data };
    }
  };
}
function timeoutPlugin({
  block,
  stdErr = true,
  stdOut = true
}) {
  if (block > 0) {
    return {
      type: "spawn.after",
      action(_data, context) {
        let timeout;
        function wait2() {
          timeout && clearTimeout(timeout);
          timeout = setTimeout(kill, block);
        }
        function stop() {
          context.spawned.stdout?.off("data", wait2);
          context.spawned.stderr?.off("data", wait2);
          context.spawned.off("exit", stop);
          context.spawned.off("close", stop);
          timeout && clearTimeout(timeout);
        }
        function kill() {
          stop();
          context.kill(new GitPluginError(void 0, "timeout", `block timeout reached`));
        }
        stdOut && context.spawned.stdout?.on("data", wait2);
        stdErr && context.spawned.stderr?.on("data", wait2);
        context.spawned.on("exit", stop);
        context.spawned.on("close", stop);
        wait2();
      }
    };
  }
}
function suffixPathsPlugin() {
  return {
    type: "spawn.args",
    action(data) {
      const prefix = [];
      let suffix;
      function append2(args) {
        (suffix = suffix || []).push(...args);
      }
      for (let i2 = 0; i2 < data.length; i2++) {
        const param = data[i2];
        if (r(param)) {
          append2(o(param));
          continue;
        }
        if (param === "--") {
          append2(
            data.slice(i2 + 1).flatMap((item) => r(item) && o(item) || item)
          );
          break;
        }
        prefix.push(param);
      }
      return !suffix ? prefix : [...prefix, "--", ...suffix.map(String)];
    }
  };
}
init_utils();
var Git = require_git();
function gitInstanceFactory(baseDir, options) {
  const plugins = new PluginStore();
  const config = createInstanceConfig(
    baseDir && (typeof baseDir === "string" ? { baseDir } : baseDir) || {},
    options
  );
  if (!folderExists(config.baseDir)) {
    throw new GitConstructError(
      config,
      `Cannot use simple-git on a directory that does not exist`
    );
  }
  if (Array.isArray(config.config)) {
    plugins.add(commandConfigPrefixingPlugin(config.config));
  }
  plugins.add(blockUnsafeOperationsPlugin(config.unsafe));
  plugins.add(completionDetectionPlugin(config.completion));
  config.abort && plugins.add(abortPlugin(config.abort));
  config.progress && plugins.add(progressMonitorPlugin(config.progress));
  config.timeout && plugins.add(timeoutPlugin(config.timeout));
  config.spawnOptions && plugins.add(spawnOptionsPlugin(config.spawnOptions));
  plugins.add(suffixPathsPlugin());
  plugins.add(errorDetectionPlugin(errorDetectionHandler(true)));
  config.errors && plugins.add(errorDetectionPlugin(config.errors));
  customBinaryPlugin(plugins, config.binary, config.unsafe?.allowUnsafeCustomBinary);
  return new Git(config, plugins);
}
init_git_response_error();
var simpleGit = gitInstanceFactory;

// src/adapters/git/git-env.ts
var DEFAULT_AUTHOR = { name: "Maestro", email: "maestro@users.noreply.github.com" };
var ALLOWED = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TMP",
  "TEMP",
  "XDG_CONFIG_HOME",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_NOSYSTEM",
  "SSH_AUTH_SOCK",
  "GIT_SSH",
  "GIT_SSH_COMMAND",
  "GIT_SSH_VARIANT",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  // Windows: git and its helpers do not start without these.
  "SYSTEMROOT",
  "SystemRoot",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
  "USERPROFILE",
  "HOMEDRIVE",
  "HOMEPATH",
  "APPDATA",
  "LOCALAPPDATA",
  "PROGRAMDATA"
]);
var ALLOWED_PREFIX = /^LC_[A-Z]+$/;
function gitEnvironment(base = process.env) {
  const env = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === void 0 || !(ALLOWED.has(key) || ALLOWED_PREFIX.test(key))) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_OPTIONAL_LOCKS = "0";
  return env;
}
function gitConfig(identity, disabledFilters = []) {
  return [
    `user.name=${identity.name}`,
    `user.email=${identity.email}`,
    "commit.gpgsign=false",
    "tag.gpgsign=false",
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.untrackedCache=false",
    "rerere.enabled=false",
    "advice.detachedHead=false",
    "protocol.ext.allow=never",
    "submodule.recurse=false",
    "gc.auto=0",
    "maintenance.auto=false",
    ...disabledFilters.flatMap((name) => [
      `filter.${name}.clean=`,
      `filter.${name}.smudge=`,
      `filter.${name}.process=`,
      `filter.${name}.required=false`
    ])
  ];
}
var ALLOWED_UNSAFE = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeSshCommand: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeGitProxy: true,
  allowUnsafeProtocolOverride: true
};

// src/adapters/git/git-client.ts
function gitClient(cwd, identity, extraEnv = {}, disabledFilters = []) {
  return simpleGit({
    baseDir: cwd,
    config: gitConfig(identity, disabledFilters),
    unsafe: ALLOWED_UNSAFE,
    maxConcurrentProcesses: 8
  }).env({
    ...gitEnvironment(),
    ...extraEnv
  });
}
var MAX_OUTPUT = 512 * 1024 * 1024;
function quietGit(cwd, identity, extraEnv = {}, disabledFilters = []) {
  const env = { ...gitEnvironment(), ...extraEnv };
  const config = gitConfig(identity, disabledFilters).flatMap((entry) => ["-c", entry]);
  return {
    raw: (args) => new Promise((resolve2, reject) => {
      execFile(
        "git",
        [...config, ...args],
        { cwd, env, encoding: "utf8", maxBuffer: MAX_OUTPUT },
        (error, stdout, stderr) => {
          if (error) reject(new Error(stderr.trim() || error.message, { cause: error }));
          else resolve2(stdout);
        }
      );
    })
  };
}
async function tryRaw(git, args) {
  try {
    return { ok: true, stdout: await git.raw(args) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
async function mustRaw(git, args, doing, next) {
  try {
    return await git.raw(args);
  } catch (error) {
    throw new MaestroError(`git failed to ${doing}: ${errorMessage(error).trim()}. ${next}`, {
      code: "git.failed",
      cause: error
    });
  }
}

// src/adapters/git/git-dirs.ts
async function gitCommonDir(root) {
  const dir = (await gitClient(root, DEFAULT_AUTHOR).revparse(["--git-common-dir"])).trim();
  return isAbsolute(dir) ? dir : join(root, dir);
}

// src/adapters/git/git-repository-reader.ts
import { execFile as execFile2 } from "node:child_process";
import { lstatSync, readFileSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join2, normalize as normalize2, resolve, sep } from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";

// src/adapters/git/index-listing.ts
var ENTRY = /^([A-Za-z]) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t/;
var SPACE = 32;
var SIZE_LINE = "  size: ";
function parseIndexListing(output) {
  const records = [];
  let at = 0;
  while (at < output.length) {
    const nul = output.indexOf("\0", at);
    if (nul < 0) break;
    const record = output.slice(at, nul);
    at = nul + 1;
    let size;
    while (at < output.length && output.charCodeAt(at) === SPACE) {
      const newline = output.indexOf("\n", at);
      const end = newline < 0 ? output.length : newline;
      if (output.startsWith(SIZE_LINE, at)) size = digits(output.slice(at + SIZE_LINE.length, end));
      at = end + 1;
    }
    if (record.startsWith("? ") && record.length > 2) {
      records.push({ tag: "?", path: record.slice(2) });
      continue;
    }
    const match = ENTRY.exec(record);
    if (!match) continue;
    records.push({
      tag: match[1],
      mode: match[2],
      blob: match[3],
      path: record.slice(match[0].length),
      size
    });
  }
  return records;
}
function digits(text) {
  const match = /^\d+(?=\s|$)/.exec(text);
  const n = match ? Number(match[0]) : Number.NaN;
  return Number.isSafeInteger(n) ? n : void 0;
}

// src/adapters/git/git-repository-reader.ts
var SUBMODULE = "160000";
var SYMLINK = "120000";
var HASH_BATCH = 1e3;
var STAT_BATCH = 2e3;
var GitRepositoryReader = class _GitRepositoryReader {
  root;
  #git;
  constructor(root) {
    this.root = root;
    this.#git = readerGit(root);
  }
  /** Opens the repository containing `dir`; throws a `ValidationError` when it is not one. */
  static async open(dir) {
    let top;
    try {
      top = (await readerGit(await realpath(dir)).raw(["rev-parse", "--show-toplevel"])).trim();
    } catch (error) {
      throw new ValidationError(
        dir,
        "not a git repository (or it does not exist); pass --repo with the path of a git checkout",
        { cause: error }
      );
    }
    return new _GitRepositoryReader(top);
  }
  async listFiles() {
    const listing = await this.#raw([
      "ls-files",
      "-z",
      "-s",
      "-v",
      "--debug",
      "--cached",
      "--modified",
      "--others",
      "--exclude-standard"
    ]);
    const entries = /* @__PURE__ */ new Map();
    const indexSizes = /* @__PURE__ */ new Map();
    const toStat = /* @__PURE__ */ new Set();
    const modified = [];
    const rehash = /* @__PURE__ */ new Set();
    for (const record of parseIndexListing(listing)) {
      if (!("mode" in record)) {
        entries.set(record.path, { mode: "100644", blob: "" });
        rehash.add(record.path);
      } else if (record.tag === "C" || record.tag === "c") modified.push(record.path);
      else if (!entries.has(record.path) && record.mode !== SUBMODULE && record.mode !== SYMLINK) {
        entries.set(record.path, record);
        if (record.tag === "H" && record.size) indexSizes.set(record.path, record.size);
        else toStat.add(record.path);
      }
    }
    for (const path of modified) if (entries.has(path)) rehash.add(path);
    for (const path of rehash) {
      indexSizes.delete(path);
      toStat.add(path);
    }
    const stats = await this.#stats([...toStat]);
    const present = [...rehash].filter((p2) => stats.get(p2)?.file);
    const blobs = await this.#hashObjects(present);
    const files = [];
    for (const [path, entry] of entries) {
      const size = indexSizes.get(path) ?? (stats.get(path)?.file ? stats.get(path).size : void 0);
      if (size === void 0) continue;
      const blob = rehash.has(path) ? blobs.get(path) : entry.blob;
      if (!blob) continue;
      files.push({ path, blob, size, mode: entry.mode });
    }
    return files.sort((a, b2) => a.path < b2.path ? -1 : a.path > b2.path ? 1 : 0);
  }
  /**
   * Synchronous under the promise: `fs/promises.readFile` is four thread-pool round trips per file
   * (open, fstat, read, close), 7-8x the CPU of `readFileSync` for repository-sized files (30,000
   * files of files-100k: 2.1-2.5 s against 0.27-0.29 s), and a cold discovery reads every file.
   * Callers read in batches, and files over 1 MiB are never read for analysis, so the loop is held
   * for a batch's reads at most.
   */
  async readFile(path) {
    return readFileSync(this.#resolve(path));
  }
  async headCommit() {
    try {
      return (await this.#git.raw(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).trim() || void 0;
    } catch {
      return void 0;
    }
  }
  #resolve(path) {
    const full = normalize2(join2(this.root, path));
    if (isAbsolute2(path) || !full.startsWith(this.root + sep)) {
      throw new ValidationError(path, "path is outside the repository");
    }
    return full;
  }
  async #raw(args) {
    try {
      return await this.#git.raw(args);
    } catch (error) {
      throw new MaestroError(`git ${args[0]} failed in ${this.root}; check that git works there`, {
        code: "git.failed",
        cause: error
      });
    }
  }
  async #stats(paths) {
    const out = /* @__PURE__ */ new Map();
    for (let i2 = 0; i2 < paths.length; i2 += STAT_BATCH) {
      if (i2 > 0) await yieldToLoop();
      for (const p2 of paths.slice(i2, i2 + STAT_BATCH)) {
        const s = lstatOrAbsent(`${this.root}/${p2}`);
        if (s) out.set(p2, { file: s.isFile(), size: s.size });
      }
    }
    return out;
  }
  async #hashObjects(paths) {
    const out = /* @__PURE__ */ new Map();
    for (let i2 = 0; i2 < paths.length; i2 += HASH_BATCH) {
      const batch = paths.slice(i2, i2 + HASH_BATCH);
      const ids = (await this.#raw(["hash-object", "--", ...batch])).split("\n").filter(Boolean);
      batch.forEach((p2, j2) => {
        const id = ids[j2];
        if (id) out.set(p2, id.trim());
      });
    }
    return out;
  }
};
function lstatOrAbsent(path) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return void 0;
  }
}
var MAX_OUTPUT2 = 512 * 1024 * 1024;
function readerGit(cwd) {
  const env = gitEnvironment();
  const config = gitConfig(DEFAULT_AUTHOR).flatMap((entry) => ["-c", entry]);
  return {
    raw: (args) => new Promise((done, fail) => {
      execFile2(
        "git",
        [...config, ...args],
        { cwd, env, encoding: "utf8", maxBuffer: MAX_OUTPUT2 },
        (error, stdout, stderr) => {
          if (error) fail(new Error(stderr.trim() || error.message, { cause: error }));
          else done(stdout);
        }
      );
    })
  };
}

// src/adapters/git/push-auth.ts
function basicAuthHeader(token, user = "x-access-token") {
  return `AUTHORIZATION: basic ${Buffer.from(`${user}:${token}`, "utf8").toString("base64")}`;
}
function authHeaderEnv(header, url) {
  if (url === void 0) {
    return {
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: "",
      GIT_CONFIG_KEY_1: "http.extraHeader",
      GIT_CONFIG_VALUE_1: header
    };
  }
  return {
    GIT_CONFIG_COUNT: "4",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: "",
    GIT_CONFIG_KEY_1: `http.${url}.extraHeader`,
    GIT_CONFIG_VALUE_1: "",
    GIT_CONFIG_KEY_2: `http.${url}.extraHeader`,
    GIT_CONFIG_VALUE_2: header,
    // A redirect would take the request (and, for some curl versions, the header) elsewhere.
    GIT_CONFIG_KEY_3: "http.followRedirects",
    GIT_CONFIG_VALUE_3: "false"
  };
}
function redactGitMessage(message, header) {
  let text = message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1***@");
  if (header) text = text.replaceAll(header, "***");
  return text.replace(/(authorization:\s*\w+\s+)\S+/gi, "$1***");
}

// src/adapters/git/simple-git-workspace.ts
import { mkdir as mkdir2, realpath as realpath3 } from "node:fs/promises";

// src/adapters/git/parse-diff.ts
function splitNul(output) {
  const fields = output.split("\0");
  if (fields.at(-1) === "") fields.pop();
  return fields;
}
function parseDiff(nameStatus, numstat) {
  const counts = parseNumstat(numstat);
  const changes = [];
  const fields = splitNul(nameStatus);
  for (let i2 = 0; i2 < fields.length; ) {
    const code = fields[i2++] ?? "";
    const letter = code.charAt(0);
    const twoPaths = letter === "R" || letter === "C";
    if (twoPaths) i2++;
    const path = fields[i2++];
    if (path === void 0) break;
    const count = counts.get(path) ?? { additions: 0, deletions: 0 };
    changes.push({ path, status: statusOf(letter), ...count });
  }
  return changes;
}
function statusOf(letter) {
  if (letter === "A" || letter === "C") return "added";
  if (letter === "D") return "deleted";
  if (letter === "R") return "renamed";
  return "modified";
}
function parseNumstat(output) {
  const counts = /* @__PURE__ */ new Map();
  const fields = splitNul(output);
  for (let i2 = 0; i2 < fields.length; ) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i2++] ?? "");
    if (!match) continue;
    let path = match[3];
    if (path === "") {
      i2++;
      path = fields[i2++] ?? "";
    }
    counts.set(path, { additions: toCount(match[1]), deletions: toCount(match[2]) });
  }
  return counts;
}
function toCount(value) {
  return value === "-" ? 0 : Number(value);
}
function capDiff(diff, maxBytes) {
  const bytes = Buffer.from(diff, "utf8");
  if (bytes.length <= maxBytes) return diff;
  const notice = `
[diff truncated: ${bytes.length} bytes, showing the first part]
`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(notice));
  let cut = bytes.subarray(0, room).toString("utf8");
  if (cut.endsWith("�")) cut = cut.slice(0, -1);
  const lastNewline = cut.lastIndexOf("\n");
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const text = `${cut}${notice}`;
  return Buffer.byteLength(text) <= maxBytes ? text : Buffer.from(text).subarray(0, maxBytes).toString("utf8");
}

// src/adapters/git/apply-task-commit.ts
async function applyTaskCommit(git, head, taskCommit, commit) {
  const pick2 = await tryRaw(git, ["cherry-pick", "--no-commit", taskCommit]);
  if (!pick2.ok) {
    const files = await conflictedFiles(git, pick2.message);
    await undo(git, head);
    if (files.length === 0) {
      throw new MaestroError(
        `git could not apply the task's changes: ${pick2.message.trim()}. The run branch is unchanged; retry the task.`,
        {
          code: "git.integrate-failed"
        }
      );
    }
    return { kind: "conflict", files };
  }
  try {
    const [tree, headTree] = await Promise.all([
      git.raw(["write-tree"]).then((out) => out.trim()),
      git.raw(["rev-parse", "--verify", `${head}^{tree}`]).then((out) => out.trim())
    ]);
    if (tree === headTree) {
      await undo(git, head);
      return { kind: "empty" };
    }
    const sha2 = await commit({ tree, headTree });
    await tryRaw(git, ["cherry-pick", "--quit"]);
    return { kind: "integrated", sha: sha2 };
  } catch (error) {
    await undo(git, head);
    throw error;
  }
}
async function conflictedFiles(git, message) {
  const unmerged = await tryRaw(git, ["diff", "--name-only", "--diff-filter=U", "-z"]);
  const files = unmerged.ok ? splitNul(unmerged.stdout) : [];
  if (files.length > 0) return [...new Set(files)].sort();
  const listed = /would be overwritten by merge:\n((?:\t.*\n?)+)/.exec(message);
  return listed ? listed[1].split("\n").map((l) => l.trim()).filter(Boolean) : [];
}
async function undo(git, head) {
  await tryRaw(git, ["cherry-pick", "--quit"]);
  const reset = await tryRaw(git, ["reset", "-q", "--merge", head]);
  if (!reset.ok) await git.raw(["reset", "-q", "--hard", head]);
}

// src/adapters/git/settle-all.ts
async function settleAll(steps) {
  const settled = await Promise.allSettled(steps);
  const failed2 = settled.find((s) => s.status === "rejected");
  if (failed2) throw failed2.reason;
  return settled.map((s) => s.value);
}

// src/adapters/git/worktree-location.ts
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";
function defaultWorktreeRoot(repoRoot) {
  const repoHash = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return join3(tmpdir(), "maestro-worktrees", repoHash);
}
function sanitiseLabel(label) {
  const clean = label.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(0, 40).replace(/[.-]+$/, "");
  return clean || "task";
}

// src/adapters/git/checkpoint-writer.ts
var CheckpointWriter = class {
  #git;
  #gate;
  constructor(git, gate) {
    this.#git = git;
    this.#gate = gate;
  }
  /**
   * Runs a commit step; a `CommitRefusedError` becomes a `refused` result (after the step has
   * undone its changes to the checkout), with the work kept when the step says how.
   */
  async refusable(step) {
    const keep = {};
    try {
      const result = await step(keep);
      if (result.kind === "integrated") this.#gate.scanned(result.sha);
      return result;
    } catch (error) {
      if (!(error instanceof CommitRefusedError)) throw error;
      const kept = keep.ref ? await keep.ref().catch(() => void 0) : void 0;
      const where = kept ? `the work is kept locally as ${kept} (never pushed)` : "the checkpoints so far stay on the local branch";
      return {
        kind: "refused",
        reason: `${error.message.replace(/\.?$/, "")}. Nothing was committed or pushed; ${where}.`,
        blocked: error.findings.map(blockedAction),
        ...kept ? { kept } : {}
      };
    }
  }
  /** `commit` kept under `refs/maestro/refused/<task>-<checkpoint>` (never pushed). */
  async keepRefused(trailers, commit) {
    const ref = `refs/maestro/refused/${sanitiseLabel(trailers.task)}-${trailers.checkpoint}`;
    await mustRaw(
      this.#git,
      ["update-ref", ref, commit],
      `keep the refused work as ${ref}`,
      "Check the repository."
    );
    return ref;
  }
  /**
   * `tree` as a commit on `head`, its object written while the commit scan runs (the message is
   * the redacted text either way); throws the scan's `CommitRefusedError`, leaving that object
   * unreferenced. For callers that verified git's config in the same serial step, before staging.
   */
  async checkedCommit(head, headTree, tree, text, policy) {
    const message = this.#gate.redacted(text);
    const [, written] = await settleAll([
      this.#gate.check(head, tree, text, policy, "commit", { headTree, configVerified: true }),
      this.#git.raw(["commit-tree", tree, "-p", head, "-m", message])
    ]);
    return { commit: written.trim(), message };
  }
  /**
   * The run branch has not moved since the task's worktree was made from it, so the task's tree is
   * the checkpoint as it is, without a three-way pick (which refreshes the whole main index and
   * writes it twice). The commit is scanned while its object is written; then the main checkout
   * gets only the paths that differ (`read-tree -m -u`) and the branch moves if still at `head`.
   * `undefined` when `read-tree` refuses, changing nothing (an untracked file in the way): the
   * pick then reports the conflict with every path, as for any other task.
   */
  async fastForward(head, headTree, tree, text, policy) {
    const { commit, message } = await this.checkedCommit(head, headTree, tree, text, policy);
    const checkedOut = await tryRaw(this.#git, ["read-tree", "-m", "-u", head, commit]);
    if (!checkedOut.ok) return void 0;
    const recorded = await tryRaw(this.#git, [
      "update-ref",
      "-m",
      `commit: ${messageSubject(message)}`,
      "HEAD",
      commit,
      head
    ]);
    if (!recorded.ok) {
      await tryRaw(this.#git, ["read-tree", "-m", "-u", commit, head]);
      throw new MaestroError(
        `git failed to record the checkpoint: ${recorded.message.trim()}. Check the checkout with \`git status\`, then retry.`,
        { code: "git.failed" }
      );
    }
    return { kind: "integrated", sha: commit };
  }
  /**
   * HEAD's branch moved from `head` to `commit` only if it is still at `head` (`update-ref` with the
   * old value). Unlike `git commit`, the index is not read or written again.
   */
  async moveBranch(head, commit, message) {
    await mustRaw(
      this.#git,
      ["update-ref", "-m", `commit: ${messageSubject(message)}`, "HEAD", commit, head],
      "record the checkpoint",
      "Check the checkout with `git status`, then retry."
    );
    return commit;
  }
};
function blockedAction(finding) {
  const kind = finding.kind === "protected-path" || finding.kind === "submodule" ? "protected-path" : finding.kind === "symlink-escape" ? "path-escape" : "other";
  return { kind, what: finding.what };
}

// src/core/policy/commit-scan/commit-candidate.ts
var SYMLINK_MODE = "120000";
var GITLINK_MODE = "160000";
var ABSENT_MODE = "000000";

// src/core/policy/commit-scan/symlink-target.ts
function symlinkStaysInside(linkPath, target) {
  if (target === "" || target.includes("\0")) return false;
  const unified = target.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[A-Za-z]:/.test(unified)) return false;
  const stack = linkPath.split("/").filter((s) => s !== "" && s !== ".");
  stack.pop();
  for (const segment of unified.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return false;
      stack.pop();
    } else stack.push(segment);
  }
  return stack.length > 0 && stack[0]?.toLowerCase() !== ".git";
}

// src/core/policy/commit-scan/scan-commit.ts
var MAX_FINDINGS = 20;
function scanCommit(candidate, rules) {
  const hasSecret = secretDetector(rules.secrets);
  const findings = [];
  candidate.message.split("\n").forEach((text, index) => {
    if (hasSecret(text))
      findings.push({ kind: "secret", what: `secret in the commit message, line ${index + 1}` });
  });
  for (const file of candidate.files) findings.push(...fileFindings(file, rules, hasSecret));
  if (findings.length <= MAX_FINDINGS) return findings;
  return [
    ...findings.slice(0, MAX_FINDINGS),
    { kind: findings[MAX_FINDINGS].kind, what: `and ${findings.length - MAX_FINDINGS} more` }
  ];
}
function fileFindings(file, rules, hasSecret) {
  const findings = [];
  const paths = [file.path, ...file.oldPath !== void 0 ? [file.oldPath] : []];
  for (const path of paths) {
    if (matchesAnyGlob(path, rules.protectedPaths, { caseInsensitive: true }))
      findings.push({ kind: "protected-path", what: `${describe(file, path)} (protected path)` });
    if (rules.onlyPaths && !matchesAnyGlob(path, rules.onlyPaths.paths))
      findings.push({
        kind: "protected-path",
        what: `${describe(file, path)} (only ${rules.onlyPaths.why} may change)`
      });
    if (isGitmodules(path))
      findings.push({ kind: "submodule", what: `${describe(file, path)} (submodule config)` });
  }
  if (file.newMode === GITLINK_MODE || file.oldMode === GITLINK_MODE)
    findings.push({ kind: "submodule", what: `submodule at ${file.path}` });
  if (file.newMode === SYMLINK_MODE && !symlinkStaysInside(file.path, file.symlinkTarget ?? ""))
    findings.push({ kind: "symlink-escape", what: `symlink ${file.path} points outside the repository` });
  if (file.status !== "deleted" && hasSecret(file.path))
    findings.push({ kind: "secret", what: "secret in the name of a changed file" });
  if (file.symlinkTarget !== void 0 && hasSecret(file.symlinkTarget))
    findings.push({ kind: "secret", what: `secret in the target of symlink ${file.path}` });
  for (const added of file.addedLines) {
    if (hasSecret(added.text))
      findings.push({ kind: "secret", what: `secret in ${file.path}:${added.line}` });
  }
  return findings;
}
function describe(file, path) {
  if (file.status === "renamed" || file.status === "copied")
    return `${file.status === "renamed" ? "rename" : "copy"} ${file.oldPath} → ${file.path}`;
  if (file.status === "modified" && file.oldMode !== file.newMode && file.oldMode !== ABSENT_MODE)
    return `mode change of ${path} (${file.oldMode} → ${file.newMode})`;
  const verb = {
    added: "create",
    modified: "change",
    deleted: "delete",
    "type-changed": "change the type of"
  };
  return `${verb[file.status]} ${path}`;
}
function isGitmodules(path) {
  return path.toLowerCase() === ".gitmodules";
}
function secretDetector(secrets) {
  const redact = redactSecrets(secrets);
  return (text) => text !== "" && redact(text).count > 0;
}

// src/adapters/git/read-commit-candidate.ts
var DIFF_OPTIONS = [
  "-M",
  "--no-ext-diff",
  "--no-textconv",
  "--no-color",
  "--no-relative",
  "--ignore-submodules=none"
];
function candidateBetween(git, fromTree, toTree, message) {
  return readCandidate(git, ["diff", ...DIFF_OPTIONS], [fromTree, toTree, "--"], message);
}
async function candidateOfCommit(git, commit) {
  const message = await git.raw(["log", "-1", "--format=%B", "--end-of-options", commit, "--"]);
  return readCandidate(
    git,
    ["diff-tree", "-r", "--root", "--no-commit-id", "--diff-merges=first-parent", ...DIFF_OPTIONS],
    [commit, "--"],
    message
  );
}
async function readCandidate(git, command, range, message) {
  const { raw, patch } = splitRawAndPatch(
    await git.raw([
      "-c",
      "core.quotePath=false",
      ...command,
      "--raw",
      "-z",
      "--no-abbrev",
      "-p",
      "-U0",
      "--text",
      ...range
    ])
  );
  const added = addedLines(patch);
  const files = parseRaw(raw).map((file) => ({ ...file, addedLines: added.get(file.path) ?? [] }));
  for (const file of files) {
    if (file.newMode === SYMLINK_MODE && file.newBlob)
      file.symlinkTarget = await git.raw(["cat-file", "blob", file.newBlob]);
  }
  return { message, files: files.map(({ newBlob: _blob, ...file }) => file) };
}
var RAW_HEADER = /^:\d{6} \d{6} [0-9a-f]+ [0-9a-f]+ ([A-Z])\d*$/;
function splitRawAndPatch(output) {
  const fields = [];
  let pos = 0;
  const field = () => {
    const end = output.indexOf("\0", pos);
    const value = output.slice(pos, end < 0 ? output.length : end);
    pos = end < 0 ? output.length : end + 1;
    return value;
  };
  while (output.startsWith(":", pos)) {
    const start = pos;
    const header = field();
    const letter = RAW_HEADER.exec(header)?.[1];
    if (letter === void 0) {
      pos = start;
      break;
    }
    fields.push(header, field());
    if (letter === "R" || letter === "C") fields.push(field());
  }
  if (output[pos] === "\0") pos += 1;
  const patch = output.slice(pos);
  if (patch !== "" && !patch.startsWith("diff --git ")) {
    throw new Error(
      "git's diff output was not in the expected form; nothing is committed. Report this with your git version."
    );
  }
  return { raw: fields.join("\0"), patch };
}
var STATUS = {
  A: "added",
  M: "modified",
  D: "deleted",
  R: "renamed",
  C: "copied",
  T: "type-changed"
};
function parseRaw(raw) {
  const fields = raw.split("\0");
  const files = [];
  for (let i2 = 0; i2 < fields.length; i2++) {
    const header = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(fields[i2]?.trim() ?? "");
    if (!header) continue;
    const [, oldMode = ABSENT_MODE, newMode = ABSENT_MODE, , newSha = "", letter = "M"] = header;
    const status = STATUS[letter] ?? "modified";
    const first2 = fields[++i2] ?? "";
    const second = status === "renamed" || status === "copied" ? fields[++i2] ?? "" : void 0;
    files.push({
      path: second ?? first2,
      ...second !== void 0 ? { oldPath: first2 } : {},
      status,
      oldMode,
      newMode,
      .../^0+$/.test(newSha) ? {} : { newBlob: newSha }
    });
  }
  return files;
}
function addedLines(patch) {
  const out = /* @__PURE__ */ new Map();
  let path;
  let oldLeft = 0;
  let newLeft = 0;
  let line = 0;
  for (const text of patch.split("\n")) {
    if (oldLeft > 0 || newLeft > 0) {
      if (text.startsWith("+")) {
        if (path !== void 0) out.get(path)?.push({ line, text: text.slice(1) });
        line += 1;
        newLeft -= 1;
      } else if (text.startsWith("-")) oldLeft -= 1;
      else if (!text.startsWith("\\")) {
        oldLeft -= 1;
        newLeft -= 1;
        line += 1;
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text);
    if (hunk) {
      oldLeft = Number(hunk[1] ?? 1);
      line = Number(hunk[2]);
      newLeft = Number(hunk[3] ?? 1);
      continue;
    }
    if (text.startsWith("diff --git ")) path = void 0;
    else if (text.startsWith("+++ ")) {
      const name = text.slice(4).replace(/\t$/, "");
      path = name === "/dev/null" ? void 0 : stripPrefix(name.startsWith('"') ? unquote(name) : name);
      if (path !== void 0 && !out.has(path)) out.set(path, []);
    }
  }
  return out;
}
function stripPrefix(name) {
  return name.startsWith("b/") ? name.slice(2) : name;
}
var ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
function unquote(quoted) {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : void 0);
  const bytes = [];
  for (let i2 = 0; i2 < body.length; i2++) {
    const char = body[i2];
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = body[i2 + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i2 + 1, i2 + 4), 8));
      i2 += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i2 += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// src/adapters/git/commit-gate.ts
var MAX_UNPUSHED = 500;
var CommitGate = class {
  #git;
  #guard;
  #secrets;
  /** Commits the remote has (remote refs at open, then what was fetched or pushed). */
  #onRemote;
  /** Commits this workspace made, scanned when they were made. */
  #scanned = /* @__PURE__ */ new Set();
  constructor(deps) {
    this.#git = deps.git;
    this.#guard = deps.guard;
    this.#secrets = deps.secrets;
    this.#onRemote = new Set(deps.onRemote);
  }
  scanned(sha2) {
    this.#scanned.add(sha2);
  }
  onRemote(sha2) {
    this.#onRemote.add(sha2);
  }
  /**
   * The commit message to use for `tree` on top of `head`, once git's config is verified and the
   * commit policy finds nothing; throws a `CommitRefusedError` otherwise. The message also passes
   * through the redactor (defence in depth: a hit has already refused).
   */
  async message(head, tree, text, policy, doing = "commit", known = {}) {
    await this.check(head, tree, text, policy, doing, known);
    return this.redacted(text);
  }
  /** Throws a `CommitRefusedError` unless git's config is unchanged and the policy finds nothing. */
  async check(head, tree, text, policy, doing = "commit", known = {}) {
    if (!known.configVerified) await this.#guard.verify(doing);
    const headTree = known.headTree ?? (await this.#git.raw(["rev-parse", "--verify", `${head}^{tree}`])).trim();
    const findings = this.#scan(await candidateBetween(this.#git, headTree, tree, text), policy);
    if (findings.length > 0) throw new CommitRefusedError(refusalReason(doing, findings), findings);
  }
  /**
   * The message as it may be committed: through the redactor (defence in depth: a secret in it
   * refuses in `check`). Known before the check, so a commit object can be written while the check
   * runs; only a checked commit is ever referenced.
   */
  redacted(text) {
    return redactSecrets(this.#secrets)(text).text;
  }
  /**
   * Every commit of the branch the remote does not have yet, oldest first, scanned for secrets,
   * escaping symlinks and submodules (protected paths were checked when each checkpoint was made);
   * commits this workspace made were scanned then and are skipped.
   */
  async beforePush(tip, branch) {
    const known = [...this.#onRemote].filter((sha2) => /^[0-9a-f]{40,64}$/.test(sha2));
    const listed = await this.#git.raw([
      "rev-list",
      "--reverse",
      `--max-count=${MAX_UNPUSHED + 1}`,
      tip,
      ...known.length > 0 ? ["--not", ...known] : [],
      "--"
    ]);
    const commits = listed.split("\n").filter(Boolean);
    if (commits.length > MAX_UNPUSHED) {
      throw new CommitRefusedError(
        `Security stop: refused to push ${branch}: more than ${MAX_UNPUSHED} of its commits are not on the remote, too many to scan. Push the base branch first, or fetch so Maestro knows what the remote has.`,
        [{ kind: "secret", what: `${branch}: too many unpushed commits to scan` }]
      );
    }
    const findings = [];
    for (const commit of commits) {
      if (this.#scanned.has(commit)) continue;
      for (const f of this.#scan(await candidateOfCommit(this.#git, commit), { protectedPaths: [] }))
        findings.push({ kind: f.kind, what: `${commit.slice(0, 7)}: ${f.what}` });
    }
    if (findings.length > 0) {
      throw new CommitRefusedError(
        `${refusalReason(`push ${branch}`, findings)}. Nothing was pushed; the commits stay on the local branch ${branch}.`,
        findings
      );
    }
  }
  #scan(candidate, policy) {
    return scanCommit(candidate, {
      secrets: this.#secrets,
      protectedPaths: policy.protectedPaths,
      ...policy.onlyPaths ? { onlyPaths: policy.onlyPaths } : {}
    });
  }
};

// src/adapters/git/push-branch.ts
var AUTH_FAILURE = /Authentication failed|could not read Username|terminal prompts disabled|Invalid username or password|The requested URL returned error: 40[13]|HTTP 40[13]/i;
function isAuthFailure(message) {
  return AUTH_FAILURE.test(message);
}
async function pushBranch(target, branch, to = branch) {
  const ref = `refs/heads/${branch}`;
  const remoteRef = `refs/heads/${to}`;
  const result = await tryRaw(target.git, [
    "push",
    "--porcelain",
    "--no-follow-tags",
    "--recurse-submodules=no",
    "--no-verify",
    "--",
    target.url,
    `${ref}:${remoteRef}`
  ]);
  if (result.ok) return { kind: "pushed" };
  const message = redactGitMessage(result.message, target.header);
  const rejected = /^!\t[^\t]*\t\[(?:remote )?rejected\] ?(.*)$/m.exec(message);
  if (rejected) {
    const detail = (rejected[1] ?? "").replace(/^\((.*)\)$/, "$1").trim();
    if (detail === "fetch first" || detail === "non-fast-forward") {
      const head = await remoteHead(target, remoteRef);
      return {
        kind: "moved",
        reason: `${detail}: origin has commits on ${to} that the run branch does not have`,
        ...head ? { head } : {}
      };
    }
    return { kind: "rejected", reason: redactSecrets([])(declinedReason(detail, message)).text };
  }
  if (isAuthFailure(message))
    throw new MaestroError(
      `Pushing ${branch} to ${redactGitMessage(target.url)} failed: the remote refused the credentials (${message.trim().split("\n").pop()}). ${target.authFailureHint ?? "Check that the token is valid and may push to this repository."}`,
      { code: "git.push-unauthorized" }
    );
  throw new MaestroError(
    `Pushing ${branch} to ${redactGitMessage(target.url)} failed: ${message.trim()}. Check the remote URL and that the token may push to this repository.`,
    {
      code: "git.push-failed"
    }
  );
}
function declinedReason(detail, message) {
  const said = message.split("\n").filter((line) => line.startsWith("remote:")).map((line) => line.replace(/^remote:\s*(?:error:\s*)?/, "").trim()).filter(Boolean).join(" ");
  const reason = [detail || "rejected by the remote", said].filter(Boolean).join(": ");
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}
async function remoteHead(target, ref) {
  const listed = await tryRaw(target.git, ["ls-remote", "--", target.url, ref]);
  const sha2 = listed.ok ? listed.stdout.split("	")[0]?.trim() : void 0;
  return sha2 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha2) ? sha2 : void 0;
}

// src/adapters/git/fetch-branch.ts
async function fetchBranch(git, target, branch) {
  const remoteRef = `refs/remotes/origin/${branch}`;
  const fetched = await tryRaw(target.git, [
    "fetch",
    "--no-tags",
    "--no-recurse-submodules",
    "--no-write-fetch-head",
    "--quiet",
    "--",
    target.url,
    `+refs/heads/${branch}:${remoteRef}`
  ]);
  if (!fetched.ok) {
    if (/couldn't find remote ref|no such ref/i.test(fetched.message)) return { kind: "absent" };
    throw new MaestroError(
      `Fetching ${branch} from ${redactGitMessage(target.url)} failed: ${redactGitMessage(fetched.message, target.header).trim()}. ${isAuthFailure(fetched.message) && target.authFailureHint || "Check that the token may read this repository."}`,
      { code: "git.fetch-failed" }
    );
  }
  const local = await tryRaw(git, ["rev-parse", "--verify", "-q", `refs/heads/${branch}`]);
  if (!(local.ok && local.stdout.trim())) {
    const created = await tryRaw(git, ["branch", "--no-track", branch, remoteRef]);
    if (!created.ok)
      throw new MaestroError(`Could not create ${branch} from origin: ${created.message.trim()}`, {
        code: "git.fetch-failed"
      });
  }
  const sha2 = await tryRaw(git, ["rev-parse", remoteRef]);
  return { kind: "fetched", sha: sha2.ok ? sha2.stdout.trim() : "" };
}

// src/adapters/git/git-history.ts
async function resolveCommit(git, root, rev) {
  const out = await tryRaw(git, ["rev-parse", "--verify", "-q", "--end-of-options", `${rev}^{commit}`]);
  const sha2 = out.ok ? out.stdout.trim() : "";
  if (!/^[0-9a-f]{40,64}$/.test(sha2)) {
    throw new MaestroError(
      `${JSON.stringify(rev)} is not a commit in ${root}; check the revision (fetch it first if it is remote).`,
      { code: "git.unknown-revision" }
    );
  }
  return sha2;
}
async function readCheckpoints(git, root, session, since) {
  const range = since ? `${await resolveCommit(git, root, since)}..HEAD` : "HEAD";
  const out = await mustRaw(
    git,
    [
      "log",
      "-z",
      "--reverse",
      "--fixed-strings",
      `--grep=${TRAILER_KEYS.session}: ${session}`,
      "--format=%H%n%B",
      range,
      "--"
    ],
    "read the checkpoints",
    "Check that the run branch has at least one commit."
  );
  const commits = [];
  for (const record of splitNul(out)) {
    const newline = record.indexOf("\n");
    const sha2 = record.slice(0, newline).trim();
    const body = record.slice(newline + 1);
    const trailers = parseCheckpointTrailers(body);
    if (trailers?.session !== session) continue;
    commits.push({ sha: sha2, subject: messageSubject(body), ...trailers });
  }
  return commits;
}
async function readReleaseCommitMessages(git, max) {
  const tag = await tryRaw(git, ["describe", "--tags", "--abbrev=0", "HEAD"]);
  const range = tag.ok && tag.stdout.trim() ? [`refs/tags/${tag.stdout.trim()}..HEAD`] : ["HEAD"];
  const out = await mustRaw(
    git,
    ["log", "-z", `--max-count=${max}`, "--no-merges", "--format=%B", ...range, "--"],
    "read the commits since the last release",
    "Check that the repository has commits."
  );
  return out.split("\0").map((m) => m.trim()).filter(Boolean);
}
var DIFF_OPTIONS2 = ["-M", "--no-ext-diff", "--no-textconv", "--no-color", "--no-relative"];
async function readDiffFiles(git, root, from, to) {
  const range = [await resolveCommit(git, root, from), await resolveCommit(git, root, to)];
  const common = ["diff", "-z", ...DIFF_OPTIONS2];
  const [nameStatus, numstat] = await Promise.all([
    git.raw([...common, "--name-status", ...range, "--"]),
    git.raw([...common, "--numstat", ...range, "--"])
  ]);
  return parseDiff(nameStatus, numstat);
}
async function readDiffText(git, root, from, to, maxBytes) {
  const range = [await resolveCommit(git, root, from), await resolveCommit(git, root, to)];
  return capDiff(await git.raw(["diff", ...DIFF_OPTIONS2, ...range, "--"]), maxBytes);
}

// src/adapters/git/open-repository.ts
import { isAbsolute as isAbsolute3, join as join5 } from "node:path";

// src/adapters/git/config-guard.ts
import { createHash as createHash2 } from "node:crypto";
import { lstatSync as lstatSync2, readdirSync, readFileSync as readFileSync2, readlinkSync } from "node:fs";
import { join as join4 } from "node:path";
var GIT_DIR_FILES = ["config", "config.worktree", "commondir", "info/attributes"];
var WORKTREE_ADMIN_FILES = ["config.worktree", "commondir"];
var ConfigGuard = class _ConfigGuard {
  #git;
  #dirs;
  #baseline;
  #worktrees = /* @__PURE__ */ new Map();
  /** Filter drivers the trusted configuration defines: disabled on every call (see `gitConfig`). */
  filters;
  constructor(git, dirs, baseline, filters) {
    this.#git = git;
    this.#dirs = dirs;
    this.#baseline = baseline;
    this.filters = filters;
  }
  /**
   * `git` must run with Maestro's environment (`gitClient`, or a `quietGit`: one process less work
   * per check, and this runs before every checkpoint) so it reads the same config files.
   */
  static async capture(git, gitDirs) {
    const dirs = [...new Set(gitDirs)];
    const listing = await configListing(git);
    const baseline = fingerprint(listing, dirs);
    return new _ConfigGuard(git, dirs, baseline, filterNames(listing));
  }
  /** Records a worktree's administrative directory as Maestro created it. */
  async track(adminDir) {
    this.#worktrees.set(adminDir, filesFingerprint(adminDir, WORKTREE_ADMIN_FILES));
  }
  untrack(adminDir) {
    this.#worktrees.delete(adminDir);
  }
  /** Throws a `CommitRefusedError` naming what changed (never its content) when anything did. */
  async verify(doing, adminDir) {
    const changed = diffMaps(this.#baseline, fingerprint(await configListing(this.#git), this.#dirs));
    const worktree = adminDir === void 0 ? void 0 : this.#worktrees.get(adminDir);
    if (adminDir !== void 0) {
      if (!worktree) changed.push(`${adminDir} (not a worktree Maestro created)`);
      else changed.push(...diffMaps(worktree, filesFingerprint(adminDir, WORKTREE_ADMIN_FILES)));
    }
    if (changed.length === 0) return;
    const what = changed.slice(0, 10).join(", ") + (changed.length > 10 ? `, and ${changed.length - 10} more` : "");
    throw new CommitRefusedError(
      `Security stop: refused to ${doing}: git's configuration changed since the run began (${what}). Code the run executed may have rewritten it to run programs or redirect the push. Nothing was pushed; the work so far stays on the local branch. Inspect and restore those files, then resume.`,
      [{ kind: "git-config", what: `git configuration changed: ${what}` }],
      { code: "git.config-changed" }
    );
  }
};
async function configListing(git) {
  return git.raw(["config", "--list", "--show-origin", "--includes", "-z"]);
}
function filterNames(listing) {
  const names = /* @__PURE__ */ new Set();
  for (const record of listing.split("\0")) {
    const key = record.split("\n")[0] ?? "";
    const match = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}
function fingerprint(listing, dirs) {
  const out = /* @__PURE__ */ new Map([["effective git config", sha(listing)]]);
  for (const dir of dirs) {
    for (const [name, hash] of filesFingerprint(dir, GIT_DIR_FILES)) out.set(name, hash);
    out.set(join4(dir, "hooks"), treeFingerprint(join4(dir, "hooks")));
  }
  return out;
}
function filesFingerprint(dir, files) {
  return new Map(files.map((file) => [join4(dir, file), entryFingerprint(join4(dir, file))]));
}
function entryFingerprint(path) {
  const info = lstatSync2(path, { throwIfNoEntry: false });
  if (!info) return "absent";
  if (info.isSymbolicLink()) return `link:${readlinkSync(path)}`;
  if (info.isDirectory()) return `dir:${treeFingerprint(path)}`;
  return `file:${info.mode.toString(8)}:${sha(readFileSync2(path))}`;
}
function treeFingerprint(dir) {
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch {
    names = [];
  }
  return sha(names.map((name) => `${name}\0${entryFingerprint(join4(dir, name))}`).join("\0"));
}
function diffMaps(before, after) {
  const keys = /* @__PURE__ */ new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k2) => before.get(k2) !== after.get(k2));
}
function sha(data) {
  return createHash2("sha256").update(data).digest("hex");
}

// src/adapters/git/open-repository.ts
async function openRepository(top, options) {
  const identity = options.author ?? DEFAULT_AUTHOR;
  const probe = gitClient(top, identity);
  const absolute = (dir) => isAbsolute3(dir) ? dir : join5(top, dir);
  const gitDir = absolute((await probe.raw(["rev-parse", "--absolute-git-dir"])).trim());
  const commonDir = absolute((await probe.raw(["rev-parse", "--git-common-dir"])).trim());
  const pinnedEnv = { GIT_DIR: gitDir, GIT_WORK_TREE: top };
  const pinned = gitClient(top, identity, pinnedEnv);
  const guard = await ConfigGuard.capture(quietGit(top, identity, pinnedEnv), [gitDir, commonDir]);
  const pushUrl = options.pushUrl ?? await originUrl(pinned);
  const refs = await tryRaw(pinned, ["for-each-ref", "--format=%(objectname)", "refs/remotes/"]);
  const onRemote = refs.ok ? refs.stdout.split("\n").filter(Boolean) : [];
  return { top, guard, gitDir, pushUrl, onRemote };
}
async function originUrl(git) {
  for (const key of ["remote.origin.pushurl", "remote.origin.url"]) {
    const value = await tryRaw(git, ["config", "--get", key]);
    if (value.ok && value.stdout.trim()) return value.stdout.trim();
  }
  return void 0;
}

// src/adapters/git/run-branch-name.ts
var RUN_BRANCH_PREFIX = "maestro/";
var COMPONENT_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
function assertRunBranchName(name) {
  const problem = runBranchNameProblem(name);
  if (problem) {
    throw new MaestroError(
      `Refusing branch ${JSON.stringify(name)}: ${problem}. Maestro only works on branches named like maestro/issue-42-short-slug.`,
      { code: "git.invalid-branch" }
    );
  }
}
function runBranchNameProblem(name) {
  if (!name.startsWith(RUN_BRANCH_PREFIX)) return `it does not start with ${RUN_BRANCH_PREFIX}`;
  if (name.length > 200) return "it is longer than 200 characters";
  if (name.includes("..")) return 'it contains ".."';
  const components = name.slice(RUN_BRANCH_PREFIX.length).split("/");
  for (const component of components) {
    if (!COMPONENT_RE.test(component))
      return 'use letters, digits, ".", "_", "-" and "/" only, not starting with "-" or "."';
    if (component.endsWith(".lock") || component.endsWith(".")) return 'a part ends with ".lock" or "."';
  }
  return void 0;
}

// src/adapters/git/run-branch-state.ts
async function readRunBranchHead(git) {
  const out = await tryRaw(git, [
    "rev-parse",
    "HEAD^{commit}",
    "HEAD^{tree}",
    "--symbolic-full-name",
    "HEAD"
  ]);
  const [head = "", headTree = "", ref = ""] = out.ok ? out.stdout.trim().split("\n") : [];
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0;
  return { branch: onRunBranch(branch, head), head, headTree };
}
async function readRunBranchState(git, root, cleanFor) {
  const lines = await trackedStatus(git);
  const header = (key) => lines.find((l) => l.startsWith(`# branch.${key} `))?.slice(`# branch.${key} `.length);
  const head = header("oid") ?? "";
  const branch = onRunBranch(header("head"), head);
  if (cleanFor && lines.some((l) => !l.startsWith("#"))) throw dirtyCheckout(root, cleanFor);
  return { branch, head };
}
async function assertCleanTracked(git, root, doing) {
  if ((await trackedStatus(git)).some((l) => !l.startsWith("#"))) throw dirtyCheckout(root, doing);
}
async function trackedStatus(git) {
  const out = await git.raw([
    "status",
    "--porcelain=v2",
    "--branch",
    "--untracked-files=no",
    "--ignore-submodules=all"
  ]);
  return out.split("\n").filter(Boolean);
}
function onRunBranch(branch, head) {
  if (!branch?.startsWith(RUN_BRANCH_PREFIX) || !/^[0-9a-f]+$/.test(head)) {
    throw new MaestroError(
      `The checkout is on ${branch ?? "a detached HEAD"}, not a ${RUN_BRANCH_PREFIX} branch; Maestro only commits to its own run branch. Check out the run branch first.`,
      { code: "git.not-on-run-branch" }
    );
  }
  return branch;
}
function dirtyCheckout(root, doing) {
  return new MaestroError(
    `Cannot ${doing}: ${root} has uncommitted changes to tracked files. Commit or stash them first, then retry.`,
    { code: "git.dirty-checkout" }
  );
}

// src/adapters/git/serial-queue.ts
var SerialQueue = class {
  #tail = Promise.resolve();
  run(step) {
    const result = this.#tail.then(step, step);
    this.#tail = result.catch(() => void 0);
    return result;
  }
};

// src/adapters/git/task-worktrees.ts
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, realpath as realpath2, rm, writeFile } from "node:fs/promises";
import { isAbsolute as isAbsolute4, join as join6, relative } from "node:path";
var HIDDEN_ENTRY = /(?:^|\0)(?:S|[a-z]) /;
var DEFAULT_POOL_SIZE = 8;
var TaskWorktrees = class {
  #repoRoot;
  #git;
  #identity;
  #root;
  #guard;
  #gitDirs = /* @__PURE__ */ new Map();
  /** Worktrees whose task is over, ready for the next one: path → administrative directory. */
  #idle = [];
  #poolSize;
  // Git's worktree add/remove/prune read every worktree's administrative directory, and fail
  // ("failed to read …/commondir") when another add is half-way through writing one: they run one at a time.
  #adminQueue = Promise.resolve();
  constructor(repoRoot, git, identity, guard, root, poolSize = DEFAULT_POOL_SIZE) {
    this.#poolSize = poolSize;
    this.#repoRoot = repoRoot;
    this.#git = git;
    this.#identity = identity;
    this.#guard = guard;
    this.#root = root ?? defaultWorktreeRoot(repoRoot);
  }
  /** `base` may still be resolving: a pooled worktree's checks run meanwhile. */
  add(label, base) {
    return this.#oneAtATime(() => this.#add(label, base));
  }
  /**
   * Ends a task's use of its worktree: kept for the next task while the pool has room, else removed.
   * Never throws for a worktree that is already gone: removal runs in `finally` blocks.
   */
  remove(worktree) {
    return this.#oneAtATime(async () => {
      const gitDir = this.#gitDirs.get(worktree.path);
      if (gitDir && this.#idle.length < this.#poolSize && existsSync(worktree.path)) {
        this.#gitDirs.delete(worktree.path);
        this.#idle.push({ path: worktree.path, gitDir });
        return;
      }
      await this.#remove(worktree);
    });
  }
  /** Removes the pooled worktrees (the end of a run). */
  release() {
    return this.#oneAtATime(async () => {
      for (const idle of this.#idle.splice(0)) {
        this.#gitDirs.set(idle.path, idle.gitDir);
        await this.#remove({ path: idle.path, base: "" });
      }
    });
  }
  #oneAtATime(work) {
    const result = this.#adminQueue.then(work, work);
    this.#adminQueue = result.catch(() => void 0);
    return result;
  }
  async #add(label, baseSha) {
    const pooled = this.#idle.pop();
    if (pooled) {
      const reused = await this.#reuse(pooled, baseSha).catch(async () => {
        this.#gitDirs.set(pooled.path, pooled.gitDir);
        await this.#remove({ path: pooled.path, base: "" });
        return void 0;
      });
      if (reused) return reused;
    }
    const base = await baseSha;
    await this.#guard.verify("check out a task worktree");
    await mkdir(this.#root, { recursive: true });
    const path = await realpath2(await mkdtemp(join6(this.#root, `${sanitiseLabel(label)}-`)));
    try {
      await mustRaw(
        this.#git,
        ["worktree", "add", "--detach", path, base],
        `create a worktree for ${label}`,
        "Check free disk space and the temporary directory."
      );
    } catch (error) {
      await rm(path, { recursive: true, force: true });
      throw error;
    }
    const gitDir = (await gitClient(path, this.#identity, {}, this.#guard.filters).raw(["rev-parse", "--absolute-git-dir"])).trim();
    await this.#guard.track(gitDir);
    this.#gitDirs.set(path, gitDir);
    return { path, base };
  }
  /** A pooled worktree at `base`: its checks first, then only what differs from `base` is rewritten. */
  async #reuse(pooled, baseSha) {
    const [, base] = await settleAll([
      this.#guard.verify("reuse a task worktree", pooled.gitDir),
      Promise.resolve(baseSha)
    ]);
    await writeFile(join6(pooled.path, ".git"), `gitdir: ${pooled.gitDir}
`);
    const git = this.#pinned(pooled.path, pooled.gitDir);
    const next = "The worktree is dropped and a fresh one is made.";
    const entries = await mustRaw(git, ["ls-files", "-v", "-z"], "read a pooled worktree", next);
    if (HIDDEN_ENTRY.test(entries)) {
      throw new MaestroError(`${pooled.path} has files git was told to ignore. ${next}`, {
        code: "git.pooled-worktree-flags"
      });
    }
    await mustRaw(git, ["checkout", "-q", "-f", "--detach", base, "--"], "reset a pooled worktree", next);
    await mustRaw(git, ["clean", "-q", "-ffdx"], "clean a pooled worktree", next);
    this.#gitDirs.set(pooled.path, pooled.gitDir);
    return { path: pooled.path, base };
  }
  async #remove(worktree) {
    const gitDir = this.#gitDirs.get(worktree.path);
    if (gitDir) this.#guard.untrack(gitDir);
    const removed = await tryRaw(this.#git, ["worktree", "remove", "--force", "--force", worktree.path]);
    if (removed.ok) {
      this.#gitDirs.delete(worktree.path);
      return;
    }
    if (await this.#isOwnPath(worktree.path) && existsSync(worktree.path)) {
      await rm(worktree.path, { recursive: true, force: true });
    }
    await tryRaw(this.#git, ["worktree", "prune"]);
    this.#gitDirs.delete(worktree.path);
  }
  /**
   * The task's whole working tree staged in its worktree's index and written as a tree (tracked,
   * new and deleted files; `add -A` honours `.gitignore`, so build output stays out), with its
   * base's tree to compare. Git's configuration is checked before `add` and again after it and
   * `alongside` (the main checkout's status, run at the same time: a different index) are done,
   * so a change made meanwhile is refused before anything is committed.
   */
  async stage(worktree, alongside) {
    const gitDir = this.#gitDirOf(worktree);
    const doing = "stage the task's changes";
    await this.#guard.verify(doing, gitDir);
    const git = this.#pinned(worktree.path, gitDir);
    const [, baseTree, beside] = await settleAll([
      mustRaw(
        git,
        ["add", "-A"],
        `stage the changes in ${worktree.path}`,
        "Check that the worktree still exists."
      ),
      git.raw(["rev-parse", "--verify", `${worktree.base}^{tree}`]),
      alongside()
    ]);
    const [, tree] = await settleAll([this.#guard.verify(doing, gitDir), git.raw(["write-tree"])]);
    return { tree: tree.trim(), baseTree: baseTree.trim(), alongside: beside };
  }
  /** A staged tree as a commit on the worktree's base (the task's own commit, for a pick or to keep). */
  async commitOnBase(worktree, tree, message) {
    const git = this.#pinned(worktree.path, this.#gitDirOf(worktree));
    return (await git.raw(["commit-tree", tree, "-p", worktree.base, "-m", message])).trim();
  }
  /**
   * Git for one worktree, pointed at its recorded administrative directory (never at what its
   * `.git` file says), without simple-git's wait after silent commands.
   */
  #pinned(path, gitDir) {
    return quietGit(path, this.#identity, { GIT_DIR: gitDir, GIT_WORK_TREE: path }, this.#guard.filters);
  }
  /** Only worktrees this workspace created: their administrative directories are the recorded ones. */
  #gitDirOf(worktree) {
    const known = this.#gitDirs.get(worktree.path);
    if (known) return known;
    throw new MaestroError(
      `${worktree.path} is not a worktree Maestro created for ${this.#repoRoot} in this run; it may have been removed — re-run the task.`,
      { code: "git.unknown-worktree" }
    );
  }
  async #isOwnPath(path) {
    const root = await realpath2(this.#root).catch(() => this.#root);
    const rel = relative(root, path);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute4(rel);
  }
};

// src/adapters/git/simple-git-workspace.ts
var SimpleGitWorkspace = class _SimpleGitWorkspace {
  root;
  #git;
  /**
   * The same git without simple-git: its per-call work, and its 50 ms wait after a command that
   * prints nothing (`update-ref`, `add`, `cherry-pick`). Every command on a checkpoint's path.
   */
  #quiet;
  #identity;
  #pushAuth;
  #authFailureHint;
  #pushUrl;
  #guard;
  #gate;
  #writer;
  #worktrees;
  /** Everything that moves HEAD or touches the main checkout's index runs through this. */
  #serial = new SerialQueue();
  #gitDirPinned;
  constructor(opened, options) {
    this.root = opened.top;
    this.#identity = options.author ?? DEFAULT_AUTHOR;
    this.#pushAuth = options.pushAuth;
    this.#authFailureHint = options.authFailureHint;
    this.#pushUrl = opened.pushUrl;
    this.#guard = opened.guard;
    this.#gitDirPinned = opened.gitDir;
    const pinned = { GIT_DIR: opened.gitDir, GIT_WORK_TREE: opened.top };
    this.#git = gitClient(opened.top, this.#identity, pinned, opened.guard.filters);
    this.#quiet = quietGit(opened.top, this.#identity, pinned, opened.guard.filters);
    this.#gate = new CommitGate({
      git: this.#quiet,
      guard: opened.guard,
      secrets: options.secrets ?? [],
      onRemote: opened.onRemote
    });
    this.#writer = new CheckpointWriter(this.#quiet, this.#gate);
    this.#worktrees = new TaskWorktrees(
      opened.top,
      this.#git,
      this.#identity,
      opened.guard,
      options.worktreeRoot
    );
  }
  static async open(root, options = {}) {
    let top;
    try {
      const probe = gitClient(await realpath3(root), options.author ?? DEFAULT_AUTHOR);
      top = (await probe.raw(["rev-parse", "--show-toplevel"])).trim();
    } catch (error) {
      throw new MaestroError(
        `${root} is not a git checkout; run Maestro from the repository's working tree.`,
        {
          code: "git.not-a-repository",
          cause: error
        }
      );
    }
    if (options.worktreeRoot) await mkdir2(options.worktreeRoot, { recursive: true });
    return new _SimpleGitWorkspace(await openRepository(top, options), options);
  }
  async head() {
    return this.#resolveCommit("HEAD");
  }
  async currentBranch() {
    const out = await tryRaw(this.#git, ["symbolic-ref", "-q", "--short", "HEAD"]);
    const name = out.ok ? out.stdout.trim() : "";
    return name || void 0;
  }
  async checkoutRunBranch(name, from) {
    return this.#serial.run(async () => {
      assertRunBranchName(name);
      await this.#guard.verify(`check out ${name}`);
      await mustRaw(
        this.#git,
        ["check-ref-format", "--branch", name],
        `accept ${name} as a branch name`,
        "Choose another branch name."
      );
      await assertCleanTracked(this.#quiet, this.root, `switch to ${name}`);
      const exists2 = await tryRaw(this.#git, ["rev-parse", "--verify", "-q", `refs/heads/${name}`]);
      if (exists2.ok && exists2.stdout.trim()) {
        if (await this.currentBranch() === name) return;
        await mustRaw(
          this.#quiet,
          ["checkout", "-q", name, "--"],
          `check out ${name}`,
          "Move untracked files that are in the way, then retry."
        );
        return;
      }
      const start = await this.#resolveCommit(from ?? "HEAD");
      await mustRaw(
        this.#quiet,
        ["checkout", "-q", "--no-track", "-b", name, start, "--"],
        `create ${name}`,
        "Move untracked files that are in the way, then retry."
      );
    });
  }
  addWorktree(label, base) {
    const sha2 = this.#resolveCommit(base);
    sha2.catch(() => void 0);
    return this.#worktrees.add(label, sha2);
  }
  removeWorktree(worktree) {
    return this.#worktrees.remove(worktree);
  }
  releaseWorktrees() {
    return this.#worktrees.release();
  }
  async integrate(worktree, message, trailers, policy) {
    const text = formatCheckpointMessage(message, trailers);
    const taskMessage = `maestro: changes of task ${trailers.task}`;
    return this.#serial.run(
      () => this.#writer.refusable(async (keep) => {
        const staged = await this.#worktrees.stage(worktree, () => this.#runBranchStatus("integrate a task"));
        const { tree, baseTree, alongside: head } = staged;
        if (tree === baseTree) return { kind: "empty" };
        keep.ref = async () => this.#writer.keepRefused(trailers, await this.#worktrees.commitOnBase(worktree, tree, taskMessage));
        if (head === worktree.base) {
          const forward = await this.#writer.fastForward(head, baseTree, tree, text, policy);
          if (forward) return forward;
        }
        const taskCommit = await this.#worktrees.commitOnBase(worktree, tree, taskMessage);
        keep.ref = () => this.#writer.keepRefused(trailers, taskCommit);
        return applyTaskCommit(this.#quiet, head, taskCommit, async ({ tree: tree2, headTree }) => {
          const { commit, message: message2 } = await this.#writer.checkedCommit(head, headTree, tree2, text, policy);
          return this.#writer.moveBranch(head, commit, message2);
        });
      })
    );
  }
  async commitAll(message, trailers, policy) {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(
      () => this.#writer.refusable(async (keep) => {
        const { head, headTree } = await this.#runBranchHead();
        await mustRaw(
          this.#quiet,
          ["add", "-A"],
          "stage the working tree",
          "Check file permissions in the checkout."
        );
        const tree = (await this.#quiet.raw(["write-tree"])).trim();
        if (tree === headTree) return { kind: "empty" };
        keep.ref = async () => {
          const commit2 = (await this.#quiet.raw(["commit-tree", tree, "-p", head, "-m", text])).trim();
          await tryRaw(this.#quiet, ["reset", "-q"]);
          return this.#writer.keepRefused(trailers, commit2);
        };
        const { commit, message: message2 } = await this.#writer.checkedCommit(head, headTree, tree, text, policy);
        return { kind: "integrated", sha: await this.#writer.moveBranch(head, commit, message2) };
      })
    );
  }
  async restoreTree(targetSha, message, trailers) {
    const text = formatCheckpointMessage(message, trailers);
    return this.#serial.run(async () => {
      const { head } = await this.#runBranchState("roll back");
      const target = await this.#resolveCommit(targetSha);
      const tree = await this.#treeOf(target);
      const checked = await this.#gate.message(
        head,
        tree,
        text,
        { protectedPaths: [] },
        `restore the tree of ${target}`
      );
      const commit = (await this.#quiet.raw(["commit-tree", tree, "-p", head, "-m", checked])).trim();
      await mustRaw(
        this.#quiet,
        ["reset", "-q", "--keep", commit],
        `restore the tree of ${target}`,
        "Move untracked files that are in the way, then retry."
      );
      this.#gate.scanned(commit);
      return commit;
    });
  }
  checkpoints(session, since) {
    return readCheckpoints(this.#quiet, this.root, session, since);
  }
  releaseCommitMessages(max) {
    return readReleaseCommitMessages(this.#quiet, max);
  }
  diffFiles(from, to) {
    return readDiffFiles(this.#quiet, this.root, from, to);
  }
  diffText(from, to, maxBytes) {
    return readDiffText(this.#quiet, this.root, from, to, maxBytes);
  }
  async fetchRunBranch(branch) {
    assertRunBranchName(branch);
    return this.#serial.run(async () => {
      const target = await this.#remote();
      if (!target) return { kind: "no-remote" };
      await this.#guard.verify(`fetch ${branch}`);
      const fetched = await fetchBranch(this.#git, target, branch);
      if (fetched.kind === "fetched" && fetched.sha) this.#gate.onRemote(fetched.sha);
      return fetched;
    });
  }
  async push(branch, options = {}) {
    const to = options.to ?? branch;
    assertRunBranchName(branch);
    assertRunBranchName(to);
    const target = await this.#remote();
    if (!target) return { kind: "no-remote" };
    try {
      await this.#guard.verify(`push ${branch}`);
      const tip = await this.#resolveCommit(`refs/heads/${branch}`);
      await this.#gate.beforePush(tip, branch);
      const pushed = await pushBranch(target, branch, to);
      if (pushed.kind === "pushed") this.#gate.onRemote(tip);
      return pushed;
    } catch (error) {
      if (error instanceof CommitRefusedError) return { kind: "refused", reason: error.message };
      throw error;
    }
  }
  /** The remote with the header as it is now (a provider is asked again for each push and fetch). */
  async #remote() {
    const url = this.#pushUrl;
    if (url === void 0) return void 0;
    const auth6 = this.#pushAuth?.header;
    const header = typeof auth6 === "function" ? await auth6() : auth6;
    const env = header ? authHeaderEnv(header, url) : {};
    return {
      url,
      header,
      ...this.#authFailureHint ? { authFailureHint: this.#authFailureHint } : {},
      git: gitClient(this.root, this.#identity, { ...this.#pinnedEnv(), ...env }, this.#guard.filters)
    };
  }
  #pinnedEnv() {
    return { GIT_DIR: this.#gitDirPinned, GIT_WORK_TREE: this.root };
  }
  /** The run branch's head and tree, read beside the config check (nothing is staged until both are done). */
  async #runBranchHead() {
    const [, state] = await Promise.all([
      this.#guard.verify("stage the working tree"),
      readRunBranchHead(this.#quiet)
    ]);
    return state;
  }
  #resolveCommit(rev) {
    return resolveCommit(this.#quiet, this.root, rev);
  }
  async #treeOf(commit) {
    return (await this.#quiet.raw(["rev-parse", "--verify", `${commit}^{tree}`])).trim();
  }
  async #runBranchState(cleanFor) {
    await this.#guard.verify(cleanFor ?? "stage the working tree");
    return readRunBranchState(this.#quiet, this.root, cleanFor);
  }
  /** `#runBranchState`'s head, for a caller that verified git's configuration itself just before. */
  async #runBranchStatus(cleanFor) {
    return (await readRunBranchState(this.#quiet, this.root, cleanFor)).head;
  }
};

// src/adapters/github/github-client.ts
function repoName(ctx) {
  return `${ctx.repo.owner}/${ctx.repo.repo}`;
}

// src/adapters/github/github-errors.ts
var PULL_REQUEST_EXISTS = "A pull request already exists";
function statusOf2(error) {
  if (typeof error !== "object" || error === null || !("status" in error)) return void 0;
  const status = error.status;
  return typeof status === "number" ? status : void 0;
}
function isAmbiguous(error) {
  const status = statusOf2(error);
  if (status === void 0 || status === 0) return true;
  return status >= 500;
}
function gitHubMessage(error) {
  const data = error?.response?.data;
  const parts = [];
  if (typeof data === "object" && data !== null) {
    const { message, errors } = data;
    if (typeof message === "string") parts.push(message);
    if (Array.isArray(errors)) {
      for (const e of errors) {
        const text = typeof e === "string" ? e : e?.message;
        if (typeof text === "string") parts.push(text);
      }
    }
  }
  if (parts.length === 0 && error instanceof Error) parts.push(error.message);
  return parts.join("; ");
}
function toGitHubApiError(ctx, error, action, permission) {
  const status = statusOf2(error);
  const detail = shortDetail(ctx, error);
  const what = `Couldn't ${action} in ${repoName(ctx)}`;
  const http = status && status !== 500 ? `HTTP ${status}` : "";
  const said = http || detail ? ` (${[http, detail].filter(Boolean).join(": ")})` : "";
  const next = kindOf(status) === "unauthorized" && ctx.unauthorizedHint ? ctx.unauthorizedHint : nextStep(status, permission);
  return new GitHubApiError(`${what}${said}. ${next}`, {
    code: `github.${kindOf(status)}`,
    cause: error
  });
}
function shortDetail(ctx, error) {
  const message = gitHubMessage(error).replace(/\s+/g, " ").trim();
  if (message.startsWith("<")) return "";
  return redactSecrets(ctx.secrets)(message.slice(0, 300)).text;
}
function kindOf(status) {
  if (status === 401) return "unauthorized";
  if (status === 403 || status === 429) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 409 || status === 422) return "rejected";
  if (status !== void 0 && status > 0 && status < 500) return "http";
  return "unavailable";
}
function nextStep(status, permission) {
  switch (kindOf(status)) {
    case "unauthorized":
      return "The token is invalid or expired: check the App installation or the token secret.";
    case "forbidden":
      return `The GitHub App or token needs the "${permission}" permission (or a rate limit was exhausted): grant it, or retry later.`;
    case "not-found":
      return `Check that it exists and that the App or token can see the repository with "${permission}".`;
    case "rejected":
      return "GitHub rejected the request as invalid; the message above says why.";
    case "unavailable":
      return "GitHub did not answer (server error, network error or timeout); retry later.";
    default:
      return "Retry later; if it persists, check githubstatus.com.";
  }
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b2) => a.concat(b2), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c3) {
    return "%" + c3.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k2) {
            if (isDefined(value[k2])) {
              result.push(encodeValue(operator, value[k2], k2));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k2) {
            if (isDefined(value[k2])) {
              tmp.push(encodeUnreserved(k2));
              tmp.push(encodeValue(operator, value[k2].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_2, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C2 = function() {
  };
  C2.prototype = /* @__PURE__ */ Object.create(null);
  return C2;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k2 = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k2);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k2];
        const childVal = prepareVal(node.val, k2, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k2) + ": ");
        } else {
          chunks.push(originalStringify(k2) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k2,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_2, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i2 = keys.length - 1; i2 >= 0; i2--) {
          stack.push({ parent: value, key: keys[i2], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits2, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits2 && (digits2.length < MAX_DIGITS || digits2.length === MAX_DIGITS && digits2 <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions2) {
  const fetch = requestOptions2.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions2.request?.log || console;
  const parseSuccessResponseBody = requestOptions2.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions2.body) || Array.isArray(requestOptions2.body) ? JSONStringify(requestOptions2.body) : requestOptions2.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions2.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions2.url, {
      method: requestOptions2.method,
      body,
      redirect: requestOptions2.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions2.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions2.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions2
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions2.method} ${requestOptions2.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions2.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions2
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions2
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions2
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request22 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request22, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request22, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/oauth-methods/dist-bundle/index.js
function requestToOAuthBaseUrl(request3) {
  const endpointDefaults = request3.endpoint.DEFAULTS;
  if (/^https:\/\/(api\.)?github\.com$/.test(endpointDefaults.baseUrl)) {
    return "https://github.com";
  }
  if (/^https:\/\/api\..*\.ghe\.com$/.test(endpointDefaults.baseUrl)) {
    return endpointDefaults.baseUrl.replace("api.", "");
  }
  return endpointDefaults.baseUrl.replace("/api/v3", "");
}
async function oauthRequest(request3, route, parameters) {
  const withOAuthParameters = {
    baseUrl: requestToOAuthBaseUrl(request3),
    headers: {
      accept: "application/json"
    },
    ...parameters
  };
  const response = await request3(route, withOAuthParameters);
  if ("error" in response.data) {
    const error = new RequestError(
      `${response.data.error_description} (${response.data.error}, ${response.data.error_uri})`,
      400,
      {
        request: request3.endpoint.merge(
          route,
          withOAuthParameters
        )
      }
    );
    error.response = response;
    throw error;
  }
  return response;
}
async function exchangeWebFlowCode(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code: options.code,
      redirect_uri: options.redirectUrl
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function createDeviceCode(options) {
  const request3 = options.request || request;
  const parameters = {
    client_id: options.clientId
  };
  if ("scopes" in options && Array.isArray(options.scopes)) {
    parameters.scope = options.scopes.join(" ");
  }
  return oauthRequest(request3, "POST /login/device/code", parameters);
}
async function exchangeDeviceCode(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      device_code: options.code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code"
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if ("clientSecret" in options) {
    authentication.clientSecret = options.clientSecret;
  }
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp2(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function checkToken(options) {
  const request3 = options.request || request;
  const response = await request3("POST /applications/{client_id}/token", {
    headers: {
      authorization: `basic ${btoa(
        `${options.clientId}:${options.clientSecret}`
      )}`
    },
    client_id: options.clientId,
    access_token: options.token
  });
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: options.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
async function refreshToken(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      grant_type: "refresh_token",
      refresh_token: options.refreshToken
    }
  );
  const apiTimeInMs = new Date(response.headers.date).getTime();
  const authentication = {
    clientType: "github-app",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    refreshToken: response.data.refresh_token,
    expiresAt: toTimestamp3(apiTimeInMs, response.data.expires_in),
    refreshTokenExpiresAt: toTimestamp3(
      apiTimeInMs,
      response.data.refresh_token_expires_in
    )
  };
  return { ...response, authentication };
}
function toTimestamp3(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function resetToken(options) {
  const request3 = options.request || request;
  const auth6 = btoa(`${options.clientId}:${options.clientSecret}`);
  const response = await request3(
    "PATCH /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth6}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
async function deleteToken(options) {
  const request3 = options.request || request;
  const auth6 = btoa(`${options.clientId}:${options.clientSecret}`);
  return request3(
    "DELETE /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth6}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}
async function deleteAuthorization(options) {
  const request3 = options.request || request;
  const auth6 = btoa(`${options.clientId}:${options.clientSecret}`);
  return request3(
    "DELETE /applications/{client_id}/grant",
    {
      headers: {
        authorization: `basic ${auth6}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}

// node_modules/@octokit/auth-oauth-device/dist-bundle/index.js
async function getOAuthAccessToken(state, options) {
  const cachedAuthentication = getCachedAuthentication(state, options.auth);
  if (cachedAuthentication) return cachedAuthentication;
  const { data: verification } = await createDeviceCode({
    clientType: state.clientType,
    clientId: state.clientId,
    request: options.request || state.request,
    // @ts-expect-error the extra code to make TS happy is not worth it
    scopes: options.auth.scopes || state.scopes
  });
  await state.onVerification(verification);
  const authentication = await waitForAccessToken(
    options.request || state.request,
    state.clientId,
    state.clientType,
    verification
  );
  state.authentication = authentication;
  return authentication;
}
function getCachedAuthentication(state, auth22) {
  if (auth22.refresh === true) return false;
  if (!state.authentication) return false;
  if (state.clientType === "github-app") {
    return state.authentication;
  }
  const authentication = state.authentication;
  const newScope = ("scopes" in auth22 && auth22.scopes || state.scopes).join(
    " "
  );
  const currentScope = authentication.scopes.join(" ");
  return newScope === currentScope ? authentication : false;
}
async function wait(seconds) {
  await new Promise((resolve2) => setTimeout(resolve2, seconds * 1e3));
}
async function waitForAccessToken(request3, clientId, clientType, verification) {
  try {
    const options = {
      clientId,
      request: request3,
      code: verification.device_code
    };
    const { authentication } = clientType === "oauth-app" ? await exchangeDeviceCode({
      ...options,
      clientType: "oauth-app"
    }) : await exchangeDeviceCode({
      ...options,
      clientType: "github-app"
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  } catch (error) {
    if (!error.response) throw error;
    const errorType = error.response.data.error;
    if (errorType === "authorization_pending") {
      await wait(verification.interval);
      return waitForAccessToken(request3, clientId, clientType, verification);
    }
    if (errorType === "slow_down") {
      await wait(verification.interval + 7);
      return waitForAccessToken(request3, clientId, clientType, verification);
    }
    throw error;
  }
}
async function auth(state, authOptions2) {
  return getOAuthAccessToken(state, {
    auth: authOptions2
  });
}
async function hook(state, request3, route, parameters) {
  let endpoint2 = request3.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint2.url)) {
    return request3(endpoint2);
  }
  const { token } = await getOAuthAccessToken(state, {
    request: request3,
    auth: { type: "oauth" }
  });
  endpoint2.headers.authorization = `token ${token}`;
  return request3(endpoint2);
}
var VERSION3 = "0.0.0-development";
function createOAuthDeviceAuth(options) {
  const requestWithDefaults = options.request || request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-device.js/${VERSION3} ${getUserAgent()}`
    }
  });
  const { request: request3 = requestWithDefaults, ...otherOptions } = options;
  const state = options.clientType === "github-app" ? {
    ...otherOptions,
    clientType: "github-app",
    request: request3
  } : {
    ...otherOptions,
    clientType: "oauth-app",
    request: request3,
    scopes: options.scopes || []
  };
  if (!options.clientId) {
    throw new Error(
      '[@octokit/auth-oauth-device] "clientId" option must be set (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  if (!options.onVerification) {
    throw new Error(
      '[@octokit/auth-oauth-device] "onVerification" option must be a function (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  return Object.assign(auth.bind(null, state), {
    hook: hook.bind(null, state)
  });
}

// node_modules/@octokit/auth-oauth-user/dist-bundle/index.js
var VERSION4 = "0.0.0-development";
async function getAuthentication(state) {
  if ("code" in state.strategyOptions) {
    const { authentication } = await exchangeWebFlowCode({
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  }
  if ("onVerification" in state.strategyOptions) {
    const deviceAuth = createOAuthDeviceAuth({
      clientType: state.clientType,
      clientId: state.clientId,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    const authentication = await deviceAuth({
      type: "oauth"
    });
    return {
      clientSecret: state.clientSecret,
      ...authentication
    };
  }
  if ("token" in state.strategyOptions) {
    return {
      type: "token",
      tokenType: "oauth",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions
    };
  }
  throw new Error("[@octokit/auth-oauth-user] Invalid strategy options");
}
async function auth2(state, options = {}) {
  if (!state.authentication) {
    state.authentication = state.clientType === "oauth-app" ? await getAuthentication(state) : await getAuthentication(state);
  }
  if (state.authentication.invalid) {
    throw new Error("[@octokit/auth-oauth-user] Token is invalid");
  }
  const currentAuthentication = state.authentication;
  if ("expiresAt" in currentAuthentication) {
    if (options.type === "refresh" || new Date(currentAuthentication.expiresAt) < /* @__PURE__ */ new Date()) {
      const { authentication } = await refreshToken({
        clientType: "github-app",
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        refreshToken: currentAuthentication.refreshToken,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        ...authentication
      };
    }
  }
  if (options.type === "refresh") {
    if (state.clientType === "oauth-app") {
      throw new Error(
        "[@octokit/auth-oauth-user] OAuth Apps do not support expiring tokens"
      );
    }
    if (!currentAuthentication.hasOwnProperty("expiresAt")) {
      throw new Error("[@octokit/auth-oauth-user] Refresh token missing");
    }
    await state.onTokenCreated?.(state.authentication, {
      type: options.type
    });
  }
  if (options.type === "check" || options.type === "reset") {
    const method = options.type === "check" ? checkToken : resetToken;
    try {
      const { authentication } = await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        // @ts-expect-error TBD
        ...authentication
      };
      if (options.type === "reset") {
        await state.onTokenCreated?.(state.authentication, {
          type: options.type
        });
      }
      return state.authentication;
    } catch (error) {
      if (error.status === 404) {
        error.message = "[@octokit/auth-oauth-user] Token is invalid";
        state.authentication.invalid = true;
      }
      throw error;
    }
  }
  if (options.type === "delete" || options.type === "deleteAuthorization") {
    const method = options.type === "delete" ? deleteToken : deleteAuthorization;
    try {
      await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    state.authentication.invalid = true;
    return state.authentication;
  }
  return state.authentication;
}
var ROUTES_REQUIRING_BASIC_AUTH = /\/applications\/[^/]+\/(token|grant)s?/;
function requiresBasicAuth(url) {
  return url && ROUTES_REQUIRING_BASIC_AUTH.test(url);
}
async function hook2(state, request3, route, parameters = {}) {
  const endpoint2 = request3.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint2.url)) {
    return request3(endpoint2);
  }
  if (requiresBasicAuth(endpoint2.url)) {
    const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
    endpoint2.headers.authorization = `basic ${credentials}`;
    return request3(endpoint2);
  }
  const { token } = state.clientType === "oauth-app" ? await auth2({ ...state, request: request3 }) : await auth2({ ...state, request: request3 });
  endpoint2.headers.authorization = "token " + token;
  return request3(endpoint2);
}
function createOAuthUserAuth({
  clientId,
  clientSecret,
  clientType = "oauth-app",
  request: request3 = request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-app.js/${VERSION4} ${getUserAgent()}`
    }
  }),
  onTokenCreated,
  ...strategyOptions
}) {
  const state = Object.assign({
    clientType,
    clientId,
    clientSecret,
    onTokenCreated,
    strategyOptions,
    request: request3
  });
  return Object.assign(auth2.bind(null, state), {
    // @ts-expect-error not worth the extra code needed to appease TS
    hook: hook2.bind(null, state)
  });
}
createOAuthUserAuth.VERSION = VERSION4;

// node_modules/@octokit/auth-oauth-app/dist-bundle/index.js
async function auth3(state, authOptions2) {
  if (authOptions2.type === "oauth-app") {
    return {
      type: "oauth-app",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      headers: {
        authorization: `basic ${btoa(
          `${state.clientId}:${state.clientSecret}`
        )}`
      }
    };
  }
  if ("factory" in authOptions2) {
    const { type, ...options } = {
      ...authOptions2,
      ...state
    };
    return authOptions2.factory(options);
  }
  const common = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.request,
    ...authOptions2
  };
  const userAuth = state.clientType === "oauth-app" ? await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  }) : await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  });
  return userAuth();
}
async function hook3(state, request22, route, parameters) {
  let endpoint2 = request22.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint2.url)) {
    return request22(endpoint2);
  }
  if (state.clientType === "github-app" && !requiresBasicAuth(endpoint2.url)) {
    throw new Error(
      `[@octokit/auth-oauth-app] GitHub Apps cannot use their client ID/secret for basic authentication for endpoints other than "/applications/{client_id}/**". "${endpoint2.method} ${endpoint2.url}" is not supported.`
    );
  }
  const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
  endpoint2.headers.authorization = `basic ${credentials}`;
  try {
    return await request22(endpoint2);
  } catch (error) {
    if (error.status !== 401) throw error;
    error.message = `[@octokit/auth-oauth-app] "${endpoint2.method} ${endpoint2.url}" does not support clientId/clientSecret basic authentication.`;
    throw error;
  }
}
var VERSION5 = "0.0.0-development";
function createOAuthAppAuth(options) {
  const state = Object.assign(
    {
      request: request.defaults({
        headers: {
          "user-agent": `octokit-auth-oauth-app.js/${VERSION5} ${getUserAgent()}`
        }
      }),
      clientType: "oauth-app"
    },
    options
  );
  return Object.assign(auth3.bind(null, state), {
    hook: hook3.bind(null, state)
  });
}

// node_modules/universal-github-app-jwt/lib/utils.js
function isPkcs1(privateKey) {
  return privateKey.includes("-----BEGIN RSA PRIVATE KEY-----");
}
function isOpenSsh(privateKey) {
  return privateKey.includes("-----BEGIN OPENSSH PRIVATE KEY-----");
}
function string2ArrayBuffer(str) {
  const buf = new ArrayBuffer(str.length);
  const bufView = new Uint8Array(buf);
  for (let i2 = 0, strLen = str.length; i2 < strLen; i2++) {
    bufView[i2] = str.charCodeAt(i2);
  }
  return buf;
}
function getDERfromPEM(pem) {
  const pemB64 = pem.trim().split("\n").slice(1, -1).join("");
  const decoded = atob(pemB64);
  return string2ArrayBuffer(decoded);
}
function getEncodedMessage(header, payload) {
  return `${base64encodeJSON(header)}.${base64encodeJSON(payload)}`;
}
function base64encode(buffer) {
  var binary = "";
  var bytes = new Uint8Array(buffer);
  var len = bytes.byteLength;
  for (var i2 = 0; i2 < len; i2++) {
    binary += String.fromCharCode(bytes[i2]);
  }
  return fromBase64(btoa(binary));
}
function fromBase64(base64) {
  return base64.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
}
function base64encodeJSON(obj) {
  return fromBase64(btoa(JSON.stringify(obj)));
}

// node_modules/universal-github-app-jwt/lib/crypto-node.js
import { subtle } from "node:crypto";
import { createPrivateKey } from "node:crypto";
function convertPrivateKey(privateKey) {
  if (!isPkcs1(privateKey)) return privateKey;
  return createPrivateKey(privateKey).export({
    type: "pkcs8",
    format: "pem"
  });
}

// node_modules/universal-github-app-jwt/lib/get-token.js
async function getToken({ privateKey, payload }) {
  const convertedPrivateKey = convertPrivateKey(privateKey);
  if (isPkcs1(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in PKCS#1 format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }
  if (isOpenSsh(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in OpenSSH format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: { name: "SHA-256" }
  };
  const header = { alg: "RS256", typ: "JWT" };
  const privateKeyDER = getDERfromPEM(convertedPrivateKey);
  const importedKey = await subtle.importKey(
    "pkcs8",
    privateKeyDER,
    algorithm,
    false,
    ["sign"]
  );
  const encodedMessage = getEncodedMessage(header, payload);
  const encodedMessageArrBuf = string2ArrayBuffer(encodedMessage);
  const signatureArrBuf = await subtle.sign(
    algorithm.name,
    importedKey,
    encodedMessageArrBuf
  );
  const encodedSignature = base64encode(signatureArrBuf);
  return `${encodedMessage}.${encodedSignature}`;
}

// node_modules/universal-github-app-jwt/index.js
async function githubAppJwt({
  id,
  privateKey,
  now = Math.floor(Date.now() / 1e3)
}) {
  const privateKeyWithNewlines = privateKey.replace(/\\n/g, "\n");
  const nowWithSafetyMargin = now - 30;
  const expiration = nowWithSafetyMargin + 60 * 10;
  const payload = {
    iat: nowWithSafetyMargin,
    // Issued at time
    exp: expiration,
    iss: id
  };
  const token = await getToken({
    privateKey: privateKeyWithNewlines,
    payload
  });
  return {
    appId: id,
    expiration,
    token
  };
}

// node_modules/toad-cache/dist/toad-cache.mjs
function validateCacheParams(max, ttlInMsecs) {
  if (typeof max !== "number" || !Number.isInteger(max) || max < 0) {
    throw new Error("Invalid max value");
  }
  if (typeof ttlInMsecs !== "number" || !Number.isInteger(ttlInMsecs) || ttlInMsecs < 0) {
    throw new Error("Invalid ttl value");
  }
}
var LruObject = class {
  constructor(max = 1e3, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);
    this.first = null;
    this.items = /* @__PURE__ */ Object.create(null);
    this.last = null;
    this.size = 0;
    this.max = max;
    this.ttl = ttlInMsecs;
  }
  bumpLru(item) {
    if (this.last === item) {
      return;
    }
    const last2 = this.last;
    const next = item.next;
    const prev = item.prev;
    if (this.first === item) {
      this.first = next;
    }
    item.next = null;
    item.prev = last2;
    last2.next = item;
    if (prev !== null) {
      prev.next = next;
    }
    if (next !== null) {
      next.prev = prev;
    }
    this.last = item;
  }
  clear() {
    this.items = /* @__PURE__ */ Object.create(null);
    this.first = null;
    this.last = null;
    this.size = 0;
  }
  delete(key) {
    const item = this.items[key];
    if (item !== void 0) {
      delete this.items[key];
      this.size--;
      if (item.prev !== null) {
        item.prev.next = item.next;
      }
      if (item.next !== null) {
        item.next.prev = item.prev;
      }
      if (this.first === item) {
        this.first = item.next;
      }
      if (this.last === item) {
        this.last = item.prev;
      }
    }
  }
  deleteMany(keys) {
    for (var i2 = 0; i2 < keys.length; i2++) {
      this.delete(keys[i2]);
    }
  }
  evict() {
    if (this.size > 0) {
      const item = this.first;
      delete this.items[item.key];
      if (--this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }
  expiresAt(key) {
    const item = this.items[key];
    if (item !== void 0) {
      return item.expiry;
    }
  }
  get(key) {
    const item = this.items[key];
    if (item !== void 0) {
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return;
      }
      this.bumpLru(item);
      return item.value;
    }
  }
  getMany(keys) {
    const result = new Array(keys.length);
    for (var i2 = 0; i2 < keys.length; i2++) {
      result[i2] = this.get(keys[i2]);
    }
    return result;
  }
  keys() {
    return Object.keys(this.items);
  }
  set(key, value) {
    const existing = this.items[key];
    if (existing !== void 0) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;
      this.bumpLru(existing);
      return;
    }
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }
    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key,
      prev: this.last,
      next: null,
      value
    };
    this.items[key] = item;
    if (++this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }
    this.last = item;
  }
};

// node_modules/@octokit/auth-app/dist-node/index.js
async function getAppAuthentication({
  appId,
  privateKey,
  timeDifference,
  createJwt
}) {
  try {
    if (createJwt) {
      const { jwt, expiresAt } = await createJwt(appId, timeDifference);
      return {
        type: "app",
        token: jwt,
        appId,
        expiresAt
      };
    }
    const authOptions2 = {
      id: appId,
      privateKey
    };
    if (timeDifference) {
      Object.assign(authOptions2, {
        now: Math.floor(Date.now() / 1e3) + timeDifference
      });
    }
    const appAuthentication = await githubAppJwt(authOptions2);
    return {
      type: "app",
      token: appAuthentication.token,
      appId: appAuthentication.appId,
      expiresAt: new Date(appAuthentication.expiration * 1e3).toISOString()
    };
  } catch (error) {
    if (privateKey === "-----BEGIN RSA PRIVATE KEY-----") {
      throw new Error(
        "The 'privateKey` option contains only the first line '-----BEGIN RSA PRIVATE KEY-----'. If you are setting it using a `.env` file, make sure it is set on a single line with newlines replaced by '\n'"
      );
    } else {
      throw error;
    }
  }
}
function getCache() {
  return new LruObject(
    // cache max. 15000 tokens, that will use less than 10mb memory
    15e3,
    // Cache for 1 minute less than GitHub expiry
    1e3 * 60 * 59
  );
}
async function get(cache, options) {
  const cacheKey = optionsToCacheKey(options);
  const result = await cache.get(cacheKey);
  if (!result) {
    return;
  }
  const [
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissionsString,
    singleFileName
  ] = result.split("|");
  const permissions = options.permissions || permissionsString.split(/,/).reduce((permissions2, string) => {
    if (/!$/.test(string)) {
      permissions2[string.slice(0, -1)] = "write";
    } else {
      permissions2[string] = "read";
    }
    return permissions2;
  }, {});
  return {
    token,
    createdAt,
    expiresAt,
    permissions,
    repositoryIds: options.repositoryIds,
    repositoryNames: options.repositoryNames,
    singleFileName,
    repositorySelection
  };
}
async function set(cache, options, data) {
  const key = optionsToCacheKey(options);
  const permissionsString = options.permissions ? "" : Object.keys(data.permissions).map(
    (name) => `${name}${data.permissions[name] === "write" ? "!" : ""}`
  ).join(",");
  const value = [
    data.token,
    data.createdAt,
    data.expiresAt,
    data.repositorySelection,
    permissionsString,
    data.singleFileName
  ].join("|");
  await cache.set(key, value);
}
function optionsToCacheKey({
  installationId,
  permissions = {},
  repositoryIds = [],
  repositoryNames = []
}) {
  const permissionsString = Object.keys(permissions).sort().map((name) => permissions[name] === "read" ? name : `${name}!`).join(",");
  const repositoryIdsString = repositoryIds.sort().join(",");
  const repositoryNamesString = repositoryNames.join(",");
  return [
    installationId,
    repositoryIdsString,
    repositoryNamesString,
    permissionsString
  ].filter(Boolean).join("|");
}
function toTokenAuthentication({
  installationId,
  token,
  createdAt,
  expiresAt,
  repositorySelection,
  permissions,
  repositoryIds,
  repositoryNames,
  singleFileName
}) {
  return Object.assign(
    {
      type: "token",
      tokenType: "installation",
      token,
      installationId,
      permissions,
      createdAt,
      expiresAt,
      repositorySelection
    },
    repositoryIds ? { repositoryIds } : null,
    repositoryNames ? { repositoryNames } : null,
    singleFileName ? { singleFileName } : null
  );
}
async function getInstallationAuthentication(state, options, customRequest) {
  const installationId = Number(options.installationId || state.installationId);
  if (!installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId option is required for installation authentication."
    );
  }
  if (options.factory) {
    const { type, factory, oauthApp, ...factoryAuthOptions } = {
      ...state,
      ...options
    };
    return factory(factoryAuthOptions);
  }
  const request3 = customRequest || state.request;
  return getInstallationAuthenticationConcurrently(
    state,
    { ...options, installationId },
    request3
  );
}
var pendingPromises = /* @__PURE__ */ new Map();
function getInstallationAuthenticationConcurrently(state, options, request3) {
  const cacheKey = optionsToCacheKey(options);
  if (pendingPromises.has(cacheKey)) {
    return pendingPromises.get(cacheKey);
  }
  const promise = getInstallationAuthenticationImpl(
    state,
    options,
    request3
  ).finally(() => pendingPromises.delete(cacheKey));
  pendingPromises.set(cacheKey, promise);
  return promise;
}
async function getInstallationAuthenticationImpl(state, options, request3) {
  if (!options.refresh) {
    const result = await get(state.cache, options);
    if (result) {
      const {
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2,
        repositorySelection: repositorySelection2
      } = result;
      return toTokenAuthentication({
        installationId: options.installationId,
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositorySelection: repositorySelection2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2
      });
    }
  }
  const appAuthentication = await getAppAuthentication(state);
  const payload = {
    installation_id: options.installationId,
    mediaType: {
      previews: ["machine-man"]
    },
    headers: {
      authorization: `bearer ${appAuthentication.token}`
    }
  };
  if (options.repositoryIds) {
    Object.assign(payload, { repository_ids: options.repositoryIds });
  }
  if (options.repositoryNames) {
    Object.assign(payload, {
      repositories: options.repositoryNames
    });
  }
  if (options.permissions) {
    Object.assign(payload, { permissions: options.permissions });
  }
  const {
    data: {
      token,
      expires_at: expiresAt,
      repositories,
      permissions: permissionsOptional,
      repository_selection: repositorySelectionOptional,
      single_file: singleFileName
    }
  } = await request3(
    "POST /app/installations/{installation_id}/access_tokens",
    payload
  );
  const permissions = permissionsOptional || {};
  const repositorySelection = repositorySelectionOptional || "all";
  const repositoryIds = repositories ? repositories.map((r2) => r2.id) : void 0;
  const repositoryNames = repositories ? repositories.map((repo) => repo.name) : void 0;
  const createdAt = (/* @__PURE__ */ new Date()).toISOString();
  const cacheOptions = {
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(payload, { singleFileName });
  }
  await set(state.cache, options, cacheOptions);
  const cacheData = {
    installationId: options.installationId,
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(cacheData, { singleFileName });
  }
  return toTokenAuthentication(cacheData);
}
async function auth4(state, authOptions2) {
  switch (authOptions2.type) {
    case "app":
      return getAppAuthentication(state);
    case "oauth-app":
      return state.oauthApp({ type: "oauth-app" });
    case "installation":
      authOptions2;
      return getInstallationAuthentication(state, {
        ...authOptions2,
        type: "installation"
      });
    case "oauth-user":
      return state.oauthApp(authOptions2);
    default:
      throw new Error(`Invalid auth type: ${authOptions2.type}`);
  }
}
var PATHS = [
  "/app",
  "/app/hook/config",
  "/app/hook/deliveries",
  "/app/hook/deliveries/{delivery_id}",
  "/app/hook/deliveries/{delivery_id}/attempts",
  "/app/installations",
  "/app/installations/{installation_id}",
  "/app/installations/{installation_id}/access_tokens",
  "/app/installations/{installation_id}/suspended",
  "/app/installation-requests",
  "/marketplace_listing/accounts/{account_id}",
  "/marketplace_listing/plan",
  "/marketplace_listing/plans",
  "/marketplace_listing/plans/{plan_id}/accounts",
  "/marketplace_listing/stubbed/accounts/{account_id}",
  "/marketplace_listing/stubbed/plan",
  "/marketplace_listing/stubbed/plans",
  "/marketplace_listing/stubbed/plans/{plan_id}/accounts",
  "/orgs/{org}/installation",
  "/repos/{owner}/{repo}/installation",
  "/users/{username}/installation",
  "/enterprises/{enterprise}/installation"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (p2) => p2.split("/").map((c3) => c3.startsWith("{") ? "(?:.+?)" : c3).join("/")
  );
  const regex2 = `^(?:${regexes.map((r2) => `(?:${r2})`).join("|")})$`;
  return new RegExp(regex2, "i");
}
var REGEX = routeMatcher(PATHS);
function requiresAppAuth(url) {
  return !!url && REGEX.test(url.split("?")[0]);
}
var FIVE_SECONDS_IN_MS = 5 * 1e3;
function isNotTimeSkewError(error) {
  return !(error.message.match(
    /'Expiration time' claim \('exp'\) is too far in the future/
  ) || error.message.match(
    /'Expiration time' claim \('exp'\) must be a numeric value representing the future time at which the assertion expires/
  ) || error.message.match(
    /'Issued at' claim \('iat'\) must be an Integer representing the time that the assertion was issued/
  ));
}
async function hook4(state, request3, route, parameters) {
  const endpoint2 = request3.endpoint.merge(route, parameters);
  const url = endpoint2.url;
  if (/\/login\/oauth\/access_token$/.test(url)) {
    return request3(endpoint2);
  }
  if (requiresAppAuth(url.replace(request3.endpoint.DEFAULTS.baseUrl, ""))) {
    const { token: token2 } = await getAppAuthentication(state);
    endpoint2.headers.authorization = `bearer ${token2}`;
    let response;
    try {
      response = await request3(endpoint2);
    } catch (error) {
      if (isNotTimeSkewError(error)) {
        throw error;
      }
      if (typeof error.response.headers.date === "undefined") {
        throw error;
      }
      const diff = Math.floor(
        (Date.parse(error.response.headers.date) - Date.parse((/* @__PURE__ */ new Date()).toString())) / 1e3
      );
      state.log.warn(error.message);
      state.log.warn(
        `[@octokit/auth-app] GitHub API time and system time are different by ${diff} seconds. Retrying request with the difference accounted for.`
      );
      const { token: token3 } = await getAppAuthentication({
        ...state,
        timeDifference: diff
      });
      endpoint2.headers.authorization = `bearer ${token3}`;
      return request3(endpoint2);
    }
    return response;
  }
  if (requiresBasicAuth(url)) {
    const authentication = await state.oauthApp({ type: "oauth-app" });
    endpoint2.headers.authorization = authentication.headers.authorization;
    return request3(endpoint2);
  }
  const { token, createdAt } = await getInstallationAuthentication(
    state,
    // @ts-expect-error TBD
    {},
    request3.defaults({ baseUrl: endpoint2.baseUrl })
  );
  endpoint2.headers.authorization = `token ${token}`;
  return sendRequestWithRetries(
    state,
    request3,
    endpoint2,
    createdAt
  );
}
async function sendRequestWithRetries(state, request3, options, createdAt, retries = 0) {
  const timeSinceTokenCreationInMs = +/* @__PURE__ */ new Date() - +new Date(createdAt);
  try {
    return await request3(options);
  } catch (error) {
    if (error.status !== 401) {
      throw error;
    }
    if (timeSinceTokenCreationInMs >= FIVE_SECONDS_IN_MS) {
      if (retries > 0) {
        error.message = `After ${retries} retries within ${timeSinceTokenCreationInMs / 1e3}s of creating the installation access token, the response remains 401. At this point, the cause may be an authentication problem or a system outage. Please check https://www.githubstatus.com for status information`;
      }
      throw error;
    }
    ++retries;
    const awaitTime = retries * 1e3;
    state.log.warn(
      `[@octokit/auth-app] Retrying after 401 response to account for token replication delay (retry: ${retries}, wait: ${awaitTime / 1e3}s)`
    );
    await new Promise((resolve2) => setTimeout(resolve2, awaitTime));
    return sendRequestWithRetries(state, request3, options, createdAt, retries);
  }
}
var VERSION6 = "8.3.1";
function createAppAuth(options) {
  if (!options.appId) {
    throw new Error("[@octokit/auth-app] appId option is required");
  }
  if (!options.privateKey && !options.createJwt) {
    throw new Error("[@octokit/auth-app] privateKey option is required");
  } else if (options.privateKey && options.createJwt) {
    throw new Error(
      "[@octokit/auth-app] privateKey and createJwt options are mutually exclusive"
    );
  }
  if ("installationId" in options && !options.installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId is set to a falsy value"
    );
  }
  const log = options.log || {};
  if (typeof log.warn !== "function") {
    log.warn = console.warn.bind(console);
  }
  const request3 = options.request || request.defaults({
    headers: {
      "user-agent": `octokit-auth-app.js/${VERSION6} ${getUserAgent()}`
    }
  });
  const state = Object.assign(
    {
      request: request3,
      cache: getCache()
    },
    options,
    options.installationId ? { installationId: Number(options.installationId) } : {},
    {
      log,
      oauthApp: createOAuthAppAuth({
        clientType: "github-app",
        clientId: options.clientId || "",
        clientSecret: options.clientSecret || "",
        request: request3
      })
    }
  );
  return Object.assign(auth4.bind(null, state), {
    hook: hook4.bind(null, state)
  });
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook6) {
  const orig = hook6;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook6 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook6 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook6 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook6,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook6, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook6.api = { remove: removeHookRef };
  hook6.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook6[kind] = hook6.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook6 = register.bind(null, state);
  bindApi(hook6, state);
  return hook6;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION7 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request22, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request22;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request22, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions2 = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request22.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions2.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request22(requestOptions2).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions2,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request22, newDefaults) {
  const newRequest = request22.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION7} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep2 = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep2}${b64url}${sep2}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth5(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook5(token, request3, route, parameters) {
  const endpoint2 = request3.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request3(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth5.bind(null, token), {
    hook: hook5.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION8 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger2(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION8} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION8;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook6 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook6.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger2(options.log);
    this.hook = hook6;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth6 = createTokenAuth(options.auth);
        hook6.wrap("request", auth6.hook);
        this.auth = auth6;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth6 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook6.wrap("request", auth6.hook);
      this.auth = auth6;
    }
    const classConstructor = this.constructor;
    for (let i2 = 0; i2 < classConstructor.plugins.length; ++i2) {
      Object.assign(this, classConstructor.plugins[i2](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION9 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION9;

// node_modules/@octokit/plugin-retry/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION10 = "0.0.0-development";
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}
async function wrapRequest(state, octokit, request3, options) {
  const limiter = new import_light.default();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request3),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request3, options) {
  const response = await request3(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = VERSION10;

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light2 = __toESM(require_light(), 1);
var VERSION11 = "0.0.0-development";
var noop3 = () => Promise.resolve();
function wrapRequest2(state, request3, options) {
  return state.retryLimiter.schedule(doRequest, state, request3, options);
}
async function doRequest(state, request3, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request3.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop3);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop3);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop3);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request3, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher2(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c3) => c3.startsWith("{") ? "(?:.+?)" : c3).join("/")
  );
  const regex2 = `^(?:${regexes.map((r2) => `(?:${r2})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher2(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck2, common) {
  groups.global = new Bottleneck2.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck2.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck2.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck2.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck2.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck: Bottleneck2 = import_light2.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck2, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck2();
    const events = {};
    const emitter = new Bottleneck2.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request3, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request3.retryCount;
      request3.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request3.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request3, options) => {
    initializeBottleneck();
    return wrapRequest2(state, request3, options);
  });
  return {};
}
throttling.VERSION = VERSION11;
throttling.triggersNotification = triggersNotification;

// src/adapters/github/request-options.ts
function requestOptions(options) {
  const request3 = { fetch: timeoutFetch(options.timeoutMs) };
  if (options.retries !== void 0) request3.retries = options.retries;
  return { request: request3 };
}
function timeoutFetch(timeoutMs) {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return globalThis.fetch(input, { ...init, signal });
  };
}
function sleep(ms) {
  return ms > 0 ? new Promise((resolve2) => setTimeout(resolve2, ms)) : Promise.resolve();
}

// src/adapters/github/scoped-installation-auth.ts
var APP_ROUTE = /^(?:https?:\/\/[^/]+(?:\/api\/v3)?)?\/app(?:[/?]|$)/;
function scopedInstallationAuth(options) {
  const { repositoryNames, ...credentials } = options;
  const app = createAppAuth(credentials);
  const token = async () => app({ type: "installation", repositoryNames });
  return Object.assign(token, {
    hook: async (request3, route, parameters) => {
      const endpoint2 = request3.endpoint.merge(route, parameters);
      if (APP_ROUTE.test(endpoint2.url)) {
        endpoint2.headers.authorization = `bearer ${(await app({ type: "app" })).token}`;
        return request3(endpoint2);
      }
      const minted = await token();
      endpoint2.headers.authorization = `token ${minted.token}`;
      return sendWithReplicationRetries(() => request3(endpoint2), minted.createdAt);
    }
  });
}
var REPLICATION_MS = 5e3;
async function sendWithReplicationRetries(send, createdAt, wait2 = (ms) => new Promise((resolve2) => setTimeout(resolve2, ms))) {
  for (let retries = 1; ; retries++) {
    try {
      return await send();
    } catch (error) {
      const status = error.status;
      const age = Date.now() - Date.parse(createdAt);
      if (status !== 401 || !(age < REPLICATION_MS)) throw error;
      await wait2(retries * 1e3);
    }
  }
}

// src/adapters/github/octokit.ts
var MaestroOctokit = Octokit.plugin(paginateRest, throttling, retry);
var DEFAULT_GITHUB_API_URL = "https://api.github.com";
var DEFAULT_REQUEST_TIMEOUT_MS = 3e4;
var RATE_LIMIT_RETRIES = 2;
var SECONDARY_RATE_LIMIT_RETRIES = 1;
function authOptions(options) {
  const app = options.app;
  if (!app) return { auth: options.token };
  const { repositoryNames, installationId, ...credentials } = app;
  if (repositoryNames && installationId !== void 0)
    return {
      authStrategy: scopedInstallationAuth,
      auth: { ...credentials, installationId, repositoryNames }
    };
  return {
    authStrategy: createAppAuth,
    auth: { ...credentials, ...installationId ? { installationId } : {} }
  };
}
function createOctokit(options) {
  const logger = options.logger ?? silentLogger;
  return new MaestroOctokit({
    ...authOptions(options),
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ""),
    userAgent: options.userAgent ?? "maestro-bot",
    request: { fetch: timeoutFetch(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
    // 409 (conflict, e.g. cancelling a finished run) never changes on a retry; the rest are the plugin's defaults.
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451], ...options.retry },
    log: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message)
    },
    throttle: {
      ...options.throttle,
      onRateLimit: (retryAfter, request3, _octokit, retryCount) => {
        const again = retryCount < RATE_LIMIT_RETRIES;
        logger.warn(
          `GitHub rate limit hit on ${request3.method} ${request3.url}; ` + (again ? `retrying in ${retryAfter}s (retry ${retryCount + 1}/${RATE_LIMIT_RETRIES}).` : "giving up.")
        );
        return again;
      },
      onSecondaryRateLimit: (retryAfter, request3, _octokit, retryCount) => {
        const again = retryCount < SECONDARY_RATE_LIMIT_RETRIES;
        logger.warn(
          `GitHub secondary rate limit hit on ${request3.method} ${request3.url}; ` + (again ? `retrying once in ${retryAfter}s.` : "giving up.")
        );
        return again;
      }
    }
  });
}

// src/adapters/github/app-installation.ts
var installationSchema = external_exports.object({ id: external_exports.number().int().positive() });
var tokenSchema = external_exports.object({ token: external_exports.string().min(1) });
async function appInstallation(options) {
  const { appId, privateKey, repo, ...rest } = options;
  const jwtClient = createOctokit({ ...rest, app: { appId, privateKey } });
  let installationId;
  try {
    const response = await jwtClient.request("GET /repos/{owner}/{repo}/installation", {
      owner: repo.owner,
      repo: repo.repo
    });
    installationId = installationSchema.parse(response.data).id;
  } catch (error) {
    throw noInstallation(appId, repo, error);
  }
  const client = createOctokit({
    ...rest,
    app: { appId, privateKey, installationId, repositoryNames: [repo.repo] }
  });
  return {
    installationId,
    client,
    token: async () => tokenSchema.parse(await client.auth({ type: "installation" })).token
  };
}
function noInstallation(appId, repo, error) {
  const name = `${repo.owner}/${repo.repo}`;
  const status = statusOf2(error);
  const what = status === 404 ? `The GitHub App ${appId} is not installed on ${name}: install it on the repository (App settings → Install App), or check app-id.` : status === 401 ? `GitHub refused the App's signature (HTTP 401): app-id and app-private-key do not belong to the same App, the key was revoked, or the runner's clock is off. Generate a new private key in the App's settings and update the secret.` : `Couldn't find the GitHub App ${appId}'s installation on ${name} (${status ? `HTTP ${status}` : "GitHub did not answer"}); retry later.`;
  return new GitHubApiError(what, { code: "github.app-installation", cause: error });
}

// src/adapters/github/identity.ts
var actionsBot = { login: "github-actions[bot]", id: 41898282, type: "Bot" };
var viewerSchema = external_exports.object({ viewer: external_exports.object({ login: external_exports.string(), databaseId: external_exports.number().int() }) });
var appSchema = external_exports.object({ slug: external_exports.string() });
var userSchema = external_exports.object({ login: external_exports.string(), id: external_exports.number().int(), type: external_exports.string() });
async function identifyTokenOwner(client) {
  try {
    const user = userSchema.safeParse((await client.request("GET /user")).data);
    if (user.success) return user.data;
  } catch (error) {
    if (!isRefusal(error)) throw unknownIdentity(error);
  }
  try {
    const parsed = viewerSchema.safeParse(await client.graphql("query { viewer { login databaseId } }"));
    if (parsed.success) {
      const { login, databaseId } = parsed.data.viewer;
      return { login, id: databaseId, type: login.endsWith("[bot]") ? "Bot" : "User" };
    }
  } catch (error) {
    if (!isRefusal(error)) throw unknownIdentity(error);
  }
  return actionsBot;
}
function isRefusal(error) {
  if (error instanceof Error && error.name === "GraphqlResponseError") return true;
  const status = statusOf2(error);
  return status !== void 0 && status >= 400 && status < 500;
}
function unknownIdentity(error) {
  return new GitHubApiError(
    `Couldn't tell which account the GitHub token belongs to (${isAmbiguous(error) ? "GitHub did not answer" : `HTTP ${statusOf2(error)}`}); retry later.`,
    { code: "github.identity", cause: error }
  );
}

// src/adapters/github/checks.ts
var CHECKS_READ = "Checks: read";
var checkRunSchema = external_exports.object({
  id: external_exports.number().int(),
  name: external_exports.string(),
  status: external_exports.string(),
  conclusion: external_exports.string().nullish(),
  html_url: external_exports.string().nullish(),
  app: external_exports.object({ slug: external_exports.string().nullish() }).nullish()
});
var annotationSchema = external_exports.object({
  path: external_exports.string(),
  start_line: external_exports.number().int().nullish(),
  annotation_level: external_exports.string().nullish(),
  title: external_exports.string().nullish(),
  message: external_exports.string().nullish()
});
async function listCheckRuns(ctx, ref) {
  let items;
  try {
    items = await ctx.client.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      ...ctx.repo,
      ref,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the checks of ${ref.slice(0, 12)}`, CHECKS_READ);
  }
  return items.flatMap((item) => {
    const parsed = checkRunSchema.safeParse(item);
    if (!parsed.success) return [];
    const run = parsed.data;
    return [
      {
        id: run.id,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion ?? null,
        ...run.html_url ? { url: run.html_url } : {},
        ...run.app?.slug ? { app: run.app.slug } : {}
      }
    ];
  });
}
async function listAnnotations(ctx, checkRunId) {
  let items;
  try {
    items = await ctx.client.paginate("GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", {
      ...ctx.repo,
      check_run_id: checkRunId,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the annotations of check run ${checkRunId}`, CHECKS_READ);
  }
  return items.flatMap((item) => {
    const parsed = annotationSchema.safeParse(item);
    if (!parsed.success) return [];
    const a = parsed.data;
    const level = a.annotation_level === "warning" || a.annotation_level === "notice" ? a.annotation_level : "failure";
    return [
      {
        path: a.path,
        ...a.start_line ? { line: a.start_line } : {},
        level,
        ...a.title ? { title: a.title } : {},
        message: a.message ?? ""
      }
    ];
  });
}
async function jobLog(ctx, jobId) {
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", {
      ...ctx.repo,
      job_id: jobId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    const data = response.data;
    if (typeof data === "string") return data;
    if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
    return void 0;
  } catch (error) {
    const status = statusOf2(error);
    if (status === 404 || status === 403 || status === 410) return void 0;
    throw toGitHubApiError(ctx, error, `read the log of job ${jobId}`, "Actions: read");
  }
}

// src/adapters/github/github-schemas.ts
var GHOST = { login: "ghost", id: 10137, type: "User" };
var actorSchema = external_exports.object({ login: external_exports.string(), id: external_exports.number().int(), type: external_exports.string() });
var commentSchema = external_exports.object({
  id: external_exports.number().int(),
  body: external_exports.string().nullish(),
  user: actorSchema.nullish(),
  created_at: external_exports.string(),
  updated_at: external_exports.string(),
  html_url: external_exports.string()
});
var labelSchema = external_exports.union([external_exports.string(), external_exports.object({ name: external_exports.string() })]);
var issueSchema = external_exports.object({
  number: external_exports.number().int(),
  title: external_exports.string(),
  body: external_exports.string().nullish(),
  labels: external_exports.array(labelSchema).default([]),
  user: actorSchema.nullish(),
  state: external_exports.enum(["open", "closed"]),
  html_url: external_exports.string(),
  pull_request: external_exports.unknown().optional()
});
var pullRequestSchema = external_exports.object({
  number: external_exports.number().int(),
  node_id: external_exports.string(),
  html_url: external_exports.string(),
  draft: external_exports.boolean().nullish(),
  state: external_exports.enum(["open", "closed"]),
  head: external_exports.object({ ref: external_exports.string(), sha: external_exports.string().optional() }),
  base: external_exports.object({ ref: external_exports.string(), sha: external_exports.string().optional() })
});
function toComment(value, source = "GitHub issue comment") {
  const raw = parseOrThrow(commentSchema, value, source);
  return {
    id: raw.id,
    body: raw.body ?? "",
    author: raw.user ?? GHOST,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    url: raw.html_url
  };
}
function toIssue(value, source = "GitHub issue") {
  const raw = parseOrThrow(issueSchema, value, source);
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? "",
    labels: raw.labels.map((label) => typeof label === "string" ? label : label.name),
    author: raw.user ?? GHOST,
    state: raw.state,
    url: raw.html_url,
    isPullRequest: raw.pull_request !== void 0 && raw.pull_request !== null
  };
}
function toRawPullRequest(value, source = "GitHub pull request") {
  return parseOrThrow(pullRequestSchema, value, source);
}
function toPullRequest(raw) {
  return {
    number: raw.number,
    url: raw.html_url,
    draft: raw.draft ?? false,
    head: raw.head.ref,
    base: raw.base.ref,
    state: raw.state,
    ...raw.head.sha ? { headSha: raw.head.sha } : {},
    ...raw.base.sha ? { baseSha: raw.base.sha } : {}
  };
}
function labelNames(value, source) {
  return parseOrThrow(external_exports.array(labelSchema), value, source).map((l) => typeof l === "string" ? l : l.name);
}
var issueEventSchema = external_exports.object({
  event: external_exports.string(),
  actor: actorSchema.nullish(),
  created_at: external_exports.string(),
  label: external_exports.object({ name: external_exports.string() }).nullish()
});
function labelEvents(value, source) {
  return parseOrThrow(external_exports.array(issueEventSchema), value, source);
}

// src/adapters/github/issues.ts
var ISSUES_READ = "Issues: read";
var ISSUES_WRITE = "Issues: write";
var STATUS_PREFIX = "maestro:";
async function getIssue(ctx, issue) {
  let data;
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...ctx.repo,
      issue_number: issue,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read issue #${issue}`, ISSUES_READ);
  }
  return toIssue(data, `GitHub issue #${issue}`);
}
async function getComment(ctx, commentId) {
  let data;
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...ctx.repo,
      comment_id: commentId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    if (statusOf2(error) === 404) return void 0;
    throw toGitHubApiError(ctx, error, `read comment ${commentId}`, ISSUES_READ);
  }
  return toComment(data, `GitHub comment ${commentId}`);
}
async function listOpenIssues(ctx, label) {
  let items;
  try {
    items = await ctx.client.paginate("GET /repos/{owner}/{repo}/issues", {
      ...ctx.repo,
      labels: label,
      state: "open",
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list open issues labelled "${label}"`, ISSUES_READ);
  }
  return items.map((item) => toIssue(item, `GitHub issues labelled ${label}`)).filter((i2) => !i2.isPullRequest);
}
async function setStatus(ctx, issue, status) {
  const action = `set the status label of issue #${issue}`;
  let items;
  try {
    items = await ctx.client.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
  }
  const labels = labelNames(items, `GitHub labels of issue #${issue}`);
  const stale = labels.filter((l) => l.toLowerCase().startsWith(STATUS_PREFIX) && l.toLowerCase() !== status);
  for (const name of stale) {
    try {
      await ctx.client.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
        ...ctx.repo,
        issue_number: issue,
        name,
        ...requestOptions({ timeoutMs: ctx.timeoutMs })
      });
    } catch (error) {
      if (statusOf2(error) !== 404) throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
    }
  }
  if (labels.some((l) => l.toLowerCase() === status)) return;
  try {
    await ctx.client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      ...ctx.repo,
      issue_number: issue,
      labels: [status],
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE);
  }
}
async function lastLabeled(ctx, issue, label) {
  const items = await issueEvents(ctx, issue);
  const wanted = label.toLowerCase();
  const labelings = labelEvents(items, `GitHub events of issue #${issue}`).filter(
    (e) => e.event === "labeled" && e.label?.name.toLowerCase() === wanted && e.actor
  );
  const last2 = labelings.at(-1);
  return last2?.actor ? { actor: last2.actor, at: last2.created_at } : void 0;
}
async function react(ctx, target, reaction) {
  const options = { ...ctx.repo, content: reaction, ...requestOptions({ timeoutMs: ctx.timeoutMs }) };
  try {
    if ("commentId" in target) {
      await ctx.client.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        ...options,
        comment_id: target.commentId
      });
    } else {
      await ctx.client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", {
        ...options,
        issue_number: target.issue
      });
    }
  } catch (error) {
    const where = "commentId" in target ? `comment ${target.commentId}` : `issue #${target.issue}`;
    ctx.logger.warn(`Couldn't react ${reaction} to ${where} (HTTP ${statusOf2(error) ?? "?"}); continuing.`);
  }
}
async function issueEvents(ctx, issue) {
  try {
    return await ctx.client.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/events", {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the events of issue #${issue}`, ISSUES_READ);
  }
}

// src/adapters/github/issue-edits.ts
var ISSUES_READ2 = "Issues: read";
var BODY_EDITS_QUERY = `query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      userContentEdits(last: 100) {
        pageInfo { hasPreviousPage }
        nodes { editedAt editor { login } }
      }
    }
  }
}`;
var bodyEditsSchema = external_exports.object({
  repository: external_exports.object({
    issue: external_exports.object({
      userContentEdits: external_exports.object({
        pageInfo: external_exports.object({ hasPreviousPage: external_exports.boolean() }),
        nodes: external_exports.array(
          external_exports.object({ editedAt: external_exports.string(), editor: external_exports.object({ login: external_exports.string() }).nullish() }).nullable()
        )
      })
    })
  })
});
async function issueEdits(ctx, issue) {
  const [body, renames] = await Promise.all([bodyEdits(ctx, issue), titleEdits(ctx, issue)]);
  const edits = [...body.edits, ...renames].sort((a, b2) => Date.parse(a.at) - Date.parse(b2.at));
  return body.olderThan === void 0 ? { edits } : { edits, olderThan: body.olderThan };
}
async function bodyEdits(ctx, issue) {
  let data;
  try {
    data = await ctx.client.graphql(BODY_EDITS_QUERY, { ...ctx.repo, number: issue });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the edit history of issue #${issue}`, ISSUES_READ2);
  }
  const history = parseOrThrow(bodyEditsSchema, data, `GitHub edit history of issue #${issue}`).repository.issue.userContentEdits;
  const edits = history.nodes.filter((node) => node !== null).map((node) => ({ part: "body", editor: node.editor?.login, at: node.editedAt }));
  const oldest = edits.map((e) => e.at).sort()[0];
  return history.pageInfo.hasPreviousPage && oldest !== void 0 ? { edits, olderThan: oldest } : { edits };
}
async function titleEdits(ctx, issue) {
  const items = await issueEvents(ctx, issue);
  return labelEvents(items, `GitHub events of issue #${issue}`).filter((e) => e.event === "renamed").map((e) => ({ part: "title", editor: e.actor?.login, at: e.created_at }));
}

// src/core/state/state-marker.ts
var MARKER_RE = /<!-- maestro:state v1 ([A-Za-z0-9_-]+) -->/;
var markerStateSchema = external_exports.object({
  /** Which comment this is. */
  kind: external_exports.enum(["plan", "tracking", "notice"]),
  issue: external_exports.number().int().optional(),
  revision: external_exports.number().int().optional(),
  hash: external_exports.string().optional(),
  status: external_exports.string().optional(),
  data: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
});
function renderStateMarker(state) {
  return `<!-- maestro:state v1 ${Buffer.from(JSON.stringify(state), "utf8").toString("base64url")} -->`;
}
function parseStateMarker(body) {
  const match = MARKER_RE.exec(body);
  if (!match?.[1]) return { kind: "absent" };
  try {
    const json = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
    const parsed = markerStateSchema.safeParse(json);
    return parsed.success ? { kind: "found", state: parsed.data } : { kind: "corrupt", reason: parsed.error.message };
  } catch (error) {
    return { kind: "corrupt", reason: error instanceof Error ? error.message : String(error) };
  }
}

// src/adapters/github/comment-bodies.ts
var MAX_MARKER_LENGTH = 4e4;
var SEPARATOR = "\n\n";
var MARKER_RE2 = /<!-- maestro:state v1 [A-Za-z0-9_-]+ -->/g;
function composeBody(visible, state, settings) {
  const marker = state ? renderStateMarker(state) : "";
  if (marker.length > MAX_MARKER_LENGTH) {
    throw new MaestroError(
      `The state marker for this ${state?.kind} comment is ${marker.length} characters, over the ${MAX_MARKER_LENGTH} allowed: keep large state out of the marker (store a hash or a reference instead).`,
      { code: "github.marker-too-large" }
    );
  }
  const reserved = marker ? marker.length + SEPARATOR.length : 0;
  const text = redactOutbound(visible, { ...settings, maxLength: GITHUB_BODY_LIMIT - 1 - reserved }).text;
  if (!marker) return text;
  return text.trim() ? `${text}${SEPARATOR}${marker}` : marker;
}
var TITLE_LIMIT = 256;
function composeTitle(title, settings) {
  const text = redactOutbound(title, settings).text.replace(/\s+/g, " ").trim();
  return text.length <= TITLE_LIMIT ? text : `${text.slice(0, TITLE_LIMIT - 1)}…`;
}
function visibleOf(body) {
  return body.replace(MARKER_RE2, "").trim();
}
function markerFor(state) {
  const { key, ...rest } = state;
  return key === void 0 ? rest : { ...rest, data: { ...rest.data, key } };
}

// src/adapters/github/own-comments.ts
var ISSUES_WRITE2 = "Issues: write";
async function listComments(ctx, issue) {
  let items;
  try {
    items = await ctx.client.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...ctx.repo,
      issue_number: issue,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the comments of issue #${issue}`, "Issues: read");
  }
  return items.map((item) => toComment(item, `GitHub comments of issue #${issue}`));
}
async function findOwnComment(deps, issue, { kind, key }) {
  const [self2, comments] = await Promise.all([deps.self(), listComments(deps.ctx, issue)]);
  const matches = [];
  for (const comment of comments) {
    if (comment.author.id !== self2.id) continue;
    const parsed = parseStateMarker(comment.body);
    if (parsed.kind !== "found" || parsed.state.kind !== kind) continue;
    if (key !== void 0 && parsed.state.data?.key !== key) continue;
    matches.push({ comment, state: parsed.state, visible: visibleOf(comment.body) });
  }
  return key === void 0 ? matches.at(-1) : matches[0];
}
async function upsertOwnComment(deps, issue, state, visible) {
  const body = composeBody(visible, markerFor(state), { ...deps.redact, issueNumber: issue });
  const existing = await findOwnComment(deps, issue, { kind: state.kind, key: state.key });
  if (existing) {
    return existing.comment.body === body ? existing.comment : editComment(deps.ctx, existing.comment.id, body);
  }
  return createOnce(deps, issue, body, { kind: state.kind, key: state.key });
}
async function replyOnce(deps, issue, key, visible) {
  const existing = await findOwnComment(deps, issue, { kind: "notice", key });
  if (existing) return existing.comment;
  const body = composeBody(visible, markerFor({ kind: "notice", issue, key }), {
    ...deps.redact,
    issueNumber: issue
  });
  return createOnce(deps, issue, body, { kind: "notice", key });
}
async function editComment(ctx, commentId, body) {
  let data;
  try {
    const response = await ctx.client.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      ...ctx.repo,
      comment_id: commentId,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `edit comment ${commentId}`, ISSUES_WRITE2);
  }
  return toComment(data, `GitHub comment ${commentId}`);
}
async function createOnce(deps, issue, body, key) {
  const { ctx } = deps;
  const post = async () => {
    const response = await ctx.client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...ctx.repo,
      issue_number: issue,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 })
    });
    return toComment(response.data);
  };
  const action = `comment on issue #${issue}`;
  try {
    return await post();
  } catch (error) {
    if (!isAmbiguous(error)) throw toGitHubApiError(ctx, error, action, ISSUES_WRITE2);
    ctx.logger.warn(
      `Posting a comment on issue #${issue} failed ambiguously; checking whether it was posted.`
    );
  }
  await sleep(ctx.settleMs);
  const posted = await findOwnComment(deps, issue, key);
  if (posted) return posted.comment;
  try {
    return await post();
  } catch (error) {
    throw toGitHubApiError(ctx, error, action, ISSUES_WRITE2);
  }
}

// src/adapters/github/permissions.ts
var LEVELS = /* @__PURE__ */ new Set([
  "read",
  "triage",
  "write",
  "maintain",
  "admin"
]);
async function fetchPermission(ctx, login) {
  let data;
  try {
    const response = await ctx.client.request(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      {
        ...ctx.repo,
        username: login,
        ...requestOptions({ timeoutMs: ctx.timeoutMs })
      }
    );
    data = response.data;
  } catch (error) {
    const status = statusOf2(error);
    const why = status === 404 ? "not a collaborator" : isAmbiguous(error) ? "GitHub did not answer" : `HTTP ${status}`;
    ctx.logger.warn(`Couldn't verify ${login}'s permission (${why}); treating it as none.`);
    return "none";
  }
  const level = permissionFrom(data);
  if (level === void 0) {
    ctx.logger.warn(`Unexpected permission answer for ${login}; treating it as none.`);
    return "none";
  }
  return level;
}
function permissionFrom(data) {
  if (typeof data !== "object" || data === null) return void 0;
  const { role_name: role, permission } = data;
  for (const value of [role, permission]) {
    if (typeof value === "string" && LEVELS.has(value)) return value;
  }
  if (permission === "none") return "none";
  return void 0;
}

// src/adapters/github/pull-requests.ts
var PULLS_WRITE = "Pull requests: write";
async function getPullRequest(ctx, pr) {
  let data;
  try {
    data = (await ctx.client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...ctx.repo,
      pull_number: pr,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    })).data;
  } catch (error) {
    if (statusOf2(error) === 404) return void 0;
    throw toGitHubApiError(ctx, error, `read pull request #${pr}`, "Pull requests: read");
  }
  return toPullRequest(toRawPullRequest(data, `GitHub pull request #${pr}`));
}
async function findOpenPullRequest(ctx, head) {
  let data;
  try {
    data = (await ctx.client.request("GET /repos/{owner}/{repo}/pulls", {
      ...ctx.repo,
      head: `${ctx.repo.owner}:${head}`,
      state: "open",
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    })).data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `look up the pull request from ${head}`, "Pull requests: read");
  }
  const first2 = Array.isArray(data) ? data[0] : void 0;
  return first2 === void 0 ? void 0 : toRawPullRequest(first2, `GitHub pull requests from ${head}`);
}
async function createOrUpdatePullRequest(ctx, redact, given) {
  const settings = { ...redact, issueNumber: given.issue };
  const draft = { ...given, title: composeTitle(given.title, settings) };
  const body = composeBody(given.body, void 0, settings);
  const existing = await findOpenPullRequest(ctx, draft.head);
  if (existing) return { kind: "updated", pr: await updatePullRequest(ctx, existing, draft, body) };
  const first2 = await tryCreate(ctx, draft, body);
  if (first2.kind === "created") return first2;
  ctx.logger.warn(
    first2.kind === "exists" ? `A pull request from ${draft.head} already exists; updating it.` : `Opening the pull request from ${draft.head} failed ambiguously; checking whether it was opened.`
  );
  if (first2.kind === "ambiguous") await sleep(ctx.settleMs);
  const found = await findOpenPullRequest(ctx, draft.head);
  if (found) return { kind: "updated", pr: await updatePullRequest(ctx, found, draft, body) };
  const second = await tryCreate(ctx, draft, body);
  if (second.kind === "created") return second;
  const lagging = second.kind === "exists" ? await findOpenPullRequest(ctx, draft.head) : void 0;
  if (lagging) return { kind: "updated", pr: await updatePullRequest(ctx, lagging, draft, body) };
  throw toGitHubApiError(ctx, second.error, `open a pull request from ${draft.head}`, PULLS_WRITE);
}
async function tryCreate(ctx, draft, body) {
  try {
    return { kind: "created", pr: await postPullRequest(ctx, draft, body) };
  } catch (error) {
    if (statusOf2(error) === 422 && gitHubMessage(error).includes(PULL_REQUEST_EXISTS)) {
      return { kind: "exists", error };
    }
    if (isAmbiguous(error)) return { kind: "ambiguous", error };
    throw toGitHubApiError(ctx, error, `open a pull request from ${draft.head}`, PULLS_WRITE);
  }
}
async function postPullRequest(ctx, draft, body) {
  const response = await ctx.client.request("POST /repos/{owner}/{repo}/pulls", {
    ...ctx.repo,
    head: draft.head,
    base: draft.base,
    title: draft.title,
    body,
    draft: draft.draft,
    ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 })
  });
  return toPullRequest(toRawPullRequest(response.data));
}
async function updatePullRequest(ctx, existing, draft, body) {
  let data;
  try {
    const response = await ctx.client.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...ctx.repo,
      pull_number: existing.number,
      title: draft.title,
      body,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, `update pull request #${existing.number}`, PULLS_WRITE);
  }
  const updated = toRawPullRequest(data, `GitHub pull request #${existing.number}`);
  if ((updated.draft ?? false) === draft.draft) return toPullRequest(updated);
  const mutation = draft.draft ? "mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { clientMutationId } }" : "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { clientMutationId } }";
  try {
    await ctx.client.graphql(mutation, { id: existing.node_id });
  } catch (error) {
    const to = draft.draft ? "back to a draft" : "ready for review";
    throw toGitHubApiError(ctx, error, `mark pull request #${existing.number} ${to}`, PULLS_WRITE);
  }
  return { ...toPullRequest(updated), draft: draft.draft };
}
async function requestReview(ctx, pr, logins) {
  if (logins.length === 0) return;
  try {
    await ctx.client.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      ...ctx.repo,
      pull_number: pr,
      reviewers: logins,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
  } catch (error) {
    if (statusOf2(error) !== 422) throw toGitHubApiError(ctx, error, `request reviews on #${pr}`, PULLS_WRITE);
    ctx.logger.warn(`GitHub refused the review request on #${pr} (${gitHubMessage(error)}); continuing.`);
  }
}

// src/adapters/github/repository.ts
var repositorySchema = external_exports.object({ default_branch: external_exports.string() });
var fileSchema = external_exports.object({
  type: external_exports.string(),
  sha: external_exports.string(),
  encoding: external_exports.string().optional(),
  content: external_exports.string().optional()
});
async function fetchDefaultBranch(ctx) {
  let data;
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}", {
      ...ctx.repo,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, "read the repository", "Metadata: read");
  }
  return parseOrThrow(repositorySchema, data, "GitHub repository").default_branch;
}
async function readFile(ctx, path, ref) {
  let data;
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...ctx.repo,
      path,
      ...ref === void 0 ? {} : { ref },
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    if (statusOf2(error) === 404) return void 0;
    throw toGitHubApiError(ctx, error, `read ${path}`, "Contents: read");
  }
  if (Array.isArray(data)) return void 0;
  const file = parseOrThrow(fileSchema, data, `GitHub contents of ${path}`);
  if (file.type !== "file") return void 0;
  if (file.encoding !== "base64" || file.content === void 0) {
    throw toGitHubApiError(
      ctx,
      new Error(`${path} is too large for the contents API`),
      `read ${path}`,
      "Contents: read"
    );
  }
  return { text: Buffer.from(file.content, "base64").toString("utf8"), sha: file.sha };
}
async function dispatchWorkflow(ctx, dispatch) {
  try {
    await ctx.client.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      ...ctx.repo,
      workflow_id: dispatch.workflow,
      ref: dispatch.ref,
      inputs: dispatch.inputs,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 })
    });
  } catch (error) {
    throw toGitHubApiError(
      ctx,
      error,
      `dispatch workflow ${dispatch.workflow} on ${dispatch.ref}`,
      "Actions: write"
    );
  }
}
async function cancelWorkflowRun(ctx, runId) {
  try {
    await ctx.client.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel", {
      ...ctx.repo,
      run_id: runId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 })
    });
  } catch (error) {
    if (statusOf2(error) === 409) {
      ctx.logger.info(`Workflow run ${runId} had already finished; nothing to cancel.`);
      return;
    }
    throw toGitHubApiError(ctx, error, `cancel workflow run ${runId}`, "Actions: write");
  }
}
async function commitMessage(ctx, sha2) {
  try {
    const { data } = await ctx.client.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      ...ctx.repo,
      ref: sha2,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    const message = data.commit?.message;
    return typeof message === "string" ? message : void 0;
  } catch (error) {
    if (statusOf2(error) === 404 || statusOf2(error) === 422) return void 0;
    throw toGitHubApiError(ctx, error, `read commit ${sha2.slice(0, 12)}`, "Contents: read");
  }
}
var workflowRunSchema = external_exports.object({ status: external_exports.string().nullable() });
async function workflowRunState(ctx, runId) {
  let data;
  try {
    const response = await ctx.client.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
      ...ctx.repo,
      run_id: runId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
    data = response.data;
  } catch (error) {
    const status2 = statusOf2(error);
    if (status2 === 404 || status2 === 410) return "ended";
    if (status2 === 403) return "unknown";
    throw toGitHubApiError(ctx, error, `read workflow run ${runId}`, "Actions: read");
  }
  const { status } = parseOrThrow(workflowRunSchema, data, `GitHub workflow run ${runId}`);
  return status === "completed" ? "ended" : "active";
}

// src/adapters/github/review-comments.ts
var PULLS = "Pull requests: write";
var reviewCommentSchema = external_exports.object({
  id: external_exports.number().int(),
  path: external_exports.string(),
  line: external_exports.number().int().nullish(),
  original_line: external_exports.number().int().nullish(),
  body: external_exports.string().nullish(),
  user: actorSchema.nullish(),
  in_reply_to_id: external_exports.number().int().nullish()
});
async function listReviewComments(ctx, pr, reviewId) {
  let items;
  try {
    items = await ctx.client.paginate(
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments",
      { ...ctx.repo, pull_number: pr, review_id: reviewId, per_page: 100 }
    );
  } catch (error) {
    throw toGitHubApiError(
      ctx,
      error,
      `read the comments of review ${reviewId} on #${pr}`,
      "Pull requests: read"
    );
  }
  return items.flatMap((item) => {
    const parsed = reviewCommentSchema.safeParse(item);
    if (!parsed.success || parsed.data.in_reply_to_id) return [];
    const c3 = parsed.data;
    const line = c3.line ?? c3.original_line;
    return [
      {
        id: c3.id,
        path: c3.path,
        ...line ? { line } : {},
        body: c3.body ?? "",
        author: c3.user ?? { login: "ghost", id: 10137, type: "User" }
      }
    ];
  });
}
async function replyToReviewComment(ctx, redact, input) {
  try {
    await ctx.client.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", {
      ...ctx.repo,
      pull_number: input.pr,
      comment_id: input.commentId,
      body: composeBody(input.body, void 0, { ...redact, issueNumber: input.issue }),
      ...requestOptions({ timeoutMs: ctx.timeoutMs })
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `reply to review comment ${input.commentId} on #${input.pr}`, PULLS);
  }
}

// src/adapters/github/sweep-queries.ts
var PER_PAGE = 100;
var MAX_PAGES = 10;
var DEFAULT_MIN_REMAINING = 5;
var searchSchema = external_exports.object({
  items: external_exports.array(
    external_exports.object({
      number: external_exports.number().int(),
      state: external_exports.enum(["open", "closed"]),
      updated_at: external_exports.string(),
      labels: external_exports.array(external_exports.union([external_exports.string(), external_exports.object({ name: external_exports.string() })])).default([]),
      pull_request: external_exports.unknown().optional()
    })
  )
});
async function searchUpdated(ctx, since, options = {}) {
  const minRemaining = options.minRemaining ?? DEFAULT_MIN_REMAINING;
  const from = new Date(Date.parse(since)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const q2 = `repo:${ctx.repo.owner}/${ctx.repo.repo} updated:>=${from}`;
  const items = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let response;
    try {
      response = await ctx.client.request("GET /search/issues", {
        q: q2,
        sort: "updated",
        order: "asc",
        per_page: PER_PAGE,
        page,
        ...requestOptions({ timeoutMs: ctx.timeoutMs })
      });
    } catch (error) {
      throw toGitHubApiError(ctx, error, "search for issues changed since the last sweep", "Issues: read");
    }
    const found = parseOrThrow(searchSchema, response.data, "GitHub issue search").items;
    for (const item of found)
      items.push({
        number: item.number,
        isPullRequest: item.pull_request !== void 0 && item.pull_request !== null,
        state: item.state,
        labels: item.labels.map((l) => typeof l === "string" ? l : l.name),
        updatedAt: item.updated_at
      });
    if (found.length < PER_PAGE) return { items, complete: true };
    const remaining = Number(response.headers?.["x-ratelimit-remaining"]);
    if (Number.isFinite(remaining) && remaining < minRemaining) return { items, complete: false };
  }
  return { items, complete: false };
}
var reviewSchema = external_exports.object({
  id: external_exports.number().int(),
  state: external_exports.string(),
  body: external_exports.string().nullish(),
  user: actorSchema.nullish(),
  submitted_at: external_exports.string().nullish()
});
var STATES = ["approved", "changes_requested", "commented", "dismissed"];
async function listReviews(ctx, pr) {
  let raw;
  try {
    raw = await ctx.client.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
      ...ctx.repo,
      pull_number: pr,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the reviews of pull request #${pr}`, "Pull requests: read");
  }
  const out = [];
  for (const review of parseOrThrow(external_exports.array(reviewSchema), raw, `GitHub reviews of #${pr}`)) {
    const state = review.state.toLowerCase();
    if (!STATES.includes(state) || !review.submitted_at || !review.user) continue;
    out.push({
      id: review.id,
      state,
      body: review.body ?? "",
      reviewer: review.user,
      submittedAt: review.submitted_at
    });
  }
  return out;
}
var openPullSchema = pullRequestSchema.extend({
  head: pullRequestSchema.shape.head.extend({
    repo: external_exports.object({ full_name: external_exports.string() }).nullish()
  })
});
async function listOpenPullRequests(ctx) {
  let raw;
  try {
    raw = await ctx.client.paginate("GET /repos/{owner}/{repo}/pulls", {
      ...ctx.repo,
      state: "open",
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, "list the open pull requests", "Pull requests: read");
  }
  const here = `${ctx.repo.owner}/${ctx.repo.repo}`.toLowerCase();
  return parseOrThrow(external_exports.array(openPullSchema), raw, "GitHub open pull requests").filter((pr) => pr.head.repo?.full_name.toLowerCase() === here).map(toPullRequest);
}
async function lastUnlabeled(ctx, issue, label) {
  const wanted = label.toLowerCase();
  const last2 = labelEvents(await issueEvents(ctx, issue), `GitHub events of issue #${issue}`).filter((e) => e.event === "unlabeled" && e.label?.name.toLowerCase() === wanted && e.actor).at(-1);
  return last2?.actor ? { actor: last2.actor, at: last2.created_at } : void 0;
}
var reactionSchema = external_exports.object({ content: external_exports.string(), user: actorSchema.nullish() });
async function reactedBy(ctx, commentId, reaction, actorId) {
  let raw;
  try {
    raw = await ctx.client.paginate("GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      ...ctx.repo,
      comment_id: commentId,
      content: reaction,
      per_page: 100
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the reactions to comment ${commentId}`, "Issues: read");
  }
  return parseOrThrow(external_exports.array(reactionSchema), raw, `GitHub reactions to comment ${commentId}`).some(
    (r2) => r2.content === reaction && r2.user?.id === actorId
  );
}

// src/adapters/github/octokit-issue-host.ts
var OctokitIssueHost = class {
  repo;
  #ctx;
  #redact;
  #resolveSelf;
  #self;
  #defaultBranch;
  constructor(options) {
    this.repo = { owner: options.repo.owner, repo: options.repo.repo };
    const secrets = options.secrets ?? [];
    this.#ctx = {
      client: options.client,
      repo: this.repo,
      logger: options.logger ?? silentLogger,
      timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      secrets,
      settleMs: options.settleMs ?? 1e3,
      ...options.unauthorizedHint ? { unauthorizedHint: options.unauthorizedHint } : {}
    };
    this.#redact = { secrets, allowedImageHosts: options.allowedImageHosts };
    const self2 = options.self;
    this.#resolveSelf = typeof self2 === "function" ? self2 : async () => self2;
  }
  self() {
    this.#self ??= this.#resolveSelf().catch((error) => {
      this.#self = void 0;
      throw error;
    });
    return this.#self;
  }
  defaultBranch() {
    this.#defaultBranch ??= fetchDefaultBranch(this.#ctx).catch((error) => {
      this.#defaultBranch = void 0;
      throw error;
    });
    return this.#defaultBranch;
  }
  getIssue(issue) {
    return getIssue(this.#ctx, issue);
  }
  listComments(issue) {
    return listComments(this.#ctx, issue);
  }
  getComment(commentId) {
    return getComment(this.#ctx, commentId);
  }
  findOwnComment(issue, key) {
    return findOwnComment(this.#own(), issue, key);
  }
  upsertOwnComment(issue, state, visible) {
    return upsertOwnComment(this.#own(), issue, state, visible);
  }
  reply(issue, key, visible) {
    return replyOnce(this.#own(), issue, key, visible);
  }
  react(target, reaction) {
    return react(this.#ctx, target, reaction);
  }
  setStatus(issue, status) {
    return setStatus(this.#ctx, issue, status);
  }
  permission(login) {
    return fetchPermission(this.#ctx, login);
  }
  readFile(path, ref) {
    return readFile(this.#ctx, path, ref);
  }
  dispatchWorkflow(dispatch) {
    return dispatchWorkflow(this.#ctx, dispatch);
  }
  cancelWorkflowRun(runId) {
    return cancelWorkflowRun(this.#ctx, runId);
  }
  workflowRunState(runId) {
    return workflowRunState(this.#ctx, runId);
  }
  getPullRequest(pr) {
    return getPullRequest(this.#ctx, pr);
  }
  async findPullRequest(head) {
    const raw = await findOpenPullRequest(this.#ctx, head);
    return raw && toPullRequest(raw);
  }
  createOrUpdatePullRequest(draft) {
    return createOrUpdatePullRequest(this.#ctx, this.#redact, draft);
  }
  requestReview(pr, logins) {
    return requestReview(this.#ctx, pr, logins);
  }
  commitMessage(sha2) {
    return commitMessage(this.#ctx, sha2);
  }
  checkRuns(ref) {
    return listCheckRuns(this.#ctx, ref);
  }
  checkAnnotations(checkRunId) {
    return listAnnotations(this.#ctx, checkRunId);
  }
  jobLog(jobId) {
    return jobLog(this.#ctx, jobId);
  }
  reviewComments(pr, reviewId) {
    return listReviewComments(this.#ctx, pr, reviewId);
  }
  replyToReviewComment(pr, commentId, issue, body) {
    return replyToReviewComment(this.#ctx, this.#redact, { pr, commentId, issue, body });
  }
  issueEdits(issue) {
    return issueEdits(this.#ctx, issue);
  }
  lastLabeled(issue, label) {
    return lastLabeled(this.#ctx, issue, label);
  }
  listOpenIssues(label) {
    return listOpenIssues(this.#ctx, label);
  }
  lastUnlabeled(issue, label) {
    return lastUnlabeled(this.#ctx, issue, label);
  }
  searchUpdated(since, options) {
    return searchUpdated(this.#ctx, since, options);
  }
  listReviews(pr) {
    return listReviews(this.#ctx, pr);
  }
  listOpenPullRequests() {
    return listOpenPullRequests(this.#ctx);
  }
  async hasOwnReaction(commentId, reaction) {
    return reactedBy(this.#ctx, commentId, reaction, (await this.self()).id);
  }
  #own() {
    return { ctx: this.#ctx, self: () => this.self(), redact: this.#redact };
  }
};

// src/adapters/local/fs-cache-store.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir3, readFile as readFile2, rename, writeFile as writeFile2 } from "node:fs/promises";
import { join as join7 } from "node:path";
function fsCacheStore(dir) {
  const fileFor = (key) => join7(dir, `${key.replace(/[^A-Za-z0-9._-]/g, "_")}.bin`);
  return {
    async load(key) {
      try {
        return await readFile2(fileFor(key));
      } catch {
        return void 0;
      }
    },
    async save(key, data) {
      await mkdir3(dir, { recursive: true });
      const target = fileFor(key);
      const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile2(temp, data);
      await rename(temp, target);
    }
  };
}

// src/adapters/local/fs-session-store.ts
import { appendFile, mkdir as mkdir4, readdir, readFile as readFile3, writeFile as writeFile3 } from "node:fs/promises";
import { join as join8 } from "node:path";
var NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;
var FsSessionStore = class {
  #root;
  #redact;
  constructor(repoRoot, options = {}) {
    this.#root = join8(repoRoot, ".maestro", "sessions");
    const redact = redactSecrets(options.secrets ?? []);
    this.#redact = (text) => redact(text).text;
  }
  /** Keeps `.maestro/` out of `git status` without touching the repository's own .gitignore. */
  static async excludeFromGit(gitDir) {
    const exclude = join8(gitDir, "info", "exclude");
    const current = await readFile3(exclude, "utf8").catch(() => "");
    if (current.split("\n").some((line) => line.trim() === "/.maestro/")) return;
    await mkdir4(join8(gitDir, "info"), { recursive: true });
    await appendFile(exclude, `${current && !current.endsWith("\n") ? "\n" : ""}/.maestro/
`);
  }
  locate(sessionId) {
    return this.#dir(sessionId);
  }
  async writeMetadata(metadata) {
    await this.writeJson(metadata.session_id, "metadata.json", metadata);
  }
  async readMetadata(sessionId) {
    const raw = await this.readJson(sessionId, "metadata.json");
    if (raw === void 0) return void 0;
    return parseOrThrow(sessionMetadataSchema, raw, join8(this.#dir(sessionId), "metadata.json"));
  }
  async writeJson(sessionId, name, value) {
    const text = JSON.stringify(
      value,
      (_key, v) => typeof v === "string" ? this.#redact(v) : v,
      2
    );
    await this.writeText(sessionId, name, `${text}
`);
  }
  async readJson(sessionId, name) {
    const path = this.#file(sessionId, name);
    let text;
    try {
      text = await readFile3(path, "utf8");
    } catch {
      return void 0;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new MaestroError(`${path} is not valid JSON; fix or delete it`, { cause: error });
    }
  }
  async writeText(sessionId, name, text) {
    await mkdir4(this.#dir(sessionId), { recursive: true });
    await writeFile3(this.#file(sessionId, name), this.#redact(text));
  }
  async appendLog(sessionId, line) {
    await mkdir4(this.#dir(sessionId), { recursive: true });
    await appendFile(this.#file(sessionId, "execution-log.md"), `${this.#redact(line)}
`);
  }
  async list() {
    const entries = await readdir(this.#root).catch(() => []);
    return entries.filter((e) => SESSION_ID_RE.test(e)).sort((a, b2) => b2.localeCompare(a));
  }
  #dir(sessionId) {
    if (!SESSION_ID_RE.test(sessionId)) {
      throw new MaestroError(`"${sessionId}" is not a session id; run \`maestro sessions\` to list them`);
    }
    return join8(this.#root, sessionId);
  }
  #file(sessionId, name) {
    if (!NAME_RE.test(name)) throw new MaestroError(`invalid session file name "${name}"`);
    return join8(this.#dir(sessionId), name);
  }
};

// src/adapters/shell/spawn-shell.ts
import { spawn as spawn2 } from "node:child_process";
import { constants } from "node:os";
import { performance } from "node:perf_hooks";

// src/adapters/shell/scrubbed-env.ts
var inherited = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TERM",
  "TMPDIR",
  "TEMP",
  "TMP",
  "SHELL",
  "TZ",
  "CI",
  // Windows needs these to start anything at all.
  "SystemRoot",
  "ComSpec",
  "PATHEXT"
];
var secretNamePattern = /TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL|AUTH|SESSION|COOKIE/i;
function scrubbedEnv(extra = {}, parent = process.env) {
  const env = {};
  for (const name of inherited) {
    const value = parent[name];
    if (value !== void 0) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) env[name] = value;
  for (const name of Object.keys(env)) {
    if (secretNamePattern.test(name)) delete env[name];
  }
  env.GIT_TERMINAL_PROMPT = "0";
  env.CI = "true";
  return env;
}

// src/adapters/shell/tail-buffer.ts
var TailBuffer = class {
  #maxBytes;
  #chunks = [];
  #bytes = 0;
  #truncated = false;
  constructor(maxBytes) {
    this.#maxBytes = Math.max(0, maxBytes);
  }
  get truncated() {
    return this.#truncated;
  }
  push(chunk) {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes > this.#maxBytes && this.#chunks.length > 0) {
      const first2 = this.#chunks[0];
      const excess = this.#bytes - this.#maxBytes;
      this.#truncated = true;
      if (first2.length <= excess) {
        this.#chunks.shift();
        this.#bytes -= first2.length;
      } else {
        this.#chunks[0] = first2.subarray(excess);
        this.#bytes -= excess;
      }
    }
  }
  text() {
    let buffer = Buffer.concat(this.#chunks);
    if (this.#truncated) {
      let start = 0;
      while (start < buffer.length && start < 3 && ((buffer[start] ?? 0) & 192) === 128) start++;
      buffer = buffer.subarray(start);
    }
    return buffer.toString("utf8");
  }
};

// src/adapters/shell/spawn-shell.ts
var defaultMaxOutputBytes = 1024 * 1024;
var SpawnShell = class {
  #killGraceMs;
  #parentEnv;
  constructor(options = {}) {
    this.#killGraceMs = options.killGraceMs ?? 2e3;
    this.#parentEnv = options.parentEnv ?? process.env;
  }
  run(spec) {
    const started = performance.now();
    const stdout = new TailBuffer(spec.maxOutputBytes ?? defaultMaxOutputBytes);
    const stderr = new TailBuffer(spec.maxOutputBytes ?? defaultMaxOutputBytes);
    const captured = () => ({
      stdout: stdout.text(),
      stderr: stderr.text(),
      durationMs: Math.round(performance.now() - started),
      truncated: stdout.truncated || stderr.truncated
    });
    if (spec.signal?.aborted) return Promise.resolve({ kind: "aborted", ...captured() });
    return new Promise((resolve2) => {
      let ending;
      let settled = false;
      const timers = [];
      let child;
      try {
        child = spawn2(spec.command, spec.args, {
          cwd: spec.cwd,
          env: scrubbedEnv(spec.env, this.#parentEnv),
          detached: true,
          shell: false,
          windowsHide: true,
          stdio: [spec.stdin === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
        });
      } catch (error) {
        const code = error.code ?? "invalid arguments";
        return resolve2({ kind: "failed-to-start", error: `${spec.command}: ${code}` });
      }
      const finish = (result) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        spec.signal?.removeEventListener("abort", onAbort);
        resolve2(result);
      };
      const killGroup = (signal) => {
        if (child.pid === void 0) return;
        try {
          process.kill(-child.pid, signal);
        } catch {
        }
      };
      const stop = (reason) => {
        ending ??= reason;
        killGroup("SIGTERM");
        timers.push(setTimeout(() => killGroup("SIGKILL"), this.#killGraceMs).unref());
      };
      const onAbort = () => stop("aborted");
      child.stdout?.on("data", (chunk) => stdout.push(chunk));
      child.stderr?.on("data", (chunk) => stderr.push(chunk));
      child.stdin?.on("error", () => {
      });
      child.stdin?.end(spec.stdin);
      child.on("error", (error) => {
        if (child.pid !== void 0) return;
        finish({ kind: "failed-to-start", error: `${spec.command}: ${error.code ?? error.message}` });
      });
      child.on("exit", () => {
        killGroup("SIGTERM");
        timers.push(setTimeout(() => killGroup("SIGKILL"), this.#killGraceMs).unref());
        timers.push(
          setTimeout(() => {
            child.stdout?.destroy();
            child.stderr?.destroy();
          }, this.#killGraceMs * 2).unref()
        );
      });
      child.on("close", (code, signal) => {
        if (ending) return finish({ kind: ending, ...captured() });
        finish({ kind: "exited", exitCode: code ?? signalExitCode(signal), ...captured() });
      });
      timers.push(setTimeout(() => stop("timed-out"), spec.timeoutMs));
      spec.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
};
function signalExitCode(signal) {
  if (signal === null) return 1;
  return 128 + (constants.signals[signal] ?? 0);
}

// src/core/policy/commit-scan/secrets-from-environment.ts
var SECRET_NAME = /(^|_)(API_KEY|TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY)(_|$)|_KEY$/i;
function secretsFromEnvironment(env) {
  const values = /* @__PURE__ */ new Set();
  for (const [name, value] of Object.entries(env)) {
    if (value !== void 0 && value.trim() !== "" && SECRET_NAME.test(name)) values.add(value.trim());
  }
  return [...values];
}

// src/adapters/sandbox/open-sandbox.ts
import { accessSync, constants as constants2 } from "node:fs";
import { delimiter as delimiter2, join as join12 } from "node:path";

// src/adapters/sandbox/bubblewrap-args.ts
function bubblewrapArgs(layout, argv) {
  const args = [
    // The sandbox dies with Maestro, and gets its own session so it cannot push keystrokes into
    // Maestro's terminal (TIOCSTI).
    "--die-with-parent",
    "--new-session",
    // Own user, PID, network, IPC, UTS and cgroup namespaces: Maestro's processes and their
    // /proc/<pid>/environ do not exist in here, and there is no network but loopback.
    "--unshare-all",
    "--cap-drop",
    "ALL",
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    "--proc",
    "/proc",
    "--tmpfs",
    "/tmp"
  ];
  for (const dir of layout.hiddenDirs) args.push("--tmpfs", dir);
  for (const file of layout.hiddenFiles) args.push("--ro-bind", "/dev/null", file);
  for (const path of layout.readOnly) args.push("--ro-bind", path, path);
  args.push("--bind", layout.writable, layout.writable);
  if (layout.dotGit !== "none") args.push("--ro-bind", `${layout.writable}/.git`, `${layout.writable}/.git`);
  if (layout.proxySocket) args.push("--ro-bind", layout.proxySocket, layout.proxySocket);
  args.push("--setenv", "TMPDIR", "/tmp", "--chdir", layout.cwd, "--", ...argv);
  return args;
}

// src/adapters/sandbox/sandbox-layout.ts
import { existsSync as existsSync2, lstatSync as lstatSync3, realpathSync } from "node:fs";
import { delimiter, isAbsolute as isAbsolute5, join as join9, relative as relative2, sep as sep3 } from "node:path";
var secretHomeEntries = /* @__PURE__ */ new Set([
  ".ssh",
  ".gnupg",
  ".aws",
  ".azure",
  ".config",
  ".docker",
  ".kube",
  ".netrc",
  ".npmrc",
  ".yarnrc",
  ".pypirc",
  ".git-credentials",
  ".gitconfig",
  ".m2",
  ".gradle",
  ".password-store",
  ".local"
]);
function sandboxLayout(facts, command) {
  const writable = real(command.writable);
  if (writable === void 0) return { kind: "refused", reason: `${command.writable} does not exist` };
  const cwd = real(command.cwd) ?? writable;
  if (!inside(writable, cwd))
    return { kind: "refused", reason: "the command would start outside its workspace" };
  const home = facts.home && facts.home !== "/" ? real(facts.home) : void 0;
  if (writable === "/" || home !== void 0 && inside(writable, home)) {
    return {
      kind: "refused",
      reason: `the workspace ${writable} contains $HOME, whose credentials the sandbox must hide; run Maestro on a checkout inside a project directory`
    };
  }
  const hiddenDirs = [];
  const hiddenFiles = [];
  for (const path of [home, existingDir("/run"), ...facts.hide.map(real)]) {
    if (path === void 0 || path === "/" || inside(writable, path)) continue;
    (isDirectory(path) ? hiddenDirs : hiddenFiles).push(path);
  }
  const readOnly = [...toolchainDirs(facts.path, home), ...command.readable.flatMap((p2) => real(p2) ?? [])];
  const gitDir = facts.gitDir ? real(facts.gitDir) : void 0;
  if (gitDir !== void 0 && !inside(writable, gitDir)) readOnly.push(gitDir);
  return {
    kind: "ok",
    layout: {
      writable,
      cwd,
      dotGit: dotGitKind(join9(writable, ".git")),
      hiddenDirs,
      hiddenFiles,
      readOnly: [...new Set(readOnly)].filter((p2) => !inside(writable, p2))
    }
  };
}
function toolchainDirs(path, home) {
  if (!path || home === void 0) return [];
  const dirs = [];
  for (const entry of path.split(delimiter)) {
    if (!isAbsolute5(entry)) continue;
    const resolved = real(entry);
    if (resolved === void 0 || !inside(home, resolved) || resolved === home) continue;
    const top = relative2(home, resolved).split(sep3)[0];
    if (!secretHomeEntries.has(top)) dirs.push(join9(home, top));
  }
  return dirs;
}
function dotGitKind(path) {
  try {
    const stats = lstatSync3(path);
    if (stats.isDirectory()) return "directory";
    return stats.isFile() ? "file" : "none";
  } catch {
    return "none";
  }
}
function real(path) {
  try {
    return realpathSync(path);
  } catch {
    return void 0;
  }
}
function existingDir(path) {
  return existsSync2(path) ? real(path) : void 0;
}
function isDirectory(path) {
  try {
    return lstatSync3(path).isDirectory();
  } catch {
    return false;
  }
}
function inside(root, path) {
  const rel = relative2(root, path);
  return rel === "" || !rel.startsWith(`..${sep3}`) && rel !== ".." && !isAbsolute5(rel);
}

// src/adapters/sandbox/bubblewrap-shell.ts
var BubblewrapShell = class {
  #options;
  constructor(options) {
    this.#options = options;
  }
  async run(spec) {
    if (spec.writable === void 0) {
      return { kind: "failed-to-start", error: `${spec.command}: no workspace given for the sandbox` };
    }
    const decision = sandboxLayout(this.#options.facts, {
      writable: spec.writable,
      cwd: spec.cwd,
      readable: [...spec.readable ?? [], ...this.#options.proxy?.readable ?? []]
    });
    if (decision.kind === "refused") {
      return { kind: "failed-to-start", error: `${spec.command}: sandbox refused: ${decision.reason}` };
    }
    const proxy = this.#options.proxy;
    const argv = [...proxy?.bridge ?? [], spec.command, ...spec.args];
    const layout = proxy ? { ...decision.layout, proxySocket: proxy.socket } : decision.layout;
    const result = await this.#options.runner.run({
      ...spec,
      command: this.#options.bwrap,
      args: bubblewrapArgs(layout, argv),
      cwd: decision.layout.cwd,
      env: { ...spec.env, ...proxy?.env }
    });
    return execFailure(result, spec.command) ?? result;
  }
};
function execFailure(result, command) {
  if (result.kind !== "exited" || result.exitCode !== 1) return void 0;
  const match = /^bwrap: execvp [^\n]*: ([^\n]+)\n?$/.exec(result.stderr);
  if (!match) return void 0;
  const code = /No such file/.test(match[1]) ? "ENOENT" : /Permission denied/.test(match[1]) ? "EACCES" : match[1];
  return { kind: "failed-to-start", error: `${command}: ${code}` };
}

// src/adapters/sandbox/network-proxy.ts
import { mkdtemp as mkdtemp2, rm as rm2 } from "node:fs/promises";
import { createServer, request as request2 } from "node:http";
import { connect } from "node:net";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join10 } from "node:path";
var allowedPorts = /* @__PURE__ */ new Set([80, 443]);
async function startNetworkProxy(allow) {
  const dir = await mkdtemp2(join10(tmpdir2(), "maestro-proxy-"));
  const socket = join10(dir, "proxy.sock");
  const refused = /* @__PURE__ */ new Set();
  const permits = (host, port) => {
    const ok = hostAllowed(host, port, allow);
    if (!ok) refused.add(host.slice(0, 100));
    return ok;
  };
  const server = createServer((req, res) => forwardHttp(req, res, permits));
  server.on(
    "connect",
    (req, client, head) => tunnel(req, client, head, permits)
  );
  await new Promise((resolve2, reject) => {
    server.once("error", reject);
    server.listen(socket, () => resolve2());
  });
  return {
    inside: {
      socket,
      env: {},
      bridge: [process.execPath, "-e", bridgeSource, socket],
      // node itself may live under $HOME (nvm), which the sandbox hides.
      readable: [process.execPath]
    },
    refused: () => [...refused],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve2) => server.close(() => resolve2()));
      await rm2(dir, { recursive: true, force: true });
    }
  };
}
function hostAllowed(host, port, allow) {
  const name = host.toLowerCase().replace(/\.$/, "");
  return allow.some((entry) => {
    const [rule = "", rulePort] = entry.toLowerCase().split(":");
    const portOk = rulePort === void 0 ? allowedPorts.has(port) : Number(rulePort) === port;
    const nameOk = rule.startsWith("*.") ? name.endsWith(rule.slice(1)) && name.length > rule.length - 1 : name === rule;
    return portOk && nameOk;
  });
}
function tunnel(req, client, head, permits) {
  const target = parseAuthority(req.url ?? "");
  client.on("error", () => client.destroy());
  if (!target || !permits(target.host, target.port)) {
    client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  const upstream = connect(target.port, target.host, () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
  client.on("close", () => upstream.destroy());
}
function forwardHttp(req, res, permits) {
  let url;
  try {
    url = new URL(req.url ?? "");
  } catch {
    res.writeHead(400).end();
    return;
  }
  const port = Number(url.port || 80);
  if (url.protocol !== "http:" || !permits(url.hostname, port)) {
    res.writeHead(403).end();
    return;
  }
  const upstream = request2(
    {
      host: url.hostname,
      port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers: req.headers
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }
  );
  upstream.on("error", () => res.writeHead(502).end());
  req.pipe(upstream);
}
function parseAuthority(authority) {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(authority);
  if (!match) return void 0;
  return { host: match[1], port: Number(match[2]) };
}
var bridgeSource = `
const net = require('node:net');
const { spawn } = require('node:child_process');
const [socket, command, ...args] = process.argv.slice(1);
const server = net.createServer((c) => {
  const u = net.connect(socket);
  c.pipe(u).pipe(c);
  u.on('error', () => c.destroy());
  c.on('error', () => u.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const url = 'http://127.0.0.1:' + server.address().port;
  const env = { ...process.env, HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url,
    npm_config_proxy: url, npm_config_https_proxy: url, NO_PROXY: '', no_proxy: '' };
  const child = spawn(command, args, { stdio: 'inherit', env });
  child.on('error', (e) => {
    process.stderr.write('bwrap: execvp ' + command + ': ' + (e.code === 'ENOENT' ? 'No such file or directory' : e.message) + '\\n');
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (require('node:os').constants.signals[signal] ?? 15) : code));
});
`;

// src/adapters/sandbox/probe-bubblewrap.ts
import { mkdtemp as mkdtemp3, readFile as readFile4, rm as rm3 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join11 } from "node:path";
var appArmorUsernsSysctl = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";
async function probeBubblewrap(bwrap, runner, sysctlPath = appArmorUsernsSysctl) {
  const dir = await mkdtemp3(join11(tmpdir3(), "maestro-sandbox-probe-"));
  try {
    const args = bubblewrapArgs(
      { writable: dir, cwd: dir, dotGit: "none", hiddenDirs: [], hiddenFiles: [], readOnly: [] },
      ["true"]
    );
    const result = await runner.run({ command: bwrap, args, cwd: dir, timeoutMs: 15e3 });
    if (result.kind === "failed-to-start")
      return /ENOENT/.test(result.error) ? { kind: "missing" } : failed(result.error);
    if (result.kind !== "exited") return failed(`bwrap did not finish (${result.kind})`);
    if (result.exitCode === 0) return { kind: "ok" };
    const detail = result.stderr.trim().split("\n")[0] ?? `exit code ${result.exitCode}`;
    if ((await readFile4(sysctlPath, "utf8").catch(() => "0")).trim() === "1") {
      return { kind: "userns-restricted", detail };
    }
    return failed(detail);
  } finally {
    await rm3(dir, { recursive: true, force: true });
  }
}
function failed(detail) {
  return { kind: "failed", detail };
}
function probeAdvice(probe) {
  switch (probe.kind) {
    case "missing":
      return "bubblewrap (`bwrap`) is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y bubblewrap`; Fedora: `sudo dnf install bubblewrap`) and run again.";
    case "userns-restricted":
      return `AppArmor forbids the unprivileged user namespaces bubblewrap needs (${probe.detail}). Allow them with \`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\` (in a workflow: a step \`run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0\` before Maestro), then run again.`;
    case "failed":
      return `bubblewrap could not create a sandbox here (${probe.detail}). Inside a container, run it with user namespaces allowed (Docker: \`--security-opt seccomp=unconfined --security-opt apparmor=unconfined\`), or run Maestro on the host.`;
  }
}

// src/adapters/sandbox/open-sandbox.ts
async function openSandbox(config, options) {
  if (config.mode === "off") return { kind: "ready", sandbox: unsandboxed(options.runner) };
  const platform = options.platform ?? process.platform;
  if (platform !== "linux") {
    return {
      kind: "unavailable",
      message: `Maestro runs gates and agent commands in a bubblewrap sandbox, which needs Linux; this is ${platform}. Run Maestro in a Linux VM or container (or a GitHub Actions runner), or — knowing that code the model wrote would run next to your keys — set \`sandbox: { mode: off, ${sandboxOffAcknowledgement}: true }\` in your config.`
    };
  }
  const bwrap = findOnPath("bwrap", options.env.PATH);
  const probe = bwrap ? await probeBubblewrap(bwrap, options.runner, options.appArmorSysctlPath) : { kind: "missing" };
  if (probe.kind !== "ok" || !bwrap) {
    return {
      kind: "unavailable",
      probe,
      message: `Maestro will not run untrusted code without a sandbox: ${probeAdvice(probe)}`
    };
  }
  const facts = {
    home: options.env.HOME,
    path: options.env.PATH,
    gitDir: options.gitDir,
    hide: [...options.hide ?? [], ...config.hide]
  };
  if (config.network === "none") {
    const shell2 = new BubblewrapShell({ bwrap, runner: options.runner, facts });
    return { kind: "ready", sandbox: { description: describe2("no network"), shell: shell2, close: async () => {
    } } };
  }
  const proxy = await startNetworkProxy(config.network.allow);
  const shell = new BubblewrapShell({ bwrap, runner: options.runner, facts, proxy: proxy.inside });
  return {
    kind: "ready",
    sandbox: {
      description: describe2(`network only to ${config.network.allow.join(", ")} (through a filtering proxy)`),
      shell,
      close: () => proxy.close()
    }
  };
}
function describe2(network) {
  return {
    kind: "bubblewrap",
    summary: `bubblewrap: own PID namespace, ${network}, only the worktree writable (.git read-only), $HOME hidden`
  };
}
function unsandboxed(runner) {
  return {
    description: {
      kind: "off",
      summary: "none: sandbox.mode is off, so gates and agent commands ran with the same user and secrets as Maestro"
    },
    shell: runner,
    close: async () => {
    }
  };
}
function findOnPath(program, path) {
  for (const dir of (path ?? "").split(delimiter2)) {
    if (!dir) continue;
    const candidate = join12(dir, program);
    try {
      accessSync(candidate, constants2.X_OK);
      return candidate;
    } catch {
    }
  }
  return void 0;
}

// src/action/sandbox-setup.ts
async function openActionSandbox(config, options) {
  const first2 = await openSandbox(config, options);
  if (first2.kind === "ready" || !first2.probe || !isGitHubHosted(options.env)) return first2;
  const fix = fixFor(first2.probe.kind);
  if (!fix) return first2;
  options.logger.info(`Sandbox: ${fix.why}; running \`${fix.steps.map((s) => s.join(" ")).join(" && ")}\``);
  for (const step of fix.steps) {
    const [command, ...args] = step;
    const result = await (options.setupRunner ?? options.runner).run({
      command,
      args,
      cwd: "/",
      timeoutMs: 18e4
    });
    if (result.kind !== "exited" || result.exitCode !== 0) {
      options.logger.warn(`Sandbox setup step \`${step.join(" ")}\` failed; ${first2.message}`);
      return first2;
    }
  }
  return openSandbox(config, options);
}
function isGitHubHosted(env) {
  return env.GITHUB_ACTIONS === "true" && env.RUNNER_ENVIRONMENT === "github-hosted";
}
function fixFor(kind) {
  if (kind === "userns-restricted") {
    return {
      why: "AppArmor restricts the user namespaces bubblewrap needs on this runner",
      steps: [["sudo", "-n", "sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"]]
    };
  }
  if (kind === "missing") {
    return {
      why: "bubblewrap is not installed on this runner",
      steps: [
        ["sudo", "-n", "apt-get", "update", "-qq"],
        ["sudo", "-n", "apt-get", "install", "-y", "-qq", "--no-install-recommends", "bubblewrap"]
      ]
    };
  }
  return void 0;
}

// src/action/wiring.ts
var EXPIRED_TOKEN_HINT = "GitHub no longer accepts the token: it expired or was revoked (installation tokens, such as those from actions/create-github-app-token, last one hour). For runs longer than that, give the Action the `app-id` and `app-private-key` inputs instead: it then mints its own installation tokens and renews them before they expire. Work already pushed stays on the run branch; comment `/maestro resume` on the issue to continue from the last checkpoint.";
var installations = /* @__PURE__ */ new WeakMap();
function installationOf(ctx) {
  const { app } = ctx.inputs;
  if (!app) return void 0;
  let found = installations.get(ctx.inputs);
  if (!found) {
    found = appInstallation({ ...app, repo: ctx.gh.repo, baseUrl: ctx.gh.apiUrl, logger: ctx.logger });
    installations.set(ctx.inputs, found);
  }
  return found;
}
function apiClient(ctx) {
  const installation = installationOf(ctx);
  if (!installation)
    return createOctokit({ token: ctx.inputs.githubToken, baseUrl: ctx.gh.apiUrl, logger: ctx.logger });
  const client = async () => (await installation).client;
  return {
    request: async (route, parameters) => (await client()).request(route, parameters),
    paginate: async (route, parameters) => (await client()).paginate(route, parameters),
    graphql: async (query, parameters) => (await client()).graphql(query, parameters)
  };
}
function pushHeader(ctx) {
  const installation = installationOf(ctx);
  if (!installation || ctx.inputs.pushToken)
    return basicAuthHeader(ctx.inputs.pushToken ?? ctx.inputs.githubToken);
  return async () => {
    const token = await (await installation).token();
    setSecret(token);
    return basicAuthHeader(token);
  };
}
function gitHubDeps(ctx) {
  const { inputs, gh, logger } = ctx;
  const client = apiClient(ctx);
  const host = new OctokitIssueHost({
    client,
    repo: gh.repo,
    self: () => identifyTokenOwner(client),
    secrets: secretValues(inputs),
    logger,
    ...inputs.app ? {} : { unauthorizedHint: EXPIRED_TOKEN_HINT }
  });
  const modelEnv = {
    ...ctx.env,
    ANTHROPIC_API_KEY: inputs.anthropicApiKey ?? ctx.env.ANTHROPIC_API_KEY,
    OPENAI_API_KEY: inputs.openaiApiKey ?? ctx.env.OPENAI_API_KEY
  };
  return {
    host,
    // The engine reads the config from here (default branch only), not from `.github/maestro.yml`.
    configPath: inputs.configPath,
    clock: systemClock,
    logger,
    role: "action",
    // The engine loads the config; the `model` input is applied to whatever it loaded.
    openModel: ctx.openModel ?? (async (config) => {
      const { openConfiguredModel } = await import("./open-configured-model-BDMP46OU.js");
      return openConfiguredModel(withModelOverride(config, inputs.model), {
        env: modelEnv,
        clock: systemClock,
        logger
      });
    }),
    checkout: () => openCheckout(gh.workspace),
    cache: fsCacheStore(join13(ctx.tempDir, "cache")),
    run: { id: gh.runId, url: gh.runUrl }
  };
}
function withModelOverride(config, model) {
  if (model === void 0) return config;
  return { ...config, model: { ...config.model, planner: model, executor: model } };
}
async function openCheckout(workspace) {
  try {
    return await GitRepositoryReader.open(workspace);
  } catch (error) {
    throw new MaestroError(
      `GITHUB_WORKSPACE (${workspace}) is not a git checkout: add an actions/checkout step (persist-credentials: false) before Maestro.`,
      { code: "action.no-checkout", cause: error }
    );
  }
}
async function executionDeps(ctx, host, signal) {
  const { inputs, gh, env } = ctx;
  const { createExecutor } = await import("./executors-U77M2DQI.js");
  const workspace = await SimpleGitWorkspace.open(gh.workspace, {
    pushAuth: { header: pushHeader(ctx) },
    ...inputs.app ? {} : { authFailureHint: EXPIRED_TOKEN_HINT },
    pushUrl: `${gh.serverUrl}/${gh.repo.owner}/${gh.repo.repo}.git`,
    secrets: [...secretValues(inputs), ...secretsFromEnvironment(env)],
    worktreeRoot: join13(ctx.tempDir, "worktrees")
  });
  const runner = new SpawnShell({ parentEnv: env });
  const gitDir = await gitCommonDir(gh.workspace);
  return {
    workspace,
    openSandbox: async (config) => {
      const opened = await openActionSandbox(config.sandbox, {
        runner,
        env,
        gitDir,
        hide: [gh.runnerTemp],
        logger: ctx.logger
      });
      if (opened.kind === "ready") return opened.sandbox;
      throw new MaestroError(opened.message, { code: "sandbox.unavailable" });
    },
    executorFor: (config, model, sandbox) => createExecutor(config.executor, { model, shell: sandbox.shell, clock: systemClock }),
    store: new FsSessionStore(join13(ctx.tempDir, "sessions"), { secrets: secretValues(inputs) }),
    secrets: [...secretValues(inputs), ...secretsFromEnvironment(env)],
    signal,
    // The App's own installation tokens are never the workflow's GITHUB_TOKEN: checks will run.
    defaultToken: inputs.pushToken ? inputs.pushToken === env.GITHUB_TOKEN?.trim() || !env.GITHUB_TOKEN && inputs.pushToken.startsWith("ghs_") : inputs.app ? false : await isDefaultToken(inputs.githubToken, env, host),
    dryRun: inputs.dryRun,
    // Longest first: a task's worktree shows as `T1/src/a.ts`, the checkout's files as `src/a.ts`.
    localRoots: [join13(ctx.tempDir, "worktrees"), ctx.tempDir, gh.runnerTemp, gh.workspace]
  };
}
async function isDefaultToken(token, env, host) {
  const fromEnv = env.GITHUB_TOKEN?.trim();
  if (fromEnv) return token === fromEnv;
  try {
    return (await host.self()).id === actionsBot.id;
  } catch {
    return token.startsWith("ghs_");
  }
}
export {
  EXPIRED_TOKEN_HINT,
  executionDeps,
  gitHubDeps,
  withModelOverride
};
