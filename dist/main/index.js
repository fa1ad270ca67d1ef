import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
import * as __WEBPACK_EXTERNAL_MODULE__undici_stub_js_24858b81__ from "./undici-stub.js";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(278);
var tls = __nccwpck_require__(756);
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var events = __nccwpck_require__(434);
var assert = __nccwpck_require__(613);
var util = __nccwpck_require__(23);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 55:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ causeChain),
/* harmony export */   MX: () => (/* binding */ registryFailure),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   dz: () => (/* binding */ InputError)
/* harmony export */ });
/* unused harmony exports isAuthFailure, isRateLimited, pushPermissionHint, credentialsHint, credentialsFix, isCredentialsRejected, hostFailure */
/* harmony import */ var _artifact_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(103);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(661);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(408);



/**
 * An action input that failed validation (or that the network showed to be wrong: a registry
 * host DNS does not know): names the input and says how to fix it. Its message is one line: the
 * values it quotes (paths, references, annotation lines, the export's fields) come from inputs or
 * the export, so they are written with `inline`.
 */
class InputError extends Error {
    input;
    constructor(input, message, options) {
        super(`Input '${input}': ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .inline */ .mG)(message)}`, options);
        this.name = 'InputError';
        this.input = input;
    }
}
/** Every message in an error's cause chain, outermost first (for core.debug). */
function causeChain(error) {
    const lines = [];
    for (const e of (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .causes */ .ps)(error)) {
        const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
        lines.push(`${lines.length === 0 ? '' : 'caused by: '}${text}`);
    }
    return lines.join('\n');
}
/** The HTTP status of the registry error in an error's cause chain, if there is one. */
function httpStatusOf(error) {
    return (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .findCause */ .lO)(error, _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl)?.status;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * True when the error (or a cause) is the registry room's AuthError: a 401/403 or a refused
 * token exchange. A 403 "secondary rate limit" is a plain RegistryError, so it is not one.
 */
function isAuthFailure(error) {
    return (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .findCause */ .lO)(error, _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .AuthError */ .lR) !== undefined;
}
/** True when the registry answered 429, or 403 that is not an auth failure (rate limiting). */
function isRateLimited(error) {
    const status = httpStatusOf(error);
    return status === 429 || (status === 403 && !isAuthFailure(error));
}
const RATE_LIMIT_HINT = 'The registry is rate limiting this job (429 or 403 "secondary rate limit"); the action already retried with backoff. ' +
    'Run it again later, and avoid running many pushes or pulls at once.';
const PULL_ACCESS_HINT = "The registry refused access: check the reference, and that the token may read the package (a job needs 'permissions: packages: read' for private GHCR packages; set token to '' for a public one).";
const NOT_FOUND_HINT = 'The registry has no such repository, tag or digest; check the reference.';
const DAMAGED_SNAPSHOT_HINT = 'Nothing was moved into place: the files already in output-dir are as they were. The snapshot in the registry is damaged or does not match its manifest.json; push a good export again (verify-content: false restores it as it is).';
/** What to do about a 401/403 on push (GHCR's two usual causes). */
function pushPermissionHint(registry, repository) {
    const owner = repository.split('/')[0] ?? repository;
    return [
        `The registry ${registry} refused to let this job push to '${repository}'.`,
        'Give the job write access to packages: add `permissions: packages: write` (with `contents: read`) to the job or workflow.',
        `If the package already exists, open it on GitHub (${owner} → Packages → ${repository.split('/').slice(1).join('/') || repository} → Package settings) and, under "Manage Actions access", add this repository with the Write role.`,
        'With a personal access token instead of GITHUB_TOKEN, it needs the write:packages scope.',
    ].join(' ');
}
/**
 * What to do when the registry rejected the credentials themselves (the token endpoint answered
 * 401/403 to them, or a Basic-auth registry 401): no permission setting helps, other credentials do.
 * `scope` is what a personal access token needs (e.g. the write:packages scope).
 */
function credentialsHint(registry, scope) {
    return `The registry ${registry} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ${credentialsFix(scope)}.`;
}
/** The fix for refused credentials: the default token, or a current personal access token. */
function credentialsFix(scope) {
    return `with GITHUB_TOKEN, leave 'token' at its default (\${{ github.token }}); with a personal access token, use a current one with ${scope}`;
}
/** True when the error (or a cause) says the registry rejected the credentials themselves. */
function isCredentialsRejected(error) {
    return (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .findCause */ .lO)(error, _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .CredentialsRejectedError */ .HK) !== undefined;
}
/** What the user should do about a failed push or pull, or undefined when there is no advice. */
function registryHint(error, operation, registry, repository) {
    if (isCredentialsRejected(error))
        return credentialsHint(registry, operation === 'push' ? 'the write:packages scope' : 'the read:packages scope');
    if (isAuthFailure(error))
        return operation === 'push' ? pushPermissionHint(registry, repository) : PULL_ACCESS_HINT;
    if (isRateLimited(error))
        return RATE_LIMIT_HINT;
    if (operation === 'pull' && httpStatusOf(error) === 404)
        return NOT_FOUND_HINT;
    if (operation === 'pull' && (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .findCause */ .lO)(error, _artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .SnapshotError */ .JC) !== undefined)
        return DAMAGED_SNAPSHOT_HINT;
    return undefined;
}
/**
 * The input error for a connection that failed because of the registry host itself (DNS does not
 * know it, nothing listens on the port, it cannot be reached), or undefined for any other failure,
 * including one at another host (a token realm, a storage redirect): no input names that one.
 */
function hostFailure(error, input, registry) {
    const problem = (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .networkProblem */ .Wo)(error);
    const failed = (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .findCause */ .lO)(error, _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl);
    if (problem === undefined || failed?.url === undefined)
        return undefined;
    const url = new URL(failed.url);
    if (url.host !== new URL((0,_registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .registryBaseUrl */ .mO)(registry)).host)
        return undefined;
    const after = failed.attempts === undefined ? '' : `after ${failed.attempts} attempts`;
    const where = input === 'reference' ? ' at the start of the reference' : '';
    const example = input === 'reference' ? 'ghcr.io/my-org/lei-cache:latest' : 'ghcr.io';
    let message;
    switch (problem.code) {
        case 'ENOTFOUND':
            message = `the host ${url.hostname} is unknown to DNS (ENOTFOUND); check the host name${where}, e.g. ${example}.`;
            break;
        case 'EAI_AGAIN':
            message = `the host ${url.hostname} could not be looked up (DNS did not answer${after ? `, ${after}` : ''}); check the host name${where}, and the runner's network.`;
            break;
        case 'ECONNREFUSED':
            message = `${url.host} refused the connection${after ? ` (${after})` : ''}; check the host and port${where}.`;
            break;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            message = `${url.host} could not be reached (${problem.words}${after ? `, ${after}` : ''}); check the host${where}, and that the runner can reach it.`;
            break;
        default:
            return undefined;
    }
    return new InputError(input, message, { cause: error });
}
/**
 * The error a failed push or pull ends the job with, for both actions alike, on one line: a
 * connection the registry host itself refused or could not make is an InputError naming
 * `registry` (push) or `reference` (pull); anything else is `<what> failed: <the registry room's
 * message>`, then the advice when there is any. The original error is its cause.
 */
function registryFailure(what, error, operation, target) {
    const host = hostFailure(error, operation === 'push' ? 'registry' : 'reference', target.registry);
    if (host !== undefined)
        return host;
    // the registry room's message carries the registry's own text (error bodies, headers): one line
    const message = `${what} failed: ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .inline */ .mG)(messageOf(error))}`;
    const hint = registryHint(error, operation, target.registry, target.repository);
    if (hint === undefined)
        return new Error(message, { cause: error });
    return new Error(`${/[.!?]$/.test(message) ? message : `${message}.`} ${hint}`, {
        cause: error,
    });
}


/***/ }),

/***/ 279:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Rn: () => (/* binding */ retryLine),
/* harmony export */   St: () => (/* binding */ progressLogger),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* unused harmony exports PROGRESS_MIN_BYTES, formatWait */
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(408);

/** Transfers at least this big get progress lines. */
const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;
/** At most one progress line per blob per this many milliseconds. */
const PROGRESS_INTERVAL_MS = 10_000;
const MB = 1_000_000;
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
/**
 * An onProgress callback for RegistryClient: for blobs of 64 MiB or more, one line at most every
 * 10 s (bytes, percent, MB/s since the blob started) and one line when the blob is complete.
 */
function progressLogger(log, now = Date.now) {
    const blobs = new Map();
    return (progress) => {
        if (progress.total < PROGRESS_MIN_BYTES)
            return;
        const key = `${progress.operation} ${progress.digest}`;
        const time = now();
        let state = blobs.get(key);
        if (!state || (state.done && progress.bytes < progress.total)) {
            // first report for this blob (or a retry starting over): the clock starts now
            state = { started: time, lastLogged: time, done: false };
            blobs.set(key, state);
        }
        const complete = progress.bytes >= progress.total;
        if (state.done)
            return;
        if (!complete && time - state.lastLogged < PROGRESS_INTERVAL_MS)
            return;
        state.lastLogged = time;
        state.done = complete;
        const seconds = Math.max((time - state.started) / 1000, 0.001);
        const rate = progress.bytes / MB / seconds;
        const percent = progress.total > 0 ? Math.floor((progress.bytes / progress.total) * 100) : 100;
        const verb = progress.operation === 'upload' ? 'uploaded' : 'downloaded';
        log(`${progress.digest.slice(0, 19)}: ${verb} ${formatBytes(progress.bytes)} of ${formatBytes(progress.total)} ` +
            `(${percent}%, ${rate.toFixed(1)} MB/s)`);
    };
}
/** A wait for a log line: `0.8 s`, `2 s`, `12 s`. */
function formatWait(ms) {
    const seconds = ms / 1000;
    return `${seconds < 10 ? Number(seconds.toFixed(1)) : Math.round(seconds)} s`;
}
/**
 * The info line for a retry, said before its wait:
 * `Retrying in 0.8 s (attempt 2 of 5): <operation>: connection refused`.
 */
function retryLine(retry) {
    return `Retrying in ${formatWait(retry.delayMs)} (attempt ${retry.attempt + 1} of ${retry.maxAttempts}): ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .inline */ .mG)(retry.operation)}: ${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_0__/* .inline */ .mG)(retry.reason)}`;
}


/***/ }),

/***/ 78:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  M: () => (/* binding */ readPushInputs)
});

// EXTERNAL MODULE: ./src/registry/index.ts + 20 modules
var src_registry = __nccwpck_require__(661);
// EXTERNAL MODULE: ./src/action/errors.ts
var errors = __nccwpck_require__(55);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/action/untrusted.ts
var untrusted = __nccwpck_require__(408);
;// CONCATENATED MODULE: ./src/action/inputs.ts




/** The registry a blank `registry` input means, in every action. */
const DEFAULT_REGISTRY = 'ghcr.io';
const FALLBACK_USERNAME = 'lei-cache-action';
/** Every input with surrounding blanks removed: the one place inputs are trimmed. */
function trimmed(getInput) {
    return (name) => getInput(name).trim();
}
function readBoolean(getInput, name, fallback) {
    const raw = getInput(name);
    if (raw === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new errors/* InputError */.dz(name, `'${raw}' is not a boolean; write true or false.`);
}
/** A whole number input within [0, max], or its default when empty. */
function readCount(getInput, name, fallback, max) {
    const raw = getInput(name);
    if (raw === '')
        return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max) {
        throw new InputError(name, `'${raw}' is not a whole number from 0 to ${max} (e.g. ${fallback}).`);
    }
    return Number(raw);
}
/**
 * The `registry` input: a host[:port], no scheme, no path, lowercased. Blank means ghcr.io, as
 * action.yml's default says, in every action.
 */
function readRegistry(getInput) {
    const value = getInput('registry');
    if (value === '')
        return DEFAULT_REGISTRY;
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
    if (scheme) {
        throw new errors/* InputError */.dz('registry', `'${value}' has a scheme; give only host[:port], e.g. '${value.slice(scheme[0].length).split('/')[0]}' (loopback registries are spoken to over HTTP, all others over HTTPS).`);
    }
    if (value.includes('/')) {
        throw new errors/* InputError */.dz('registry', `'${value}' holds a path; give only host[:port] here (e.g. '${value.split('/')[0]}') and put the path into 'repository'.`);
    }
    if (!(0,src_registry/* isValidRegistryHost */.wv)(value)) {
        throw new errors/* InputError */.dz('registry', `'${value}' is not a host[:port] such as ghcr.io or 127.0.0.1:5000.`);
    }
    return value.toLowerCase();
}
/**
 * The `repository` input. The action.yml default is `${{ github.repository_owner }}/lei-cache`,
 * which may hold capitals (GitHub owner names do; registries don't), so when the input equals that
 * default (or is empty) it is lowercased. A repository the user wrote with capitals is an error.
 * A leading host is dropped or refused first (`withoutHost`); a warning about it goes to `warnings`.
 */
function readRepository(getInput, env, registry, warnings) {
    const given = getInput('repository');
    const path = withoutHost(given, registry);
    const value = checkedRepository(path, env);
    if (path !== given) {
        warnings.push(`Input 'repository': '${(0,untrusted/* inline */.mG)(given)}' starts with the registry host; using '${value}'.`);
    }
    return value;
}
/**
 * `repository` without a leading host, as docker/metadata-action's images are written
 * (ghcr.io/my-org/lei-cache). The first '/'-separated component is a host when
 * - it equals `registry` (in any case): it is dropped;
 * - it holds a ':' (a port: no repository name has one), or, on ghcr.io, a '.' or is `localhost`
 *   (GitHub owner names are letters, digits and '-'; `localhost` is Docker's name for a host):
 *   refused, naming both inputs.
 * On another registry a first component with a '.' is a path (mirrors keep the source registry as
 * the first component, e.g. skopeo sync's docker.io/library/alpine), so it stays.
 */
function withoutHost(value, registry) {
    const slash = value.indexOf('/');
    if (slash <= 0 || slash === value.length - 1)
        return value;
    const first = value.slice(0, slash);
    const rest = value.slice(slash + 1);
    if (first.toLowerCase() === registry)
        return rest;
    const isHost = first.includes(':') ||
        (registry === DEFAULT_REGISTRY && (first.includes('.') || first.toLowerCase() === 'localhost'));
    if (!isHost)
        return value;
    throw new errors/* InputError */.dz('repository', `'${value}' starts with the host ${first}, but 'registry' is ${registry}; give the host in 'registry' and only the path here (registry: ${first.toLowerCase()}, repository: ${rest}).`);
}
/** The repository path checked: the lowercased default, else lowercase and valid as given. */
function checkedRepository(given, env) {
    const owner = env['GITHUB_REPOSITORY_OWNER'] ?? '';
    const defaultValue = owner ? `${owner}/lei-cache` : '';
    let value = given;
    if (value === '' || (defaultValue !== '' && value === defaultValue)) {
        if (defaultValue === '') {
            throw new errors/* InputError */.dz('repository', 'is empty and GITHUB_REPOSITORY_OWNER is not set; give a repository such as my-org/lei-cache.');
        }
        value = defaultValue.toLowerCase();
    }
    else if (value !== value.toLowerCase()) {
        throw new errors/* InputError */.dz('repository', `'${value}' has capital letters, which registries (GHCR included) do not allow; write it in lowercase: '${value.toLowerCase()}'.`);
    }
    if (!(0,src_registry/* isValidRepository */.d)(value)) {
        throw new errors/* InputError */.dz('repository', `${(0,src_registry/* repositoryProblem */.Ki)(value) ?? `'${value}' is not valid`}. Give only the path in the registry, e.g. my-org/lei-cache (no host, tag or digest).`);
    }
    return value;
}
/** `username` and `token`; undefined when the token is blank (anonymous). */
function readCredentials(getInput, env) {
    const password = getInput('token');
    if (password === '')
        return undefined;
    const username = getInput('username') || env['GITHUB_ACTOR'] || FALLBACK_USERNAME;
    return { username, password };
}
/** A directory input as an absolute path (relative to GITHUB_WORKSPACE); required. */
function absoluteDir(value, input, env) {
    if (value === '')
        throw new errors/* InputError */.dz(input, 'is required; give a directory path.');
    const base = env['GITHUB_WORKSPACE'] || process.cwd();
    return external_node_path_default().resolve(base, value);
}

// EXTERNAL MODULE: ./src/artifact/index.ts + 30 modules
var artifact = __nccwpck_require__(103);
;// CONCATENATED MODULE: ./src/action/push/annotations.ts


const KEY = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
/**
 * Parses the `annotations` input: one `key=value` a line, blank lines ignored, the value is
 * everything after the first `=` (it may be empty or contain `=`), surrounding blanks trimmed.
 */
function parseAnnotations(raw) {
    const result = {};
    const lines = raw.split(/\r?\n/);
    lines.forEach((line, index) => {
        const text = line.trim();
        if (text === '')
            return;
        const where = `line ${index + 1} ('${text}')`;
        const eq = text.indexOf('=');
        if (eq < 0) {
            throw new errors/* InputError */.dz('annotations', `${where} has no '='. Write one key=value a line, e.g. org.example.team=supply-chain.`);
        }
        const key = text.slice(0, eq).trim();
        const value = text.slice(eq + 1).trim();
        if (key === '') {
            throw new errors/* InputError */.dz('annotations', `${where} has an empty key. Write key=value, e.g. org.example.team=supply-chain.`);
        }
        if (!KEY.test(key)) {
            throw new errors/* InputError */.dz('annotations', `${where}: the key '${key}' may hold only letters, digits, '.', '_', '-' and '/' (use reverse-domain keys like org.example.team).`);
        }
        if (artifact/* RESERVED_ANNOTATIONS */._i.includes(key)) {
            throw new errors/* InputError */.dz('annotations', `${where}: '${key}' is set from the export and cannot be overridden; remove that line.`);
        }
        if (Object.prototype.hasOwnProperty.call(result, key)) {
            throw new errors/* InputError */.dz('annotations', `${where}: the key '${key}' appears twice; keep one line per key.`);
        }
        result[key] = value;
    });
    return result;
}
/**
 * `org.opencontainers.image.source` and `.revision` from the workflow's environment
 * (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`, `GITHUB_SHA`); empty outside a workflow.
 */
function githubAnnotations(env) {
    const result = {};
    const repository = env['GITHUB_REPOSITORY'];
    if (repository) {
        const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
        result['org.opencontainers.image.source'] = `${server}/${repository}`;
    }
    const sha = env['GITHUB_SHA'];
    if (sha)
        result['org.opencontainers.image.revision'] = sha;
    return result;
}

// EXTERNAL MODULE: ./src/action/push/tags.ts
var tags = __nccwpck_require__(462);
;// CONCATENATED MODULE: ./src/action/push/inputs.ts





/** max-shrink's default (action.yml says the same). */
const DEFAULT_MAX_SHRINK = 50;
/** max-shrink: a whole number of percent from 0 to 100 (a trailing % is allowed). */
function readMaxShrink(getInput) {
    const raw = getInput('max-shrink');
    if (raw === '')
        return DEFAULT_MAX_SHRINK;
    const match = /^(\d{1,3})\s*%?$/.exec(raw);
    const percent = match ? Number(match[1]) : NaN;
    if (!(percent <= 100)) {
        throw new errors/* InputError */.dz('max-shrink', `must be a whole number of percent from 0 to 100, got '${raw}'. It is how much smaller than latest (in entries) a snapshot may be ` +
            `and still move the moving tags (default ${DEFAULT_MAX_SHRINK}; 100 turns the check off).`);
    }
    return percent;
}
function readExportDir(getInput, env) {
    if (getInput('export-dir') === '') {
        throw new errors/* InputError */.dz('export-dir', 'is required: the directory with manifest.json and cache.jsonl.gz written by the LEI cache export.');
    }
    return absoluteDir(getInput('export-dir'), 'export-dir', env);
}
function readOciLayout(getInput, env, exportDir) {
    const raw = getInput('oci-layout');
    const ociLayout = raw === '' ? undefined : absoluteDir(raw, 'oci-layout', env);
    if (ociLayout !== undefined && ociLayout === exportDir) {
        throw new errors/* InputError */.dz('oci-layout', 'must not be the export directory; choose a separate directory such as out/lei-cache-layout.');
    }
    return ociLayout;
}
/** Reads and validates every input of the push action (no file system or network access). */
function readPushInputs(rawInput, env = process.env) {
    const getInput = trimmed(rawInput);
    const exportDir = readExportDir(getInput, env);
    const registry = readRegistry(getInput);
    const warnings = [];
    const inputs = {
        exportDir,
        registry,
        repository: readRepository(getInput, env, registry, warnings),
        tags: (0,tags/* parseTags */.rL)(getInput('tags'), src_registry/* isValidTag */.r_),
        // Untrimmed: its error messages count lines from the input's first line.
        annotations: { ...githubAnnotations(env), ...parseAnnotations(rawInput('annotations')) },
        push: readBoolean(getInput, 'push', true),
        summary: readBoolean(getInput, 'summary', true),
        allowOlder: readBoolean(getInput, 'allow-older', false),
        verifyContent: readBoolean(getInput, 'verify-content', true),
        maxShrink: readMaxShrink(getInput),
    };
    const ociLayout = readOciLayout(getInput, env, exportDir);
    const credentials = readCredentials(getInput, env);
    if (inputs.push && credentials === undefined) {
        throw new errors/* InputError */.dz('token', 'is empty, so nothing could be pushed. Leave it at its default (${{ github.token }}), pass a token with write access to packages, or set push: false.');
    }
    if (credentials)
        inputs.credentials = credentials;
    if (ociLayout !== undefined)
        inputs.ociLayout = ociLayout;
    warnings.push(...(0,tags/* caseTwinWarnings */.k0)(inputs.tags));
    if (warnings.length > 0)
        inputs.warnings = warnings;
    return inputs;
}


/***/ }),

/***/ 645:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ runPush)
});

// EXTERNAL MODULE: ./src/artifact/index.ts + 30 modules
var src_artifact = __nccwpck_require__(103);
// EXTERNAL MODULE: ./src/action/errors.ts
var errors = __nccwpck_require__(55);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
;// CONCATENATED MODULE: ./src/action/paths.ts


/**
 * A directory the action will write into (`output-dir`, `oci-layout`): fine when it is missing
 * (it gets created) or a directory; an error naming the input when it is a file or unusable.
 * Returns whether it exists.
 */
async function checkDirectoryTarget(dir, input) {
    try {
        if ((await (0,promises_.stat)(dir)).isDirectory())
            return true;
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return false;
        throw new errors/* InputError */.dz(input, `'${dir}' cannot be used: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
    }
    throw new errors/* InputError */.dz(input, `'${dir}' exists and is not a directory; give a directory path (it is created when missing).`);
}

// EXTERNAL MODULE: ./src/action/progress.ts
var progress = __nccwpck_require__(279);
;// CONCATENATED MODULE: ./src/action/report.ts
/** The log line that says what the content check found (or that it was off), push and pull alike. */
function contentLine(verified) {
    if (verified === undefined) {
        return 'verify-content is false: the content of cache.jsonl.gz was not checked against manifest.json.';
    }
    return (`Content verified against manifest.json: gzip intact, ${verified.entries} entries, ` +
        `${verified.rawSize} bytes uncompressed, content_hash ${verified.contentHash}`);
}

// EXTERNAL MODULE: ./src/action/services.ts
var services = __nccwpck_require__(44);
// EXTERNAL MODULE: ./src/action/untrusted.ts
var untrusted = __nccwpck_require__(408);
;// CONCATENATED MODULE: ./src/action/push/forward.ts
/**
 * Moving tags only move forward. `latest`, `weekly` and every other tag that is not a YYYY-MM-DD
 * date name "the newest snapshot" to the sites that follow them; a re-run of an old job, or a late
 * job overtaken by a newer one, must not send them back in time. This file decides, for one tag,
 * from what it points at now and the snapshot being pushed; it does no I/O.
 */
const DATE_TAG = /^\d{4}-\d{2}-\d{2}$/;
/** A date tag (YYYY-MM-DD) names one snapshot and is always pushed; any other tag moves. */
function isMovingTag(tag) {
    return !DATE_TAG.test(tag);
}
/** Milliseconds since the epoch of an RFC 3339 time, or NaN. */
function instant(created) {
    return Date.parse(created);
}
/**
 * Negative when `a` is older than `b`, positive when newer, 0 when neither: the later snapshot
 * date wins; on the same date the later `created` (compared as instants, so offsets do not
 * matter). A `created` that cannot be read counts as the start of its day.
 */
function compareSnapshots(a, b) {
    if (a.date !== b.date)
        return a.date < b.date ? -1 : 1;
    const start = (s) => {
        const t = instant(s.created);
        return Number.isNaN(t) ? Date.parse(`${s.date}T00:00:00Z`) : t;
    };
    return Math.sign(start(a) - start(b));
}
/**
 * What to do with one moving tag. `ours` is the snapshot being pushed (its manifest digest,
 * date and created). A target with the same date and created but another digest (the same
 * export pushed with other annotations) is not newer, so the tag moves.
 */
function decideTag(target, ours, allowOlder) {
    switch (target.kind) {
        case 'absent':
            return { action: 'create' };
        case 'other':
            return target.digest === ours.digest
                ? { action: 'unchanged' }
                : { action: 'replace', other: target };
        case 'snapshot':
            if (target.digest === ours.digest)
                return { action: 'unchanged' };
            if (compareSnapshots(target, ours) > 0) {
                return allowOlder
                    ? { action: 'move-back', newer: target }
                    : { action: 'keep', newer: target };
            }
            return { action: 'move', from: target };
    }
}
/** Whether the decision writes the tag (create, move forward, move back, replace). */
function movesTag(decision) {
    return decision.action !== 'unchanged' && decision.action !== 'keep';
}

;// CONCATENATED MODULE: ./src/action/push/nightly.ts
/**
 * The nightly's look back: before anything is uploaded, the push reads the snapshot `latest`
 * points at (its manifest.json layer, bounded and verified) and compares it with the export it
 * is about to publish. The shrink guard holds every moving tag back when the new snapshot lost
 * more than max-shrink percent of latest's entries: a nearly empty export (a lost database, a
 * crashed analysis) is still pushed under its date tag, but the sites that follow latest keep
 * the snapshot they have, and the step fails.
 */




/**
 * The tag compared with: what sites follow. It is read whether or not `tags` names it, since a
 * collapsed snapshot matters to those sites even when this push moves only other moving tags.
 */
const COMPARED_TAG = 'latest';
/**
 * Reads `latest` and compares it with the artifact. Undefined (with a debug line) when there is
 * nothing to compare with: no latest, not an LEI snapshot, its manifest.json unreadable, or
 * latest already this snapshot. Registry failures are thrown (the push would meet them too).
 */
async function readSince(client, inputs, artifact, io) {
    const name = `${inputs.registry}/${inputs.repository}:${COMPARED_TAG}`;
    const read = await client.readTag(inputs.repository, COMPARED_TAG, 'pull,push');
    if (read.kind === 'absent') {
        io.debug(`${name} does not exist yet: nothing to compare this snapshot with.`);
        return undefined;
    }
    if (read.kind === 'other') {
        io.debug(`${name} is ${(0,untrusted/* inline */.mG)(read.what)}, not an LEI snapshot: nothing to compare with.`);
        return undefined;
    }
    if (read.digest === artifact.digest) {
        io.debug(`${name} already points at this snapshot: nothing to compare with.`);
        return undefined;
    }
    if (artifact.entryCountUnknown === true) {
        io.warning(`Not compared with ${name}, and the shrink guard did not judge this snapshot: manifest.json has no "entry_count" and verify-content is false, so nobody counted its entries.`);
        return undefined;
    }
    let previous;
    try {
        previous = (0,src_artifact/* parseSnapshotManifest */.dE)(read.manifestJson, `the manifest.json of ${name}`);
    }
    catch (error) {
        if (!(error instanceof src_artifact/* SnapshotError */.JC))
            throw error;
        io.debug(`Not compared with ${name}: ${(0,untrusted/* inline */.mG)((0,errors/* messageOf */.bD)(error))}`);
        return undefined;
    }
    const latestNewer = compareSnapshots(read, artifact.info) > 0;
    const change = (0,src_artifact/* snapshotChange */.hS)(previous.info, artifact.info);
    // A newer latest stays where it is by the forward rule unless allow-older moves it back.
    const applies = !latestNewer || inputs.allowOlder;
    const held = applies && (0,src_artifact/* shrankBeyond */.ZF)(change, inputs.maxShrink);
    const since = { change, latestNewer, maxShrink: inputs.maxShrink, held };
    io.info(sinceLine(since));
    return since;
}
const count = (n) => n.toLocaleString('en-US');
/** `+11`, `-4`, `±0` */
function signed(n) {
    return n > 0 ? `+${count(n)}` : n < 0 ? `-${count(-n)}` : '±0';
}
/** "Since 2026-11-21 (latest): 10,240 -> 10,251 entries (+11); 14 repos added, 3 dropped" */
function sinceLine({ change, latestNewer }) {
    const { before, after, added, dropped } = change;
    const against = latestNewer
        ? `Against ${COMPARED_TAG} (${before.date}, newer than this snapshot)`
        : `Since ${before.date} (${COMPARED_TAG})`;
    return (`${against}: ${count(before.entryCount)} -> ${count(after.entryCount)} entries ` +
        `(${signed(change.entryDelta)}); ${count(added.count)} repos added, ${count(dropped.count)} dropped`);
}
/** The share of latest's entries the new snapshot lost, in percent (one decimal at most). */
function lostPercent({ before, after }) {
    const lost = ((before.entryCount - after.entryCount) * 100) / before.entryCount;
    return `${Number(lost.toFixed(1))}%`;
}
/** The step's one error when the shrink guard held the moving tags back. */
class ShrinkError extends Error {
    constructor(since, pushedAs, heldTags) {
        const { before, after } = since.change;
        const stay = heldTags.length === 0
            ? ' only'
            : `; ${heldTags.join(', ')} ${heldTags.length === 1 ? 'stays where it was' : 'stay where they were'}`;
        super(`The snapshot ${after.date} has ${count(after.entryCount)} entries, ${lostPercent(since.change)} fewer than ` +
            `the ${count(before.entryCount)} of ${COMPARED_TAG} (${before.date}), more than max-shrink (${since.maxShrink}%) allows: ` +
            `it was pushed as ${pushedAs}${stay}. If the shrink is intended, run again with max-shrink: 100; ` +
            'otherwise fix the export and run again.');
        this.name = 'ShrinkError';
    }
}

;// CONCATENATED MODULE: ./src/action/push/sinceReport.ts


/** The repos added or dropped: how many, the first names (foreign text, escaped), the rest counted. */
function repoCell({ count, names }) {
    if (count === 0)
        return '0';
    const more = count - names.length;
    return (`${count.toLocaleString('en-US')}: ${names.map(untrusted/* code */.aY).join(', ')}` +
        (more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''));
}
/** The job summary's paragraph when the shrink guard held the moving tags back. */
function heldParagraph(since, heldTags) {
    const { before, after } = since.change;
    const tags = heldTags.length > 0 ? heldTags.map(untrusted/* code */.aY).join(', ') : 'no moving tag';
    return [
        `<p><strong>Shrink guard:</strong> this snapshot has ${lostPercent(since.change)} fewer entries than ` +
            `${(0,untrusted/* code */.aY)(COMPARED_TAG)} (${(0,untrusted/* html */.qy)(before.date)}: ${before.entryCount.toLocaleString('en-US')} → ` +
            `${after.entryCount.toLocaleString('en-US')}), more than <code>max-shrink</code> (${since.maxShrink}%) allows. ` +
            `It was pushed under its date tag only; ${tags} stayed where ${heldTags.length === 1 ? 'it was' : 'they were'}, and the step failed. ` +
            'If the shrink is intended, run again with <code>max-shrink: 100</code>; otherwise fix the export and run again.</p>',
        '',
    ];
}
/**
 * The job summary's section on what changed since the snapshot `latest` pointed at: entries
 * before and after, repos added and dropped; and the shrink guard's verdict when it held tags.
 */
function sinceSection(since, heldTags) {
    const { before, after, added, dropped } = since.change;
    const heading = since.latestNewer
        ? `#### Against ${COMPARED_TAG} (${(0,untrusted/* html */.qy)(before.date)}, newer than this snapshot)`
        : `#### Since ${(0,untrusted/* html */.qy)(before.date)} (${COMPARED_TAG})`;
    const rows = [
        [
            'Entries',
            `${before.entryCount.toLocaleString('en-US')} → ${after.entryCount.toLocaleString('en-US')} (${signed(since.change.entryDelta)})`,
        ],
        ['Repos added', repoCell(added)],
        ['Repos dropped', repoCell(dropped)],
    ];
    return [
        heading,
        '',
        ...(since.held ? heldParagraph(since, heldTags) : []),
        '<table>',
        ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
        '</table>',
        '',
    ];
}

;// CONCATENATED MODULE: ./src/action/push/summary.ts



/** GITHUB_ACTION_REPOSITORY as GitHub spells owner/name (it goes into a code block as it is). */
const OWNER_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** What happened to each tag, and why a tag that stayed on a newer snapshot stayed. */
function tagSection(tagReport) {
    if (tagReport === undefined)
        return [];
    return [
        '#### Tags',
        '',
        '<table>',
        '<tr><th align="left">Tag</th><th align="left">What happened</th></tr>',
        ...tagReport.map((t) => `<tr><td>${(0,untrusted/* code */.aY)(t.tag)}</td><td>${t.cell}</td></tr>`),
        '</table>',
        '',
        ...(tagReport.some((t) => !t.current && t.warning)
            ? [
                '<p>A tag that stayed points at a newer snapshot: moving tags only move forward. Set <code>allow-older: true</code> to move them back on purpose.</p>',
                '',
            ]
            : []),
    ];
}
function title(data) {
    const snapshot = `### LEI cache snapshot ${(0,untrusted/* html */.qy)(data.info.date)}`;
    if (data.since?.held)
        return `${snapshot} pushed; moving tags held back (shrink guard)`;
    return data.pushed ? `${snapshot} pushed` : `${snapshot} packaged (not pushed)`;
}
/** The pull action, LEI's own tasks, skopeo, oras and Zarf, each pointed at this snapshot. */
function gettingItBack(data) {
    const base = `${data.registry}/${data.repository}`;
    const pinned = `${base}@${data.digest}`;
    const firstTag = data.tags[0] ?? 'latest';
    return [
        '#### Getting it back',
        '',
        ...(data.pushed
            ? []
            : [
                // an HTML block, not a Markdown paragraph: the path is an input and stays text
                data.ociLayout !== undefined
                    ? `<p>Nothing was pushed (push: false). Copy the layout to the registry first, keeping the digest: ${(0,untrusted/* code */.aY)(`skopeo copy oci:${data.ociLayout}:${firstTag} docker://${base}:${firstTag}`)}. Then:</p>`
                    : 'Nothing was pushed (push: false). Once the artifact is in the registry:',
                '',
            ]),
        'With the pull action:',
        '',
        '```yaml',
        `- uses: ${data.actionRepository !== undefined && OWNER_NAME.test(data.actionRepository) ? data.actionRepository : '<owner>/lei-cache-action'}/pull@v1`,
        '  with:',
        `    reference: ${pinned}`,
        '    output-dir: lei-cache',
        '```',
        '',
        // LEI's client parses host/repository[:tag] only: a digest reference would name a wrong URL.
        "With LowEndInsight's own tasks (they take a tag, not a digest):",
        '',
        '```sh',
        `mix lei.cache.pull ${base}:${data.info.date} -o lei-cache`,
        'mix lei.cache.import lei-cache',
        '```',
        '',
        'With skopeo or oras:',
        '',
        '```sh',
        `skopeo copy docker://${pinned} oci:lei-cache-layout:${firstTag}`,
        `oras pull ${pinned} -o lei-cache`,
        '```',
        '',
        'In a zarf.yaml (pinned by digest, for air-gapped sites):',
        '',
        '```yaml',
        'images:',
        `  - ${base}:${firstTag}@${data.digest}`,
        '```',
        '',
    ];
}
/** The job summary of the push action, as GitHub-flavoured Markdown/HTML. */
function pushSummary(data) {
    const pinned = `${data.registry}/${data.repository}@${data.digest}`;
    const rows = [
        ['Reference', (0,untrusted/* code */.aY)(pinned)],
        ['Digest', (0,untrusted/* code */.aY)(data.digest)],
        [
            'Tags',
            (data.tagReport ? data.tagReport.filter((t) => t.current).map((t) => t.tag) : data.tags)
                .map(untrusted/* code */.aY)
                .join(' ') || '(none)',
        ],
        ['Snapshot date', (0,untrusted/* html */.qy)(data.info.date)],
        ['Entries', data.info.entryCount.toLocaleString('en-US')],
        ['Size', `${(0,progress/* formatBytes */.z3)(data.size)} (cache.jsonl.gz ${(0,progress/* formatBytes */.z3)(data.cacheSize)})`],
        ['LEI version', (0,untrusted/* html */.qy)(data.info.leiVersion)],
    ];
    if (data.uploadedBytes !== undefined)
        rows.push(['Uploaded', (0,progress/* formatBytes */.z3)(data.uploadedBytes)]);
    if (data.ociLayout !== undefined)
        rows.push(['OCI layout', (0,untrusted/* code */.aY)(data.ociLayout)]);
    const stayed = data.tagReport?.filter((t) => !t.current).map((t) => t.tag) ?? [];
    return [
        title(data),
        '',
        '<table>',
        ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
        '</table>',
        '',
        ...(data.since ? sinceSection(data.since, stayed) : []),
        ...tagSection(data.tagReport),
        ...gettingItBack(data),
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/action/push/tagReport.ts


function tagReport_short(digest) {
    return `${digest.slice(0, 19)}…`;
}
function describe(target) {
    switch (target.kind) {
        case 'absent':
            return 'nothing';
        case 'snapshot':
            return `snapshot ${(0,untrusted/* inline */.mG)(target.date)} (created ${(0,untrusted/* inline */.mG)(target.created)}, ${tagReport_short(target.digest)})`;
        case 'other':
            return `${(0,untrusted/* inline */.mG)(target.what)} (${tagReport_short(target.digest)})`;
    }
}
function describeHtml(target) {
    switch (target.kind) {
        case 'absent':
            return 'nothing';
        case 'snapshot':
            return `snapshot ${(0,untrusted/* html */.qy)(target.date)} (created ${(0,untrusted/* html */.qy)(target.created)}, ${(0,untrusted/* code */.aY)(tagReport_short(target.digest))})`;
        case 'other':
            return `${(0,untrusted/* html */.qy)(target.what)} (${(0,untrusted/* code */.aY)(tagReport_short(target.digest))})`;
    }
}
/**
 * What happened to each tag of a push: date tags pushed as they are, moving tags created, moved
 * forward, left where they were (already here, or on a newer snapshot), moved back (allow-older)
 * or moved over something that is not an LEI snapshot. With `held` (the shrink guard), a moving
 * tag the forward rule would have moved stayed where it was.
 */
function tagLines(pushes, ours, allowOlder, base, held = false) {
    return pushes.map((push) => held && isHeld(push, ours, allowOlder)
        ? heldLine(push, base)
        : withOvertaken(firstLine(push, ours, allowOlder, base), push, base));
}
/** A guarded tag that did not move although the forward rule would have moved it. */
function isHeld({ before, current }, ours, allowOlder) {
    return before !== undefined && !current && decideTag(before, ours, allowOlder).action !== 'keep';
}
function heldLine({ tag, before }, base) {
    const name = `${base}:${tag}`;
    const line = (log, cell) => ({
        tag,
        current: false,
        log: `${log}: held back by the shrink guard (max-shrink)`,
        warning: false,
        cell: `<strong>held back</strong> by the shrink guard: ${cell}`,
    });
    if (before === undefined || before.kind === 'absent')
        return line(`${name} was not created`, 'not created');
    return line(`${name} stays on ${describe(before)}`, `stays on ${describeHtml(before)}`);
}
/** What another push did to a tag meanwhile (found by the check after every tag was pushed). */
function withOvertaken(line, push, base) {
    const now = push.overtaken;
    if (now === undefined)
        return line;
    const outcome = push.current
        ? 'moved it to this snapshot again'
        : 'left it there, as that snapshot is newer';
    return {
        ...line,
        current: push.current,
        warning: true,
        log: `${line.log}. Then another push moved ${base}:${push.tag} to ${describe(now)} while this one ran; ` +
            `${outcome}. Pushes to one package should run one at a time (a concurrency group).`,
        cell: `${line.cell}; then <strong>overtaken</strong> by another push (to ${describeHtml(now)}): ` +
            (push.current ? 'moved back here' : 'left there'),
    };
}
function firstLine({ tag, before, current }, ours, allowOlder, base) {
    const name = `${base}:${tag}`;
    const line = (log, cell, warning = false) => ({
        tag,
        current,
        log,
        warning,
        cell,
    });
    if (before === undefined)
        return line(`Tagged ${name}`, 'pushed');
    const decision = decideTag(before, ours, allowOlder);
    switch (decision.action) {
        case 'create':
            return line(`Tagged ${name} (a new tag)`, 'pushed (new tag)');
        case 'unchanged':
            return line(`${name} already points at this snapshot: nothing to move`, 'unchanged (already here)');
        case 'move':
            return line(`Moved ${name} forward from the ${describe(decision.from)}`, `moved forward from the ${describeHtml(decision.from)}`);
        case 'keep':
            return line(`${name} stays on the newer ${describe(decision.newer)}; this snapshot is ` +
                `${(0,untrusted/* inline */.mG)(ours.date)} (created ${(0,untrusted/* inline */.mG)(ours.created)}). ` +
                'Set allow-older: true to move it back on purpose.', `<strong>stayed</strong> on the newer ${describeHtml(decision.newer)}`, true);
        case 'move-back':
            return line(`Moved ${name} back from the newer ${describe(decision.newer)} to this snapshot ` +
                `${(0,untrusted/* inline */.mG)(ours.date)}, as allow-older is true`, `<strong>moved back</strong> from the newer ${describeHtml(decision.newer)} (allow-older)`, true);
        case 'replace':
            return line(`${name} pointed at ${describe(decision.other)}, not an LEI cache snapshot; moved it to this snapshot as asked`, `<strong>moved</strong> from ${describeHtml(decision.other)}, not an LEI cache snapshot`, true);
    }
}

// EXTERNAL MODULE: ./src/action/push/tags.ts
var push_tags = __nccwpck_require__(462);
;// CONCATENATED MODULE: ./src/action/push/run.ts












/** GHCR's documented per-layer limit. */
const GHCR_LAYER_LIMIT = 10 * 1000 ** 3;
/**
 * Packages the export, pushes it (unless push is false), writes the OCI layout (when asked),
 * sets the outputs and writes the job summary (unless summary is false).
 */
async function runPush(inputs, deps) {
    const { io } = deps;
    const { artifact, tags } = await io.group('Validate and package the export', () => packageStep(inputs, deps));
    let pushed;
    if (inputs.push) {
        pushed = await io.group(`Push to ${inputs.registry}/${inputs.repository}`, () => pushStep(inputs, deps, artifact, tags));
    }
    else {
        io.info('push is false: nothing was sent to a registry.');
    }
    if (inputs.ociLayout !== undefined) {
        const layoutDir = inputs.ociLayout;
        await io.group('Write the OCI image layout', () => layoutStep(layoutDir, deps, artifact, tags));
    }
    const outputs = setOutputs(inputs, deps, artifact, pushed ? pushed.result.tags : tags);
    if (inputs.summary) {
        await io.group('Job summary', () => summaryStep(inputs, deps, artifact, tags, pushed));
    }
    if (pushed?.since?.held)
        throw shrinkFailure(inputs, pushed, pushed.since);
    return outputs;
}
/** Validates and packages the export (an export-dir input error on a bad one); logs what it is. */
async function packageStep(inputs, { io, services }) {
    if (inputs.ociLayout !== undefined)
        await checkDirectoryTarget(inputs.ociLayout, 'oci-layout');
    let artifact;
    try {
        artifact = await services.packageExport(inputs.exportDir, {
            annotations: inputs.annotations,
            onWarning: (message) => io.warning((0,untrusted/* inline */.mG)(message)),
            verifyContent: inputs.verifyContent,
            // Pushing: the check runs on the bytes being uploaded, and gates their commit.
            checkContentOnUpload: inputs.push,
        });
    }
    catch (error) {
        if (error instanceof src_artifact/* ExportError */.ze || error instanceof src_artifact/* SnapshotError */.JC)
            throw new errors/* InputError */.dz('export-dir', (0,errors/* messageOf */.bD)(error), { cause: error });
        throw error;
    }
    if (inputs.push && inputs.registry === 'ghcr.io')
        warnOverGhcrLimit(artifact, io.warning);
    const tags = (0,push_tags/* snapshotTags */.yi)(inputs.tags, artifact.info.date);
    io.info(`Export: ${(0,untrusted/* inline */.mG)(inputs.exportDir)}`);
    io.info(`Snapshot ${artifact.info.date}, ${artifact.info.entryCount} entries, LEI ${(0,untrusted/* inline */.mG)(artifact.info.leiVersion)}`);
    io.info(artifact.contentGate === undefined
        ? contentLine(artifact.verified)
        : 'Content of cache.jsonl.gz: checked against manifest.json while it uploads; nothing is published unless it passes.');
    io.info(`Manifest digest: ${artifact.digest}`);
    io.info((0,push_tags/* tagsLine */.MK)(inputs.tags, tags, artifact.info.date));
    return { artifact, tags };
}
function warnOverGhcrLimit(artifact, warning) {
    for (const { descriptor } of artifact.layers) {
        if (descriptor.size <= GHCR_LAYER_LIMIT)
            continue;
        warning(`${(0,untrusted/* inline */.mG)(descriptor.annotations?.[src_artifact/* TITLE_ANNOTATION */.H] ?? descriptor.digest)} is ${(0,progress/* formatBytes */.z3)(descriptor.size)}: ` +
            'ghcr.io accepts layers up to 10 GB, so the push will probably be refused.');
    }
}
/** The snapshot being pushed, as the moving-tag rule compares it. */
function stampOf(artifact) {
    return { digest: artifact.digest, date: artifact.info.date, created: artifact.info.created };
}
/** Pushes every blob, the manifest by digest, then each tag (moving tags only forward). */
async function pushStep(inputs, deps, artifact, tags) {
    const { io } = deps;
    const name = `${inputs.registry}/${inputs.repository}`;
    const ours = stampOf(artifact);
    const client = deps.services.createRegistry(inputs.registry, (0,services/* registryOptions */._)(inputs.credentials, io, { now: deps.now }));
    let result;
    let since;
    try {
        since = await readSince(client, inputs, artifact, io);
        const held = since?.held === true;
        result = await client.pushArtifact(inputs.repository, artifact, tags, {
            guards: isMovingTag,
            allows: (_tag, current) => !held && movesTag(decideTag(current, ours, inputs.allowOlder)),
        });
    }
    catch (error) {
        throw pushFailure(error, name, inputs);
    }
    finally {
        client.close();
    }
    if (result.digest !== artifact.digest) {
        throw new Error(`The registry stored the manifest as ${result.digest}, expected ${artifact.digest}.`);
    }
    io.info(`Uploaded ${result.uploadedBlobs.length} blob(s), ${(0,progress/* formatBytes */.z3)(result.uploadedBytes)}; ` +
        `${result.skippedBlobs.length} already present.`);
    if (artifact.contentGate !== undefined)
        io.info(gatedContentLine(artifact.contentGate));
    io.info(`Pushed ${name}@${artifact.digest} (the manifest by digest, before any tag)`);
    const tagReport = tagLines(result.tagPushes, ours, inputs.allowOlder, name, since?.held);
    for (const line of tagReport) {
        if (line.warning)
            io.warning(line.log);
        else
            io.info(line.log);
    }
    return { result, tagReport, since };
}
/**
 * A failed push: the content check refusing the export (the cache layer's gate) is the same
 * export-dir input error as when packaging refuses it; anything else is a registry failure.
 */
function pushFailure(error, name, inputs) {
    const refused = (0,src_artifact/* findCause */.lO)(error, src_artifact/* SnapshotError */.JC) ?? (0,src_artifact/* findCause */.lO)(error, src_artifact/* ExportError */.ze);
    if (refused !== undefined)
        return new errors/* InputError */.dz('export-dir', (0,errors/* messageOf */.bD)(refused), { cause: error });
    return (0,errors/* registryFailure */.MX)(`Pushing to ${name}`, error, 'push', inputs);
}
/** The content line once the push is done: the registry client ran the gate for every blob. */
function gatedContentLine(gate) {
    if (gate.facts === undefined)
        throw new Error('The push finished without the content check of cache.jsonl.gz.');
    return contentLine(gate.facts);
}
async function layoutStep(layoutDir, { io, services }, artifact, tags) {
    await services.writeLayout(layoutDir, artifact, tags);
    io.info(`Wrote ${(0,untrusted/* inline */.mG)(layoutDir)} with ref names ${tags.join(', ')}`);
    io.info(`Copy it with: skopeo copy oci:${(0,untrusted/* inline */.mG)(layoutDir)}:${tags[0]} docker://<registry>/<repository>:${tags[0]}`);
}
/** The step's one error when the shrink guard held the moving tags back (after outputs and summary). */
function shrinkFailure(inputs, pushed, since) {
    const name = `${inputs.registry}/${inputs.repository}`;
    return new ShrinkError(since, pushed.result.tags.map((tag) => `${name}:${tag}`).join(', '), pushed.tagReport.filter((t) => !t.current).map((t) => t.tag));
}
function blobsSize(artifact) {
    return artifact.blobs.reduce((sum, blob) => sum + blob.descriptor.size, 0);
}
function setOutputs(inputs, { io }, artifact, tags) {
    const name = `${inputs.registry}/${inputs.repository}`;
    const outputs = {
        name,
        digest: artifact.digest,
        reference: `${name}@${artifact.digest}`,
        tags,
        manifest: artifact.manifestBytes.toString('utf8'),
        size: blobsSize(artifact),
    };
    io.setOutput('name', outputs.name);
    io.setOutput('digest', outputs.digest);
    io.setOutput('reference', outputs.reference);
    io.setOutput('tags', outputs.tags.join(','));
    io.setOutput('manifest', outputs.manifest);
    io.setOutput('size', String(outputs.size));
    return outputs;
}
async function summaryStep(inputs, { io, env }, artifact, tags, pushed) {
    const cacheLayer = artifact.layers.find((blob) => blob.descriptor.mediaType === src_artifact/* CACHE_JSONL_MEDIA_TYPE */.us);
    await io.writeSummary(pushSummary({
        registry: inputs.registry,
        repository: inputs.repository,
        digest: artifact.digest,
        tags,
        ...(pushed
            ? { tagReport: pushed.tagReport, uploadedBytes: pushed.result.uploadedBytes }
            : {}),
        pushed: inputs.push,
        size: blobsSize(artifact),
        cacheSize: cacheLayer?.descriptor.size ?? 0,
        info: artifact.info,
        ...(inputs.ociLayout !== undefined ? { ociLayout: inputs.ociLayout } : {}),
        ...(pushed?.since ? { since: pushed.since } : {}),
        ...(env['GITHUB_ACTION_REPOSITORY']
            ? { actionRepository: env['GITHUB_ACTION_REPOSITORY'] }
            : {}),
    }));
}


/***/ }),

/***/ 462:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   MK: () => (/* binding */ tagsLine),
/* harmony export */   k0: () => (/* binding */ caseTwinWarnings),
/* harmony export */   rL: () => (/* binding */ parseTags),
/* harmony export */   yi: () => (/* binding */ snapshotTags)
/* harmony export */ });
/* unused harmony export DEFAULT_MOVING_TAGS */
/* harmony import */ var _artifact_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(103);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(55);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(408);



/**
 * Splits the `tags` input (newline- or comma-separated) into a list without blanks or
 * duplicates, validating each with `isValidTag`. An empty input gives an empty list.
 */
function parseTags(raw, isValidTag) {
    const tags = [];
    for (const part of raw.split(/[\n,]/)) {
        const tag = part.trim();
        if (tag === '' || tags.includes(tag))
            continue;
        if (!isValidTag(tag)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('tags', `'${tag}' is not a valid OCI tag. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', ` +
                `and does not start with '.' or '-' (e.g. 2026-11-22, latest, weekly). Separate tags with commas or newlines.`);
        }
        tags.push(tag);
    }
    return tags;
}
/**
 * The tags a snapshot of `date` is pushed with: the defaults (the date, latest, weekly on a
 * Sunday) when none are given; else the given ones, with the date tag first when it is missing.
 * The date tag is always pushed because prune keeps and deletes snapshots by their date tags:
 * a snapshot without one would never be pruned.
 */
function snapshotTags(given, date) {
    if (given.length === 0)
        return (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .defaultTags */ .nK)(date);
    return given.includes(date) ? [...given] : [date, ...given];
}
/** The log's Tags line: where the tags came from (defaults, given, the date tag added). */
function tagsLine(given, tags, date) {
    if (given.length === 0)
        return `Tags: ${tags.join(', ')} (defaults for the snapshot date)`;
    if (given.includes(date))
        return `Tags: ${tags.join(', ')}`;
    return `Tags: ${tags.join(', ')} (${date} added: the snapshot's date tag is always pushed)`;
}
/**
 * The moving tags the push gives by default besides the date (artifact's defaultTags: latest
 * always, weekly on Sundays): what a given tag is compared with, ignoring case.
 */
const DEFAULT_MOVING_TAGS = ['latest', 'weekly'];
/**
 * A warning for each given tag that differs only in case from an earlier given tag or from a
 * default one (`Latest` next to `latest`). Registries keep tags case-sensitive, so both would
 * exist, and whatever follows `latest` would not see `Latest`.
 */
function caseTwinWarnings(tags) {
    const warnings = [];
    tags.forEach((tag, i) => {
        const twin = (other) => other !== tag && other.toLowerCase() === tag.toLowerCase();
        const given = tags.slice(0, i).find(twin);
        const fallback = DEFAULT_MOVING_TAGS.find(twin);
        if (given !== undefined) {
            warnings.push(`Input 'tags': '${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .inline */ .mG)(tag)}' and '${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .inline */ .mG)(given)}' differ only in case; registries keep tags case-sensitive, so both are pushed as two separate tags. Keep one of them.`);
        }
        else if (fallback !== undefined) {
            warnings.push(`Input 'tags': '${(0,_untrusted_js__WEBPACK_IMPORTED_MODULE_2__/* .inline */ .mG)(tag)}' differs only in case from the default tag '${fallback}'; registries keep tags case-sensitive, so it is a tag of its own and whatever follows '${fallback}' will not see it. Write '${fallback}' if that tag is meant.`);
        }
    });
    return warnings;
}


/***/ }),

/***/ 669:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  IK: () => (/* binding */ coreIO),
  V4: () => (/* binding */ runner_getInput),
  CN: () => (/* binding */ runEntry)
});

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __nccwpck_require__(309);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec_exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = tr.argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new tr.ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec_exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function core_info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
// EXTERNAL MODULE: ./src/action/errors.ts
var errors = __nccwpck_require__(55);
// EXTERNAL MODULE: ./src/action/untrusted.ts
var untrusted = __nccwpck_require__(408);
;// CONCATENATED MODULE: ./src/action/runner.ts



/**
 * ActionIO backed by @actions/core (workflow commands, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
 * Every message goes through `logText` first: core.info writes its string raw, and
 * core.warning/debug/group escape only CR, LF and %, so a line of ours can never become a
 * workflow command, whatever foreign text it holds.
 *
 * A group opens on the first info or warning line written inside it, so a step that fails (or
 * has nothing to say) before that leaves no empty group in the log. Debug lines do not open it:
 * a log without debug output would show the group empty. Groups do not nest (the runner's do not).
 */
function coreIO() {
    let current;
    const visible = () => {
        if (current === undefined || current.open)
            return;
        startGroup(current.name);
        current.open = true;
    };
    const info = (message) => {
        visible();
        core_info((0,untrusted/* logText */.kc)(message));
    };
    return {
        info,
        warning: (message) => {
            visible();
            warning((0,untrusted/* logText */.kc)(message));
        },
        debug: (message) => core_debug((0,untrusted/* logText */.kc)(message)),
        setOutput: (name, value) => setOutput(name, value),
        setSecret: (secret) => core_setSecret(secret),
        group: async (name, fn) => {
            const group = { name: (0,untrusted/* logText */.kc)(name), open: false };
            current = group;
            try {
                return await fn();
            }
            finally {
                if (group.open)
                    endGroup();
                if (current === group)
                    current = undefined;
            }
        },
        writeSummary: async (markdown) => {
            if (!process.env['GITHUB_STEP_SUMMARY']) {
                info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
                return;
            }
            await summary.addRaw(markdown, true).write();
            info(`Wrote the job summary (${process.env['GITHUB_STEP_SUMMARY']}).`);
        },
    };
}
/**
 * core.getInput as the runner passed it (INPUT_<NAME>), untrimmed: inputs.ts trims every value
 * once, so the tests' inputs and the runner's go through the same code.
 */
function runner_getInput(name) {
    return getInput(name, { trimWhitespace: false });
}
/** The one catch of an entry: a failure becomes `::error::` + exit code 1, the causes go to debug. */
async function runEntry(body) {
    // Mask the token input before anything can print it.
    const token = runner_getInput('token').trim();
    if (token !== '')
        core_setSecret(token);
    try {
        await body();
    }
    catch (error) {
        setFailed((0,untrusted/* logText */.kc)((0,errors/* messageOf */.bD)(error)));
        core_debug((0,untrusted/* logText */.kc)((0,errors/* causeChain */.DD)(error)));
    }
}


/***/ }),

/***/ 44:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ defaultServices),
/* harmony export */   _: () => (/* binding */ registryOptions)
/* harmony export */ });
/* harmony import */ var _artifact_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(103);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(661);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(279);



/** The real artifact and registry rooms. */
function defaultServices() {
    return {
        packageExport: (dir, options) => (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .packageExport */ .hI)(dir, options),
        writeLayout: (dir, artifact, tags) => (0,_artifact_index_js__WEBPACK_IMPORTED_MODULE_0__/* .writeLayout */ .wy)(dir, artifact, tags),
        createRegistry: (registry, options) => new _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryClient */ .bP(registry, options),
    };
}
/**
 * The registry client options every action uses: the credentials, every token the client gets
 * masked, the client's debug lines, an info line for each retry (its cause and wait: a job that
 * waits says why), and (with `progress`) progress lines for big transfers.
 */
function registryOptions(credentials, io, progress) {
    return {
        ...(credentials ? { credentials } : {}),
        onSecret: (secret) => io.setSecret(secret),
        onDebug: (message) => io.debug(message),
        onRetry: (retry) => io.info((0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .retryLine */ .Rn)(retry)),
        ...(progress ? { onProgress: (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .progressLogger */ .St)((line) => io.info(line), progress.now) } : {}),
    };
}


/***/ }),

/***/ 408:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   kc: () => (/* binding */ logText),
/* harmony export */   mG: () => (/* binding */ inline),
/* harmony export */   qy: () => (/* binding */ html)
/* harmony export */ });
/**
 * Untrusted text: values from the export (manifest.json fields, file names), the registry (error
 * messages and bodies, headers) or an input (paths, annotations, references) are data. This
 * module is the one place that turns them into log text and job-summary markup:
 *
 * - `inline(value)`: one line, every control and line-breaking character written as a visible
 *   escape (`\n`, `\r`, `\t`, `\u001b`, ...), and the runner's legacy command prefix `##[`
 *   broken up (`##\[`). Use it for every foreign value put into a message.
 * - `logText(message)`: the last guard before the runner's stdout: the lines of a message the
 *   action composed can never be read as a workflow command (a line whose first non-blank
 *   characters are `::` starts `\::`; `##[` anywhere becomes `##\[`; controls are escaped).
 *   Every ActionIO method that writes to the log calls it.
 * - `html(value)`: `inline(value)` with the HTML and Markdown metacharacters written as character
 *   references, for the job summary (which GitHub renders as Markdown with HTML).
 *
 * GitHub's runner reads a workflow command from a stdout line whose first non-blank characters are
 * `::` (`::error::`, `::add-mask::`, `::stop-commands::`, ...), and a legacy command from `##[`
 * anywhere in a line; it splits stdout on CR and LF.
 */
/** C0 and C1 controls, DEL, line/paragraph separators, and bidirectional-text controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHORT = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
function escapeChar(ch) {
    return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
/** `##[` is the runner's legacy command prefix, recognised anywhere in a line. */
const LEGACY_PREFIX = /##\[/g;
/**
 * A foreign value as one line of plain text: controls and line breaks become visible escapes,
 * `##[` becomes `##\[`. Printable text (including non-ASCII letters) is kept as it is.
 */
function inline(value) {
    const text = typeof value === 'string' ? value : String(value);
    return text.replace(UNSAFE, escapeChar).replace(LEGACY_PREFIX, '##\\[');
}
/**
 * Leading characters the runner strips before looking for `::` (.NET's TrimStart: Unicode white
 * space, including U+001C-U+001F and U+0085; the controls are escaped before this matters).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LEADING_BLANKS = /^[\s\u001c-\u001f\u0085]*/;
function guardLine(line) {
    const escaped = inline(line);
    const blanks = LEADING_BLANKS.exec(escaped)?.[0] ?? '';
    const rest = escaped.slice(blanks.length);
    return rest.startsWith('::') ? `${blanks}\\${rest}` : escaped;
}
/**
 * A message the action composed (possibly several lines) made safe for the runner's log: each
 * line guarded as `inline` does, and a line that would start with `::` gets a backslash in
 * front. Line breaks of the message itself are kept (LF).
 */
function logText(message) {
    return message
        .split(/\r\n|\r|\n/)
        .map(guardLine)
        .join('\n');
}
/**
 * HTML metacharacters, the Markdown characters that could start a span, link or image, and `=`
 * and `+` (Setext headings, list markers).
 */
const MARKUP = /[&<>"'`*_[\]()!|~#\\{}=+]/g;
/**
 * A foreign value as text for the job summary: `inline(value)` (one line, so it cannot end an
 * HTML block or start a Markdown block), then `& < > " '` and the Markdown characters
 * `` ` * _ [ ] ( ) ! | ~ # \ { } = + `` as numeric character references, which render as the
 * characters themselves and never as markup.
 */
function html(value) {
    return inline(value).replace(MARKUP, (ch) => `&#${ch.charCodeAt(0)};`);
}
/** `<code>` around a foreign value, escaped with `html`. */
function code(value) {
    return `<code>${html(value)}</code>`;
}


/***/ }),

/***/ 103:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  us: () => (/* reexport */ CACHE_JSONL_MEDIA_TYPE),
  xk: () => (/* reexport */ CACHE_MANIFEST_MEDIA_TYPE),
  $9: () => (/* reexport */ CONFIG_MEDIA_TYPE),
  Uj: () => (/* reexport */ DOCKER_MANIFEST_LIST_MEDIA_TYPE),
  ze: () => (/* reexport */ ExportError),
  DZ: () => (/* reexport */ INDEX_MEDIA_TYPE),
  SY: () => (/* reexport */ MANIFEST_MEDIA_TYPE),
  kL: () => (/* reexport */ MAX_EXPORT_MANIFEST_SIZE),
  L7: () => (/* reexport */ MAX_MANIFEST_SIZE),
  _i: () => (/* reexport */ RESERVED_ANNOTATIONS),
  _p: () => (/* reexport */ STAGE_HIGH_WATER_MARK),
  JC: () => (/* reexport */ SnapshotError),
  H: () => (/* reexport */ TITLE_ANNOTATION),
  ps: () => (/* reexport */ causes),
  nK: () => (/* reexport */ defaultTags),
  lO: () => (/* reexport */ findCause),
  Bc: () => (/* reexport */ digest_isDigest),
  Gv: () => (/* reexport */ isObject),
  r_: () => (/* reexport */ isValidTag),
  OD: () => (/* reexport */ multiManifestProblem),
  hI: () => (/* reexport */ packageExport),
  Ng: () => (/* reexport */ parseManifest),
  dE: () => (/* reexport */ parseSnapshotManifest),
  sI: () => (/* reexport */ sha256Digest),
  ZF: () => (/* reexport */ shrankBeyond),
  hS: () => (/* reexport */ snapshotChange),
  Ww: () => (/* reexport */ snapshotStamp),
  l1: () => (/* reexport */ unpack),
  wy: () => (/* reexport */ writeLayout)
});

// UNUSED EXPORTS: DigestMismatchError, LayoutError, ManifestError, SizeMismatchError, assembleArtifact, blobDescriptor, bufferBlob, buildConfig, buildManifest, deletionGroups, digestHex, isDate, judgeSnapshots, mediaTypeToFilename, parseIndexMembers, readExport, referrersTagOf, rfc3339UtcDay, serializeConfig, serializeManifest, utcDay, withinBudget, writeVerifiedFile

;// CONCATENATED MODULE: ./src/artifact/errors.ts
/**
 * The error and each of its causes, outermost first. Stops at a cycle; a cause that is not an
 * Error (a string, say) is yielded and ends the chain.
 */
function* causes(error) {
    const seen = new Set();
    for (let e = error; e !== undefined && e !== null && !seen.has(e);) {
        seen.add(e);
        yield e;
        e = e instanceof Error ? e.cause : undefined;
    }
}
/** The first error in `error`'s cause chain (itself included) that is a `type`. */
function findCause(error, type) {
    for (const e of causes(error))
        if (e instanceof type)
            return e;
    return undefined;
}
/** Base class of every error the artifact room throws on purpose. */
class ArtifactError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** The export directory (or a file in it) is not usable; `path` names the offending path. */
class ExportError extends ArtifactError {
    path;
    constructor(path, message, options) {
        super(message, options);
        this.path = path;
    }
}
/** A manifest (pulled or read from a layout) is not a well-formed OCI image manifest. */
class ManifestError extends ArtifactError {
}
function describeBlob(label) {
    return label.name ? `${label.name} (${label.mediaType})` : label.mediaType;
}
/** The bytes received hash to another digest than the descriptor says. */
class DigestMismatchError extends ArtifactError {
    label;
    expected;
    actual;
    constructor(label, expected, actual) {
        super(`digest mismatch for ${describeBlob(label)}: expected ${expected}, got ${actual}. ` +
            'The content is corrupt or was replaced; nothing was written. Fetch it again from a source you trust.');
        this.label = label;
        this.expected = expected;
        this.actual = actual;
    }
}
/** The number of bytes received differs from the descriptor's size. */
class SizeMismatchError extends ArtifactError {
    label;
    digest;
    expected;
    actual;
    /** true when the stream was stopped as soon as it exceeded the expected size */
    exceeded;
    constructor(label, digest, expected, actual, exceeded) {
        super(`size mismatch for ${describeBlob(label)} (${digest}): expected ${expected} bytes, ` +
            `${exceeded ? 'got more than that' : `got ${actual}`}. ` +
            'The transfer was truncated or the content is not what the manifest describes; nothing was written. Fetch it again.');
        this.label = label;
        this.digest = digest;
        this.expected = expected;
        this.actual = actual;
        this.exceeded = exceeded;
    }
}
/** An OCI image layout directory is missing, malformed, or lacks what was asked for. */
class LayoutError extends ArtifactError {
    path;
    constructor(path, message, options) {
        super(message, options);
        this.path = path;
    }
}
/**
 * A snapshot's manifest.json (the export's or a pulled copy) is not usable; `source` names the
 * file, `field` the offending field when there is one.
 */
class SnapshotError extends ArtifactError {
    source;
    field;
    constructor(source, message, options) {
        super(message, options);
        this.source = source;
        this.field = options?.field;
    }
}
/**
 * The content of cache.jsonl.gz does not match manifest.json, or is not intact gzip. `field` is
 * the manifest field (`entry_count`, `raw_size`, `content_hash`, `compressed_size`) or `gzip`.
 */
class ContentMismatchError extends SnapshotError {
    expected;
    actual;
    constructor(source, field, message, details = {}) {
        super(source, message, {
            field,
            ...(details.cause !== undefined ? { cause: details.cause } : {}),
        });
        this.expected = details.expected;
        this.actual = details.actual;
    }
}

;// CONCATENATED MODULE: ./src/artifact/mediaTypes.ts
/** The OCI image manifest media type (image-spec manifest.md). */
const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** The OCI image index media type (image-spec image-index.md), used by index.json in a layout. */
const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
/** Docker's manifest list (a multi-platform image, like an OCI index). */
const DOCKER_MANIFEST_LIST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** The LEI cache config blob. */
const CONFIG_MEDIA_TYPE = 'application/vnd.lei.cache.config.v1+json';
/** Layer 1: the export's manifest.json, byte for byte. */
const CACHE_MANIFEST_MEDIA_TYPE = 'application/vnd.lei.cache.manifest+json';
/** Layer 2: the export's cache.jsonl.gz, byte for byte. */
const CACHE_JSONL_MEDIA_TYPE = 'application/vnd.lei.cache.jsonl+gzip';
const CACHE_MANIFEST_FILENAME = 'manifest.json';
const CACHE_JSONL_FILENAME = 'cache.jsonl.gz';
/** The snapshot's own time (the export's `created`), on the manifest. */
const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** The annotation oras and Zarf read to name a layer's file (and tools show as a manifest's name). */
const TITLE_ANNOTATION = 'org.opencontainers.image.title';
/**
 * The closed media type -> file name map. A Map, not an object literal, so that keys such as
 * `__proto__` or `constructor` can never resolve to something.
 */
const FILENAMES = new Map([
    [CACHE_MANIFEST_MEDIA_TYPE, CACHE_MANIFEST_FILENAME],
    [CACHE_JSONL_MEDIA_TYPE, CACHE_JSONL_FILENAME],
]);
/**
 * The file name a layer of this media type is written to, or `undefined` for any media type that
 * is not one of the two LEI layer types. Never derives a name from anything else.
 */
function mediaTypeToFilename(mediaType) {
    return FILENAMES.get(mediaType);
}

;// CONCATENATED MODULE: ./src/artifact/tag.ts
/**
 * The OCI tag grammar (distribution-spec): the one definition, for layout ref names here and
 * for the registry room's references and the action's `tags` input.
 */
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
function isValidTag(tag) {
    return TAG_RE.test(tag);
}

;// CONCATENATED MODULE: ./src/artifact/json.ts
/** A JSON object (not null, not an array): what parsed manifests and index files must be. */
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/**
 * Finds the first syntax error in `text` (RFC 8259), for a message once JSON.parse has failed:
 * JSON.parse's own messages differ between Node versions (Node 20 often gives only a snippet of
 * the text, no position). Columns count UTF-16 code units, as editors do for BMP text. Undefined
 * when the text is JSON after all. Iterative: a deeply nested text cannot overflow the stack.
 */
function jsonSyntaxError(text) {
    const scan = new JsonScanner(text);
    const fail = scan.run();
    if (fail === undefined)
        return undefined;
    const before = text.slice(0, fail.at);
    const line = before.split('\n').length;
    return { line, column: fail.at - (before.lastIndexOf('\n') + 1) + 1, problem: fail.problem };
}
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A character as a message shows it: 'x', or U+0001 for what cannot be shown. */
function shown(ch) {
    if (ch === undefined)
        return 'end of the text';
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || code === 0xfeff || (code >= 0x80 && code <= 0x9f))
        return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `'${ch}'`;
}
class JsonScanner {
    text;
    i = 0;
    open = [];
    constructor(text) {
        this.text = text;
    }
    /** The first failure, or undefined for valid JSON. */
    run() {
        for (;;) {
            const got = this.value();
            if (got === 'opened')
                continue;
            if (got !== undefined)
                return got;
            const after = this.afterValue();
            if (after !== 'value')
                return after === 'done' ? undefined : after;
        }
    }
    skipBlanks() {
        while (' \t\n\r'.includes(this.text[this.i] ?? 'x'))
            this.i++;
    }
    fail(problem) {
        return { at: this.i, problem };
    }
    /**
     * One value; 'opened' when it opens an object (its first key read) or array that is not empty,
     * so a value comes next.
     */
    value() {
        this.skipBlanks();
        const ch = this.text[this.i];
        if (ch === '{' || ch === '[') {
            this.i++;
            this.skipBlanks();
            if (this.text[this.i] === (ch === '{' ? '}' : ']')) {
                this.i++;
                return undefined;
            }
            this.open.push(ch);
            return (ch === '{' ? this.key() : undefined) ?? 'opened';
        }
        if (ch === '"')
            return this.string();
        NUMBER.lastIndex = this.i;
        if (ch !== undefined && /[-0-9]/.test(ch)) {
            if (!NUMBER.test(this.text))
                return this.fail(`a malformed number`);
            this.i = NUMBER.lastIndex;
            return undefined;
        }
        const literal = LITERALS.find((word) => this.text.startsWith(word, this.i));
        if (literal !== undefined) {
            this.i += literal.length;
            return undefined;
        }
        return this.fail(`unexpected ${shown(ch)}, expected a value`);
    }
    /** `"key":` inside an object. */
    key() {
        this.skipBlanks();
        if (this.text[this.i] !== '"')
            return this.fail(`unexpected ${shown(this.text[this.i])}, expected a "quoted" key`);
        const failed = this.string();
        if (failed !== undefined)
            return failed;
        this.skipBlanks();
        if (this.text[this.i] !== ':')
            return this.fail(`unexpected ${shown(this.text[this.i])}, expected ':'`);
        this.i++;
        return undefined;
    }
    /** After a value: close what is open, or a ',' and the next key; 'value' when one follows. */
    afterValue() {
        for (;;) {
            this.skipBlanks();
            const top = this.open.at(-1);
            const ch = this.text[this.i];
            if (top === undefined)
                return ch === undefined
                    ? 'done'
                    : this.fail(`unexpected ${shown(ch)} after the JSON value`);
            const close = top === '{' ? '}' : ']';
            if (ch === close) {
                this.open.pop();
                this.i++;
                continue;
            }
            if (ch !== ',')
                return this.fail(`unexpected ${shown(ch)}, expected ',' or '${close}'`);
            this.i++;
            if (top === '[')
                return 'value';
            return this.key() ?? 'value';
        }
    }
    /** A string from its opening quote; controls must be escaped, escapes must be JSON's. */
    string() {
        this.i++;
        for (;;) {
            const ch = this.text[this.i];
            if (ch === undefined)
                return this.fail('the text ends inside a string');
            if (ch === '"') {
                this.i++;
                return undefined;
            }
            if (ch.charCodeAt(0) < 0x20)
                return this.fail(`${shown(ch)} inside a string (escape it)`);
            if (ch === '\\') {
                const escape = this.text[this.i + 1];
                const valid = escape !== undefined &&
                    ('"\\/bfnrt'.includes(escape) ||
                        (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))));
                if (!valid)
                    return this.fail('an invalid escape in a string');
                this.i += escape === 'u' ? 6 : 2;
                continue;
            }
            this.i++;
        }
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/artifact/digest.ts

/** Files are read in 1 MiB chunks: enough to keep hashing fast, never the whole file in memory. */
const READ_CHUNK_SIZE = 1024 * 1024;
const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
/** `sha256:` followed by 64 lowercase hex digits: the only digest form this project writes or accepts. */
function digest_isDigest(value) {
    return typeof value === 'string' && DIGEST_RE.test(value);
}
/** The sha256 digest (`sha256:<hex>`) of bytes in memory. */
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The 64 hex digits of a digest (throws on anything that is not a valid sha256 digest). */
function digestHex(digest) {
    if (!digest_isDigest(digest)) {
        throw new TypeError(`not a sha256 digest: ${JSON.stringify(digest)}`);
    }
    return digest.slice('sha256:'.length);
}

;// CONCATENATED MODULE: ./src/artifact/timestamps.ts
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
function daysInMonth(year, month) {
    const d = new Date(0);
    d.setUTCFullYear(year, month, 0);
    return d.getUTCDate();
}
function validDay(y, m, d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
/** True for a real calendar day written as YYYY-MM-DD. */
function timestamps_isDate(value) {
    const m = DATE_RE.exec(value);
    return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}
/**
 * The UTC day (YYYY-MM-DD) of an RFC 3339 date-time (`2026-11-22T03:14:07Z`,
 * `2026-11-22T03:14:07.5+01:00`), or undefined when the string is not one.
 */
function rfc3339UtcDay(value) {
    const m = RFC3339_RE.exec(value);
    if (m === null)
        return undefined;
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
    if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 60)
        return undefined;
    let offsetMinutes = 0;
    if (m[8] === undefined) {
        const oh = Number(m[10]);
        const om = Number(m[11]);
        if (oh > 23 || om > 59)
            return undefined;
        offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    t.setUTCHours(h, mi - offsetMinutes, Math.min(s, 59));
    return t.toISOString().slice(0, 10);
}

;// CONCATENATED MODULE: ./src/artifact/stamp.ts


/**
 * The date rule, said once for packaging, pull and the tags' forward check: the snapshot day is
 * `date`, else the UTC day of `created`; the export time is `created`, else midnight UTC of that
 * day. Both arguments are already valid (or undefined); undefined when neither is given.
 */
function resolveStamp(date, created) {
    const day = date ?? (created !== undefined ? rfc3339UtcDay(created) : undefined);
    if (day === undefined)
        return undefined;
    return { date: day, created: created ?? `${day}T00:00:00Z` };
}
/**
 * The snapshot day and export time of an export's manifest.json (e.g. one read back from a
 * registry), by the same rule as packaging (`resolveStamp`). Lenient: a field that is not valid
 * is ignored. Undefined when the bytes are not a JSON object with a valid `date` or `created`.
 */
function snapshotStamp(manifestJson) {
    let doc;
    try {
        doc = JSON.parse(Buffer.from(manifestJson).toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!isObject(doc))
        return undefined;
    const { date, created } = doc;
    return resolveStamp(typeof date === 'string' && timestamps_isDate(date) ? date : undefined, typeof created === 'string' && rfc3339UtcDay(created) !== undefined ? created : undefined);
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(75);
;// CONCATENATED MODULE: ./src/artifact/descriptor.ts



function withAnnotations(d, annotations) {
    return annotations && Object.keys(annotations).length > 0
        ? { ...d, annotations: { ...annotations } }
        : d;
}
/** The descriptor of a small blob held in memory (config, manifest.json). */
function blobDescriptor(bytes, mediaType, annotations) {
    return withAnnotations({ mediaType, digest: sha256Digest(bytes), size: bytes.length }, annotations);
}
/** A blob over bytes in memory; every open() streams them from the start. */
function bufferBlob(bytes, mediaType, annotations) {
    const data = Buffer.from(bytes);
    return {
        descriptor: blobDescriptor(data, mediaType, annotations),
        open: () => external_node_stream_.Readable.from([data], { objectMode: false }),
    };
}
/**
 * A blob over a whole file (`path` set) whose descriptor is already known (hashed in a pass of
 * one's own): every open() re-opens the file, so a multi-GiB cache.jsonl.gz is never held in
 * memory, and uploads send it from disk (Blob.path), through `gate` when one is given.
 */
function describedFileBlob(path, descriptor, gate) {
    return {
        descriptor,
        open: () => (0,external_node_fs_namespaceObject.createReadStream)(path, { highWaterMark: READ_CHUNK_SIZE }),
        path,
        ...(gate !== undefined ? { gate } : {}),
    };
}

;// CONCATENATED MODULE: ./src/artifact/manifest.ts




/**
 * The largest manifest this project reads (from a registry or a layout): manifests are small,
 * and the distribution spec lets registries refuse anything above 4 MiB.
 */
const MAX_MANIFEST_SIZE = 4 * 1024 * 1024;
/** Builds an OCI image manifest (schemaVersion 2) from a config and layer descriptors. */
function buildManifest(config, layers, annotations) {
    const manifest = {
        schemaVersion: 2,
        mediaType: MANIFEST_MEDIA_TYPE,
        config: canonicalDescriptor(config),
        layers: layers.map(canonicalDescriptor),
    };
    if (annotations && Object.keys(annotations).length > 0) {
        manifest.annotations = { ...annotations };
    }
    return manifest;
}
/** A copy of a descriptor with its keys in a fixed order (mediaType, digest, size, annotations). */
function canonicalDescriptor(d) {
    const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
    if (d.annotations && Object.keys(d.annotations).length > 0) {
        out.annotations = { ...d.annotations };
    }
    return out;
}
/**
 * The manifest's exact bytes: compact JSON (no whitespace), keys in a fixed order
 * (schemaVersion, mediaType, artifactType, config, layers, annotations; descriptors as mediaType,
 * digest, size, annotations; annotations in the order given), HTML-safe (`htmlSafeJson`). Same
 * manifest in, same bytes out.
 */
function serializeManifest(manifest) {
    const ordered = {
        schemaVersion: manifest.schemaVersion,
        mediaType: manifest.mediaType,
    };
    if (manifest.artifactType !== undefined)
        ordered.artifactType = manifest.artifactType;
    ordered.config = canonicalDescriptor(manifest.config);
    ordered.layers = manifest.layers.map(canonicalDescriptor);
    if (manifest.annotations && Object.keys(manifest.annotations).length > 0) {
        ordered.annotations = { ...manifest.annotations };
    }
    return Buffer.from(htmlSafeJson(JSON.stringify(ordered)), 'utf8');
}
/**
 * JSON text with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, as Go's encoding/json
 * writes them (so oras, crane and the distribution registry do too): the same JSON value, but the
 * bytes (which the action also sets as its `manifest` output) can never be read as HTML markup.
 * These characters occur only inside strings (annotation values), where the escape is valid.
 */
function htmlSafeJson(json) {
    return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function checkAnnotations(v, where) {
    if (v === undefined)
        return;
    if (!isObject(v)) {
        throw new ManifestError(`invalid OCI manifest: ${where}.annotations must be an object of strings`);
    }
    for (const [k, val] of Object.entries(v)) {
        if (typeof val !== 'string') {
            throw new ManifestError(`invalid OCI manifest: ${where}.annotations[${JSON.stringify(k)}] must be a string`);
        }
    }
}
function checkDescriptor(v, where) {
    if (!isObject(v)) {
        throw new ManifestError(`invalid OCI manifest: ${where} must be a descriptor object`);
    }
    if (typeof v.mediaType !== 'string' || v.mediaType === '') {
        throw new ManifestError(`invalid OCI manifest: ${where}.mediaType must be a non-empty string`);
    }
    if (!digest_isDigest(v.digest)) {
        throw new ManifestError(`invalid OCI manifest: ${where}.digest ${JSON.stringify(v.digest)} is not a sha256 digest (sha256: followed by 64 lowercase hex digits)`);
    }
    if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
        throw new ManifestError(`invalid OCI manifest: ${where}.size ${JSON.stringify(v.size)} must be a non-negative integer`);
    }
    checkAnnotations(v.annotations, where);
}
/**
 * Why a manifest of this media type (a Content-Type or a manifest's `mediaType`) cannot be an LEI
 * cache snapshot (a phrase starting with "is"), when it is a list of manifests (an OCI image index or a Docker manifest list);
 * else undefined.
 */
function multiManifestProblem(mediaType) {
    const type = mediaType?.split(';')[0]?.trim().toLowerCase();
    const what = type === INDEX_MEDIA_TYPE
        ? 'an OCI image index'
        : type === DOCKER_MANIFEST_LIST_MEDIA_TYPE
            ? 'a Docker manifest list'
            : undefined;
    if (what === undefined)
        return undefined;
    return `is ${what} (${type}), not an LEI cache snapshot: a snapshot is one OCI image manifest (${MANIFEST_MEDIA_TYPE}) with the LEI cache layers; reference the snapshot itself, by its tag or digest`;
}
/**
 * Parses and validates manifest bytes (as pulled from a registry or read from a layout):
 * schemaVersion 2, mediaType (when present) the OCI image manifest type, config and layers
 * well-formed descriptors with sha256 digests and non-negative integer sizes. A missing mediaType
 * is filled in with the OCI manifest type in the returned object (the bytes stay what they are).
 */
function parseManifest(bytes) {
    const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new ManifestError(`invalid OCI manifest: not valid JSON (${err.message})`, {
            cause: err,
        });
    }
    if (!isObject(parsed)) {
        throw new ManifestError('invalid OCI manifest: the JSON is not an object');
    }
    const multi = multiManifestProblem(typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined) ??
        (Array.isArray(parsed.manifests) ? multiManifestProblem(INDEX_MEDIA_TYPE) : undefined);
    if (multi !== undefined)
        throw new ManifestError(`the manifest ${multi}`);
    if (parsed.schemaVersion !== 2) {
        throw new ManifestError(`invalid OCI manifest: schemaVersion must be 2, got ${JSON.stringify(parsed.schemaVersion)}`);
    }
    if (parsed.mediaType !== undefined && parsed.mediaType !== MANIFEST_MEDIA_TYPE) {
        throw new ManifestError(`unsupported manifest media type ${JSON.stringify(parsed.mediaType)}: expected ${MANIFEST_MEDIA_TYPE}`);
    }
    if (parsed.artifactType !== undefined && typeof parsed.artifactType !== 'string') {
        throw new ManifestError('invalid OCI manifest: artifactType must be a string');
    }
    checkDescriptor(parsed.config, 'config');
    if (!Array.isArray(parsed.layers)) {
        throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
    }
    parsed.layers.forEach((layer, i) => checkDescriptor(layer, `layers[${i}]`));
    checkAnnotations(parsed.annotations, 'manifest');
    if (parsed.mediaType === undefined)
        parsed.mediaType = MANIFEST_MEDIA_TYPE;
    return parsed;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/artifact/snapshot.ts




/**
 * The one reader of LowEndInsight's export manifest.json (LEI 0.9, `Lei.Cache.Exporter`). Push
 * reads the export's copy, pull the staged copy it just fetched; both get the same description,
 * the same defaults and the same date rule.
 */
/** Defaults for fields LowEndInsight's reference module treats leniently (each applied with a warning). */
const EXPORT_DEFAULTS = {
    formatVersion: '1.0',
    leiVersion: 'unknown',
    entryCount: 0,
};
/** `content_hash` as LEI writes it: lowercase hex SHA-256, no prefix. */
const LEI_CONTENT_HASH_RE = /^[0-9a-f]{64}$/;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
function isCount(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
function isNonEmptyString(v) {
    return typeof v === 'string' && v !== '';
}
function isStringArray(v) {
    return Array.isArray(v) && v.every((r) => typeof r === 'string');
}
function isDateString(v) {
    return typeof v === 'string' && timestamps_isDate(v);
}
function isDateTime(v) {
    return typeof v === 'string' && rfc3339UtcDay(v) !== undefined;
}
function fieldReader(doc, source) {
    return (field, expected, accept) => {
        const value = doc[field];
        if (value === undefined || accept(value))
            return value;
        throw new SnapshotError(source, `${source}: "${field}" must be ${expected}, got ${JSON.stringify(value)}; fix the field or run the export again`, { field });
    };
}
/** The manifest.json bytes as a JSON object, or a SnapshotError saying why they are not one. */
function parseObject(bytes, source) {
    if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
        throw new SnapshotError(source, `${source} starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; save the file as UTF-8 without a BOM or run the export again`);
    }
    const text = Buffer.from(bytes).toString('utf8');
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (err) {
        const at = jsonSyntaxError(text);
        const where = at
            ? `at line ${at.line}, column ${at.column} (${at.problem})`
            : `(${err.message})`;
        throw new SnapshotError(source, `${source} is not valid JSON ${where}; run the export again or repair the file`, { cause: err });
    }
    if (!isObject(doc)) {
        throw new SnapshotError(source, `${source} must hold a JSON object (LowEndInsight's export manifest), not ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}; run the export again`);
    }
    return doc;
}
/** `format_version` and `lei_version`, defaulted with a warning when absent. */
function readVersions(read, source, warnings) {
    const known = EXPORT_DEFAULTS.formatVersion;
    const formatVersion = read('format_version', 'a string such as "1.0"', isNonEmptyString);
    if (formatVersion === undefined) {
        warnings.push(`${source} has no "format_version"; assuming "${known}"`);
    }
    else if (formatVersion !== known) {
        warnings.push(`${source} has format_version "${formatVersion}"; this action knows "${known}", packaging the files as they are`);
    }
    const leiVersion = read('lei_version', 'a non-empty string such as "0.9.1"', isNonEmptyString);
    if (leiVersion === undefined) {
        warnings.push(`${source} has no "lei_version"; using "${EXPORT_DEFAULTS.leiVersion}"`);
    }
    return {
        formatVersion: formatVersion ?? known,
        leiVersion: leiVersion ?? EXPORT_DEFAULTS.leiVersion,
    };
}
/** What manifest.json declares about the content (only the fields it has). */
function readDeclared(read) {
    const declared = {};
    const entryCount = read('entry_count', 'a non-negative integer', isCount);
    if (entryCount !== undefined)
        declared.entryCount = entryCount;
    const rawSize = read('raw_size', 'a non-negative integer', isCount);
    if (rawSize !== undefined)
        declared.rawSize = rawSize;
    const compressedSize = read('compressed_size', 'a non-negative integer', isCount);
    if (compressedSize !== undefined)
        declared.compressedSize = compressedSize;
    const contentHash = read('content_hash', 'the lowercase hex SHA-256 of the reports (64 hex digits)', isNonEmptyString);
    if (contentHash !== undefined) {
        if (LEI_CONTENT_HASH_RE.test(contentHash))
            declared.contentHash = contentHash;
        else
            declared.otherContentHash = contentHash;
    }
    return declared;
}
/** The snapshot's day and time (the date rule: `date`, else the UTC day of `created`). */
function readStamp(read, source, warnings) {
    const date = read('date', 'a calendar day written YYYY-MM-DD (e.g. "2026-11-22")', isDateString);
    const created = read('created', 'an RFC 3339 date-time (e.g. "2026-11-22T03:14:07Z")', isDateTime);
    const stamp = resolveStamp(date, created);
    if (stamp === undefined) {
        throw new SnapshotError(source, `${source} has neither "created" (RFC 3339) nor "date" (YYYY-MM-DD); the artifact's creation time comes from the export, so add one or run the export again`, { field: 'created' });
    }
    if (created === undefined) {
        warnings.push(`${source} has no "created"; using midnight UTC of its date: ${stamp.created}`);
    }
    return stamp;
}
/**
 * Parses manifest.json bytes into a snapshot description. `source` names the file in messages
 * (a path, or "the pulled manifest.json"). Throws SnapshotError naming the field and the fix.
 * Date rule: `date`, else the UTC day of `created`.
 */
function parseSnapshotManifest(bytes, source) {
    const read = fieldReader(parseObject(bytes, source), source);
    const warnings = [];
    const versions = readVersions(read, source, warnings);
    const declared = readDeclared(read);
    const repos = read('repos', 'an array of repository URLs', isStringArray) ?? [];
    const { created, date } = readStamp(read, source, warnings);
    const entryCount = declared.entryCount ?? EXPORT_DEFAULTS.entryCount;
    return { info: { ...versions, created, date, entryCount, repos }, declared, warnings };
}
/** The weekday (0 = Sunday) of a YYYY-MM-DD date, computed in UTC. */
function snapshot_utcWeekday(date) {
    if (!timestamps_isDate(date))
        throw new Error(`not a YYYY-MM-DD calendar date: '${date}'`);
    return new Date(`${date}T00:00:00Z`).getUTCDay();
}
/**
 * The tags LowEndInsight's own client uses for a snapshot of `date`:
 * the date itself, `latest`, and `weekly` when the date is a Sunday.
 */
function defaultTags(date) {
    const tags = [date, 'latest'];
    if (snapshot_utcWeekday(date) === 0)
        tags.push('weekly');
    return tags;
}

;// CONCATENATED MODULE: ./src/artifact/warnings.ts
function collectWarnings(onWarning) {
    const warnings = [];
    return {
        warnings,
        warn: (message) => {
            warnings.push(message);
            onWarning?.(message);
        },
    };
}

;// CONCATENATED MODULE: ./src/artifact/exportDir.ts






/** manifest.json is a small index; anything bigger than this is not LowEndInsight's. */
const MAX_EXPORT_MANIFEST_SIZE = 64 * 1024 * 1024;
const FIX_EXPORT = "point the path at the directory LowEndInsight's cache export wrote (it holds manifest.json and cache.jsonl.gz), or run the export again";
async function statOrUndefined(path) {
    try {
        return await (0,promises_.stat)(path);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw new ExportError(path, `cannot read ${path}: ${err.message}`, { cause: err });
    }
}
async function checkFile(path, what) {
    const st = await statOrUndefined(path);
    if (st === undefined) {
        throw new ExportError(path, `${what} is missing: ${path} does not exist; ${FIX_EXPORT}`);
    }
    if (!st.isFile()) {
        throw new ExportError(path, `${what} is not a regular file: ${path}; replace it with the file LowEndInsight's export wrote`);
    }
    if (st.size === 0) {
        throw new ExportError(path, `${what} is empty: ${path} has 0 bytes (an interrupted export?); run the export again`);
    }
    return st.size;
}
async function readHead(path, n) {
    const fh = await (0,promises_.open)(path, 'r');
    try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await fh.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
async function checkDirectory(root) {
    const st = await statOrUndefined(root);
    if (st === undefined) {
        throw new ExportError(root, `export directory ${root} does not exist; ${FIX_EXPORT}`);
    }
    if (!st.isDirectory()) {
        throw new ExportError(root, `export path ${root} is not a directory; ${FIX_EXPORT} (the directory, not a file in it)`);
    }
}
/** manifest.json, byte for byte, and what parseSnapshotManifest reads from it. */
async function readManifest(manifestPath, size) {
    if (size > MAX_EXPORT_MANIFEST_SIZE) {
        throw new ExportError(manifestPath, `${manifestPath} is ${size} bytes, more than the ${MAX_EXPORT_MANIFEST_SIZE} a LowEndInsight export manifest can be; give the export directory itself`);
    }
    const bytes = await readHead(manifestPath, size);
    try {
        return { bytes, snapshot: parseSnapshotManifest(bytes, manifestPath) };
    }
    catch (err) {
        if (!(err instanceof SnapshotError))
            throw err;
        throw new ExportError(manifestPath, err.message, { cause: err });
    }
}
/** cache.jsonl.gz starts as gzip does and has the size manifest.json declares (if it does). */
async function checkCache(cachePath, cacheSize, manifestPath, declared) {
    const magic = await readHead(cachePath, 2);
    if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
        throw new ExportError(cachePath, `${cachePath} is not gzip data (it does not start with the gzip magic bytes 1f 8b); the export writes cache.jsonl.gz gzip-compressed, run it again`);
    }
    const { compressedSize } = declared;
    if (compressedSize !== undefined && compressedSize !== cacheSize) {
        throw new ExportError(cachePath, `${cachePath} is ${cacheSize} bytes but ${manifestPath} says compressed_size ${compressedSize}: the export is truncated or its files come from different exports; run the export again`);
    }
}
/** A warning naming the other entries of the directory (not packaged), if there are any. */
async function otherEntries(root) {
    const known = new Set([CACHE_MANIFEST_FILENAME, CACHE_JSONL_FILENAME]);
    const extra = (await (0,promises_.readdir)(root)).filter((n) => !known.has(n)).sort();
    if (extra.length === 0)
        return undefined;
    return `${root} also holds ${extra.join(', ')}: not packaged (an LEI cache artifact carries only ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME})`;
}
/**
 * Validates an export directory without hashing anything: the directory, both files (present,
 * regular, non-empty), manifest.json (read by parseSnapshotManifest: a JSON object with
 * well-formed fields), the gzip magic of cache.jsonl.gz and its size against `compressed_size`.
 * Lenient fields get defaults and a warning. The content itself is checked while it is hashed
 * (packageExport).
 */
async function readExport(dir, onWarning) {
    const root = (0,external_node_path_.resolve)(dir);
    const { warnings, warn } = collectWarnings(onWarning);
    await checkDirectory(root);
    const manifestPath = (0,external_node_path_.join)(root, CACHE_MANIFEST_FILENAME);
    const cachePath = (0,external_node_path_.join)(root, CACHE_JSONL_FILENAME);
    const manifestSize = await checkFile(manifestPath, CACHE_MANIFEST_FILENAME);
    const cacheSize = await checkFile(cachePath, CACHE_JSONL_FILENAME);
    const { bytes: manifestBytes, snapshot } = await readManifest(manifestPath, manifestSize);
    for (const message of snapshot.warnings)
        warn(message);
    await checkCache(cachePath, cacheSize, manifestPath, snapshot.declared);
    const other = await otherEntries(root);
    if (other !== undefined)
        warn(other);
    const { info, declared } = snapshot;
    return { dir: root, manifestPath, cachePath, manifestBytes, cacheSize, info, declared, warnings };
}

;// CONCATENATED MODULE: ./src/artifact/config.ts
/** The version of the config blob's own format (ARTIFACT.md: always "1.0"). */
const CONFIG_FORMAT_VERSION = '1.0';
function buildConfig(info) {
    return {
        lei_version: info.leiVersion,
        created: info.created,
        cache_entries: info.entryCount,
        format_version: CONFIG_FORMAT_VERSION,
    };
}
/** Compact JSON with the keys in the contract's order: lei_version, created, cache_entries, format_version. */
function serializeConfig(config) {
    return Buffer.from(JSON.stringify({
        lei_version: config.lei_version,
        created: config.created,
        cache_entries: config.cache_entries,
        format_version: config.format_version,
    }), 'utf8');
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/artifact/jsonlCompactor.ts
/**
 * The per-byte step of the content check: removes the `\n` separators from inflated JSONL (what
 * LEI's content_hash is taken over) and counts the entries, in one pass over the bytes.
 *
 * An entry is a line as LEI's importer keeps one: `read_jsonl` splits on `\n` with `trim: true`,
 * which drops the empty strings (a blank line between two `\n`, and the one after the final
 * `\n`), then decodes each line with Poison and drops those that fail. A line of nothing but
 * JSON whitespace (space, tab, CR: Poison's whitespace besides the `\n` already split on) fails
 * to decode, so it is never a report either. So a line counts as an entry when it holds at least
 * one byte other than space, tab and CR. The check does not parse the lines: any other line LEI
 * would drop (malformed JSON, `null`) still counts, and the content_hash catches its damage.
 * Every byte except `\n` goes into the content_hash, blank lines' spaces included.
 *
 * The pass is a small WebAssembly routine with SIMD (thirty-two bytes a step inside a line, sixteen
 * around each `\n`), so it costs per byte, not per line: a JavaScript loop over lines pays a call
 * per line into `indexOf`, a copy and the hash. The hash then takes the compacted bytes in one
 * update per piece. Where WebAssembly is missing (node --jitless), the same rule runs as a plain
 * JavaScript loop, slower but the same.
 */
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
/**
 * Bytes the compactor takes at a time: a quarter of zlib's inflate output piece, so the piece's
 * part, its copy and the compacted bytes the hash reads all stay in the core's cache.
 */
const COMPACT_CAPACITY = 64 * 1024;
/** The entry-counting rule, byte by byte (the reference the WebAssembly routine follows). */
class ScalarCompactor {
    engine = 'javascript';
    input = new Uint8Array(COMPACT_CAPACITY);
    output = new Uint8Array(COMPACT_CAPACITY);
    entries = 0;
    /** whether the current line has had a non-blank byte */
    seen = false;
    compact(length) {
        const { input, output } = this;
        let out = 0;
        for (let i = 0; i < length; i++) {
            const byte = input[i];
            if (byte === NEWLINE) {
                this.seen = false;
                continue;
            }
            output[out++] = byte;
            if (!this.seen && byte !== SPACE && byte !== TAB && byte !== CR) {
                this.seen = true;
                this.entries++;
            }
        }
        return out;
    }
}
// WebAssembly encoding (core spec 5.4; SIMD opcodes follow the 0xfd prefix).
const I32 = 0x7f;
const V128 = 0x7b;
const VOID = 0x40;
const op = {
    block: 0x02,
    loop: 0x03,
    if: 0x04,
    else: 0x05,
    end: 0x0b,
    br: 0x0c,
    brIf: 0x0d,
    select: 0x1b,
    localGet: 0x20,
    localSet: 0x21,
    globalGet: 0x23,
    globalSet: 0x24,
    i32Const: 0x41,
    eqz: 0x45,
    ltU: 0x49,
    gtU: 0x4b,
    geU: 0x4f,
    ctz: 0x68,
    add: 0x6a,
    sub: 0x6b,
    and: 0x71,
    or: 0x72,
    xor: 0x73,
    shl: 0x74,
    v128Load: [0xfd, 0x00, 0, 0], // align 1, offset 0
    v128Load16: [0xfd, 0x00, 0, 16], // align 1, offset 16
    v128Store: [0xfd, 0x0b, 0, 0],
    v128Store16: [0xfd, 0x0b, 0, 16],
    splat: [0xfd, 0x0f], // i8x16.splat
    eq8: [0xfd, 0x23], // i8x16.eq
    vOr: [0xfd, 0x50], // v128.or
    anyTrue: [0xfd, 0x53], // v128.any_true
    bitmask: [0xfd, 0x64], // i8x16.bitmask
};
/** LEB128, signed (i32.const operands) or unsigned (sizes and counts). */
function leb(value, signed) {
    const bytes = [];
    for (;;) {
        const low = value & 0x7f;
        value = signed ? value >> 7 : value >>> 7;
        const done = signed
            ? (value === 0 && (low & 0x40) === 0) || (value === -1 && (low & 0x40) !== 0)
            : value === 0;
        bytes.push(done ? low : low | 0x80);
        if (done)
            return bytes;
    }
}
/**
 * Memory: the input at 0 (COMPACT_CAPACITY bytes and 16 more, so the last load of sixteen stays
 * inside), the output at OUTPUT_AT (COMPACT_CAPACITY and the last store's 16 more).
 */
const OUTPUT_AT = COMPACT_CAPACITY + 64;
const PAGES = Math.ceil((OUTPUT_AT + COMPACT_CAPACITY + 16) / 65536);
// Locals of `compact`: 0 is the length parameter; then the i32 IN..COUNT, then the v128 ones.
const [LEN, IN, OUT, P, LIM, REM, SEEN, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7];
const [VEC, NL_LANES, SP_LANES, TAB_LANES, CR_LANES, VEC2] = [8, 9, 10, 11, 12, 13];
// Globals: 0 `entries` (exported; JavaScript takes and zeroes it after each call), 1 `seen`.
const [G_ENTRIES, G_SEEN] = [0, 1];
const get = (local) => [op.localGet, local];
const set = (local) => [op.localSet, local];
const i32 = (value) => [op.i32Const, ...leb(value, true)];
const add = (local, ...value) => [
    ...get(local),
    ...value,
    op.add,
    ...set(local),
];
/** i8x16.eq of VEC against the lanes of a splatted byte: a v128 on the stack */
const lanesEqual = (lanes) => [...get(VEC), ...get(lanes), ...op.eq8];
/**
 * While no entry has started on the line (SEEN 0): one starts if any of the first LIM bytes of
 * VEC is not blank (space, tab, CR).
 */
const countEntry = () => [
    ...get(SEEN),
    op.eqz,
    op.if,
    VOID,
    ...[...lanesEqual(SP_LANES), ...lanesEqual(TAB_LANES), ...op.vOr],
    ...[...lanesEqual(CR_LANES), ...op.vOr, ...op.bitmask, ...i32(0xffff), op.xor],
    ...[...i32(1), ...get(LIM), op.shl, ...i32(1), op.sub, op.and],
    op.if,
    VOID,
    ...add(COUNT, ...i32(1)),
    ...[...i32(1), ...set(SEEN)],
    op.end,
    op.end,
];
/**
 * One step of sixteen bytes at IN: all of them go to OUT, and OUT moves past the LIM that belong
 * to the current line (up to its `\n`, or to LEN). A `\n` before LEN ends the line (IN moves past
 * it, SEEN back to 0); otherwise IN moves LIM on.
 */
const step = () => [
    ...[...get(IN), ...op.v128Load, ...set(VEC)],
    ...[...get(OUT), ...get(VEC), ...op.v128Store],
    ...[...lanesEqual(NL_LANES), ...op.bitmask, ...i32(0x10000), op.or, op.ctz, ...set(P)],
    ...[...get(LEN), ...get(IN), op.sub, ...set(REM)],
    ...[...get(P), ...get(REM), ...get(P), ...get(REM), op.ltU, op.select, ...set(LIM)],
    ...countEntry(),
    ...add(OUT, ...get(LIM)),
    ...[...get(P), ...get(REM), op.ltU, ...get(P), ...i32(16), op.ltU, op.and],
    op.if,
    VOID,
    ...add(IN, ...get(P), ...i32(1), op.add),
    ...[...i32(0), ...set(SEEN)],
    op.else,
    ...add(IN, ...get(LIM)),
    op.end,
];
/**
 * Inside an entry (SEEN 1), thirty-two bytes at a time straight from IN to OUT while none is
 * `\n`: the loop most bytes go through.
 */
const copyRun = () => [
    ...[...get(SEEN), op.if, VOID, op.block, VOID, op.loop, VOID],
    ...[...get(IN), ...i32(32), op.add, ...get(LEN), op.gtU, op.brIf, 1],
    ...[...get(IN), ...op.v128Load, ...set(VEC), ...get(IN), ...op.v128Load16, ...set(VEC2)],
    ...[...lanesEqual(NL_LANES), ...get(VEC2), ...get(NL_LANES), ...op.eq8, ...op.vOr],
    ...[...op.anyTrue, op.brIf, 1],
    ...[...get(OUT), ...get(VEC), ...op.v128Store, ...get(OUT), ...get(VEC2), ...op.v128Store16],
    ...add(IN, ...i32(32)),
    ...add(OUT, ...i32(32)),
    ...[op.br, 0, op.end, op.end, op.end],
];
/** compact(len) -> compacted length: runs of thirty-two and steps of sixteen until IN reaches LEN. */
const compactBody = () => [
    ...[NEWLINE, SPACE, TAB, CR].flatMap((byte, k) => [
        ...i32(byte),
        ...op.splat,
        ...set(NL_LANES + k),
    ]),
    ...[op.globalGet, G_SEEN, ...set(SEEN), op.globalGet, G_ENTRIES, ...set(COUNT)],
    ...[...i32(OUTPUT_AT), ...set(OUT)],
    ...[op.block, VOID, op.loop, VOID],
    ...copyRun(),
    ...[...get(IN), ...get(LEN), op.geU, op.brIf, 1],
    ...step(),
    ...[op.br, 0, op.end, op.end],
    ...[...get(SEEN), op.globalSet, G_SEEN, ...get(COUNT), op.globalSet, G_ENTRIES],
    ...[...get(OUT), ...i32(OUTPUT_AT), op.sub],
];
const section = (id, content) => [
    id,
    ...leb(content.length, false),
    ...content,
];
const jsonlCompactor_name = (text) => [
    ...leb(text.length, false),
    ...Buffer.from(text, 'latin1'),
];
function moduleBytes() {
    const locals = [2, 7, I32, 6, V128]; // IN..COUNT; VEC, the four splatted bytes, VEC2
    const body = [...locals, ...compactBody(), op.end];
    const mutableZero = [I32, 1, ...i32(0), op.end];
    return Uint8Array.from([
        ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
        ...section(1, [1, 0x60, 1, I32, 1, I32]), // type 0: (i32) -> i32
        ...section(3, [1, 0]), // function 0 has type 0
        ...section(5, [1, 0x01, PAGES, PAGES]), // memory 0, fixed size
        ...section(6, [2, ...mutableZero, ...mutableZero]), // globals: entries, seen
        ...section(7, [
            3,
            ...[...jsonlCompactor_name('compact'), 0x00, 0],
            ...[...jsonlCompactor_name('memory'), 0x02, 0],
            ...[...jsonlCompactor_name('entries'), 0x03, G_ENTRIES],
        ]),
        ...section(10, [1, ...leb(body.length, false), ...body]),
    ]);
}
class WasmCompactor {
    engine = 'webassembly';
    input;
    output;
    entries = 0;
    run;
    counted;
    constructor(api, module) {
        const { exports } = new api.Instance(module);
        const memory = exports['memory'].buffer;
        this.input = new Uint8Array(memory, 0, COMPACT_CAPACITY);
        this.output = new Uint8Array(memory, OUTPUT_AT, COMPACT_CAPACITY);
        this.run = exports['compact'];
        this.counted = exports['entries'];
    }
    compact(length) {
        const out = this.run(length);
        this.entries += this.counted.value;
        this.counted.value = 0;
        return out;
    }
}
let compiled;
/** The module, compiled once per process; null where WebAssembly (or its SIMD) is not there. */
function wasmModule() {
    if (compiled !== undefined)
        return compiled;
    const api = globalThis.WebAssembly;
    try {
        compiled = api ? { api, module: new api.Module(moduleBytes()) } : null;
    }
    catch {
        compiled = null;
    }
    return compiled;
}
/** A compactor with its own state and buffers: WebAssembly where there is, else JavaScript. */
function createJsonlCompactor(engine = 'auto') {
    const wasm = engine === 'auto' ? wasmModule() : null;
    return wasm ? new WasmCompactor(wasm.api, wasm.module) : new ScalarCompactor();
}

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
;// CONCATENATED MODULE: ./src/artifact/youngGc.ts


/**
 * Young-generation GCs paced by the bytes of short-lived buffers a streaming pass goes through:
 * what keeps the pull (and the push's packaging pass) within 100 MB of peak RSS under Node 24.
 *
 * Why. A blob streams through buffers that live for a moment: the socket reads node's HTTP parser
 * slices the body chunks from (up to 64 KiB each) and zlib's fresh inflate outputs. Their memory
 * is outside V8's heap and is freed only when a GC finds the buffer objects dead. Under Node 20
 * the scavenges V8 runs on its own come often enough; under Node 24 (V8 13) they do not: the dead
 * buffers pile up until the external-memory trigger forces a mark-compact, and malloc's heap keeps
 * the high-water mark.
 *
 * What. A minor GC (a scavenge: cheap on this small heap) every GC_EVERY_BYTES of such buffers
 * frees them while they are still young. A buffer must die before its second scavenge, though: a
 * survivor is promoted, and then only a mark-compact frees it. So the stages between socket,
 * zlib and file buffer STAGE_HIGH_WATER_MARK each, and a stream pass waits for
 * MIN_STREAMED_BYTES of the stream between two GCs (YoungGcPacer). Neither malloc nor V8 flags,
 * nor major GCs at the same pace, nor scavenges with larger stage buffers did the same; the
 * measurements are in BENCHMARKS.md ("Memory under Node 24").
 *
 * gc() is what --expose-gc gives; it is taken at run time (the runner starts `node` without
 * flags). Where V8 does not give it, or it throws, pacing does nothing and nothing else changes.
 */
/** A minor GC every this many bytes of buffers (streamed and scratch together). */
const GC_EVERY_BYTES = 4 * 1024 * 1024;
/**
 * What each stage of a streaming pass (response body, verifying transform, zlib backlog, file
 * write) may buffer: enough that the socket keeps reading while a file write runs, and small
 * against MIN_STREAMED_BYTES, so a chunk is gone before its second scavenge (larger stages let
 * chunks be promoted, smaller ones saved no memory: BENCHMARKS.md).
 */
const STAGE_HIGH_WATER_MARK = 128 * 1024;
/**
 * Streamed bytes between two GCs at least: four stage buffers, so the chunks in flight at one
 * scavenge are gone by the next.
 */
const MIN_STREAMED_BYTES = 512 * 1024;
/**
 * Every this many GCs, a major one (every 256 MiB of buffers): it frees what was promoted all the
 * same (a chunk that was in flight longer than usual, stream bookkeeping) before old space grows
 * into a larger heap. Of 32, 64 and 128, 64 kept the long pulls' peak lowest (BENCHMARKS.md).
 */
const MAJOR_EVERY = 64;
/**
 * V8's gc(): the global one when the process was started with --expose-gc, else one taken from a
 * fresh context with the flag set for that moment; undefined when V8 gives none.
 */
function exposeGc() {
    const global = globalThis.gc;
    if (typeof global === 'function')
        return global;
    try {
        (0,external_node_v8_namespaceObject.setFlagsFromString)('--expose-gc');
        const gc = (0,external_node_vm_namespaceObject.runInNewContext)('typeof gc === "function" ? gc : undefined');
        return typeof gc === 'function' ? gc : undefined;
    }
    catch {
        return undefined;
    }
    finally {
        try {
            (0,external_node_v8_namespaceObject.setFlagsFromString)('--no-expose-gc');
        }
        catch {
            // the flag only affects contexts created later; nothing depends on resetting it
        }
    }
}
let exposed;
/** exposeGc(), taken once per process (null: V8 gave none). */
function sharedGc() {
    if (exposed === undefined)
        exposed = exposeGc() ?? null;
    return exposed ?? undefined;
}
/**
 * Counts the buffer bytes of one streaming pass and runs a minor GC every `everyBytes` of them
 * (every `majorEvery`-th a major one).
 * Two kinds: `streamed` chunks travel through the stages (socket to file) and stay in flight
 * for up to a few STAGE_HIGH_WATER_MARKs; `scratch` buffers (inflate output) die as soon as they
 * are hashed. A streamed chunk that lives through two scavenges is promoted, and then only a
 * mark-compact frees it, so with `minStreamedBytes` a GC also waits until that many streamed
 * bytes passed since the last one: with highly compressible data the inflate output alone would
 * otherwise call for a scavenge every few hundred KiB of the stream, before the chunks in flight
 * died (BENCHMARKS.md).
 */
class YoungGcPacer {
    total = 0;
    /** GCs run so far */
    count = 0;
    streamedSince = 0;
    gc;
    everyBytes;
    minStreamedBytes;
    majorEvery;
    /** `gc`: the default is V8's (exposeGc); undefined makes a pacer that does nothing. */
    constructor(options = {}, gc = sharedGc()) {
        this.gc = gc;
        this.everyBytes = options.everyBytes ?? GC_EVERY_BYTES;
        this.minStreamedBytes = options.minStreamedBytes ?? 0;
        this.majorEvery = options.majorEvery ?? MAJOR_EVERY;
    }
    /** `bytes` more of the stream itself (chunks that pass through every stage). */
    streamed(bytes) {
        this.streamedSince += bytes;
        this.add(bytes);
    }
    /** `bytes` more of scratch buffers that die once used (inflate output). */
    scratch(bytes) {
        this.add(bytes);
    }
    add(bytes) {
        if (this.gc === undefined)
            return;
        this.total += bytes;
        if (this.total < this.everyBytes || this.streamedSince < this.minStreamedBytes)
            return;
        this.total = 0;
        this.streamedSince = 0;
        this.count += 1;
        try {
            this.gc({ type: this.count % this.majorEvery === 0 ? 'major' : 'minor' });
        }
        catch {
            this.gc = undefined;
        }
    }
}
/** The pacer of a pass whose stream chunks travel through the stages (a blob download). */
function streamPacer() {
    return new YoungGcPacer({ minStreamedBytes: MIN_STREAMED_BYTES });
}

;// CONCATENATED MODULE: ./src/artifact/content.ts







/**
 * Content verification of cache.jsonl.gz against its manifest.json, in the same single pass that
 * hashes the compressed bytes for the blob digest. zlib inflates on libuv's thread pool while the
 * main thread hashes: the compressed bytes (blob digest) and the inflated reports without their
 * `\n` separators (LEI's content_hash), and counts bytes and entries (jsonlCompactor.ts: which
 * lines are entries, as LEI's importer reads them).
 */
/** inflate output piece: big enough to keep the per-piece overhead small. */
const INFLATE_CHUNK = 256 * 1024;
/**
 * LEI's content_hash and entry count of JSONL fed in pieces: each piece is compacted (its `\n`
 * removed) through a fixed buffer a part at a time, and the hash takes each part's compacted
 * bytes in one update, so the cost is per byte whatever the length of the lines.
 */
class JsonlContentHash {
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    compactor;
    raw = 0;
    constructor(engine) {
        this.compactor = createJsonlCompactor(engine);
    }
    update(piece) {
        const { input, output } = this.compactor;
        for (let at = 0; at < piece.length; at += COMPACT_CAPACITY) {
            const part = piece.subarray(at, at + COMPACT_CAPACITY);
            input.set(part);
            this.hash.update(output.subarray(0, this.compactor.compact(part.length)));
        }
        this.raw += piece.length;
    }
    /** Bytes taken so far, `\n` included. */
    get rawSize() {
        return this.raw;
    }
    /** The entry count and LEI's content_hash (lowercase hex); call once, at the end. */
    digest() {
        return { entries: this.compactor.entries, contentHash: this.hash.digest('hex') };
    }
}
function describeZlibError(err, afterFirstMember) {
    const m = err.message;
    if (/incorrect data check/.test(m)) {
        return 'a gzip member fails its CRC-32 check (the compressed data is damaged)';
    }
    if (/incorrect length check/.test(m)) {
        return 'a gzip member fails its ISIZE check (the uncompressed length in its trailer differs)';
    }
    if (/unexpected end of file/.test(m)) {
        return 'the gzip data ends in the middle of a member (the file is truncated)';
    }
    if (afterFirstMember && /header check|unknown compression method/.test(m)) {
        return 'bytes after the last gzip member are not gzip data (trailing junk)';
    }
    return `the gzip data is damaged (zlib: ${m})`;
}
/**
 * A streaming verifier for the bytes of cache.jsonl.gz. Feed it the compressed bytes in order with
 * `write`, then call `end` for the facts. It does not hash the compressed bytes (the caller's blob
 * digest does that in the same pass).
 */
class GzipContentVerifier {
    gunzip;
    content = new JsonlContentHash();
    source;
    compressed = 0;
    failure;
    /** whether the data starts 1f 8b: then a header error can only come from a later member */
    startsWithMagic = false;
    ended;
    /**
     * Resolvers of write() promises not yet settled, oldest first (zlib calls back in write order);
     * a failed or destroyed zlib stream may never call back, so release() settles the rest. An
     * array, not a Set: a Set of callbacks kept the written chunks alive past their first scavenge
     * under Node 24, so they were promoted and piled up (youngGc.ts).
     */
    waiting = [];
    /** minor GCs paced by the bytes inflated (youngGc.ts: memory under Node 24) */
    young;
    /** `young`: the pacer of the pass this verifier is part of (default: its own). */
    constructor(source, young = new YoungGcPacer()) {
        this.source = source;
        this.young = young;
        this.gunzip = (0,external_node_zlib_namespaceObject.createGunzip)({
            chunkSize: INFLATE_CHUNK,
            writableHighWaterMark: READ_CHUNK_SIZE,
            readableHighWaterMark: 4 * INFLATE_CHUNK,
            // zlib streams take the Transform options too; @types/node leaves them out of ZlibOptions
        });
        // 'readable' (not 'data'): zlib's next inflate step is queued on the thread pool before the
        // main thread takes the output, so inflating and hashing overlap.
        this.gunzip.on('readable', () => {
            let piece;
            while ((piece = this.gunzip.read()) !== null)
                this.consume(piece);
        });
        this.ended = new Promise((resolve) => {
            this.gunzip.once('end', resolve);
            this.gunzip.once('error', (err) => {
                this.failure ??= new ContentMismatchError(this.source, 'gzip', `${this.source} is not intact: ${describeZlibError(err, this.startsWithMagic)}`, { cause: err });
                this.release();
                resolve();
            });
        });
    }
    consume(piece) {
        this.content.update(piece);
        this.young.scratch(piece.length);
    }
    /** The first failure found so far (so a stream can stop early), or undefined. */
    get error() {
        return this.failure;
    }
    /** Compressed bytes accepted but not yet inflated. */
    get backlog() {
        return this.gunzip.writableLength;
    }
    /**
     * Feeds the next compressed bytes. The promise resolves (never rejects) once zlib has consumed
     * the chunk, so its buffer may be reused; failures surface through `error` and `end`.
     */
    write(chunk) {
        if (this.compressed === 0 && chunk.length > 0)
            this.startsWithMagic = chunk[0] === 0x1f;
        if (this.compressed === 1 && chunk.length > 0)
            this.startsWithMagic &&= chunk[0] === 0x8b;
        else if (this.compressed === 0 && chunk.length > 1)
            this.startsWithMagic &&= chunk[1] === 0x8b;
        this.compressed += chunk.length;
        if (this.failure !== undefined || this.gunzip.destroyed)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.waiting.push(resolve);
            this.gunzip.write(chunk, () => this.waiting.shift()?.());
        });
    }
    release() {
        for (const done of this.waiting.splice(0))
            done();
    }
    /** Ends the input; resolves with the facts, or rejects with a ContentMismatchError. */
    async end() {
        if (this.compressed === 0) {
            this.destroy();
            throw new ContentMismatchError(this.source, 'gzip', `${this.source} is not intact: it is empty, not gzip data (LEI writes one gzip member even for no reports)`, { expected: 'one gzip member', actual: '0 bytes' });
        }
        if (this.failure === undefined)
            this.gunzip.end();
        await this.ended;
        if (this.failure !== undefined)
            throw this.failure;
        const trailing = this.compressed - this.gunzip.bytesWritten;
        if (trailing !== 0) {
            throw new ContentMismatchError(this.source, 'gzip', `${this.source} is not intact: ${trailing} byte(s) follow the last gzip member (LEI writes one member and nothing after it)`, { expected: '0 trailing bytes', actual: `${trailing} trailing bytes` });
        }
        return {
            compressedSize: this.compressed,
            rawSize: this.content.rawSize,
            ...this.content.digest(),
        };
    }
    /** Stops inflating (after a failure elsewhere). */
    destroy() {
        this.gunzip.destroy();
        this.release();
    }
}
/** A warning for each field manifest.json leaves out (or writes in a form that cannot be checked). */
function uncheckedFields(declared, facts) {
    const warnings = [];
    if (declared.entryCount === undefined) {
        warnings.push(`manifest.json has no "entry_count" (an older exporter?); using the ${facts.entries} entries counted in cache.jsonl.gz`);
    }
    if (declared.rawSize === undefined) {
        warnings.push(`manifest.json has no "raw_size"; the uncompressed size was not checked`);
    }
    if (declared.compressedSize === undefined) {
        warnings.push(`manifest.json has no "compressed_size"; the file's size was not checked`);
    }
    if (declared.contentHash === undefined) {
        warnings.push(declared.otherContentHash !== undefined
            ? `manifest.json has "content_hash" ${JSON.stringify(declared.otherContentHash)}, not in LEI's form (64 lowercase hex digits of the SHA-256 of the reports without their newlines); it was not verified`
            : `manifest.json has no "content_hash"; the reports' hash was not checked`);
    }
    return warnings;
}
/**
 * Compares what a pass found with what manifest.json declares. A mismatch throws a
 * ContentMismatchError naming the field with the expected and actual values; a field that is
 * absent (older exporters) or in another form gives a warning. Returns the entry count to publish
 * (the declared one, or the counted entries when the field is absent).
 */
function checkContent(declared, facts, source) {
    const mismatch = (field, expected, actual, what) => {
        throw new ContentMismatchError(source, field, `${source} does not match its manifest.json: "${field}" is ${expected} but ${what} ${actual}; the cache is damaged or the files come from different exports`, { expected, actual });
    };
    if (declared.compressedSize !== undefined && declared.compressedSize !== facts.compressedSize) {
        mismatch('compressed_size', String(declared.compressedSize), String(facts.compressedSize), 'cache.jsonl.gz has');
    }
    if (declared.entryCount !== undefined && declared.entryCount !== facts.entries) {
        mismatch('entry_count', String(declared.entryCount), `${facts.entries} entries`, 'the JSONL has');
    }
    if (declared.rawSize !== undefined && declared.rawSize !== facts.rawSize) {
        mismatch('raw_size', String(declared.rawSize), `${facts.rawSize} bytes`, 'the uncompressed JSONL has');
    }
    if (declared.contentHash !== undefined && declared.contentHash !== facts.contentHash) {
        mismatch('content_hash', declared.contentHash, facts.contentHash, 'the reports hash to');
    }
    return {
        entryCount: declared.entryCount ?? facts.entries,
        warnings: uncheckedFields(declared, facts),
    };
}
/**
 * Reads a cache.jsonl.gz file once: its sha256 digest and size, and (with `verify`) the content
 * facts. Four 1 MiB buffers are reused for the whole file; a buffer is read again only after
 * zlib consumed it, so reading, inflating and hashing overlap without per-chunk garbage.
 */
async function digestCacheFile(path, verify, source = path) {
    const digest = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    const verifier = verify ? new GzipContentVerifier(source) : undefined;
    const fh = await (0,promises_.open)(path, 'r');
    const buffers = Array.from({ length: 4 }, () => Buffer.allocUnsafeSlow(READ_CHUNK_SIZE));
    const busy = buffers.map(() => Promise.resolve());
    let size = 0;
    let turn = 0;
    let pending;
    try {
        pending = fh.read(buffers[0], 0, READ_CHUNK_SIZE, 0);
        for (;;) {
            const { bytesRead, buffer } = await pending;
            pending = undefined;
            if (bytesRead === 0)
                break;
            const current = turn;
            size += bytesRead;
            turn = (turn + 1) % buffers.length;
            await busy[turn];
            pending = fh.read(buffers[turn], 0, READ_CHUNK_SIZE, size);
            const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
            digest.update(chunk);
            if (verifier) {
                if (verifier.error)
                    break;
                busy[current] = verifier.write(chunk);
            }
        }
        const facts = verifier ? await verifier.end() : undefined;
        return {
            digest: `sha256:${digest.digest('hex')}`,
            size,
            ...(facts ? { facts } : {}),
        };
    }
    catch (err) {
        verifier?.destroy();
        throw err;
    }
    finally {
        await pending?.catch(() => undefined);
        await Promise.all(busy);
        await fh.close();
    }
}

;// CONCATENATED MODULE: ./src/artifact/contentGate.ts




/** Reused read buffers of checkFile (a buffer is read into again once the check released it). */
const CHECK_BUFFERS = 4;
function identityOf(s) {
    return { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
}
function sameVersion(a, b) {
    return (a.dev === b.dev &&
        a.ino === b.ino &&
        a.size === b.size &&
        a.mtimeNs === b.mtimeNs &&
        a.ctimeNs === b.ctimeNs);
}
/** The identity of the file at `path` now (take it before the read that hashes it). */
async function fileIdentity(path) {
    return identityOf(await (0,promises_.stat)(path, { bigint: true }));
}
/**
 * The content check of cache.jsonl.gz against manifest.json as the gate of its upload: the
 * registry client feeds each pass the bytes it sends (GzipContentVerifier inflates them on zlib's
 * thread pool) and holds back the last of them until `verdict()`. When the registry has the blob
 * already, `checkFile()` reads the file once for its content; the bytes it checked are the ones
 * packaging hashed when the file's identity (inode, size, mtime, ctime) is the one taken before
 * that hashing read, so the file is not hashed a second time. Each pass that passes records the
 * facts (the action's log line); checkContent's warnings (fields absent from manifest.json) are
 * given once, to the packaging's warning callback.
 */
class CacheContentGate {
    path;
    descriptor;
    identity;
    declared;
    source;
    warn;
    found;
    constructor(path, 
    /** the digest and size packaging found: what the registry is told it gets */
    descriptor, 
    /** the file's identity before packaging hashed it */
    identity, declared, 
    /** the file's name in messages */
    source, warn) {
        this.path = path;
        this.descriptor = descriptor;
        this.identity = identity;
        this.declared = declared;
        this.source = source;
        this.warn = warn;
    }
    get facts() {
        return this.found;
    }
    start() {
        const verifier = new GzipContentVerifier(this.source);
        return {
            write: (chunk) => verifier.write(chunk),
            get failed() {
                return verifier.error !== undefined;
            },
            verdict: async () => this.passed(await verifier.end()),
            abort: () => verifier.destroy(),
        };
    }
    async checkFile() {
        const check = this.start();
        let read;
        try {
            read = await feedFile(this.path, check);
        }
        catch (error) {
            check.abort();
            throw error;
        }
        if (!sameVersion(read.identity, this.identity)) {
            check.abort();
            throw new ExportError(this.path, `${this.path} changed after it was packaged (it is not the file whose digest ${this.descriptor.digest} was pushed); wait for the export to finish and run again`);
        }
        await check.verdict();
    }
    /** Compares the facts with manifest.json (a ContentMismatchError names the field) and keeps them. */
    passed(facts) {
        const checked = checkContent(this.declared, facts, this.source);
        if (this.found === undefined)
            for (const message of checked.warnings)
                this.warn(message);
        this.found = facts;
    }
}
/**
 * Reads the file at `path` once into `check` (stopping early when it failed), with reused
 * buffers; returns the bytes read and the file's identity after the read.
 */
async function feedFile(path, check) {
    const fh = await (0,promises_.open)(path, 'r');
    const buffers = Array.from({ length: CHECK_BUFFERS }, () => Buffer.allocUnsafeSlow(READ_CHUNK_SIZE));
    const released = buffers.map(() => Promise.resolve());
    let bytes = 0;
    try {
        for (let turn = 0; !check.failed; turn = (turn + 1) % CHECK_BUFFERS) {
            await released[turn];
            const chunk = await readAt(fh, buffers[turn], bytes);
            if (chunk === undefined)
                break;
            bytes += chunk.length;
            released[turn] = check.write(chunk);
        }
        await Promise.all(released);
        return { bytes, identity: identityOf(await fh.stat({ bigint: true })) };
    }
    finally {
        await fh.close();
    }
}
async function readAt(fh, buffer, position) {
    const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
    return bytesRead === 0 ? undefined : buffer.subarray(0, bytesRead);
}

;// CONCATENATED MODULE: ./src/artifact/package.ts










const ARTIFACT_TITLE = 'lei-cache';
const ARTIFACT_DESCRIPTION = 'LEI analysis cache snapshot';
/**
 * Keys the artifact sets from the export itself. A user annotation may not replace them:
 * `created` is the snapshot's own time (the digest must not depend on who packages it) and
 * `title` is what tools show as the artifact's name.
 */
const RESERVED_ANNOTATIONS = [CREATED_ANNOTATION, TITLE_ANNOTATION];
/**
 * The manifest annotations: created (from the export), title, description, then the caller's
 * extra ones (source, revision, the user's) in the order given. An extra annotation with the
 * same key as a fixed one replaces its value.
 */
function manifestAnnotations(info, extra = {}) {
    const out = {
        [CREATED_ANNOTATION]: info.created,
        [TITLE_ANNOTATION]: ARTIFACT_TITLE,
        'org.opencontainers.image.description': ARTIFACT_DESCRIPTION,
    };
    for (const [key, value] of Object.entries(extra)) {
        if (key === '' || typeof value !== 'string') {
            throw new TypeError(`annotation ${JSON.stringify(key)} must have a non-empty key and a string value`);
        }
        out[key] = value;
    }
    return out;
}
/**
 * Validates an export directory and packages it as an LEI cache OCI artifact. Every check on the
 * files runs before any hashing; cache.jsonl.gz is streamed (never held in memory). The content
 * check runs in the read that hashes it, or with `checkContentOnUpload` as the gate of its upload
 * (contentGate.ts). The result is reproducible: the same export and options give the same
 * manifest bytes and digest.
 */
async function packageExport(dir, options = {}) {
    const { warnings, warn } = collectWarnings(options.onWarning);
    const exp = await readExport(dir, warn);
    const verify = options.verifyContent ?? true;
    // The check waits for the upload only when the config does not need the counted lines.
    const onUpload = verify && options.checkContentOnUpload === true && exp.declared.entryCount !== undefined;
    const identity = onUpload ? await fileIdentity(exp.cachePath) : undefined;
    // One read of cache.jsonl.gz: its digest and, with verification while packaging, its content.
    const cache = await digestCacheFile(exp.cachePath, verify && !onUpload, CACHE_JSONL_FILENAME);
    if (cache.size !== exp.cacheSize) {
        throw new ExportError(exp.cachePath, `${exp.cachePath} changed while it was being packaged (${exp.cacheSize} bytes, then ${cache.size}); wait for the export to finish and run again`);
    }
    const info = { ...exp.info };
    let verified;
    if (cache.facts !== undefined) {
        const checked = checkContent(exp.declared, cache.facts, CACHE_JSONL_FILENAME);
        for (const message of checked.warnings)
            warn(message);
        info.entryCount = checked.entryCount;
        verified = cache.facts;
    }
    else if (exp.declared.entryCount === undefined) {
        warn(`${exp.manifestPath} has no "entry_count"; using ${info.entryCount}`);
    }
    const annotations = manifestAnnotations(info, options.annotations);
    const config = bufferBlob(serializeConfig(buildConfig(info)), CONFIG_MEDIA_TYPE);
    const manifestLayer = bufferBlob(exp.manifestBytes, CACHE_MANIFEST_MEDIA_TYPE, {
        [TITLE_ANNOTATION]: CACHE_MANIFEST_FILENAME,
    });
    const cacheDescriptor = {
        mediaType: CACHE_JSONL_MEDIA_TYPE,
        digest: cache.digest,
        size: cache.size,
        annotations: { [TITLE_ANNOTATION]: CACHE_JSONL_FILENAME },
    };
    const gate = identity !== undefined
        ? new CacheContentGate(exp.cachePath, cacheDescriptor, identity, exp.declared, CACHE_JSONL_FILENAME, warn)
        : undefined;
    const cacheLayer = describedFileBlob(exp.cachePath, cacheDescriptor, gate);
    const artifact = assembleArtifact(config, [manifestLayer, cacheLayer], annotations, info, warnings);
    return {
        ...artifact,
        ...(verified !== undefined ? { verified } : {}),
        ...(gate !== undefined ? { contentGate: gate } : {}),
        ...(verified === undefined && exp.declared.entryCount === undefined
            ? { entryCountUnknown: true }
            : {}),
    };
}
/**
 * Builds the manifest over a config and layers that are already described, and returns the whole
 * artifact (manifest object, its exact bytes and digest, and every blob in push order).
 */
function assembleArtifact(config, layers, annotations, info, warnings = []) {
    const manifest = buildManifest(config.descriptor, layers.map((l) => l.descriptor), annotations);
    const manifestBytes = serializeManifest(manifest);
    return {
        manifest,
        manifestBytes,
        digest: sha256Digest(manifestBytes),
        config,
        layers,
        blobs: [config, ...layers],
        info,
        warnings,
    };
}

;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/artifact/verify.ts





/**
 * A pass-through that hashes and counts the bytes flowing through it and fails the stream when
 * they do not match the descriptor: as soon as more bytes than `size` arrive, or at the end when
 * the size or the sha256 digest differs. With a GzipContentVerifier it also checks the gzip
 * content in the same pass (failing as soon as the content is found damaged).
 */
class VerifyingTransform extends external_node_stream_.Transform {
    descriptor;
    label;
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    /** bytes seen so far */
    bytes = 0;
    /** checks the gzip content too, when given (cache.jsonl.gz) */
    content;
    /** what the content check found, once the stream ended */
    facts;
    /** minor GCs paced by the bytes streamed (youngGc.ts: memory under Node 24) */
    young;
    /** `young`: the pacer shared with `content` (default: a stream pacer of its own). */
    constructor(descriptor, label, content, young = streamPacer()) {
        // Enough buffering that the socket keeps reading while the file write runs, and no more, so
        // a chunk is freed by a scavenge (youngGc.ts).
        super({ highWaterMark: STAGE_HIGH_WATER_MARK });
        if (!digest_isDigest(descriptor.digest)) {
            throw new ArtifactError(`cannot verify ${label?.name ?? descriptor.mediaType}: ${JSON.stringify(descriptor.digest)} is not a sha256 digest`);
        }
        this.descriptor = descriptor;
        this.label = label ?? { mediaType: descriptor.mediaType };
        this.content = content;
        this.young = young;
    }
    _transform(chunk, _enc, cb) {
        this.bytes += chunk.length;
        if (this.bytes > this.descriptor.size) {
            cb(this.sizeMismatch(true));
            return;
        }
        this.hash.update(chunk);
        this.young.streamed(chunk.length);
        const content = this.content;
        if (content === undefined) {
            cb(null, chunk);
            return;
        }
        // zlib inflates the chunk on the thread pool; wait for it only when it falls behind. A content
        // failure does not stop the stream: the digest is checked first at the end, so a corrupted
        // transfer is reported as such, and only intact bytes are judged by their content.
        const consumed = content.write(chunk);
        if (content.error === undefined && content.backlog > STAGE_HIGH_WATER_MARK) {
            void consumed.then(() => cb(null, chunk));
        }
        else {
            cb(null, chunk);
        }
    }
    _flush(cb) {
        if (this.bytes !== this.descriptor.size) {
            cb(this.sizeMismatch(false));
            return;
        }
        const actual = `sha256:${this.hash.digest('hex')}`;
        if (actual !== this.descriptor.digest) {
            cb(new DigestMismatchError(this.label, this.descriptor.digest, actual));
            return;
        }
        if (this.content === undefined) {
            cb();
            return;
        }
        this.content.end().then((facts) => {
            this.facts = facts;
            cb();
        }, (err) => cb(err));
    }
    _destroy(err, cb) {
        this.content?.destroy();
        cb(err);
    }
    /** `exceeded`: stopped as soon as the stream passed the expected size. */
    sizeMismatch(exceeded) {
        const { digest, size } = this.descriptor;
        return new SizeMismatchError(this.label, digest, size, this.bytes, exceeded);
    }
}

;// CONCATENATED MODULE: ./src/artifact/stagedFile.ts









/**
 * Streams a blob into a new file at `tempPath` (which must not exist), verifying its size and
 * digest and, with `contentSource`, its gzip content (GzipContentVerifier: zlib inflates each
 * chunk on the thread pool while the main thread hashes), all in one pass. Resolves once
 * everything matched; on any failure the file is removed (only if this call created it) and the
 * error rethrown.
 */
async function stageVerifiedFile(stream, descriptor, tempPath, label = { mediaType: descriptor.mediaType }, contentSource) {
    // One pacer for the download and its inflate output (youngGc.ts: memory under Node 24).
    const young = streamPacer();
    const content = contentSource !== undefined ? new GzipContentVerifier(contentSource, young) : undefined;
    const verifying = new VerifyingTransform(descriptor, label, content, young);
    // Chunks that arrive while a write is running go out together in one writev.
    const file = (0,external_node_fs_namespaceObject.createWriteStream)(tempPath, { flags: 'wx', highWaterMark: STAGE_HIGH_WATER_MARK });
    let created = false;
    file.once('open', () => {
        created = true;
    });
    try {
        await (0,external_node_stream_promises_namespaceObject.pipeline)(stream, verifying, file);
        return { path: tempPath, ...(verifying.facts ? { facts: verifying.facts } : {}) };
    }
    catch (err) {
        stream.destroy();
        content?.destroy();
        if (!file.closed)
            await new Promise((resolve) => file.once('close', () => resolve()));
        if (created)
            await (0,promises_.rm)(tempPath, { force: true });
        throw err;
    }
}
/** A fresh temporary path next to `destPath` (same directory, so rename is atomic). */
function tempPathFor(destPath) {
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(destPath), `.${(0,external_node_path_.basename)(destPath)}.${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}.tmp`);
}
/**
 * Writes a verified file: the stream is staged in a temporary file beside `destPath` while its
 * size and digest are checked (stageVerifiedFile), and is renamed over `destPath` only when both
 * match. On failure no temporary file remains and an existing file at `destPath` is untouched.
 */
async function writeVerifiedFile(stream, descriptor, destPath, label) {
    const { path: temp } = await stageVerifiedFile(stream, descriptor, tempPathFor(destPath), label);
    try {
        await (0,promises_.rename)(temp, destPath);
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true });
        throw new ArtifactError(`could not move the verified file into place at ${destPath}`, {
            cause: err,
        });
    }
}

;// CONCATENATED MODULE: ./src/artifact/unpack.ts









/** How messages name the staged files of a pull. */
const PULLED_MANIFEST = `the pulled ${CACHE_MANIFEST_FILENAME}`;
const PULLED_CACHE = `the pulled ${CACHE_JSONL_FILENAME}`;
/**
 * Which layer becomes which file in `target`, from the closed media type map alone. Layers of
 * other media types are skipped with a warning; a manifest without exactly one of each LEI layer,
 * or with a malformed LEI layer descriptor, is refused (before anything is fetched).
 */
function planFiles(manifest, target, warn) {
    if (!Array.isArray(manifest.layers)) {
        throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
    }
    const planned = new Map();
    for (const layer of manifest.layers) {
        const name = mediaTypeToFilename(layer.mediaType);
        if (name === undefined) {
            warn(`skipping layer ${layer.digest} of unknown media type ${JSON.stringify(layer.mediaType)}: not part of an LEI cache artifact`);
            continue;
        }
        if (planned.has(name)) {
            throw new ManifestError(`the manifest has more than one ${layer.mediaType} layer; an LEI cache artifact has exactly one ${name}`);
        }
        if (!digest_isDigest(layer.digest) || !Number.isSafeInteger(layer.size) || layer.size < 0) {
            throw new ManifestError(`invalid layer ${name} (${layer.mediaType}): digest must be sha256:<64 hex> and size a non-negative integer`);
        }
        const label = { name, mediaType: layer.mediaType };
        planned.set(name, { descriptor: layer, path: (0,external_node_path_.join)(target, name), label });
    }
    if (planned.size === 0) {
        throw new ManifestError('the manifest has no LEI cache layers (application/vnd.lei.cache.*); is this an LEI cache artifact?');
    }
    // Both files or neither: one new file beside an older restore's other file would not match.
    const file = (mediaType, name) => {
        const p = planned.get(name);
        if (p === undefined) {
            throw new ManifestError(`the manifest has no ${mediaType} layer (${name}); an LEI cache artifact has both ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME}`);
        }
        return p;
    };
    return {
        manifest: file(CACHE_MANIFEST_MEDIA_TYPE, CACHE_MANIFEST_FILENAME),
        cache: file(CACHE_JSONL_MEDIA_TYPE, CACHE_JSONL_FILENAME),
    };
}
async function createTarget(target) {
    try {
        await (0,promises_.mkdir)(target, { recursive: true });
    }
    catch (err) {
        throw new ArtifactError(`cannot create the target directory ${target}: ${err.message}; choose a directory path (not a file)`, { cause: err });
    }
}
/** Fetches one planned blob into a temporary file beside its destination, verified. */
async function fetchAndStage(p, fetchBlob, contentSource) {
    let stream;
    try {
        stream = await fetchBlob(p.descriptor);
    }
    catch (err) {
        throw new ArtifactError(`could not fetch ${p.label.name} (${p.label.mediaType}, ${p.descriptor.digest}): ${err.message}`, { cause: err });
    }
    return stageVerifiedFile(stream, p.descriptor, tempPathFor(p.path), p.label, contentSource);
}
/** Refuses a cache layer whose size is not the `compressed_size` manifest.json declares. */
function checkDeclaredSize(snapshot, cache) {
    const declared = snapshot.declared.compressedSize;
    if (declared !== undefined && declared !== cache.size) {
        throw new ContentMismatchError(PULLED_MANIFEST, 'compressed_size', `${PULLED_MANIFEST} says compressed_size ${declared}, but the artifact's ${CACHE_JSONL_FILENAME} layer is ${cache.size} bytes: the artifact does not hold the export its manifest.json describes`, { expected: String(declared), actual: String(cache.size) });
    }
}
/**
 * Stages both files (their paths pushed onto `temps` as they are created): manifest.json first
 * and read, then cache.jsonl.gz, checked against it while it streams (unless `verify` is false).
 */
async function stageFiles(plan, fetchBlob, verify, warn, temps) {
    const manifestFile = await fetchAndStage(plan.manifest, fetchBlob);
    temps.push(manifestFile.path);
    const snapshot = parseSnapshotManifest(await (0,promises_.readFile)(manifestFile.path), PULLED_MANIFEST);
    for (const message of snapshot.warnings)
        warn(message);
    if (verify)
        checkDeclaredSize(snapshot, plan.cache.descriptor);
    const cacheFile = await fetchAndStage(plan.cache, fetchBlob, verify ? PULLED_CACHE : undefined);
    temps.push(cacheFile.path);
    const facts = cacheFile.facts;
    if (facts !== undefined) {
        const checked = checkContent(snapshot.declared, facts, PULLED_CACHE);
        for (const message of checked.warnings)
            warn(message);
        return { info: { ...snapshot.info, entryCount: checked.entryCount }, verified: facts };
    }
    if (snapshot.declared.entryCount === undefined) {
        warn(`${PULLED_MANIFEST} has no "entry_count"; using ${snapshot.info.entryCount}`);
    }
    return { info: snapshot.info };
}
/** Renames each staged file (temps, in the order of `files`) over its destination. */
async function moveIntoPlace(files, temps) {
    for (const [i, p] of files.entries())
        await (0,promises_.rename)(temps[i], p.path);
}
/**
 * Restores the LEI files of an artifact into `targetDir` (created when missing).
 *
 * Only layers whose media type is in the closed map (mediaTypeToFilename) are written, under the
 * map's file name; titles and every other string from the manifest are ignored for paths. Other
 * layers are skipped with a warning; a manifest without both LEI layers is refused before any
 * fetch. manifest.json is fetched first and read (parseSnapshotManifest, as the push reads it);
 * then cache.jsonl.gz streams into a temporary file inside targetDir while its size, digest and
 * (unless `verifyContent` is false) its content are checked against that manifest.json. Files are
 * renamed into place only after every check passed, so a failure leaves no partial or wrong file
 * and existing files untouched.
 */
async function unpack(manifest, targetDir, fetchBlob, options = {}) {
    const target = (0,external_node_path_.resolve)(targetDir);
    const { warnings, warn } = collectWarnings(options.onWarning);
    const plan = planFiles(manifest, target, warn);
    await createTarget(target);
    const files = [plan.manifest, plan.cache];
    const temps = [];
    let staged;
    try {
        staged = await stageFiles(plan, fetchBlob, options.verifyContent ?? true, warn, temps);
        // Every check passed: only now does anything move into place.
        await moveIntoPlace(files, temps);
    }
    catch (err) {
        await Promise.all(temps.map((t) => (0,promises_.rm)(t, { force: true })));
        throw err;
    }
    return {
        files: files.map((p) => ({ path: p.path, descriptor: p.descriptor })),
        info: staged.info,
        warnings,
        ...(staged.verified !== undefined ? { verified: staged.verified } : {}),
    };
}

;// CONCATENATED MODULE: ./src/artifact/layout.ts








/** image-spec image-layout.md */
const OCI_LAYOUT_FILE = 'oci-layout';
const OCI_LAYOUT_VERSION = '1.0.0';
const INDEX_FILE = 'index.json';
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** Where a layout keeps the blob `digest`. */
function blobPath(root, digest) {
    return (0,external_node_path_.join)(root, 'blobs', 'sha256', digestHex(digest));
}
async function writeFileAtomic(path, bytes) {
    const temp = tempPathFor(path);
    try {
        await (0,promises_.writeFile)(temp, bytes, { flag: 'wx' });
        await (0,promises_.rename)(temp, path);
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true });
        throw err;
    }
}
/** A layout file parsed as JSON, or undefined when it does not exist. `fix` ends the not-JSON message. */
async function readJsonFile(path, fix) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw new LayoutError(path, `cannot read ${path}: ${err.message}`, { cause: err });
    }
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new LayoutError(path, `${path} is not valid JSON; ${fix}`, { cause: err });
    }
}
async function checkLayoutFile(root) {
    const path = (0,external_node_path_.join)(root, OCI_LAYOUT_FILE);
    const doc = await readJsonFile(path, `is ${root} an OCI image layout?`);
    if (doc === undefined)
        return false;
    if (!isObject(doc) || doc.imageLayoutVersion !== OCI_LAYOUT_VERSION) {
        throw new LayoutError(path, `${path} does not declare imageLayoutVersion "${OCI_LAYOUT_VERSION}" (the only version this project reads and writes)`);
    }
    return true;
}
async function readIndex(root) {
    const path = (0,external_node_path_.join)(root, INDEX_FILE);
    const doc = await readJsonFile(path, 'repair or remove the layout');
    if (doc === undefined)
        return undefined;
    if (!isObject(doc) || doc.schemaVersion !== 2 || !Array.isArray(doc.manifests)) {
        throw new LayoutError(path, `${path} is not an OCI image index (schemaVersion 2 with a manifests array); repair or remove the layout`);
    }
    doc.manifests.forEach((m, i) => {
        if (!isObject(m) || !digest_isDigest(m.digest) || typeof m.mediaType !== 'string') {
            throw new LayoutError(path, `${path}: manifests[${i}] is not a descriptor with a sha256 digest; repair or remove the layout`);
        }
    });
    return doc;
}
/** The tag (ref name) of an index entry, if it has one. */
function refName(d) {
    return d.annotations?.[REF_NAME_ANNOTATION];
}
/**
 * What is at `root` already: whether it has an `oci-layout` file (of version 1.0.0) and its
 * `index.json`, validated (undefined when absent). Throws a LayoutError on a file that is there
 * but unreadable or not what the image layout spec says.
 */
async function readLayoutState(root) {
    const hasLayoutFile = await checkLayoutFile(root);
    return { hasLayoutFile, index: await readIndex(root) };
}
/** The tags to write: each valid, each once. */
function checkedTags(dir, tags) {
    for (const tag of tags) {
        if (!isValidTag(tag)) {
            throw new LayoutError(dir, `invalid tag ${JSON.stringify(tag)}: a tag is 1-128 characters of [a-zA-Z0-9_.-] and does not start with '.' or '-'`);
        }
    }
    return [...new Set(tags)];
}
/** True when a file of exactly `size` bytes is at `path` (a blob already written). */
async function isPresent(path, size) {
    const st = await (0,promises_.stat)(path).catch(() => undefined);
    return st?.isFile() === true && st.size === size;
}
/** Writes the artifact's blobs and its manifest that the layout lacks (or has with the wrong size). */
async function writeBlobs(root, artifact, manifestDescriptor) {
    const written = [];
    const skipped = [];
    for (const blob of artifact.blobs) {
        const { descriptor } = blob;
        const path = blobPath(root, descriptor.digest);
        if (await isPresent(path, descriptor.size)) {
            skipped.push(descriptor);
            continue;
        }
        await writeVerifiedFile(blob.open(), descriptor, path, {
            name: mediaTypeToFilename(descriptor.mediaType) ?? 'config',
            mediaType: descriptor.mediaType,
        });
        written.push(descriptor);
    }
    const manifestPath = blobPath(root, artifact.digest);
    if (await isPresent(manifestPath, manifestDescriptor.size)) {
        skipped.push(manifestDescriptor);
    }
    else {
        await writeFileAtomic(manifestPath, artifact.manifestBytes);
        written.push(manifestDescriptor);
    }
    return { written, skipped };
}
/**
 * The index entries after adding `manifest` under `tags` (no tags: one entry without a ref
 * name): an entry with one of the tags is replaced, an untagged entry for the same manifest is
 * not added twice, every other entry stays in its place.
 */
function withEntries(existing, manifest, tags) {
    const entries = tags.length === 0
        ? [manifest]
        : tags.map((tag) => ({ ...manifest, annotations: { [REF_NAME_ANNOTATION]: tag } }));
    const replaced = new Set(tags);
    const kept = existing.filter((m) => {
        const name = refName(m);
        if (name !== undefined)
            return !replaced.has(name);
        return !(tags.length === 0 && m.digest === manifest.digest);
    });
    return [...kept, ...entries];
}
/**
 * Writes (or adds) an artifact to an OCI image layout at `dir` (image-spec image-layout.md):
 * `oci-layout`, `blobs/sha256/<hex>` for the config, layers and manifest, and `index.json` with
 * one entry per tag (annotation org.opencontainers.image.ref.name; no tags: one entry without).
 * Blobs already present with the right size are not written again; new ones are streamed through
 * a temporary file, verified, and renamed. An entry with the same ref name is replaced.
 * index.json is written last (temp + rename), so it never points at a missing blob.
 */
async function writeLayout(dir, artifact, tags = []) {
    tags = checkedTags(dir, tags);
    const root = (0,external_node_path_.resolve)(dir);
    const { hasLayoutFile, index: existing } = await readLayoutState(root);
    const index = existing ?? { schemaVersion: 2, mediaType: INDEX_MEDIA_TYPE, manifests: [] };
    await (0,promises_.mkdir)((0,external_node_path_.join)(root, 'blobs', 'sha256'), { recursive: true });
    const manifestDescriptor = {
        mediaType: MANIFEST_MEDIA_TYPE,
        digest: artifact.digest,
        size: artifact.manifestBytes.length,
    };
    if (sha256Digest(artifact.manifestBytes) !== artifact.digest) {
        throw new LayoutError(root, `artifact digest ${artifact.digest} is not that of its manifest bytes`);
    }
    const { written, skipped } = await writeBlobs(root, artifact, manifestDescriptor);
    if (!hasLayoutFile) {
        await writeFileAtomic((0,external_node_path_.join)(root, OCI_LAYOUT_FILE), Buffer.from(JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION })));
    }
    index.manifests = withEntries(index.manifests, manifestDescriptor, tags);
    await writeFileAtomic((0,external_node_path_.join)(root, INDEX_FILE), Buffer.from(JSON.stringify(index)));
    return { dir: root, digest: artifact.digest, tags: [...tags], written, skipped };
}

;// CONCATENATED MODULE: ./src/artifact/compare.ts
/** Repository names shown each way; the rest are counted. */
const REPO_NAMES_SHOWN = 10;
/** The members of `list` not in `other`, once each, sorted; at most `limit` of them named. */
function onlyIn(list, other, limit) {
    const only = [...new Set(list)].filter((name) => !other.has(name));
    only.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { count: only.length, names: only.slice(0, limit) };
}
/**
 * Compares two snapshots: entries before and after, and the repos added and dropped (each name
 * once, sorted by code units so the order does not depend on the reports' order or a locale).
 */
function snapshotChange(before, after, limit = REPO_NAMES_SHOWN) {
    return {
        before: { date: before.date, entryCount: before.entryCount },
        after: { date: after.date, entryCount: after.entryCount },
        entryDelta: after.entryCount - before.entryCount,
        added: onlyIn(after.repos, new Set(before.repos), limit),
        dropped: onlyIn(before.repos, new Set(after.repos), limit),
    };
}
/**
 * Whether the new snapshot lost more than `maxShrink` percent (0-100) of the previous one's
 * entries: after < before * (1 - maxShrink / 100), in integers. A previous snapshot of 0 entries
 * never counts, and 100 never blocks.
 */
function shrankBeyond(change, maxShrink) {
    const { before, after } = change;
    if (before.entryCount === 0 || maxShrink >= 100)
        return false;
    return after.entryCount * 100 < before.entryCount * (100 - maxShrink);
}

;// CONCATENATED MODULE: ./src/artifact/retention.ts
/**
 * Which LEI cache snapshots a retention run keeps, decided from their tags alone (never from
 * upload timestamps). Pure: no network, no clock (the caller passes today's UTC day), so both
 * prune backends (GitHub's Packages API and the OCI distribution API) share one policy.
 *
 * - A snapshot is a manifest with at least one YYYY-MM-DD tag; its day is the newest of them
 *   (an unchanged export pushed on several days carries several).
 * - Kept: a day within `keepDays` days of today (age 0 .. keepDays-1; today is age 0), a Sunday
 *   within `keepWeeks` weeks (age < 7 * keepWeeks), a day after today (clock skew), and the
 *   newest snapshot whatever its age.
 * - Never deleted: a manifest with any tag other than a date or a `sha256-<hex>` referrers tag
 *   (`latest`, `weekly`, `v1`, a non-calendar date like 2026-02-30 ...); a manifest without a
 *   date tag, unless it is a referrer of a snapshot that goes.
 * - A snapshot that goes takes its referrers along: the index tagged `sha256-<hex>` of its
 *   digest (the OCI referrers tag schema, which `actions/attest` uses on ghcr.io) and the
 *   manifests that index lists, except any that is itself kept or carries another tag.
 */



const DAY_MS = 86_400_000;
const REFERRERS_TAG = /^sha256-[a-f0-9]{64}$/;
/** Days since 1970-01-01 of a YYYY-MM-DD calendar date, or undefined for anything else. */
function dayNumber(date) {
    if (!isDate(date))
        return undefined;
    return (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
        DAY_MS);
}
/** The UTC day (YYYY-MM-DD) of an instant given in milliseconds since the epoch. */
function utcDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
}
/** True for a YYYY-MM-DD tag that names a real calendar day. */
function isDateTag(tag) {
    return dayNumber(tag) !== undefined;
}
/** True for a referrers-tag-schema tag, `sha256-<64 hex>`. */
function isReferrersTag(tag) {
    return REFERRERS_TAG.test(tag);
}
/** The referrers tag of a `sha256:<hex>` digest (`sha256-<hex>`), or undefined for other digests. */
function referrersTagOf(digest) {
    const tag = digest.replace(/^sha256:/, 'sha256-');
    return isReferrersTag(tag) ? tag : undefined;
}
/** Tags that keep a manifest whatever its age: everything but dates and referrers tags. */
function protectingTags(tags) {
    return tags.filter((tag) => !isDateTag(tag) && !isReferrersTag(tag));
}
function checkRules(rules) {
    const today = dayNumber(rules.today);
    if (today === undefined)
        throw new RangeError(`today is not a YYYY-MM-DD day: '${rules.today}'`);
    for (const [name, value] of [
        ['keepDays', rules.keepDays],
        ['keepWeeks', rules.keepWeeks],
    ]) {
        if (!Number.isSafeInteger(value) || value < 0)
            throw new RangeError(`${name} must be a whole number >= 0, not ${value}`);
    }
    return today;
}
/**
 * The verdict on every snapshot in `manifests` (those with a date tag), oldest first. Manifests
 * without a date tag are not snapshots and get no verdict: nothing here deletes them.
 */
function judgeSnapshots(manifests, rules) {
    const today = checkRules(rules);
    const verdicts = [];
    for (const manifest of manifests) {
        let newest;
        for (const tag of manifest.tags) {
            const n = dayNumber(tag);
            if (n !== undefined && (newest === undefined || n > newest.n))
                newest = { day: tag, n };
        }
        if (newest === undefined)
            continue;
        const age = today - newest.n;
        const keep = [];
        if (age < 0)
            keep.push('future');
        else if (age < rules.keepDays)
            keep.push('recent');
        if (age >= 0 && utcWeekday(newest.day) === 0 && age < 7 * rules.keepWeeks)
            keep.push('sunday');
        const protectedBy = protectingTags(manifest.tags);
        if (protectedBy.length > 0)
            keep.push('tagged');
        verdicts.push({
            digest: manifest.digest,
            tags: [...manifest.tags],
            day: newest.day,
            age,
            keep,
            protectedBy,
        });
    }
    // Oldest first; one day on two digests cannot happen in a registry (a tag names one
    // manifest), but the digest breaks the tie so the order never depends on the listing.
    verdicts.sort((a, b) => b.age - a.age || (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
    const newest = verdicts[verdicts.length - 1];
    if (newest !== undefined && !newest.keep.includes('newest'))
        newest.keep.unshift('newest');
    return verdicts;
}
/**
 * The deletion groups for the snapshots that go, oldest first. `indexMembers(indexDigest)`
 * gives the digests a referrers index lists (the caller fetched them); a referrers index is
 * found in `manifests` by its `sha256-<hex>` tag. A referrer is left alone when it carries a
 * protecting tag, is a snapshot that stays, or is the referrers index of another subject.
 */
function deletionGroups(verdicts, manifests, indexMembers) {
    const going = new Set(verdicts.filter((v) => v.keep.length === 0).map((v) => v.digest));
    const byDigest = new Map(manifests.map((m) => [m.digest, m]));
    const staying = new Set(verdicts.filter((v) => v.keep.length > 0).map((v) => v.digest));
    const taken = new Set();
    const groups = [];
    for (const snapshot of verdicts) {
        if (snapshot.keep.length > 0)
            continue;
        taken.add(snapshot.digest);
        const deletions = [
            { digest: snapshot.digest, tags: snapshot.tags, subject: snapshot.digest, role: 'snapshot' },
        ];
        const refTag = referrersTagOf(snapshot.digest);
        const index = refTag === undefined ? undefined : manifests.find((m) => m.tags.includes(refTag));
        // The index goes only when every tag on it is the referrers tag of a snapshot that goes.
        const indexGoes = index !== undefined &&
            !taken.has(index.digest) &&
            !staying.has(index.digest) &&
            index.tags.every((t) => isReferrersTag(t) && going.has(t.replace(/^sha256-/, 'sha256:')));
        if (index !== undefined && indexGoes) {
            taken.add(index.digest);
            deletions.push({
                digest: index.digest,
                tags: [...index.tags],
                subject: snapshot.digest,
                role: 'referrers-index',
            });
            for (const member of indexMembers(index.digest)) {
                if (taken.has(member) || staying.has(member) || going.has(member))
                    continue;
                const known = byDigest.get(member);
                if (known !== undefined && known.tags.length > 0)
                    continue;
                taken.add(member);
                deletions.push({ digest: member, tags: [], subject: snapshot.digest, role: 'referrer' });
            }
        }
        groups.push({ snapshot, deletions });
    }
    return groups;
}
/** The groups that fit in `maxDeletions` deletions, oldest first, and the ones left for later. */
function withinBudget(groups, maxDeletions) {
    let used = 0;
    let cut = groups.length;
    for (let i = 0; i < groups.length; i++) {
        const size = groups[i].deletions.length;
        if (used + size > maxDeletions) {
            cut = i;
            break;
        }
        used += size;
    }
    return { now: groups.slice(0, cut), later: groups.slice(cut) };
}
/**
 * The manifest digests an OCI image index lists (a referrers index: `manifests[].digest`).
 * Throws when the bytes are not an image index; entries without a sha256 digest are skipped.
 */
function parseIndexMembers(bytes) {
    let parsed;
    try {
        parsed = JSON.parse(bytes.toString('utf8'));
    }
    catch (error) {
        throw new Error('the referrers index is not JSON', { cause: error });
    }
    const manifests = parsed?.manifests;
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(manifests))
        throw new Error('the referrers index is not an OCI image index (no manifests list)');
    const digests = [];
    for (const entry of manifests) {
        const digest = entry?.digest;
        if (typeof digest === 'string' && isDigest(digest) && !digests.includes(digest))
            digests.push(digest);
    }
    return digests;
}

;// CONCATENATED MODULE: ./src/artifact/index.ts
// The artifact room's public API (no network, no GitHub): what registry/, action/, the tests and
// the scripts may use. Anything not listed here is internal to the room.
// Errors, and the one walk over cause chains every room uses.

// Media types, the closed media type -> file name map, the OCI grammar shared with registry/.






// Building an artifact: descriptors, config, manifest, the whole package.






// Getting files back: verified writes, unpack; writing OCI image layouts.




// What changed since the previous snapshot (the push's comparison and shrink guard).

// The prune policy: which snapshots stay, from their tags alone.



/***/ }),

/***/ 730:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _action_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(669);
/* harmony import */ var _action_services_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(44);
/* harmony import */ var _action_push_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(78);
/* harmony import */ var _action_push_run_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(645);




await (0,_action_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .runEntry */ .CN)(async () => {
    const inputs = (0,_action_push_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .readPushInputs */ .M)(_action_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4);
    const io = (0,_action_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .coreIO */ .IK)();
    for (const warning of inputs.warnings ?? [])
        io.warning(warning);
    await (0,_action_push_run_js__WEBPACK_IMPORTED_MODULE_3__/* .runPush */ .e)(inputs, { io, services: (0,_action_services_js__WEBPACK_IMPORTED_MODULE_1__/* .defaultServices */ .G)(), env: process.env });
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 661:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  lR: () => (/* reexport */ AuthError),
  HK: () => (/* reexport */ CredentialsRejectedError),
  bP: () => (/* reexport */ RegistryClient),
  gl: () => (/* reexport */ RegistryError),
  wv: () => (/* reexport */ isValidRegistryHost),
  d: () => (/* reexport */ isValidRepository),
  r_: () => (/* reexport */ src_artifact/* isValidTag */.r_),
  Wo: () => (/* reexport */ networkProblem),
  mO: () => (/* reexport */ registryBaseUrl),
  Ki: () => (/* reexport */ repositoryProblem)
});

// UNUSED EXPORTS: DeletionUnsupportedError, InvalidReferenceError, NetworkError, RetriesExhaustedError, UsageError, VerificationError, formatReference, isLoopbackHost, nextLink, parseChallenges, parseErrorBody, parseReference, parseRetryAfter, resolveUploadLocation, retryMessage, retrying, stripQuery

// EXTERNAL MODULE: ./src/artifact/index.ts + 30 modules
var src_artifact = __nccwpck_require__(103);
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: ./src/registry/retry.ts
/** Retry policy: which failures are transient and how long to wait before the next attempt. */

const RETRYABLE_NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'UND_ERR_SOCKET',
    'ERR_STREAM_PREMATURE_CLOSE',
    'LEI_STALLED',
]);
/** HTTP statuses worth another attempt: 408, 429 and 5xx except 501/505. */
function isRetryableStatus(status, body = '') {
    if (status === 408 || status === 429)
        return true;
    if (status === 403 && isSecondaryRateLimit(body))
        return true;
    return status >= 500 && status !== 501 && status !== 505;
}
/** ghcr.io (like api.github.com) sometimes answers rate limiting with 403 "secondary rate limit". */
function isSecondaryRateLimit(body) {
    return /secondary rate limit|rate limit exceeded|too many requests/i.test(body);
}
/** Connection-level failures (resets, refused, stalls) that another attempt may get past. */
function isRetryableNetworkError(err) {
    for (const e of (0,src_artifact/* causes */.ps)(err)) {
        if (!(e instanceof Error))
            continue;
        const code = e.code;
        if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code))
            return true;
        if (/socket hang up|aborted/i.test(e.message) && code === undefined)
            return true;
    }
    return false;
}
/**
 * Parses `Retry-After` (delay-seconds or an HTTP-date) into milliseconds from `nowMs`.
 * Undefined when absent or unparseable; never negative.
 */
function parseRetryAfter(value, nowMs = Date.now()) {
    const v = (Array.isArray(value) ? value[0] : value)?.trim();
    if (v === undefined || v === '')
        return undefined;
    if (/^\d+$/.test(v))
        return Number(v) * 1000;
    if (/^\d+\.\d+$/.test(v))
        return Math.round(Number(v) * 1000);
    const at = Date.parse(v);
    if (Number.isNaN(at) || !/[a-z]/i.test(v))
        return undefined;
    return Math.max(0, at - nowMs);
}
/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when the registry
 * sent one, else exponential backoff with jitter (between half and all of base * 2^(attempt-1)).
 * Always capped at maxDelayMs.
 */
function backoffDelay(attempt, options, retryAfterMs) {
    if (retryAfterMs !== undefined)
        return Math.min(Math.max(0, retryAfterMs), options.maxDelayMs);
    const exp = options.baseDelayMs * 2 ** Math.max(0, attempt - 1);
    const random = options.random ?? Math.random;
    const jittered = exp / 2 + random() * (exp / 2);
    return Math.min(Math.round(jittered), options.maxDelayMs);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/**
 * A failure that was retried until maxAttempts ran out: the last attempt's message with
 * "(gave up after N attempts)", and that failure as its cause.
 */
class RetriesExhaustedError extends Error {
    attempts;
    constructor(attempts, cause) {
        super(gaveUpMessage(messageOf(cause), attempts), { cause });
        this.attempts = attempts;
        this.name = 'RetriesExhaustedError';
    }
}
/** `message (gave up after N attempts)`: the words every exhausted retry loop ends with. */
function gaveUpMessage(message, attempts) {
    return `${message} (gave up after ${attempts} attempts)`;
}
/**
 * Runs `attempt` (given its number, from 1) until it succeeds, fails with an error the policy
 * does not retry (thrown as it is), or fails maxAttempts times: then the last failure is thrown,
 * as the cause of a RetriesExhaustedError when there was more than one attempt. Waits between
 * attempts: what the server asked for, else exponential backoff with jitter.
 */
async function retrying(operation, attempt, policy) {
    const maxAttempts = Math.max(1, policy.maxAttempts);
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (error) {
            if (!policy.isRetryable(error))
                throw error;
            if (n >= maxAttempts)
                throw n === 1 ? error : new RetriesExhaustedError(n, error);
            const delayMs = backoffDelay(n, policy.delays, policy.retryAfter?.(error));
            const reason = policy.describe?.(error) ?? messageOf(error);
            policy.onRetry?.({ operation, attempt: n, maxAttempts, delayMs, error, reason });
            await (policy.sleep ?? sleep)(delayMs);
        }
    }
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The debug line a retry gets when nobody else listens: `<operation>: attempt 1 of 5 failed (…); retrying in 800 ms`. */
function retryMessage(event) {
    return `${event.operation}: attempt ${event.attempt} of ${event.maxAttempts} failed (${event.reason}); retrying in ${event.delayMs} ms`;
}

;// CONCATENATED MODULE: ./src/registry/errors.ts


/*
 * The registry room's errors, all with `cause` where there is one:
 *   UsageError            a call the client refuses before any network traffic
 *     InvalidReferenceError  a reference string that is not `host/name[:tag][@digest]`
 *   RegistryError         a registry operation that failed (status, code, detail, retryable)
 *     AuthError             401/403 or a failed token exchange
 *       CredentialsRejectedError  the token endpoint (or a Basic-auth registry) refused the
 *                                 username and password themselves: not a missing permission
 *     NetworkError          resets, refused connections, stalls, redirect trouble
 *     VerificationError     content or digests that do not match
 * Failures below HTTP are transport.ts's TransportError, which never leaves the room: the session
 * wraps it in a NetworkError (as its cause).
 */
/**
 * A call the client refuses before sending anything: a bad repository, tag, digest or host.
 */
class UsageError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/**
 * A reference string that does not parse; `problem` says what is wrong with it.
 */
class errors_InvalidReferenceError extends UsageError {
    reference;
    problem;
    example;
    constructor(reference, problem, 
    /** A reference the user probably meant (e.g. with the missing host), when there is one. */
    example) {
        super(`invalid OCI reference "${reference}": ${problem}${example ? `; e.g. ${example}` : ''}`);
        this.reference = reference;
        this.problem = problem;
        this.example = example;
    }
}
/** A failed registry operation. Its message and detail never contain headers, tokens or query strings. */
class RegistryError extends Error {
    operation;
    status;
    code;
    detail;
    url;
    errors;
    retryable;
    retryAfterMs;
    attempts;
    constructor(init) {
        super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
        this.name = 'RegistryError';
        this.operation = init.operation;
        if (init.status !== undefined)
            this.status = init.status;
        if (init.code !== undefined)
            this.code = init.code;
        if (init.detail !== undefined)
            this.detail = redactUrls(init.detail);
        if (init.url !== undefined)
            this.url = stripQuery(init.url);
        this.errors = init.errors ?? [];
        this.retryable = init.retryable ?? false;
        if (init.retryAfterMs !== undefined)
            this.retryAfterMs = init.retryAfterMs;
        if (init.attempts !== undefined)
            this.attempts = init.attempts;
    }
    /**
     * This failure as the last of `attempts` tries: a new error of the same class and fields whose
     * message ends "(gave up after N attempts)", with this one as its cause. This one is unchanged.
     */
    afterAttempts(attempts) {
        const Kind = this.constructor;
        return new Kind({ ...initOf(this), attempts, cause: this });
    }
}
/** What built `error`, as it keeps it (URLs without query strings). */
function initOf(error) {
    const init = {
        operation: error.operation,
        errors: error.errors,
        retryable: error.retryable,
    };
    if (error.status !== undefined)
        init.status = error.status;
    if (error.code !== undefined)
        init.code = error.code;
    if (error.detail !== undefined)
        init.detail = error.detail;
    if (error.url !== undefined)
        init.url = error.url;
    if (error.retryAfterMs !== undefined)
        init.retryAfterMs = error.retryAfterMs;
    return init;
}
/** 401/403 (or a failed token exchange): the caller may add hints about permissions. */
class AuthError extends RegistryError {
    constructor(init) {
        super(init);
        this.name = 'AuthError';
    }
}
/**
 * The credentials were refused as such: the token endpoint answered 401/403 to the username and
 * password we sent (ghcr.io: `403 DENIED: denied` for an expired or wrong token), or a registry
 * speaking Basic auth answered 401 to them. Unlike its parent (a 401/403 from the registry for a
 * token it issued: authenticated, but not allowed), no permission setting fixes this; other
 * credentials do.
 */
class CredentialsRejectedError extends AuthError {
    constructor(init) {
        super(init);
        this.name = 'CredentialsRejectedError';
    }
}
/** Network failures (resets, refused connections, stalls), before or during a transfer. */
class NetworkError extends RegistryError {
    constructor(init) {
        super({ retryable: true, ...init });
        this.name = 'NetworkError';
    }
}
/** Content that does not match its digest or size, or a digest the registry disagrees with. */
class VerificationError extends RegistryError {
    constructor(init) {
        super(init);
        this.name = 'VerificationError';
    }
}
/**
 * The registry does not allow deleting manifests (405, or the error code UNSUPPORTED): only its
 * operator can change that. Carries the registry's own answer as its cause.
 */
class DeletionUnsupportedError extends RegistryError {
    constructor(answer) {
        super({
            operation: answer.operation,
            ...(answer.status !== undefined ? { status: answer.status } : {}),
            ...(answer.code !== undefined ? { code: answer.code } : {}),
            detail: answer.detail ?? 'the registry does not allow deleting manifests',
            ...(answer.url !== undefined ? { url: answer.url } : {}),
            errors: answer.errors,
            ...(answer.attempts !== undefined ? { attempts: answer.attempts } : {}),
            cause: answer,
        });
        this.name = 'DeletionUnsupportedError';
    }
    /** Its constructor takes the registry's answer, so the answer is what gets the count. */
    afterAttempts(attempts) {
        return new DeletionUnsupportedError(this.cause.afterAttempts(attempts));
    }
}
function formatMessage(init) {
    let tail = '';
    if (init.status !== undefined && init.code !== undefined)
        tail = `${init.status} ${init.code}:`;
    else if (init.status !== undefined)
        tail = String(init.status);
    else if (init.code !== undefined)
        tail = `${init.code}:`;
    const detail = init.detail;
    if (detail !== undefined && detail !== '') {
        // `502 Bad Gateway: …` reads on; other free text after a bare status gets a colon.
        const statusText = init.status !== undefined ? external_node_http_namespaceObject.STATUS_CODES[init.status] : undefined;
        const glue = init.code === undefined &&
            init.status !== undefined &&
            !(statusText && detail.startsWith(statusText))
            ? ': '
            : ' ';
        tail = tail === '' ? detail : `${tail}${glue}${detail}`;
    }
    const message = tail === '' ? init.operation : `${init.operation}: ${redactUrls(tail)}`;
    return init.attempts === undefined ? message : gaveUpMessage(message, init.attempts);
}
/** Removes the query string and fragment of a URL (they may carry signatures or state). */
function stripQuery(url) {
    const q = url.search(/[?#]/);
    return q >= 0 ? url.slice(0, q) : url;
}
/** Removes query strings from any URLs inside free text (registry messages may echo them). */
function redactUrls(text) {
    return text.replace(/(https?:\/\/[^\s?#"']*)[?#][^\s"']*/gi, '$1');
}
/**
 * Parses the distribution spec's error body. Returns [] for anything else (HTML error pages,
 * empty bodies).
 */
function parseErrorBody(body) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return [];
    }
    if (typeof parsed !== 'object' || parsed === null)
        return [];
    const errors = parsed.errors;
    if (!Array.isArray(errors))
        return [];
    const out = [];
    for (const e of errors) {
        if (typeof e !== 'object' || e === null)
            continue;
        const { code, message, detail } = e;
        const entry = {
            code: typeof code === 'string' ? code : 'UNKNOWN',
            message: typeof message === 'string' ? message : '',
        };
        if (detail !== undefined)
            entry.detail = detail;
        out.push(entry);
    }
    return out;
}
/** `sha256:0123456789ab…` for messages. */
function shortDigest(digest) {
    const [alg, hex] = digest.split(':');
    return hex !== undefined && hex.length > 12 ? `${alg}:${hex.slice(0, 12)}…` : digest;
}

;// CONCATENATED MODULE: ./src/registry/reference.ts


/**
 * OCI distribution spec grammar (distribution-spec, "Pulling manifests"): repositories and hosts
 * here; tags and digests are the artifact room's (isValidTag, isDigest), one definition each.
 */
const REPOSITORY_RE = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
/** host[:port]: a DNS name or IPv4 address, or a bracketed IPv6 address. */
const HOST_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;
const DEFAULT_TAG = 'latest';
function isValidRepository(name) {
    return REPOSITORY_RE.test(name);
}
function isValidRegistryHost(host) {
    if (!HOST_RE.test(host))
        return false;
    const port = /:([0-9]{1,5})$/.exec(host.replace(/^\[[^\]]*\]/, ''));
    return port === null || (Number(port[1]) >= 1 && Number(port[1]) <= 65535);
}
/** Explains why `name` is not a valid repository name (undefined when it is valid). */
function repositoryProblem(name) {
    if (isValidRepository(name))
        return undefined;
    if (name === '')
        return 'the repository name is empty';
    if (/[A-Z]/.test(name)) {
        const lower = name.toLowerCase();
        const hint = isValidRepository(lower) ? `; use "${lower}"` : '';
        return `repository "${name}" has capital letters: OCI repository names (and GHCR package names) have no capitals, lowercase it${hint}`;
    }
    if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
        return `repository "${name}" has an empty path component (a leading, trailing or doubled "/")`;
    }
    const bad = [...new Set(name.replace(/[a-z0-9._/-]/g, ''))];
    if (bad.length > 0) {
        return `repository "${name}" contains ${bad.map((c) => JSON.stringify(c)).join(', ')}: only lowercase letters, digits and the separators ".", "_", "__", "-" and "/" are allowed`;
    }
    return `repository "${name}" is not valid: each "/"-separated component must start and end with a lowercase letter or digit, joined by ".", "_", "__" or "-"`;
}
/** Explains why `tag` is not a valid tag (undefined when it is valid). */
function tagProblem(tag) {
    if ((0,src_artifact/* isValidTag */.r_)(tag))
        return undefined;
    if (tag === '')
        return 'the tag is empty';
    if (tag.length > 128)
        return `tag "${tag.slice(0, 40)}…" is ${tag.length} characters long: at most 128 are allowed`;
    if (/^[.-]/.test(tag))
        return `tag "${tag}" starts with "${tag[0]}": a tag must start with a letter, digit or "_"`;
    return `tag "${tag}" is not valid: use letters, digits, "_", "." and "-" only (at most 128, not starting with "." or "-")`;
}
/** Explains why `digest` is not a valid sha256 digest (undefined when it is valid). */
function digestProblem(digest) {
    if ((0,src_artifact/* isDigest */.Bc)(digest))
        return undefined;
    if (/^sha256:[a-fA-F0-9]{64}$/.test(digest))
        return `digest "${digest}" has capital hex digits: write it in lowercase`;
    if (!digest.startsWith('sha256:'))
        return `digest "${digest}" is not a sha256 digest: expected "sha256:" followed by 64 hex digits`;
    return `digest "${digest}" is not valid: expected "sha256:" followed by 64 lowercase hex digits`;
}
/**
 * Docker's rule for the first component of a reference: a registry host when it holds a "." or
 * a ":" (a port, an IPv6 address) or is `localhost`; otherwise it is a repository's first
 * component (`lei-org/lei-cache` names no host; Docker would read it as docker.io's, this client
 * has no default registry and refuses it).
 */
function looksLikeHost(component) {
    return /[.:]/.test(component) || component.toLowerCase() === 'localhost';
}
/**
 * Parses `[oci://]host[:port]/name[:tag][@sha256:<hex>]`. The tag defaults to `latest` when
 * neither a tag nor a digest is given. Throws an error that quotes the reference and says what is
 * wrong with it.
 */
function parseReference(input) {
    const raw = input.trim();
    let rest = raw;
    if (/^oci:\/\//i.test(rest))
        rest = rest.slice('oci://'.length);
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
        throw new InvalidReferenceError(input, `the scheme "${rest.split('://')[0]}://" is not supported: write host/name[:tag] (optionally with "oci://")`);
    }
    if (rest === '')
        throw new InvalidReferenceError(input, 'the reference is empty');
    const slash = rest.indexOf('/');
    if (slash < 0) {
        throw new InvalidReferenceError(input, 'no registry host (nor a "/" between a host and the repository)', 'ghcr.io/my-org/lei-cache:latest');
    }
    const registry = rest.slice(0, slash);
    let remainder = rest.slice(slash + 1);
    if (!isValidRegistryHost(registry)) {
        throw new InvalidReferenceError(input, `"${registry}" is not a valid registry host[:port]`);
    }
    if (!looksLikeHost(registry)) {
        throw new InvalidReferenceError(input, 'no registry host (a host has a "." or a ":", or is localhost)', `ghcr.io/${rest}`);
    }
    let digest;
    const at = remainder.indexOf('@');
    if (at >= 0) {
        digest = remainder.slice(at + 1);
        remainder = remainder.slice(0, at);
        const problem = digestProblem(digest);
        if (problem)
            throw new InvalidReferenceError(input, problem);
    }
    let tag;
    const lastSlash = remainder.lastIndexOf('/');
    const colon = remainder.indexOf(':', lastSlash + 1);
    if (colon >= 0) {
        tag = remainder.slice(colon + 1);
        remainder = remainder.slice(0, colon);
        const problem = tagProblem(tag);
        if (problem)
            throw new InvalidReferenceError(input, problem);
    }
    const repoProblem = repositoryProblem(remainder);
    if (repoProblem)
        throw new InvalidReferenceError(input, repoProblem);
    if (tag === undefined && digest === undefined)
        tag = DEFAULT_TAG;
    const ref = { registry: registry.toLowerCase(), repository: remainder };
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    return ref;
}
/** `host[:port]/name[:tag][@digest]`, the inverse of parseReference (without `oci://`). */
function formatReference(ref) {
    let out = `${ref.registry}/${ref.repository}`;
    if (ref.tag !== undefined)
        out += `:${ref.tag}`;
    if (ref.digest !== undefined)
        out += `@${ref.digest}`;
    return out;
}
/** True for hosts spoken to over plain HTTP: localhost and loopback addresses. */
function isLoopbackHost(registry) {
    const host = hostname(registry).toLowerCase();
    if (host === 'localhost' || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]')
        return true;
    return (/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(host) &&
        host.split('.').every((p) => Number(p) <= 255));
}
/** The host part of host[:port] (brackets kept for IPv6). */
function hostname(registry) {
    if (registry.startsWith('['))
        return registry.slice(0, registry.indexOf(']') + 1);
    const colon = registry.lastIndexOf(':');
    return colon >= 0 ? registry.slice(0, colon) : registry;
}
/** `http://host[:port]` for loopback registries, `https://host[:port]` otherwise. */
function registryBaseUrl(registry) {
    return `${isLoopbackHost(registry) ? 'http' : 'https'}://${registry}`;
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(75);
;// CONCATENATED MODULE: ./src/registry/challenge.ts
const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
/**
 * Parses one or more `WWW-Authenticate` header values into challenges. Tolerates several
 * challenges in one header, quoted values containing commas and escaped quotes, and odd spacing.
 */
function parseChallenges(header) {
    if (header === undefined)
        return [];
    const values = Array.isArray(header) ? header : [header];
    return values.flatMap(parseHeaderValue);
}
function isWs(c) {
    return c === ' ' || c === '\t';
}
/** A position in one header value, and the lexical steps of RFC 9110's challenge grammar. */
class Cursor {
    s;
    i = 0;
    constructor(s) {
        this.s = s;
    }
    get done() {
        return this.i >= this.s.length;
    }
    peek() {
        return this.s[this.i];
    }
    skipWs() {
        while (!this.done && isWs(this.peek()))
            this.i++;
    }
    /** Commas and whitespace between challenges and parameters. */
    skipSeparators() {
        while (!this.done && (this.peek() === ',' || isWs(this.peek())))
            this.i++;
    }
    skipToComma() {
        while (!this.done && this.peek() !== ',')
            this.i++;
    }
    readToken() {
        const start = this.i;
        while (!this.done && TOKEN_CHAR.test(this.s[this.i]))
            this.i++;
        return this.s.slice(start, this.i);
    }
    /** A token, or a quoted string with its escapes undone. */
    readValue() {
        const s = this.s;
        if (s[this.i] !== '"') {
            const start = this.i;
            while (!this.done && s[this.i] !== ',' && !isWs(s[this.i]))
                this.i++;
            return s.slice(start, this.i);
        }
        this.i++;
        let value = '';
        while (!this.done && s[this.i] !== '"') {
            if (s[this.i] === '\\' && this.i + 1 < s.length)
                this.i++;
            value += s[this.i];
            this.i++;
        }
        this.i++; // closing quote (or end of input)
        return value;
    }
}
function parseHeaderValue(s) {
    const out = [];
    const c = new Cursor(s);
    while (!c.done) {
        c.skipSeparators();
        if (c.done)
            break;
        const scheme = c.readToken();
        if (scheme === '') {
            c.i++; // skip a stray character
            continue;
        }
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        out.push(challenge);
        readParams(c, challenge.params);
        // A token68 or garbage we do not understand: skip to the next comma.
        if (!c.done && c.peek() !== ',' && !isWs(c.peek()))
            c.skipToComma();
    }
    return out;
}
/** Reads `name=value` parameters into `params` until the next challenge's scheme or the end. */
function readParams(c, params) {
    for (;;) {
        const save = c.i;
        c.skipSeparators();
        const name = c.readToken();
        if (name === '') {
            c.i = save;
            return;
        }
        c.skipWs();
        if (c.peek() !== '=') {
            c.i = save; // a bare token: the next challenge's scheme
            return;
        }
        c.i++;
        if (Object.keys(params).length === 0 && (c.done || c.peek() === '=' || c.peek() === ',')) {
            // token68 (`Negotiate abc==`): not a parameter; skip it
            c.skipToComma();
            return;
        }
        c.skipWs();
        params[name.toLowerCase()] = c.readValue();
    }
}

;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __nccwpck_require__(309);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
;// CONCATENATED MODULE: ./src/registry/fileBody.ts

/** Bytes per read/write on the upload hot path. */
const UPLOAD_CHUNK_SIZE = 1024 * 1024;
/**
 * Reused read buffers: one in the socket, one in the check, one being read, one spare (so a
 * burst on either side does not stall the read).
 */
const UPLOAD_BUFFERS = 4;
/**
 * Bytes at the end of a checked body that wait for the check's verdict. A request whose
 * Content-Length has not been reached is incomplete: without them the registry cannot commit
 * the upload, and when the check fails the request is destroyed instead.
 */
const HELD_BACK_BYTES = 1;
/**
 * Writes `size` bytes of the file at `path` into `req` and ends it, reading the file once with
 * UPLOAD_BUFFERS reused buffers: the next chunks are read while earlier ones are written, and a
 * buffer is refilled only after the socket (write callback) and the check (its write promise)
 * both released it, so memory stays at a few chunks however large the file is, with no garbage
 * for the collector to catch up with.
 *
 * With a check, every byte goes to the check too, and the last HELD_BACK_BYTES reach the socket
 * only after `verdict()` resolved. A failed check (found early, or in the verdict) rejects with
 * its reason before those bytes were written; the caller destroys the request, so the registry
 * never receives the whole body and cannot commit it.
 */
async function sendFile(req, path, size, options = {}) {
    const body = { req, path, size, closed: closedSignal(req), onBytes: options.onBytes };
    let fh;
    let ended = false;
    try {
        fh = await (0,promises_.open)(path, 'r');
        body.check = options.startCheck?.();
        const tail = await sendAllBut(body, fh);
        if (body.check !== undefined) {
            await body.closed.until(body.check.verdict());
            if (tail === undefined)
                throw new Error('the check of the request body failed');
            await body.closed.until(writeChunk(body, tail));
        }
        req.end();
        ended = true;
    }
    finally {
        if (!ended)
            body.check?.abort();
        await fh?.close();
    }
}
/**
 * Sends the file to the socket and to the check, all but its last bytes when there is a check
 * (HELD_BACK_BYTES); returns those (in the last buffer, which is not read into again), or
 * undefined when it stopped early because the check failed (the verdict then says why).
 */
async function sendAllBut(body, fh) {
    const { size, check } = body;
    const held = check === undefined ? 0 : Math.min(HELD_BACK_BYTES, size);
    const buffers = Array.from({ length: UPLOAD_BUFFERS }, () => Buffer.allocUnsafeSlow(UPLOAD_CHUNK_SIZE));
    const released = buffers.map(() => Promise.resolve());
    let position = 0;
    let tail = Buffer.alloc(0);
    for (let turn = 0; position < size; turn = (turn + 1) % UPLOAD_BUFFERS) {
        await body.closed.until(released[turn]);
        if (check?.failed === true)
            return undefined;
        const chunk = await readChunk(body, fh, buffers[turn], position);
        position += chunk.length;
        const keep = position === size ? held : 0;
        tail = chunk.subarray(chunk.length - keep);
        const written = writeChunk(body, chunk.subarray(0, chunk.length - keep));
        released[turn] = check === undefined ? written : Promise.all([written, check.write(chunk)]);
        // It may fail while the next read is running: observed here, thrown where it is awaited.
        released[turn]?.catch(() => undefined);
    }
    await body.closed.until(Promise.all(released));
    return check?.failed === true ? undefined : tail;
}
/** The next chunk of the file from `position`, read into `buffer`. */
async function readChunk(body, fh, buffer, position) {
    const want = Math.min(buffer.length, body.size - position);
    const { bytesRead } = await fh.read(buffer, 0, want, position);
    if (bytesRead === 0) {
        throw new Error(`${body.path} ended after ${position} of ${body.size} bytes: the file changed after it was packaged`);
    }
    return buffer.subarray(0, bytesRead);
}
/** Writes a chunk; resolves once the socket took it (its buffer may then be reused). */
function writeChunk(body, chunk) {
    if (chunk.length === 0)
        return Promise.resolve();
    const written = new Promise((resolve, reject) => {
        body.req.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
    body.onBytes?.(chunk.length);
    return written;
}
/** A write callback may never run once the socket is gone: every wait also stops on 'close'. */
function closedSignal(req) {
    let closedEarly = false;
    const closed = new Promise((_, reject) => {
        req.once('close', () => {
            closedEarly = true;
            reject(new Error('the connection closed before the request body was sent'));
        });
    });
    closed.catch(() => undefined);
    return {
        async until(promise) {
            const value = await Promise.race([promise, closed]);
            if (closedEarly || req.destroyed)
                throw new Error('the request was aborted');
            return value;
        },
    };
}

;// CONCATENATED MODULE: ./src/registry/transport.ts




/** A failure below HTTP (reset, refused, stall). `code` is the errno-style code. */
class TransportError extends Error {
    code;
    constructor(message, code, options) {
        super(message, options);
        this.name = 'TransportError';
        this.code = code;
    }
}
/**
 * Sends single HTTP requests (no redirects, no auth, no retries: the layers above do those).
 * @actions/http-client supplies the agent, so HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured
 * exactly as in the rest of the Actions toolkit; the request itself is made here so that a
 * stalled or failed exchange can be aborted (the client's request() hides the ClientRequest).
 */
class Transport {
    options;
    /** One per protocol: HttpClient caches a single direct agent, which must match the protocol. */
    clients;
    constructor(options) {
        this.options = options;
        const make = () => new lib/* HttpClient */.Qq(options.userAgent, [], {
            allowRedirects: false,
            allowRetries: false,
            keepAlive: true,
            socketTimeout: options.stallTimeoutMs,
        });
        this.clients = { 'http:': make(), 'https:': make() };
    }
    send(request) {
        const url = new URL(request.url);
        const isHttps = url.protocol === 'https:';
        const client = this.clients[isHttps ? 'https:' : 'http:'];
        const headers = {
            'user-agent': client.userAgent,
            ...request.headers,
        };
        return new Promise((resolve, reject) => {
            const req = (isHttps ? external_node_https_namespaceObject : external_node_http_namespaceObject).request(url, {
                method: request.method,
                headers,
                agent: client.getAgent(url.href),
            });
            let settled = false;
            const exchange = {
                req,
                response: undefined,
                fail: (err) => {
                    if (settled)
                        return;
                    settled = true;
                    reject(err);
                },
            };
            this.abortOnStall(exchange);
            req.on('error', (err) => exchange.fail(toTransportError(err)));
            req.on('response', (res) => {
                exchange.response = res;
                if (settled) {
                    res.resume();
                    return;
                }
                settled = true;
                // Errors of the response body reach the consumer through the stream itself.
                resolve({ status: res.statusCode ?? 0, headers: res.headers, url: request.url, body: res });
            });
            writeBody(exchange, request, Number(headers['content-length']));
        });
    }
    /**
     * Socket idle timeout: covers the request body, waiting for the response, and the response
     * body (the socket stays assigned until the body is consumed).
     */
    abortOnStall(exchange) {
        const { req } = exchange;
        req.setTimeout(this.options.stallTimeoutMs, () => {
            const err = new TransportError(`connection stalled: no bytes moved for ${formatMs(this.options.stallTimeoutMs)}`, 'LEI_STALLED');
            exchange.response?.destroy(err);
            req.destroy(err);
        });
    }
    /** Closes idle keep-alive connections. */
    dispose() {
        this.clients['http:'].dispose();
        this.clients['https:'].dispose();
    }
}
function asError(err) {
    return err instanceof Error ? err : new Error(String(err));
}
/** Sends the request body (none, a buffer, a file of `length` bytes, or a stream) and ends it. */
function writeBody(exchange, request, length) {
    const { req } = exchange;
    const body = request.body;
    if (body === undefined) {
        req.end();
    }
    else if (Buffer.isBuffer(body)) {
        req.end(body);
        request.onBodyBytes?.(body.length);
    }
    else if (typeof body !== 'function') {
        writeFileBody(exchange, body, length, request.onBodyBytes);
    }
    else {
        pipeStreamBody(exchange, body, request.onBodyBytes);
    }
}
/**
 * Sends a file body with sendFile: reused buffers instead of a fresh one per chunk, so memory
 * stays flat however large the file (BENCHMARKS.md: push memory), and the body's check, if any.
 */
function writeFileBody(exchange, body, length, onBytes) {
    const { req } = exchange;
    if (!Number.isSafeInteger(length)) {
        exchange.fail(new Error('a file body needs its Content-Length'));
        req.destroy();
        return;
    }
    const options = {
        ...(onBytes ? { onBytes } : {}),
        ...(body.check ? { startCheck: body.check } : {}),
    };
    sendFile(req, body.file, length, options).catch((err) => {
        const e = asError(err);
        const { response } = exchange;
        if (response) {
            // The registry answered early (e.g. 401 before reading the body): let the caller
            // read that answer, then drop the half-sent request.
            if (response.closed)
                req.destroy();
            else
                response.once('close', () => req.destroy());
        }
        else {
            exchange.fail(e);
            req.destroy(e);
        }
    });
}
function pipeStreamBody({ req, fail }, open, onBytes) {
    let source;
    try {
        source = open();
    }
    catch (err) {
        req.destroy();
        fail(asError(err));
        return;
    }
    source.on('error', (err) => {
        // A read error (e.g. the file vanished) aborts the request instead of leaving the
        // registry waiting for the rest of Content-Length.
        fail(err);
        req.destroy(err);
    });
    req.on('close', () => source.destroy());
    if (onBytes)
        source.on('data', (chunk) => onBytes(chunk.length));
    source.pipe(req);
}
function formatMs(ms) {
    return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
function toTransportError(err) {
    if (err instanceof TransportError)
        return err;
    const code = err.code;
    if (typeof code === 'string')
        return new TransportError(err.message, code, { cause: err });
    if (/socket hang up/i.test(err.message))
        return new TransportError(err.message, 'ECONNRESET', { cause: err });
    return err;
}
/** Drains a response body we do not need so its connection can be reused. */
function discard(res) {
    res.body.resume();
    res.body.on('error', () => undefined);
}
/**
 * Reads a response body up to `limit` bytes. Throws a TransportError with code LEI_TOO_LARGE
 * when the body is larger (the connection is closed then).
 */
async function readBody(res, limit) {
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
        res.body.destroy();
        throw new TransportError(`response body of ${declared} bytes exceeds the limit of ${limit}`, 'LEI_TOO_LARGE');
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of res.body) {
        total += chunk.length;
        if (total > limit) {
            res.body.destroy();
            throw new TransportError(`response body exceeds the limit of ${limit} bytes`, 'LEI_TOO_LARGE');
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
}
/** Reads at most `limit` bytes of an error body as text and discards the rest. Never throws. */
async function readErrorText(res, limit = 64 * 1024) {
    try {
        const chunks = [];
        let total = 0;
        for await (const chunk of res.body) {
            if (total < limit)
                chunks.push(chunk.subarray(0, limit - total));
            total += chunk.length;
        }
        return Buffer.concat(chunks).toString('utf8');
    }
    catch {
        return '';
    }
}
/** First value of a response header. */
function header(res, name) {
    const v = res.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}

;// CONCATENATED MODULE: ./src/registry/auth.ts





/** `repository:<name>:<access>`, e.g. `repository:org/cache:pull,push`. */
function repositoryScope(repository, access) {
    return `repository:${repository}:${access}`;
}
const TOKEN_BODY_LIMIT = 1024 * 1024;
/**
 * Docker token / Basic / anonymous authentication driven by the registry's WWW-Authenticate
 * challenges. Tokens are cached per scope, reused while they work and fetched again once when a
 * request using them gets a 401. The raw password is only ever sent as Basic credentials (to the
 * registry when it asks for Basic, or to the token realm), never as a Bearer token.
 */
class Authenticator {
    options;
    mode = 'unknown';
    bearer;
    tokens = new Map();
    pending = new Map();
    refused = new Map();
    now;
    constructor(options) {
        this.options = options;
        this.now = options.now ?? Date.now;
    }
    /** The Authorization header value for a request to the registry in `scope`, if any. */
    authorization(scope) {
        if (this.mode === 'basic')
            return this.basic();
        if (this.mode !== 'bearer')
            return undefined;
        const cached = this.tokens.get(scope);
        return cached ? `Bearer ${cached.token}` : undefined;
    }
    /** True when a cached token for `scope` is about to expire and should be fetched anew first. */
    needsRefresh(scope) {
        const cached = this.tokens.get(scope);
        return this.mode === 'bearer' && cached !== undefined && this.now() >= cached.refreshAt;
    }
    /** Fetches a fresh token for `scope` ahead of a request (used before long uploads). */
    async refresh(scope, operation) {
        if (this.mode === 'bearer' && this.bearer)
            await this.fetchToken(this.bearer, scope, operation);
    }
    /**
     * Handles a 401 for a request that was sent with `sentAuthorization`. Returns true when the
     * request should be sent once more (new token or credentials), false when another try cannot
     * help (the caller turns the 401 into an error); throws an AuthError when it knows better.
     */
    async onUnauthorized(res, scope, operation, sentAuthorization) {
        const challenges = parseChallenges(res.headers['www-authenticate']);
        const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params['realm']);
        const basic = challenges.find((c) => c.scheme === 'basic');
        if (bearer) {
            this.mode = 'bearer';
            this.bearer = bearer;
            const cached = this.tokens.get(scope);
            if (cached && `Bearer ${cached.token}` !== sentAuthorization)
                return true; // refreshed meanwhile
            if (sentAuthorization !== undefined &&
                bearer.params['error'] === 'insufficient_scope' &&
                covers(scope, bearer.params['scope'])) {
                // The token is valid but does not grant this: a new one would not either.
                return false;
            }
            await this.fetchToken(bearer, scope, operation);
            return true;
        }
        if (basic) {
            if (!this.options.credentials) {
                throw new AuthError({
                    operation,
                    status: 401,
                    code: 'UNAUTHORIZED',
                    detail: `the registry asks for a username and password (Basic auth) and none were given`,
                    url: res.url,
                });
            }
            if (this.mode === 'basic' && sentAuthorization !== undefined)
                return false;
            this.mode = 'basic';
            return true;
        }
        return false;
    }
    /** True when requests to the registry carry the username and password as Basic auth. */
    sendsBasicCredentials() {
        return this.mode === 'basic' && this.options.credentials !== undefined;
    }
    basic() {
        const c = this.options.credentials;
        return c
            ? `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`
            : undefined;
    }
    /** One token exchange per scope at a time; concurrent callers share it. */
    fetchToken(challenge, scope, operation) {
        const failed = this.refused.get(scope);
        if (failed)
            return Promise.reject(failed); // wrong credentials stay wrong: ask once
        const running = this.pending.get(scope);
        if (running)
            return running;
        const job = this.exchange(challenge, scope, operation)
            .catch((err) => {
            if (err instanceof AuthError)
                this.refused.set(scope, err);
            throw err;
        })
            .finally(() => this.pending.delete(scope));
        this.pending.set(scope, job);
        return job;
    }
    /** Asks the token realm of `challenge` for a token for `scope` and caches it. */
    async exchange(challenge, scope, operation) {
        const realm = challenge.params['realm'];
        const { url, scopes } = tokenUrl(tokenRealm(realm, operation), challenge, scope);
        const tokenOp = `${operation} (token request to ${stripQuery(realm)})`;
        this.options.debug(`requesting a token for ${scopes.join(' ')} from ${stripQuery(realm)}`);
        const authorization = this.basic();
        const res = await this.options.get(url, authorization, tokenOp);
        if (res.status !== 200)
            throw await tokenFailure(res, url, tokenOp, authorization !== undefined);
        const { token, lifetimeS } = parseTokenResponse(await readBody(res, TOKEN_BODY_LIMIT), tokenOp);
        this.options.onSecret?.(token);
        // Refresh a little early so a long upload does not start with a token about to expire.
        const margin = Math.min(30, lifetimeS / 4);
        this.tokens.set(scope, { token, refreshAt: this.now() + (lifetimeS - margin) * 1000 });
    }
}
/** The token realm as a URL; credentials go only to HTTPS (or plain HTTP on loopback). */
function tokenRealm(realm, operation) {
    let realmUrl;
    try {
        realmUrl = new URL(realm);
    }
    catch (err) {
        throw new AuthError({
            operation,
            detail: `the registry's token realm is not a URL`,
            cause: err,
        });
    }
    if (realmUrl.protocol !== 'https:' &&
        !(realmUrl.protocol === 'http:' && isLoopbackHost(realmUrl.host))) {
        throw new AuthError({
            operation,
            url: realm,
            detail: `refusing to send credentials to a token realm that is not HTTPS (${realmUrl.protocol}//${realmUrl.host})`,
        });
    }
    return realmUrl;
}
/**
 * The token request's URL: the realm with `service` and the scopes, ours first, then any other
 * resource the challenge names (the same resource is asked for once, as ours).
 */
function tokenUrl(realmUrl, challenge, scope) {
    const scopes = [scope];
    for (const s of (challenge.params['scope'] ?? '').split(' ')) {
        if (s !== '' && !scopes.includes(s) && !sameResource(s, scope))
            scopes.push(s);
    }
    const params = new URLSearchParams();
    if (challenge.params['service'] !== undefined)
        params.append('service', challenge.params['service']);
    for (const s of scopes)
        params.append('scope', s);
    const sep = realmUrl.search === '' ? '?' : '&';
    return { url: `${realmUrl.href}${sep}${params.toString()}`, scopes };
}
/**
 * The error for a token response other than 200: retryable when the status says so; a 401/403 to
 * the credentials we sent is a CredentialsRejectedError (ghcr.io answers `403 DENIED: denied` to
 * an expired or wrong token), whatever its body.
 */
async function tokenFailure(res, url, operation, sentCredentials) {
    const text = await readErrorText(res);
    const errors = parseErrorBody(text);
    const first = errors[0];
    const init = {
        operation,
        status: res.status,
        url,
        errors,
        ...(first
            ? { code: first.code, detail: first.message }
            : { detail: tokenServerText(text, res.status, sentCredentials) }),
    };
    if (isRetryableStatus(res.status, text)) {
        const retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
        return new RegistryError({
            ...init,
            retryable: true,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
    }
    if (sentCredentials && (res.status === 401 || res.status === 403))
        return new CredentialsRejectedError(init);
    return new AuthError(init);
}
/** The token and its lifetime in seconds (60 when the response gives none) from a 200 body. */
function parseTokenResponse(body, operation) {
    let token;
    let expiresIn;
    try {
        const json = JSON.parse(body.toString('utf8'));
        token = json.token ?? json.access_token;
        expiresIn = json.expires_in;
    }
    catch (err) {
        throw new AuthError({
            operation,
            status: 200,
            detail: 'the token response is not JSON',
            cause: err,
        });
    }
    if (typeof token !== 'string' || token === '') {
        throw new AuthError({ operation, status: 200, detail: 'the token response has no token' });
    }
    const lifetimeS = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 60;
    return { token, lifetimeS };
}
/** Whether the token scope we asked for covers every action the challenge's scope asks for. */
function covers(ours, challengeScope) {
    if (challengeScope === undefined)
        return true;
    return challengeScope.split(' ').every((s) => {
        if (!sameResource(s, ours))
            return false;
        const want = (s.split(':')[2] ?? '').split(',');
        const have = (ours.split(':')[2] ?? '').split(',');
        return want.every((a) => a === '' || have.includes(a));
    });
}
function sameResource(a, b) {
    return a.split(':').slice(0, 2).join(':') === b.split(':').slice(0, 2).join(':');
}
function tokenServerText(text, status, sentCredentials) {
    const trimmed = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (status === 401 || status === 403) {
        const what = sentCredentials
            ? 'the token server rejected the credentials'
            : 'the token server refused an anonymous token';
        return `${what}${trimmed ? ` (${trimmed})` : ''}`;
    }
    return trimmed || 'no details';
}

;// CONCATENATED MODULE: ./src/registry/gatedUpload.ts


/**
 * The pieces of a gated blob push (Repository.pushBlob with `blob.gate`): the upload's body is
 * checked while it is sent and its last bytes wait for the verdict (fileBody.ts); a refusal is
 * final (never retried) and cancels the upload session; a blob the registry has already is
 * checked in a read of its own.
 */
/**
 * The gate's passes during one upload attempt (one per request body sent: a 401 sends the body
 * again), remembering a refusal so the attempt can tell it from a registry or network failure.
 */
class WatchedGate {
    gate;
    refused;
    constructor(gate) {
        this.gate = gate;
    }
    /** The reason the check refused the body, when a pass did. */
    get refusal() {
        return this.refused;
    }
    /** A new pass of the check (the request body's `check`). */
    start = () => {
        const check = this.gate.start();
        return {
            write: (chunk) => check.write(chunk),
            get failed() {
                return check.failed;
            },
            verdict: () => check.verdict().catch((reason) => {
                this.refused ??= { reason };
                throw reason;
            }),
            abort: () => check.abort(),
        };
    };
}
/** The error a refused blob push ends with: not retried, the check's reason as its cause. */
function refusedError(operation, reason, uploaded) {
    const why = reason instanceof Error ? reason.message : String(reason);
    return new RegistryError({
        operation,
        detail: uploaded
            ? `the content check refused the blob, so its upload was not completed: ${why}`
            : `the registry has the blob, and the check of the file failed: ${why}`,
        cause: reason,
        retryable: false,
    });
}
/**
 * Runs the gate in a read of its own (the registry has the blob, so nothing is uploaded); a
 * refusal, or a file that cannot be read, fails the push for good.
 */
async function checkWithoutUpload(gate, operation) {
    try {
        await gate.checkFile();
    }
    catch (reason) {
        throw refusedError(operation, reason, false);
    }
}
/**
 * `DELETE` on an upload session's URL, best effort: a registry that cannot cancel it (the
 * reference registry refuses once part of a body was written) purges it later; the push fails
 * with the refusal either way.
 */
async function cancelUpload(session, url, scope, operation) {
    try {
        const res = await session.request({ method: 'DELETE', url, scope }, `${operation} (cancelling the upload)`);
        discard(res);
        session.debug(`${operation}: cancelled the upload session (${res.status})`);
    }
    catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        session.debug(`${operation}: could not cancel the upload session (${why})`);
    }
}

;// CONCATENATED MODULE: ./src/registry/link.ts
/**
 * The `rel="next"` target of an HTTP `Link` header (RFC 8288), as the distribution API's tags
 * list and GitHub's REST API send it: `<url>; rel="next", <url>; rel="last"`. The target is
 * returned as written (it may be relative); the caller resolves it and decides whether to follow
 * it. A relation type list (`rel="next last"`) counts, in any case; undefined when there is none.
 */
function nextLink(link) {
    if (link === undefined)
        return undefined;
    // Each link is `<target>` and its parameters up to the next `<` (a target may hold commas).
    for (const [, target, params] of link.matchAll(/<([^>]*)>([^<]*)/g)) {
        const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params ?? '');
        const types = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
        if (types.includes('next'))
            return target;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/registry/pool.ts
/**
 * Runs `fn` over `items` with at most `limit` at once. After the first failure no new item
 * starts; the running ones are awaited, then the first error is thrown. The registry room's one
 * worker pool (blob uploads, tag resolves).
 */
async function runPool(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (failure === undefined && next < items.length) {
            const i = next++;
            try {
                results[i] = await fn(items[i]);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.error;
    return results;
}

;// CONCATENATED MODULE: ./src/registry/location.ts
/**
 * Resolves an upload session's `Location` against the URL of the response that sent it
 * (ghcr.io sends a relative one, the reference registry an absolute one with a `_state` query)
 * and adds `digest=<digest>` to its query, keeping the existing query byte for byte (it may be
 * signed).
 */
function resolveUploadLocation(location, responseUrl, digest) {
    const url = new URL(location, responseUrl);
    url.hash = '';
    const param = `digest=${encodeURIComponent(digest)}`;
    const href = url.href;
    if (url.search === '' || url.search === '?')
        return `${href.replace(/\?$/, '')}?${param}`;
    return `${href}&${param}`;
}
/** Resolves a redirect's `Location` (absolute or relative) against the URL that returned it. */
function resolveRedirectLocation(location, responseUrl) {
    const url = new URL(location, responseUrl);
    url.hash = ''; // fragments are never sent
    return url.href;
}

;// CONCATENATED MODULE: ./src/registry/repository.ts









const DOCKER_MANIFEST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_LIST_MEDIA_TYPE = src_artifact/* DOCKER_MANIFEST_LIST_MEDIA_TYPE */.Uj;
/** Every manifest media type a tag may point at (resolving must not be refused for an index). */
const ANY_MANIFEST_TYPES = [
    src_artifact/* MANIFEST_MEDIA_TYPE */.SY,
    src_artifact/* INDEX_MEDIA_TYPE */.DZ,
    DOCKER_MANIFEST_MEDIA_TYPE,
    DOCKER_LIST_MEDIA_TYPE,
];
const ANY_MANIFEST_ACCEPT = ANY_MANIFEST_TYPES.join(', ');
/** Tags asked for per tags/list page (`n`); a registry may send fewer and a `Link` to the rest. */
const TAGS_PAGE_SIZE = 1000;
const MAX_TAG_PAGES = 10_000;
const MAX_TAG_LIST_SIZE = 16 * 1024 * 1024;
/** Tags resolved at once (HEAD requests) by taggedManifests. */
const TAG_RESOLVE_CONCURRENCY = 4;
/**
 * One repository of one registry (`RegistryClient.repository(name)`): the distribution API's
 * blob and manifest endpoints, each retried as a whole by the session. Every request asks for
 * the token scope of the repository's access; a new endpoint (tags list, manifest delete,
 * resolve) is one more method here. Names are checked by RegistryClient.repository().
 */
class Repository {
    session;
    name;
    scope;
    constructor(session, 
    /** e.g. `my-org/lei-cache` */
    name, access) {
        this.session = session;
        this.name = name;
        this.scope = repositoryScope(name, access);
    }
    /** `host[:port]/name`, for messages. */
    get location() {
        return `${this.session.registry}/${this.name}`;
    }
    /**
     * Whether the registry has the blob with the descriptor's size (HEAD). A 401/403 counts as "no":
     * a HEAD error has no body to explain it, so the upload that follows fails with the registry's
     * own code and message instead (e.g. DENIED when the token lacks push).
     */
    blobExists(descriptor) {
        const operation = `check blob ${shortDigest(descriptor.digest)} in ${this.location}`;
        return this.headBlob(descriptor, operation, operation);
    }
    async headBlob(descriptor, operation, errorOperation) {
        const res = await this.session.request({ method: 'HEAD', url: `/v2/${this.name}/blobs/${descriptor.digest}`, scope: this.scope }, operation);
        discard(res);
        if (res.status === 200) {
            const length = Number(header(res, 'content-length'));
            return !Number.isFinite(length) || length === descriptor.size;
        }
        if (res.status === 404 || res.status === 401 || res.status === 403)
            return false;
        throw await this.session.errorFor(res, errorOperation);
    }
    /**
     * Pushes one blob unless the registry has it: HEAD, else POST an upload session and PUT the
     * whole blob with its Content-Length to the session's Location with `digest` added. A file
     * blob (`blob.path`) is sent from disk with reused buffers; any other is streamed from
     * `blob.open()`. A retryable failure starts over with a new session and a fresh stream.
     *
     * A blob with a gate (`blob.gate`, a file blob) is checked in the same read that uploads it, and
     * the body's last bytes are sent only once the check passed (fileBody.ts): a refused blob is
     * never complete at the registry, so never committed; its session is cancelled (DELETE, best
     * effort) and the push fails for good with the check's reason as the cause. When the registry
     * has the blob already, the gate runs in a read of its own and nothing is uploaded.
     */
    pushBlob(blob) {
        const { digest, size } = blob.descriptor;
        const operation = `push blob ${shortDigest(digest)} to ${this.location}`;
        const { gate, path } = blob;
        if (gate !== undefined && path === undefined)
            throw new UsageError(`cannot ${operation}: a gated blob must be a file (path)`);
        let sentBefore = false;
        return this.session.retrying(operation, async (attempt) => {
            const exists = `${operation} (checking whether it exists)`;
            if (await this.headBlob(blob.descriptor, operation, exists)) {
                if (gate !== undefined)
                    await checkWithoutUpload(gate, operation);
                if (!sentBefore)
                    this.session.debug(`${operation}: the registry has it, skipped`);
                return { descriptor: blob.descriptor, uploaded: sentBefore, bytes: sentBefore ? size : 0 };
            }
            const uploadUrl = await this.startUpload(operation);
            const progress = this.session.progress('upload', digest, size);
            sentBefore = true;
            if (attempt > 1)
                this.session.debug(`${operation}: new upload session (attempt ${attempt})`);
            const watched = gate !== undefined ? new WatchedGate(gate) : undefined;
            const refused = async () => {
                if (watched?.refusal === undefined)
                    return undefined;
                await cancelUpload(this.session, uploadUrl, this.scope, operation);
                return refusedError(operation, watched.refusal.reason, true);
            };
            let put;
            try {
                put = await this.session.request({
                    method: 'PUT',
                    url: resolveUploadLocation(uploadUrl, uploadUrl, digest),
                    scope: this.scope,
                    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
                    body: path !== undefined
                        ? { file: path, ...(watched ? { check: watched.start } : {}) }
                        : () => blob.open(),
                    ...(progress ? { onBodyBytes: (n) => progress.add(n) } : {}),
                }, operation);
            }
            catch (error) {
                throw (await refused()) ?? error;
            }
            if (put.status !== 201) {
                const error = await this.session.errorFor(put, operation, '201 Created');
                throw (await refused()) ?? error;
            }
            const returned = header(put, 'docker-content-digest');
            discard(put);
            if (returned !== undefined && returned !== digest) {
                throw new VerificationError({
                    operation,
                    url: put.url,
                    detail: `the registry stored the blob as ${returned}, expected ${digest}`,
                });
            }
            progress?.done();
            return { descriptor: blob.descriptor, uploaded: true, bytes: size };
        });
    }
    /** POSTs a new upload session; returns its Location, resolved against the POST's URL. */
    async startUpload(operation) {
        const post = await this.session.request({
            method: 'POST',
            url: `/v2/${this.name}/blobs/uploads/`,
            scope: this.scope,
            headers: { 'content-length': '0' },
        }, operation);
        if (post.status !== 202)
            throw await this.session.errorFor(post, operation, '202 Accepted for the upload session');
        const location = header(post, 'location');
        discard(post);
        if (location === undefined) {
            throw new RegistryError({
                operation,
                status: post.status,
                url: post.url,
                detail: 'the upload session has no Location header',
            });
        }
        return resolveRedirectLocation(location, post.url);
    }
    /**
     * GETs a blob (following redirects; Authorization only to the registry) and returns its body
     * stream. Not retried here: size and digest are verified by the consumer (the artifact room's
     * unpack), which runs inside a retried operation.
     */
    async fetchBlob(descriptor) {
        const operation = `pull blob ${shortDigest(descriptor.digest)} from ${this.location}`;
        const res = await this.session.request({ method: 'GET', url: `/v2/${this.name}/blobs/${descriptor.digest}`, scope: this.scope }, operation);
        if (res.status !== 200)
            throw await this.session.errorFor(res, operation, '200 OK');
        const declared = Number(header(res, 'content-length'));
        if (Number.isFinite(declared) && declared !== descriptor.size) {
            discard(res);
            throw new VerificationError({
                operation,
                url: res.url,
                detail: `the registry sent ${declared} bytes, the manifest says ${descriptor.size}`,
            });
        }
        const progress = this.session.progress('download', descriptor.digest, descriptor.size);
        if (!progress)
            return res.body;
        const counter = new external_node_stream_.Transform({
            readableHighWaterMark: src_artifact/* STAGE_HIGH_WATER_MARK */._p,
            transform(chunk, _enc, cb) {
                progress.add(chunk.length);
                cb(null, chunk);
            },
            flush(cb) {
                progress.done();
                cb();
            },
        });
        return (0,external_node_stream_.pipeline)(res.body, counter, () => undefined);
    }
    /**
     * PUTs the manifest under `reference`: its digest (the default) or a tag. Checks the digest
     * the registry reports (Docker-Content-Digest) against ours.
     */
    pushManifest(manifest, reference = manifest.digest) {
        const operation = `push manifest ${this.at(reference)}`;
        return this.session.retrying(operation, async () => {
            const res = await this.session.request({
                method: 'PUT',
                url: `/v2/${this.name}/manifests/${reference}`,
                scope: this.scope,
                headers: {
                    'content-type': manifest.mediaType,
                    'content-length': String(manifest.bytes.length),
                },
                body: manifest.bytes,
            }, operation);
            if (res.status !== 201)
                throw await this.session.errorFor(res, operation, '201 Created');
            const returned = header(res, 'docker-content-digest');
            discard(res);
            if (returned !== undefined && returned !== manifest.digest) {
                throw new VerificationError({
                    operation,
                    url: res.url,
                    detail: `the registry computed ${returned} for the manifest, expected ${manifest.digest}`,
                });
            }
        });
    }
    /**
     * GETs a manifest by tag or digest (at most MAX_MANIFEST_SIZE bytes) and verifies its digest:
     * the sha256 of the bytes must equal the requested digest, else the registry's
     * Docker-Content-Digest when it sends one. `accept` lists the media types asked for (default:
     * the OCI image manifest only). Not retried here (callers retry whole operations).
     */
    async fetchManifest(reference, accept = [src_artifact/* MANIFEST_MEDIA_TYPE */.SY]) {
        const operation = `pull manifest ${this.at(reference)}`;
        const res = await this.session.request({
            method: 'GET',
            url: `/v2/${this.name}/manifests/${reference}`,
            scope: this.scope,
            headers: { accept: accept.join(', ') },
        }, operation);
        if (res.status !== 200)
            throw await this.session.errorFor(res, operation, '200 OK');
        let bytes;
        try {
            bytes = await readBody(res, src_artifact/* MAX_MANIFEST_SIZE */.L7);
        }
        catch (err) {
            if (err instanceof TransportError && err.code === 'LEI_TOO_LARGE') {
                throw new RegistryError({
                    operation,
                    url: res.url,
                    detail: `the manifest is larger than ${src_artifact/* MAX_MANIFEST_SIZE */.L7} bytes; refusing it`,
                    cause: err,
                });
            }
            throw err;
        }
        const digest = (0,src_artifact/* sha256Digest */.sI)(bytes);
        const byDigest = reference.startsWith('sha256:');
        const expected = byDigest ? reference : header(res, 'docker-content-digest');
        if (expected !== undefined && expected !== digest) {
            const source = byDigest ? 'requested' : "registry's Docker-Content-Digest";
            throw new VerificationError({
                operation,
                url: res.url,
                detail: `manifest digest mismatch: the bytes hash to ${digest}, the ${source} is ${expected}`,
            });
        }
        const mediaType = header(res, 'content-type');
        return { bytes, digest, ...(mediaType !== undefined ? { mediaType } : {}) };
    }
    /**
     * Every tag of the repository: `GET /v2/<name>/tags/list?n=<pageSize>`, then each `Link: <…>;
     * rel="next"` (the spec's `n`/`last` pagination; relative or absolute, but only on the
     * registry's origin). Tags that break the tag grammar are dropped: they could not be addressed.
     */
    async listTags(pageSize = TAGS_PAGE_SIZE) {
        const operation = `list tags of ${this.location}`;
        const tags = [];
        const seen = new Set();
        let url = `/v2/${this.name}/tags/list?n=${pageSize}`;
        for (let page = 1; url !== undefined; page++) {
            if (page > MAX_TAG_PAGES)
                throw new RegistryError({
                    operation,
                    detail: `more than ${MAX_TAG_PAGES} pages of tags; giving up`,
                });
            const target = new URL(url, this.session.baseUrl);
            if (target.origin !== new URL(this.session.baseUrl).origin) {
                throw new RegistryError({
                    operation,
                    detail: `the registry sent a next-page link to another host (${target.origin}); not following it`,
                });
            }
            const current = target.href;
            const body = await this.session.retrying(operation, async () => {
                const res = await this.session.request({ method: 'GET', url: current, scope: this.scope }, operation);
                if (res.status !== 200)
                    throw await this.session.errorFor(res, operation, '200 OK');
                const bytes = await readBody(res, MAX_TAG_LIST_SIZE);
                let parsed;
                try {
                    parsed = JSON.parse(bytes.toString('utf8'));
                }
                catch (err) {
                    throw new RegistryError({
                        operation,
                        url: current,
                        detail: 'the tag list is not JSON',
                        cause: err,
                    });
                }
                return { parsed, link: header(res, 'link') };
            });
            const list = body.parsed?.tags;
            let added = 0;
            for (const tag of Array.isArray(list) ? list : []) {
                if (typeof tag !== 'string' || seen.has(tag))
                    continue;
                seen.add(tag);
                if (!(0,src_artifact/* isValidTag */.r_)(tag)) {
                    this.session.debug(`${operation}: skipped a tag that breaks the tag grammar`);
                    continue;
                }
                tags.push(tag);
                added++;
            }
            const next = nextLink(body.link);
            // A registry that repeats a page would loop forever: stop when a page brings nothing new.
            url =
                next !== undefined && added > 0 && new URL(next, current).href !== current
                    ? next
                    : undefined;
        }
        return tags;
    }
    /**
     * The digest a tag points at: HEAD the manifest (any manifest type) and read its
     * Docker-Content-Digest; when the registry sends none, GET it and hash the bytes. Undefined
     * when the tag is gone (404).
     */
    resolve(tag) {
        if (!(0,src_artifact/* isValidTag */.r_)(tag))
            throw new UsageError(`cannot resolve '${tag}': not a valid tag`);
        const operation = `resolve ${this.at(tag)}`;
        return this.session.retrying(operation, async () => {
            const request = {
                url: `/v2/${this.name}/manifests/${tag}`,
                scope: this.scope,
                headers: { accept: ANY_MANIFEST_ACCEPT },
            };
            const head = await this.session.request({ method: 'HEAD', ...request }, operation);
            discard(head);
            if (head.status === 404)
                return undefined;
            const digest = head.status === 200 ? header(head, 'docker-content-digest') : undefined;
            if (digest !== undefined && (0,src_artifact/* isDigest */.Bc)(digest))
                return digest;
            const get = await this.session.request({ method: 'GET', ...request }, operation);
            if (get.status === 404) {
                discard(get);
                return undefined;
            }
            if (get.status !== 200)
                throw await this.session.errorFor(get, operation, '200 OK');
            return (0,src_artifact/* sha256Digest */.sI)(await readBody(get, src_artifact/* MAX_MANIFEST_SIZE */.L7));
        });
    }
    /**
     * Every tagged manifest of the repository with its tags: the tags listed (listTags), each
     * resolved to its digest (resolve) a few at a time, grouped by digest in the order listed. A
     * tag gone since the listing is left out. Untagged manifests are invisible to the tags list.
     */
    async taggedManifests() {
        const tags = await this.listTags();
        const digests = await runPool(tags, TAG_RESOLVE_CONCURRENCY, (tag) => this.resolve(tag));
        const byDigest = new Map();
        tags.forEach((tag, i) => {
            const digest = digests[i];
            if (digest === undefined)
                return; // the tag went since the listing
            byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
        });
        this.session.debug(`${this.location}: ${tags.length} tag(s) on ${byDigest.size} manifest(s)`);
        return [...byDigest].map(([digest, onDigest]) => ({ digest, tags: onDigest }));
    }
    /** An OCI image index's bytes by digest (a referrers index), verified against the digest. */
    fetchIndex(digest) {
        if (!(0,src_artifact/* isDigest */.Bc)(digest))
            throw new UsageError(`cannot pull index '${digest}': not a sha256 digest`);
        const operation = `pull index ${this.at(digest)}`;
        return this.session.retrying(operation, async () => {
            const res = await this.session.request({
                method: 'GET',
                url: `/v2/${this.name}/manifests/${digest}`,
                scope: this.scope,
                headers: { accept: src_artifact/* INDEX_MEDIA_TYPE */.DZ },
            }, operation);
            if (res.status !== 200)
                throw await this.session.errorFor(res, operation, '200 OK');
            const bytes = await readBody(res, src_artifact/* MAX_MANIFEST_SIZE */.L7);
            const actual = (0,src_artifact/* sha256Digest */.sI)(bytes);
            if (actual !== digest) {
                throw new VerificationError({
                    operation,
                    url: res.url,
                    detail: `the index's bytes hash to ${actual}, not ${digest}`,
                });
            }
            return bytes;
        });
    }
    /**
     * `DELETE /v2/<name>/manifests/<digest>` (needs the access `pull,delete`): 'deleted' on 202,
     * 'gone' on 404. A registry that does not allow deletion (405, or the code UNSUPPORTED) throws
     * DeletionUnsupportedError; any other failure the usual RegistryError/AuthError.
     */
    deleteManifest(digest) {
        if (!(0,src_artifact/* isDigest */.Bc)(digest))
            throw new UsageError(`cannot delete '${digest}': not a sha256 digest`);
        const operation = `delete manifest ${this.at(digest)}`;
        return this.session.retrying(operation, async () => {
            const res = await this.session.request({ method: 'DELETE', url: `/v2/${this.name}/manifests/${digest}`, scope: this.scope }, operation);
            if (res.status === 202 || res.status === 200 || res.status === 204) {
                discard(res);
                return 'deleted';
            }
            if (res.status === 404) {
                discard(res);
                return 'gone';
            }
            const error = await this.session.errorFor(res, operation, '202 Accepted');
            if (error.status === 405 || error.code === 'UNSUPPORTED')
                throw new DeletionUnsupportedError(error);
            throw error;
        });
    }
    /**
     * A small blob's bytes (at most `maxBytes`; the descriptor's size is checked first), verified
     * against the descriptor's size and digest. Not retried here.
     */
    async fetchBlobBytes(descriptor, maxBytes) {
        const operation = `pull blob ${shortDigest(descriptor.digest)} from ${this.location}`;
        if (descriptor.size > maxBytes) {
            throw new RegistryError({
                operation,
                detail: `the blob is ${descriptor.size} bytes, more than the ${maxBytes} read into memory; refusing it`,
            });
        }
        const chunks = [];
        let length = 0;
        for await (const chunk of await this.fetchBlob(descriptor)) {
            length += chunk.length;
            if (length > descriptor.size)
                break;
            chunks.push(chunk);
        }
        if (length !== descriptor.size) {
            const sent = length > descriptor.size ? `more than ${descriptor.size}` : String(length);
            throw new VerificationError({
                operation,
                detail: `the registry sent ${sent} bytes, the descriptor says ${descriptor.size}`,
            });
        }
        const bytes = Buffer.concat(chunks);
        const digest = (0,src_artifact/* sha256Digest */.sI)(bytes);
        if (digest !== descriptor.digest) {
            throw new VerificationError({
                operation,
                detail: `the bytes hash to ${digest}, the descriptor says ${descriptor.digest}`,
            });
        }
        return bytes;
    }
    /** `host/name:tag` or `host/name@sha256:…` */
    at(reference) {
        return `${this.location}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    }
}

;// CONCATENATED MODULE: ./src/registry/tagTarget.ts



const KIND_NAMES = {
    [src_artifact/* INDEX_MEDIA_TYPE */.DZ]: 'an OCI image index',
    [DOCKER_LIST_MEDIA_TYPE]: 'a Docker manifest list',
    [DOCKER_MANIFEST_MEDIA_TYPE]: 'a Docker image manifest',
};
function isDescriptor(v) {
    return ((0,src_artifact/* isObject */.Gv)(v) &&
        typeof v['mediaType'] === 'string' &&
        typeof v['digest'] === 'string' &&
        typeof v['size'] === 'number');
}
/**
 * What `tag` points at now: absent (404), an LEI cache snapshot (an OCI image manifest whose
 * config is LEI's, with date and created from its manifest.json layer, read and verified), or
 * something else, described in a few words. Other failures are thrown. Not retried here.
 */
async function readTagTarget(repo, tag) {
    const read = await readTag(repo, tag);
    if (read.kind !== 'snapshot')
        return read;
    const { kind, digest, date, created } = read;
    return { kind, digest, date, created };
}
/**
 * `readTagTarget`, with the snapshot's manifest.json bytes (bounded by MAX_EXPORT_MANIFEST_SIZE,
 * verified against their digest) kept for a caller that reads more than the date from them.
 */
async function readTag(repo, tag) {
    let fetched;
    try {
        fetched = await repo.fetchManifest(tag, ANY_MANIFEST_TYPES);
    }
    catch (error) {
        if (error instanceof RegistryError && error.status === 404)
            return { kind: 'absent' };
        throw error;
    }
    const { digest } = fetched;
    let doc;
    try {
        doc = JSON.parse(fetched.bytes.toString('utf8'));
    }
    catch {
        doc = undefined;
    }
    if (!(0,src_artifact/* isObject */.Gv)(doc))
        return { kind: 'other', digest, what: 'a manifest that is not a JSON object' };
    const mediaType = typeof doc['mediaType'] === 'string' ? doc['mediaType'] : (fetched.mediaType ?? '');
    const named = KIND_NAMES[mediaType];
    if (named !== undefined)
        return { kind: 'other', digest, what: named };
    if (mediaType !== src_artifact/* MANIFEST_MEDIA_TYPE */.SY) {
        return { kind: 'other', digest, what: `a manifest of media type ${mediaType || '(none)'}` };
    }
    const config = doc['config'];
    if (!isDescriptor(config) || config.mediaType !== src_artifact/* CONFIG_MEDIA_TYPE */.$9) {
        const type = isDescriptor(config) ? config.mediaType : '(none)';
        return { kind: 'other', digest, what: `an OCI image manifest with config type ${type}` };
    }
    const layers = Array.isArray(doc['layers']) ? doc['layers'] : [];
    const exportManifest = layers.find((l) => isDescriptor(l) && l.mediaType === src_artifact/* CACHE_MANIFEST_MEDIA_TYPE */.xk);
    if (exportManifest === undefined) {
        return { kind: 'other', digest, what: 'an LEI cache artifact without a manifest.json layer' };
    }
    const manifestJson = await repo.fetchBlobBytes(exportManifest, src_artifact/* MAX_EXPORT_MANIFEST_SIZE */.kL);
    const stamp = (0,src_artifact/* snapshotStamp */.Ww)(manifestJson);
    if (stamp === undefined) {
        return {
            kind: 'other',
            digest,
            what: 'an LEI cache artifact whose manifest.json has neither a date nor a created time',
        };
    }
    return { kind: 'snapshot', digest, ...stamp, manifestJson };
}

;// CONCATENATED MODULE: ./src/registry/network.ts
/** Failures below HTTP (DNS, connections), named in a few words for log lines and advice. */

/**
 * Node's errno-style codes in the words a log line uses. The transport's own failures (a stall)
 * say it in their message already.
 */
const WORDS = {
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ECONNABORTED: 'connection aborted',
    ETIMEDOUT: 'connection timed out',
    EPIPE: 'connection closed',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
    ENETDOWN: 'network down',
    UND_ERR_SOCKET: 'connection closed',
    ERR_STREAM_PREMATURE_CLOSE: 'connection closed early',
};
/** The first failure below HTTP in an error's cause chain, or undefined when there is none. */
function networkProblem(error) {
    for (const e of (0,src_artifact/* causes */.ps)(error)) {
        if (!(e instanceof Error))
            continue;
        const code = e.code;
        const words = typeof code === 'string' ? WORDS[code] : undefined;
        if (code !== undefined && words !== undefined)
            return { code, words };
    }
    return undefined;
}
/**
 * A host name DNS says does not exist (ENOTFOUND: getaddrinfo's "no such name"). Asking the same
 * resolver again gets the same answer, so it is not retried; a resolver that could not answer at
 * all (EAI_AGAIN) is.
 */
function isUnknownHost(error) {
    return networkProblem(error)?.code === 'ENOTFOUND';
}

;// CONCATENATED MODULE: ./src/registry/redirect.ts




const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/**
 * Sends `request`, following redirects ourselves (at most MAX_REDIRECTS hops, relative locations
 * resolved against the URL that sent them). `authorizationFor(url)` decides per hop whether the
 * Authorization header goes along; it must return undefined for any host other than the
 * registry's. Only GET and HEAD are followed; a redirect on another method is returned as is.
 * Cookies are never sent.
 */
async function sendFollowingRedirects(transport, request, authorizationFor, operation) {
    let url = request.url;
    let method = request.method;
    for (let hop = 0;; hop++) {
        const headers = { ...request.headers };
        delete headers['authorization'];
        delete headers['cookie'];
        const authorization = authorizationFor(new URL(url));
        if (authorization !== undefined)
            headers['authorization'] = authorization;
        const res = await transport.send({ ...request, method, url, headers });
        const location = header(res, 'location');
        if (!REDIRECT_STATUSES.has(res.status) ||
            location === undefined ||
            (method !== 'GET' && method !== 'HEAD')) {
            return res;
        }
        discard(res);
        if (hop + 1 > MAX_REDIRECTS) {
            throw new NetworkError({
                operation,
                url: request.url,
                detail: `more than ${MAX_REDIRECTS} redirects`,
                retryable: false,
            });
        }
        const next = resolveRedirectLocation(location, url);
        const from = new URL(url);
        const to = new URL(next);
        if (to.protocol !== 'http:' && to.protocol !== 'https:') {
            throw new NetworkError({
                operation,
                url: request.url,
                detail: `redirect to unsupported scheme ${to.protocol}`,
                retryable: false,
            });
        }
        if (from.protocol === 'https:' && to.protocol === 'http:' && !isLoopbackHost(to.host)) {
            throw new NetworkError({
                operation,
                url: request.url,
                detail: `refusing a redirect from HTTPS to plain HTTP (${to.host})`,
                retryable: false,
            });
        }
        if (res.status === 303)
            method = 'GET';
        url = next;
    }
}

;// CONCATENATED MODULE: ./src/registry/progress.ts
const PROGRESS_INTERVAL_BYTES = 1024 * 1024;
/** Counts bytes and calls onProgress at most every PROGRESS_INTERVAL_BYTES, plus a final call. */
function progressCounter(onProgress, operation, digest, total) {
    let bytes = 0;
    let next = PROGRESS_INTERVAL_BYTES;
    let finished = false;
    return {
        add(n) {
            bytes += n;
            if (bytes >= next && !finished) {
                next = bytes + PROGRESS_INTERVAL_BYTES;
                onProgress({ operation, digest, bytes, total });
            }
        },
        done() {
            if (finished)
                return;
            finished = true;
            onProgress({ operation, digest, bytes, total });
        },
    };
}

;// CONCATENATED MODULE: ./src/registry/session.ts











const DEFAULTS = {
    maxAttempts: 5,
    stallTimeoutMs: 60_000,
    retryBaseDelayMs: 1000,
    retryMaxDelayMs: 60_000,
    concurrency: 3,
    userAgent: 'lei-cache-action',
};
/**
 * One registry, as seen by the operations: requests with authentication, redirects, typed
 * errors, and a retry loop for whole operations.
 */
class Session {
    options;
    registry;
    baseUrl;
    maxAttempts;
    concurrency;
    registryOrigin;
    transport;
    auth;
    retryPolicy;
    constructor(registry, options) {
        this.options = options;
        this.registry = registry;
        this.baseUrl = registryBaseUrl(registry);
        this.registryOrigin = new URL(this.baseUrl).origin;
        this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts);
        this.concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
        this.retryPolicy = {
            maxAttempts: this.maxAttempts,
            delays: {
                baseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
                maxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
            },
            isRetryable,
            retryAfter: (err) => (0,src_artifact/* findCause */.lO)(err, RegistryError)?.retryAfterMs,
            describe: errorSummary,
            onRetry: options.onRetry ?? ((retry) => this.debug(retryMessage(retry))),
        };
        this.transport = new Transport({
            userAgent: options.userAgent ?? DEFAULTS.userAgent,
            stallTimeoutMs: options.stallTimeoutMs ?? DEFAULTS.stallTimeoutMs,
        });
        this.auth = new Authenticator({
            registry,
            ...(options.credentials ? { credentials: options.credentials } : {}),
            ...(options.onSecret ? { onSecret: options.onSecret } : {}),
            debug: (m) => this.debug(m),
            get: (url, authorization, operation) => this.sendRaw({ method: 'GET', url, headers: {} }, operation, authorization, new URL(url).origin),
        });
    }
    debug(message) {
        this.options.onDebug?.(message);
    }
    /** A byte counter reporting to the client's onProgress, or undefined when nobody listens. */
    progress(operation, digest, total) {
        const onProgress = this.options.onProgress;
        return onProgress ? progressCounter(onProgress, operation, digest, total) : undefined;
    }
    /**
     * Sends one request to the registry with authentication (one more try after a 401 with a
     * fresh token or credentials) and redirects. Returns any final status; network failures
     * become NetworkError.
     */
    async request(req, operation) {
        const url = new URL(req.url, this.baseUrl).href;
        if (this.auth.needsRefresh(req.scope))
            await this.auth.refresh(req.scope, operation);
        for (let authTry = 0;; authTry++) {
            const authorization = this.auth.authorization(req.scope);
            const res = await this.sendRaw({ ...req, url, headers: req.headers ?? {} }, operation, authorization, this.registryOrigin);
            if (res.status !== 401 || authTry > 0)
                return res;
            // A 401 from a redirect target (e.g. a storage host) is not the registry's challenge:
            // following it would send our credentials to a token realm that host names.
            if (new URL(res.url).origin !== this.registryOrigin)
                return res;
            let again;
            try {
                again = await this.auth.onUnauthorized(res, req.scope, operation, authorization);
            }
            catch (err) {
                discard(res);
                throw err;
            }
            if (!again)
                return res; // the caller reads the registry's error body
            discard(res);
        }
    }
    async sendRaw(req, operation, authorization, 
    /**
     * scheme://host:port allowed to see `authorization` (the registry's, or the token realm's):
     * never another host, and never the same host over another scheme (plain HTTP).
     */
    authorizedOrigin) {
        const authorizationFor = (u) => authorization !== undefined && u.origin === authorizedOrigin ? authorization : undefined;
        try {
            return await sendFollowingRedirects(this.transport, {
                method: req.method,
                url: req.url,
                headers: req.headers,
                ...(req.body ? { body: req.body } : {}),
                ...(req.onBodyBytes ? { onBodyBytes: req.onBodyBytes } : {}),
            }, authorizationFor, operation);
        }
        catch (err) {
            throw asNetworkError(err, operation, req.url);
        }
    }
    /** Turns an unexpected response into a typed error (reads at most 64 KiB of its body). */
    async errorFor(res, operation, expected) {
        const text = res.body.readableEnded ? '' : await readErrorText(res);
        const errors = parseErrorBody(text);
        const first = errors[0];
        const retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
        const init = {
            operation,
            status: res.status,
            url: res.url,
            errors,
            retryable: isRetryableStatus(res.status, text),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
        if (first) {
            init.code = first.code;
            init.detail =
                errors
                    .map((e) => e.message)
                    .filter((m) => m !== '')
                    .join('; ') || undefined;
            if (init.detail === undefined)
                delete init.detail;
        }
        else {
            init.detail = describeStatus(res, text, expected);
        }
        if (res.status === 401 && this.rejectsBasicCredentials(res))
            return new CredentialsRejectedError(init);
        if ((res.status === 401 || res.status === 403) && !isSecondaryRateLimit(text))
            return new AuthError(init);
        return new RegistryError(init);
    }
    /**
     * A 401 from the registry itself while we speak Basic auth with credentials: the username and
     * password were refused (the registry has no other way to say so).
     */
    rejectsBasicCredentials(res) {
        return this.auth.sendsBasicCredentials() && new URL(res.url).origin === this.registryOrigin;
    }
    /**
     * Runs `attempt` until it succeeds, fails for good, or maxAttempts is reached (registry/retry.ts
     * `retrying` with the client's policy). What it throws is a RegistryError where it can be; after
     * more than one attempt its message ends "(gave up after N attempts)".
     */
    async retrying(operation, attempt) {
        try {
            return await retrying(operation, attempt, this.retryPolicy);
        }
        catch (err) {
            if (err instanceof RetriesExhaustedError)
                throw asRegistryError(err.cause, operation, err.attempts);
            throw asRegistryError(err, operation);
        }
    }
    dispose() {
        this.transport.dispose();
    }
}
/** Whether another attempt may help; looks through wrappers (unpack wraps fetch errors). */
function isRetryable(err) {
    return (0,src_artifact/* findCause */.lO)(err, RegistryError)?.retryable ?? isRetryableNetworkError(err);
}
function asNetworkError(err, operation, url) {
    if (err instanceof RegistryError)
        return err;
    const e = err instanceof Error ? err : new Error(String(err));
    if (err instanceof TransportError || isRetryableNetworkError(err)) {
        return new NetworkError({
            operation,
            url,
            detail: e.message,
            cause: e,
            ...(isUnknownHost(e) ? { retryable: false } : {}),
        });
    }
    // e.g. the blob's file could not be read: not something another attempt fixes
    return new RegistryError({ operation, url, detail: e.message, cause: e });
}
/**
 * The error an operation ends with: a RegistryError as it is, a connection failure as a
 * NetworkError (not retryable any more), anything else as it is. With `attempts` (retries ran
 * out), the message says so: the same class of RegistryError restated, or a RetriesExhaustedError
 * around anything else.
 */
function asRegistryError(err, operation, attempts) {
    if (err instanceof RegistryError)
        return attempts === undefined ? err : err.afterAttempts(attempts);
    if (isRetryableNetworkError(err)) {
        return new NetworkError({
            operation,
            detail: err.message,
            cause: err,
            retryable: false,
            ...(attempts !== undefined ? { attempts } : {}),
        });
    }
    return attempts === undefined ? err : new RetriesExhaustedError(attempts, err);
}
function errorSummary(err) {
    const problem = networkProblem(err);
    if (problem !== undefined)
        return problem.words;
    if (err instanceof RegistryError) {
        return [err.status, err.code, err.detail].filter((x) => x !== undefined).join(' ');
    }
    return err instanceof Error ? err.message : String(err);
}
function describeStatus(res, text, expected) {
    if (res.status === 401 || res.status === 403) {
        const bearer = parseChallenges(res.headers['www-authenticate']).find((c) => c.scheme === 'bearer');
        const error = bearer?.params['error'];
        if (error === 'insufficient_scope') {
            return `access denied: the token does not grant ${bearer?.params['scope'] ?? 'the requested access'} (insufficient_scope)`;
        }
        if (error !== undefined)
            return `access denied (${error})`;
        if (text.trim() === '')
            return 'access denied';
    }
    const statusText = external_node_http_namespaceObject.STATUS_CODES[res.status] ?? 'unexpected status';
    const snippet = text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
    const base = snippet !== '' && snippet !== statusText ? `${statusText}: ${snippet}` : statusText;
    return expected ? `${base} (expected ${expected})` : base;
}

;// CONCATENATED MODULE: ./src/registry/client.ts







/**
 * An OCI distribution client for one registry (`host[:port]`): hands out repository-bound
 * clients (`repository(name)`) and pushes and pulls whole LEI cache artifacts with them. Plain
 * HTTP for localhost and loopback addresses, HTTPS otherwise. Call close() when done.
 */
class RegistryClient {
    registry;
    session;
    constructor(registry, options = {}) {
        const host = registry.replace(/^oci:\/\//i, '').replace(/\/+$/, '');
        if (!isValidRegistryHost(host)) {
            throw new UsageError(`invalid registry "${registry}": expected host[:port], e.g. ghcr.io or 127.0.0.1:5000`);
        }
        this.registry = host.toLowerCase();
        this.session = new Session(this.registry, options);
    }
    /**
     * The repository `name` of this registry, for reading (`pull`, the default) or for writing
     * too (`pull,push`). Throws a UsageError for a name the distribution spec does not allow.
     */
    repository(name, access = 'pull') {
        const problem = repositoryProblem(name);
        if (problem)
            throw new UsageError(`${this.registry}/${name}: ${problem}`);
        return new Repository(this.session, name, access);
    }
    /**
     * Pushes in the contract's order: every blob (concurrently, skipping those the registry has),
     * then the manifest by digest (the registry's Docker-Content-Digest checked), then each tag in
     * the order given. A tag the guard guards is read just before it would move and moves only if
     * the guard allows; one that already points at the manifest is left alone; each guarded tag
     * that moved is checked again at the end (`recheckTags`). If a blob or the manifest fails, no
     * tag moves; if a tag fails, the error says which tags had moved.
     */
    async pushArtifact(repository, artifact, tags, guard) {
        const problem = repositoryProblem(repository);
        if (problem)
            throw new UsageError(`cannot push to ${this.registry}/${repository}: ${problem}`);
        for (const tag of tags) {
            const tp = tagProblem(tag);
            if (tp)
                throw new UsageError(`cannot push ${this.registry}/${repository}:${tag}: ${tp}`);
        }
        for (const d of [artifact.digest, ...artifact.blobs.map((b) => b.descriptor.digest)]) {
            const dp = digestProblem(d);
            if (dp)
                throw new UsageError(`cannot push to ${this.registry}/${repository}: ${dp}`);
        }
        const actual = (0,src_artifact/* sha256Digest */.sI)(artifact.manifestBytes);
        if (actual !== artifact.digest) {
            throw new UsageError(`cannot push to ${this.registry}/${repository}: the artifact's manifest bytes hash to ${actual}, not its digest ${artifact.digest}`);
        }
        const repo = this.repository(repository, 'pull,push');
        // The same content twice (e.g. an empty config and an empty layer) goes up once, through
        // the gate if one of them has one.
        const byDigest = new Map();
        for (const b of artifact.blobs) {
            if (!byDigest.get(b.descriptor.digest)?.gate)
                byDigest.set(b.descriptor.digest, b);
        }
        const blobs = [...byDigest.values()];
        const outcomes = await runPool(blobs, this.session.concurrency, (blob) => repo.pushBlob(blob));
        const manifest = {
            bytes: artifact.manifestBytes,
            mediaType: artifact.manifest.mediaType,
            digest: artifact.digest,
        };
        await repo.pushManifest(manifest);
        const tagPushes = [];
        for (const tag of new Set(tags)) {
            try {
                tagPushes.push(await this.pushTag(repo, manifest, tag, guard));
            }
            catch (error) {
                const moved = tagPushes.filter((t) => t.moved).map((t) => t.tag);
                if (moved.length === 0)
                    throw error;
                throw new Error(`${error.message} (after the manifest and the tag(s) ${moved.join(', ')} were pushed)`, { cause: error });
            }
        }
        if (guard !== undefined)
            await this.recheckTags(repo, manifest, tagPushes, guard);
        const uploaded = [];
        const skipped = [];
        let uploadedBytes = 0;
        for (const o of outcomes) {
            (o.uploaded ? uploaded : skipped).push(o.descriptor);
            uploadedBytes += o.bytes;
        }
        return {
            digest: artifact.digest,
            tags: tagPushes.filter((t) => t.current).map((t) => t.tag),
            tagPushes,
            uploadedBytes,
            uploadedBlobs: uploaded,
            skippedBlobs: skipped,
        };
    }
    /** One tag of a push: read it first when the guard guards it, then PUT it unless told not to. */
    async pushTag(repo, manifest, tag, guard) {
        if (guard === undefined || !guard.guards(tag)) {
            await repo.pushManifest(manifest, tag);
            return { tag, moved: true, current: true };
        }
        const before = await this.session.retrying(`read tag ${repo.location}:${tag}`, () => readTagTarget(repo, tag));
        if (before.kind !== 'absent' && before.digest === manifest.digest)
            return { tag, before, moved: false, current: true };
        if (!guard.allows(tag, before))
            return { tag, before, moved: false, current: false };
        await repo.pushManifest(manifest, tag);
        return { tag, before, moved: true, current: true };
    }
    /**
     * OCI has no compare-and-swap for tags, so another push to the same repository can move a tag
     * between our read and our write, or after it. Once every tag is pushed, each guarded tag that
     * moved is resolved again (its digest only); one that points elsewhere now is described, the guard
     * is asked again, and the tag moves back to our manifest once if it allows (e.g. an older
     * snapshot's push landed after ours). This narrows what a race can do; it cannot close it.
     */
    async recheckTags(repo, manifest, tagPushes, guard) {
        for (const push of tagPushes) {
            if (push.before === undefined || !push.moved)
                continue;
            const operation = `check tag ${repo.location}:${push.tag}`;
            if ((await repo.resolve(push.tag)) === manifest.digest)
                continue;
            const now = await this.session.retrying(operation, () => readTagTarget(repo, push.tag));
            if (now.kind !== 'absent' && now.digest === manifest.digest)
                continue;
            push.overtaken = now;
            push.current = guard.allows(push.tag, now);
            if (push.current)
                await repo.pushManifest(manifest, push.tag);
        }
    }
    /**
     * Pulls the manifest (by tag or digest, digest verified) and restores the LEI files into
     * `targetDir` through the artifact room's verifying unpack: a failed pull leaves no file.
     */
    async pullArtifact(reference, targetDir, options = {}) {
        if (reference.registry.toLowerCase() !== this.registry) {
            throw new UsageError(`cannot pull ${formatReference(reference)} with a client for ${this.registry}`);
        }
        const problem = repositoryProblem(reference.repository);
        if (problem)
            throw new UsageError(`cannot pull ${formatReference(reference)}: ${problem}`);
        if (reference.digest !== undefined) {
            const dp = digestProblem(reference.digest);
            if (dp)
                throw new UsageError(`cannot pull ${formatReference(reference)}: ${dp}`);
        }
        const repo = this.repository(reference.repository);
        const ref = reference.digest ?? reference.tag ?? DEFAULT_TAG;
        const operation = `pull ${formatReference(reference.digest !== undefined ? { ...reference, tag: undefined } : reference)}`;
        return this.session.retrying(operation, async () => {
            // Every type a tag may point at: an index or manifest list is refused as such below.
            const fetched = await repo.fetchManifest(ref, ANY_MANIFEST_TYPES);
            // An index or manifest list is refused as such, before any blob is fetched.
            const multi = (0,src_artifact/* multiManifestProblem */.OD)(fetched.mediaType);
            if (multi !== undefined) {
                throw new RegistryError({ operation, detail: `${formatReference(reference)} ${multi}` });
            }
            let manifest;
            try {
                manifest = (0,src_artifact/* parseManifest */.Ng)(fetched.bytes);
            }
            catch (err) {
                throw new RegistryError({
                    operation,
                    detail: `the manifest ${fetched.digest} is not an LEI cache artifact: ${err.message}`,
                    cause: err,
                });
            }
            const result = await (0,src_artifact/* unpack */.l1)(manifest, targetDir, (d) => repo.fetchBlob(d), options);
            return { ...result, digest: fetched.digest, manifest, manifestBytes: fetched.bytes };
        });
    }
    /**
     * What `tag` of `repository` points at, with an LEI snapshot's manifest.json (bounded and
     * verified), retried like every read; a 404 is `absent`.
     */
    async readTag(repository, tag, access = 'pull') {
        const tp = tagProblem(tag);
        if (tp)
            throw new UsageError(`cannot read ${this.registry}/${repository}:${tag}: ${tp}`);
        const repo = this.repository(repository, access);
        return this.session.retrying(`read tag ${repo.location}:${tag}`, () => readTag(repo, tag));
    }
    /** Closes idle keep-alive connections (call when done). */
    close() {
        this.session.dispose();
    }
}

;// CONCATENATED MODULE: ./src/registry/index.ts
// The registry room's public API (OCI distribution, no GitHub): what action/, the tests and the
// scripts may use. Anything not listed here is internal to the room.
// The client: one per registry; repository(name) gives the repository-bound operations.

// Errors: classify with instanceof (see errors.ts for the hierarchy).

// References: the distribution spec's grammar (tags and digests are the artifact room's).


// Retries: the loop and backoff every client of an HTTP API here uses (the registry's session,
// GitHub's Packages API in action/prune), with its own policy of what to retry.

// Failures below HTTP in a few words (`connection refused`), for retry lines and advice.

// Protocol helpers with tests of their own.





/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 75:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 309:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient)
});

// UNUSED EXPORTS: Headers, HttpClientError, HttpClientResponse, HttpCodes, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: external "./undici-stub.js"
var x = (y) => {
	var x = {}; __nccwpck_require__.d(x, y); return x
} 
var y = (x) => (() => (x))
const external_undici_stub_js_namespaceObject = x({ ["ProxyAgent"]: () => (__WEBPACK_EXTERNAL_MODULE__undici_stub_js_24858b81__.ProxyAgent) });
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new external_undici_stub_js_namespaceObject.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(730);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
