/**
 * Test harness: a real distribution registry (Debian's `docker-registry`, distribution 2.8) on a
 * free loopback port, with real Docker token auth, htpasswd Basic auth, or no auth.
 *
 * How the token server maps to ghcr.io (auth: 'token'):
 * - The registry answers `401` with `WWW-Authenticate: Bearer realm="<token server>/token",
 *   service="lei-test-registry",scope="repository:<name>:pull[,push]"`, exactly as distribution
 *   does (ghcr.io sends the same shape with realm https://ghcr.io/token).
 * - `GET <realm>?service=...&scope=repository:NAME:pull,push` (scope may repeat) with
 *   `Authorization: Basic base64(anyuser:TOKEN)`. Like ghcr.io with a workflow's GITHUB_TOKEN,
 *   ANY username is accepted; the password must be `registry.password` (a random, per-registry
 *   `ghs_...`-like secret). A wrong password, or any non-Basic Authorization (e.g. the raw token
 *   sent as Bearer, which ghcr.io does not accept either), gets `401` with a JSON
 *   `{"errors":[{"code":"UNAUTHORIZED",...}]}` body (with `wrongPassword: 'ghcr'`, ghcr.io's
 *   answer instead: `403 {"errors":[{"code":"DENIED","message":"denied"}]}`).
 * - Valid credentials: the requested actions (pull, push, delete) are granted only for
 *   repositories under `${namespace}/` (the org the token can write to). Other repositories get
 *   an empty access list for that scope: the token is still issued (200), and the registry then
 *   refuses the request (distribution answers 401 with `error="insufficient_scope"` in the
 *   challenge and an UNAUTHORIZED/DENIED JSON body). ghcr.io answers 403 DENIED there; a client
 *   must treat both as "not allowed".
 * - No credentials: a token with an empty access list is issued (ghcr.io issues anonymous tokens
 *   that only work for public packages; our repositories are private), so an anonymous pull
 *   fails with the registry's 401. `anonymousPull: true` makes the namespace "public": anonymous
 *   tokens then get pull (never push) under the namespace.
 * - The response is `{token, access_token, expires_in, issued_at}` (ghcr.io sends `token` only;
 *   docker's auth server sends both). Tokens are RS256 JWTs signed with a throw-away key whose
 *   self-signed certificate is the registry's `rootcertbundle`; the JWT header's `kid` is the
 *   libtrust key ID of that key. Note distribution allows 60 s of clock leeway on `exp`, so a
 *   short `tokenTtlSeconds` does NOT make tokens expire quickly: use the fault proxy's
 *   `rejectToken` rule to simulate a token that expires mid-push.
 * - Test helpers (getManifest/listTags/getBlob/adminAuthorization) mint their own tokens
 *   in-process (pull,push,delete on the named repository, any namespace); they do not go through
 *   the token server's HTTP endpoint and are not counted in `tokenServer`.
 *
 * auth 'htpasswd': Basic auth against a bcrypt htpasswd file (one user, cost 4 to keep each
 * request cheap). auth 'none': no auth section; everything is allowed.
 *
 * Usage:
 *   describeWithRegistry('my suite', () => {
 *     const registry = useRegistry({ auth: 'token' }); // beforeAll start, afterAll stop
 *     it('pushes', async () => {
 *       const r = registry();
 *       // client at r.host with { username: r.username, password: r.password }, repo 'lei-org/x'
 *       expect((await r.getManifest('lei-org/x', 'v1')).digest).toBe(...);
 *     });
 *   });
 * Registries are killed when the test process exits, even when it is killed (a small sh watchdog
 * kills the registry when its stdin pipe from this process closes).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash, createPublicKey, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, openSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { refuseInUnitRun } from './unitOnly.js';

type RegistryAuth = 'token' | 'htpasswd' | 'none';

export interface StartRegistryOptions {
  /** default 'token' */
  auth?: RegistryAuth;
  /** token auth: push/pull granted only for repositories under `${namespace}/` (default 'lei-org') */
  namespace?: string;
  /** default 300 */
  tokenTtlSeconds?: number;
  /** token auth: anonymous token requests get pull under the namespace (default false: private) */
  anonymousPull?: boolean;
  /** storage.delete.enabled (default true); false makes manifest DELETE answer 405 UNSUPPORTED */
  deleteEnabled?: boolean;
  /**
   * token auth: how the token server refuses a wrong password. 'unauthorized' (default): 401
   * `{"errors":[{"code":"UNAUTHORIZED",...}]}` as docker's auth servers do; 'ghcr': what ghcr.io
   * answers an expired or wrong token, 403 `{"errors":[{"code":"DENIED","message":"denied"}]}`.
   */
  wrongPassword?: 'unauthorized' | 'ghcr';
}

/** One request to the token server, as recorded (never holds a secret). */
interface TokenRequestRecord {
  /** the Basic username, or undefined for an anonymous request */
  username?: string;
  /** the scopes asked for, as sent */
  scopes: string[];
  /** 200 (token issued) or 401/403/400 */
  status: number;
  /** what the issued token grants */
  granted: { name: string; actions: string[] }[];
}

interface TokenServerStats {
  /** the realm URL */
  url: string;
  /** every request to the realm */
  requests: number;
  /** tokens issued (including anonymous and partially granted ones) */
  issued: number;
  /** requests refused with 401 or 403 (bad credentials) or 400 (bad service) */
  denied: number;
  /** every request, in order */
  log: TokenRequestRecord[];
}

export interface TestRegistry {
  /** '127.0.0.1:PORT' (what a reference uses) */
  host: string;
  auth: RegistryAuth;
  /** token auth: any username works, password = the token; htpasswd: a user in the htpasswd file */
  username: string;
  password: string;
  namespace: string;
  /** filesystem storage root */
  storageDir: string;
  /** the registry's log file (level warn) */
  logFile: string;
  /** token auth only; live counters */
  tokenServer?: TokenServerStats;
  /** Raw manifest for repo:tag or repo@digest, using admin credentials (bypasses the client under test). */
  getManifest(
    repository: string,
    reference: string,
  ): Promise<{ status: number; bytes: Buffer; digest?: string; contentType?: string }>;
  /** Tags of a repository (empty when the repository does not exist). */
  listTags(repository: string): Promise<string[]>;
  /** A blob's bytes (small blobs only); throws when it is not there. */
  getBlob(repository: string, digest: string): Promise<Buffer>;
  /** Upload a small blob with admin credentials (monolithic); returns its digest. */
  putBlob(repository: string, bytes: Buffer): Promise<string>;
  /** PUT a manifest (any media type) under a tag or its digest with admin credentials; returns its digest. */
  putManifest(
    repository: string,
    reference: string,
    mediaType: string,
    bytes: Buffer | string,
  ): Promise<string>;
  /**
   * An Authorization header value for admin use on `repository` (token: a freshly minted Bearer
   * token with `actions` (default 'pull,push,delete') in any namespace; htpasswd: Basic), or
   * undefined for auth 'none'.
   */
  adminAuthorization(repository: string, actions?: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'apt-get install -y docker-registry skopeo';
const SERVICE = 'lei-test-registry';
const ISSUER = 'lei-test-token-issuer';
/** htpasswd fixture: bcrypt (cost 4) of HTPASSWD_PASSWORD; a test credential, not a secret. */
const HTPASSWD_USER = 'lei-user';
const HTPASSWD_PASSWORD = 'lei-htpasswd-password';
const HTPASSWD_HASH = '$2b$04$d1GT9nurf2f5BkvhdB..fOgwcmDbHHh4NRa4jjFAHyUaqfILfkgFW';
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

function findExecutable(envVar: string, name: string): string | undefined {
  const override = process.env[envVar];
  const candidates =
    override !== undefined && override !== ''
      ? [override]
      : (process.env.PATH ?? '')
          .split(delimiter)
          .filter((dir) => dir !== '')
          .map((dir) => join(dir, name))
          .concat([`/usr/bin/${name}`]);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Path to docker-registry (override with LEI_DOCKER_REGISTRY_BIN), or undefined. */
export function registryBinary(): string | undefined {
  return findExecutable('LEI_DOCKER_REGISTRY_BIN', 'docker-registry');
}

/** Path to skopeo (override with LEI_SKOPEO_BIN), or undefined. */
export function skopeoBinary(): string | undefined {
  return findExecutable('LEI_SKOPEO_BIN', 'skopeo');
}

/** A `describe`-like function: describe, describe.skip (tool missing), or a failing suite (tool missing and LEI_REQUIRE_TOOLS=1). */
export type DescribeFn = (name: string, fn: () => void) => void;

function describeWithTool(tool: string, binary: string | undefined): DescribeFn {
  if (process.env.LEI_UNIT_ONLY === '1') {
    return (name) =>
      describe(name, () => {
        it(`needs ${tool}`, () => refuseInUnitRun(`"${name}" needs ${tool}`));
      });
  }
  if (binary !== undefined) return (name, fn) => describe(name, fn);
  const message = `${tool} not installed: ${INSTALL_HINT}`;
  if (process.env.LEI_REQUIRE_TOOLS === '1') {
    return (name) =>
      describe(name, () => {
        it(`requires ${tool}`, () => {
          throw new Error(`${message} (LEI_REQUIRE_TOOLS=1 makes a missing tool a failure)`);
        });
      });
  }
  return (name, fn) => {
    console.warn(`skipping "${name}": ${message}`);
    describe.skip(name, fn);
  };
}

export const describeWithRegistry: DescribeFn = describeWithTool(
  'docker-registry',
  registryBinary(),
);
export const describeWithSkopeo: DescribeFn = describeWithTool('skopeo', skopeoBinary());

/**
 * Start a registry in beforeAll and stop it in afterAll of the current suite; returns a getter
 * (valid inside tests).
 */
export function useRegistry(options: StartRegistryOptions = {}): () => TestRegistry {
  let registry: TestRegistry | undefined;
  beforeAll(async () => {
    registry = await startRegistry(options);
  });
  afterAll(async () => {
    await registry?.stop();
  });
  return () => {
    if (registry === undefined) throw new Error('useRegistry: the registry is not started yet');
    return registry;
  };
}

// ---------------------------------------------------------------------------------------------
// process bookkeeping: children die with us

const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) killGroup(child, 'SIGKILL');
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  });
}

// A test process killed by a signal leaves its temp dir behind (the registry itself dies with
// it). Each dir names its owner; the first start in a process removes dirs of dead owners.
const OWNER_FILE = 'owner.pid';
let sweepStaleDirs: Promise<void> | undefined;

async function sweepStale(ownDir: string): Promise<void> {
  const parent = tmpdir();
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    if (!name.startsWith('lei-registry-') || dir === ownDir) continue;
    try {
      const pid = Number(await readFile(join(dir, OWNER_FILE), 'utf8'));
      if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue;
      await rm(dir, { recursive: true, force: true });
    } catch {
      // no owner file (being created, or not ours): leave it
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// small utilities

/** A free loopback port (listen on 0, close). Racy by nature: callers retry on bind failure. */
export async function freePort(hostAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, hostAddress, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args[0] ?? ''} failed: ${stderr}`, { cause: error }));
      else resolve();
    });
  });
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32NoPad(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** libtrust key ID: sha256(SPKI DER), first 240 bits, base32, ':' every 4 characters. */
export function libtrustKeyId(spkiDer: Buffer): string {
  const encoded = base32NoPad(createHash('sha256').update(spkiDer).digest().subarray(0, 30));
  return encoded.match(/.{1,4}/g)!.join(':');
}

async function tail(file: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// token server

interface Access {
  type: 'repository';
  name: string;
  actions: string[];
}

interface TokenIssuer {
  mint(subject: string, access: Access[], ttlSeconds?: number): string;
}

async function makeTokenIssuer(
  dir: string,
  ttlSeconds: number,
): Promise<TokenIssuer & { certFile: string }> {
  const keyFile = join(dir, 'token-key.pem');
  const certFile = join(dir, 'token-cert.pem');
  const openssl = findExecutable('LEI_OPENSSL_BIN', 'openssl');
  if (openssl === undefined) throw new Error('openssl not found: apt-get install -y openssl');
  await run(openssl, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=lei-test-token',
    '-days',
    '2',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  const privateKey = createPrivateKey(await readFile(keyFile));
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const kid = libtrustKeyId(spki);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
  return {
    certFile,
    mint(subject, access, ttl = ttlSeconds) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: ISSUER,
        sub: subject,
        aud: SERVICE,
        exp: now + ttl,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(16).toString('hex'),
        access,
      };
      const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
      const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKey);
      return `${signingInput}.${base64url(signature)}`;
    },
  };
}

const GRANTABLE = new Set(['pull', 'push', 'delete']);

function parseScope(scope: string): { name: string; actions: string[] } | undefined {
  // repository:NAME:ACTIONS  (NAME may hold ':' only with a port-less registry name; take the last ':')
  if (!scope.startsWith('repository:')) return undefined;
  const rest = scope.slice('repository:'.length);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return undefined;
  return {
    name: rest.slice(0, colon),
    actions: rest
      .slice(colon + 1)
      .split(',')
      .filter((a) => a !== ''),
  };
}

/** Answers with a JSON body and its Content-Length (the token server's and fake servers' replies). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    ...headers,
  });
  res.end(bytes);
}

async function startTokenServer(
  issuer: TokenIssuer,
  opts: {
    password: string;
    namespace: string;
    ttlSeconds: number;
    anonymousPull: boolean;
    wrongPassword: 'unauthorized' | 'ghcr';
  },
): Promise<{ server: Server; stats: TokenServerStats }> {
  const stats: TokenServerStats = { url: '', requests: 0, issued: 0, denied: 0, log: [] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' ').filter((x) => x !== ''));
    const record: TokenRequestRecord = { scopes, status: 0, granted: [] };
    stats.log.push(record);
    const refuse = (status: number, code: string, message: string): void => {
      stats.denied++;
      record.status = status;
      sendJson(res, status, { errors: [{ code, message, detail: null }] });
    };
    if (req.method !== 'GET' || url.pathname !== '/token') {
      refuse(404, 'NOT_FOUND', 'not found');
      return;
    }
    if (url.searchParams.get('service') !== SERVICE) {
      refuse(400, 'UNSUPPORTED', `unknown service ${url.searchParams.get('service') ?? '(none)'}`);
      return;
    }
    const authorization = req.headers.authorization;
    let authenticated = false;
    if (authorization !== undefined) {
      const match = /^Basic\s+(\S+)$/i.exec(authorization);
      const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      if (!match || colon < 0 || decoded.slice(colon + 1) !== opts.password) {
        if (opts.wrongPassword === 'ghcr') refuse(403, 'DENIED', 'denied');
        else refuse(401, 'UNAUTHORIZED', 'authentication required: bad credentials');
        return;
      }
      record.username = decoded.slice(0, colon);
      authenticated = true;
    }
    const access: Access[] = [];
    for (const scope of scopes) {
      const parsed = parseScope(scope);
      if (parsed === undefined) continue; // e.g. registry:catalog:* is never granted
      const inNamespace = parsed.name.startsWith(`${opts.namespace}/`);
      let actions: string[] = [];
      if (inNamespace && authenticated) actions = parsed.actions.filter((a) => GRANTABLE.has(a));
      else if (inNamespace && opts.anonymousPull)
        actions = parsed.actions.filter((a) => a === 'pull');
      access.push({ type: 'repository', name: parsed.name, actions: [...new Set(actions)] });
    }
    record.granted = access.map((a) => ({ name: a.name, actions: a.actions }));
    record.status = 200;
    stats.issued++;
    const token = issuer.mint(record.username ?? '', access);
    sendJson(res, 200, {
      token,
      access_token: token,
      expires_in: opts.ttlSeconds,
      issued_at: new Date().toISOString(),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  stats.url = `http://127.0.0.1:${port}/token`;
  return { server, stats };
}

// ---------------------------------------------------------------------------------------------
// registry process

function registryConfig(opts: {
  port: number;
  storageDir: string;
  authYaml: string;
  deleteEnabled: boolean;
}): string {
  return `version: 0.1
log:
  level: warn
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${JSON.stringify(opts.storageDir)}
  delete:
    enabled: ${opts.deleteEnabled}
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${opts.port}
  secret: ${randomBytes(16).toString('hex')}
health:
  storagedriver:
    enabled: false
${opts.authYaml}`;
}

interface RunningProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

/** Spawn `docker-registry serve config` under a small sh watchdog that kills it when our stdin pipe closes (we die). */
function spawnRegistry(binary: string, configFile: string, logFile: string): RunningProcess {
  const logFd = openSync(logFile, 'a');
  // fd 3 = our pipe. The watchdog subshell kills the registry when the pipe closes (stop(), or
  // this process died); the wrapper exits with the registry's status when the registry exits.
  const script = [
    'exec 3<&0',
    '"$0" serve "$1" </dev/null 3<&- & c=$!',
    '(read _ <&3; kill $c 2>/dev/null) & w=$!',
    'exec 3<&-',
    "trap 'kill $c 2>/dev/null' TERM INT HUP",
    'wait $c; s=$?',
    'kill $w 2>/dev/null',
    'exit $s',
  ].join('\n');
  const child = spawn('sh', ['-c', script, binary, configFile], {
    stdio: ['pipe', logFd, logFd],
    detached: true,
  });
  closeSync(logFd);
  liveChildren.add(child);
  installExitHook();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveChildren.delete(child);
      resolve();
    });
    child.once('error', () => {
      liveChildren.delete(child);
      resolve();
    });
  });
  child.unref();
  child.stdin?.on('error', () => undefined);
  // Don't let our end of the pipe keep the event loop alive.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return { child, exited };
}

async function stopProcess(proc: RunningProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.stdin?.end();
  const timedOut = await Promise.race([
    proc.exited.then(() => false),
    sleep(5000).then(() => true),
  ]);
  // The wrapper waits for the registry, so its exit means the registry is gone too.
  if (timedOut) {
    killGroup(proc.child, 'SIGKILL');
    await proc.exited;
  }
}

async function waitUntilUp(
  host: string,
  proc: RunningProcess,
  timeoutMs: number,
): Promise<'up' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) return 'exited';
    try {
      const res = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return 'up';
    } catch {
      // not listening yet
    }
    await sleep(40);
  }
  return 'timeout';
}

export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  refuseInUnitRun('This test starts a docker-registry');
  const binary = registryBinary();
  if (binary === undefined) throw new Error(`docker-registry not installed: ${INSTALL_HINT}`);
  const auth = options.auth ?? 'token';
  const namespace = options.namespace ?? 'lei-org';
  const ttlSeconds = options.tokenTtlSeconds ?? 300;
  const dir = await mkdtemp(join(tmpdir(), 'lei-registry-'));
  const storageDir = join(dir, 'storage');
  const logFile = join(dir, 'registry.log');
  const configFile = join(dir, 'config.yml');
  liveDirs.add(dir);
  installExitHook();
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
  sweepStaleDirs ??= sweepStale(dir);

  let tokenServer: Server | undefined;
  let issuer: TokenIssuer | undefined;
  let stats: TokenServerStats | undefined;
  let username: string;
  let password: string;
  let authYaml = '';
  try {
    if (auth === 'token') {
      username = 'lei-test-user';
      password = `ghs_${randomBytes(18).toString('base64url')}`;
      const made = await makeTokenIssuer(dir, ttlSeconds);
      issuer = made;
      const started = await startTokenServer(made, {
        password,
        namespace,
        ttlSeconds,
        anonymousPull: options.anonymousPull ?? false,
        wrongPassword: options.wrongPassword ?? 'unauthorized',
      });
      tokenServer = started.server;
      stats = started.stats;
      authYaml = `auth:
  token:
    realm: ${stats.url}
    service: ${SERVICE}
    issuer: ${ISSUER}
    rootcertbundle: ${JSON.stringify(made.certFile)}
`;
    } else if (auth === 'htpasswd') {
      username = HTPASSWD_USER;
      password = HTPASSWD_PASSWORD;
      const htpasswdFile = join(dir, 'htpasswd');
      await writeFile(htpasswdFile, `${HTPASSWD_USER}:${HTPASSWD_HASH}\n`);
      authYaml = `auth:
  htpasswd:
    realm: lei-test-registry
    path: ${JSON.stringify(htpasswdFile)}
`;
    } else {
      username = '';
      password = '';
    }

    let proc: RunningProcess | undefined;
    let host = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      host = `127.0.0.1:${port}`;
      await writeFile(
        configFile,
        registryConfig({
          port,
          storageDir,
          authYaml,
          deleteEnabled: options.deleteEnabled ?? true,
        }),
      );
      await writeFile(logFile, '');
      proc = spawnRegistry(binary, configFile, logFile);
      const state = await waitUntilUp(host, proc, 15_000);
      if (state === 'up') break;
      await stopProcess(proc);
      const logTail = await tail(logFile);
      if (state === 'exited' && /address already in use/i.test(logTail) && attempt < 5) continue;
      throw new Error(`docker-registry did not start on ${host} (${state}); log tail:\n${logTail}`);
    }
    const running = proc;
    const finalHost = host;

    const adminAuthorization = async (
      repository: string,
      actions = 'pull,push,delete',
    ): Promise<string | undefined> => {
      if (auth === 'token') {
        const token = issuer!.mint('lei-admin', [
          { type: 'repository', name: repository, actions: actions.split(',') },
        ]);
        return `Bearer ${token}`;
      }
      if (auth === 'htpasswd') {
        return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      }
      return undefined;
    };
    const adminFetch = async (
      repository: string,
      path: string,
      init: RequestInit = {},
    ): Promise<Response> => {
      const authorization = await adminAuthorization(repository);
      const headers = new Headers(init.headers);
      if (authorization !== undefined) headers.set('authorization', authorization);
      return fetch(`http://${finalHost}/v2/${repository}/${path}`, { ...init, headers });
    };

    let stopped = false;
    const registry: TestRegistry = {
      host: finalHost,
      auth,
      username,
      password,
      namespace,
      storageDir,
      logFile,
      ...(stats !== undefined ? { tokenServer: stats } : {}),
      async getManifest(repository, reference) {
        const res = await adminFetch(repository, `manifests/${reference}`, {
          headers: { accept: MANIFEST_ACCEPT },
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        const digest = res.headers.get('docker-content-digest') ?? undefined;
        const contentType = res.headers.get('content-type') ?? undefined;
        return {
          status: res.status,
          bytes,
          ...(digest !== undefined ? { digest } : {}),
          ...(contentType !== undefined ? { contentType } : {}),
        };
      },
      async listTags(repository) {
        const res = await adminFetch(repository, 'tags/list');
        const text = await res.text();
        if (res.status === 404) return [];
        if (res.status !== 200) {
          throw new Error(`listTags ${repository}: HTTP ${res.status}: ${text}`);
        }
        const body = JSON.parse(text) as { tags?: string[] | null };
        return body.tags ?? [];
      },
      async getBlob(repository, digest) {
        const res = await adminFetch(repository, `blobs/${digest}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200) {
          throw new Error(
            `getBlob ${repository}@${digest}: HTTP ${res.status}: ${bytes.toString()}`,
          );
        }
        return bytes;
      },
      async putManifest(repository, reference, mediaType, bytes) {
        const body = Buffer.from(bytes);
        const res = await adminFetch(repository, `manifests/${reference}`, {
          method: 'PUT',
          headers: { 'content-type': mediaType },
          body,
        });
        const text = await res.text();
        if (res.status !== 201) {
          throw new Error(`putManifest ${repository}:${reference}: HTTP ${res.status}: ${text}`);
        }
        return `sha256:${createHash('sha256').update(body).digest('hex')}`;
      },
      async putBlob(repository, bytes) {
        const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
        const post = await adminFetch(repository, 'blobs/uploads/', { method: 'POST' });
        await post.arrayBuffer();
        const location = post.headers.get('location');
        if (post.status !== 202 || location === null) {
          throw new Error(`putBlob ${repository}: POST answered HTTP ${post.status}`);
        }
        const url = new URL(location, `http://${finalHost}/`);
        url.searchParams.set('digest', digest);
        const authorization = await adminAuthorization(repository);
        const put = await fetch(url, {
          method: 'PUT',
          headers: {
            'content-type': 'application/octet-stream',
            ...(authorization !== undefined ? { authorization } : {}),
          },
          body: bytes,
        });
        const text = await put.text();
        if (put.status !== 201)
          throw new Error(`putBlob ${repository}: PUT answered HTTP ${put.status}: ${text}`);
        return digest;
      },
      adminAuthorization,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopProcess(running);
        if (tokenServer) await closeServer(tokenServer);
        await rm(dir, { recursive: true, force: true });
        liveDirs.delete(dir);
      },
    };
    return registry;
  } catch (error) {
    if (tokenServer) await closeServer(tokenServer);
    await rm(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
    throw error;
  }
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
