/**
 * A local stand-in for the part of GitHub's REST API the prune action uses (GitHub's service
 * cannot run here), built from GitHub's REST documentation ("REST API endpoints for packages",
 * "Using pagination in the REST API", "Rate limits for the REST API"):
 *
 * - `GET /users/{username}`: `{login, id, type: "User" | "Organization"}`; 404
 *   `{"message":"Not Found","documentation_url":...,"status":"404"}` for an unknown owner.
 * - `GET /{orgs|users}/{owner}/packages/container/{package_name}/versions?per_page=&page=`:
 *   package version objects (`id`, `name` = the manifest digest, `url`, `package_html_url`,
 *   `created_at`, `updated_at`, `html_url`, `metadata: {package_type: "container", container:
 *   {tags}}`), newest first, `per_page` default 30 and at most 100, and a `Link` header with
 *   `rel="next"`, `"last"`, `"first"`, `"prev"` as GitHub sends it. The wrong owner kind (orgs
 *   for a user and the reverse) or an unknown package answers 404 "Package not found.".
 * - `DELETE .../versions/{package_version_id}`: 204; GitHub's refusals: 400 "Publicly visible
 *   package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for
 *   further assistance." (versions marked `popular`), 400 "You cannot delete the last tagged
 *   version of a package. You must delete the package instead." (the only tagged version left),
 *   and, when the workflow's repository has no Admin role on the package (`admin: false`), 403
 *   "Permission denied." or 404 "Package not found." (GitHub answers either; `denyStatus`).
 * - Every request needs `Authorization: token <token>` (or `Bearer <token>`); anything else
 *   answers 401 "Bad credentials". Requests are recorded (method, path, whether the token came).
 * - Faults, one request each, as GitHub sends them: `fail5xx` (502 with an HTML body),
 *   `secondaryRateLimit` (403 "You have exceeded a secondary rate limit..." with
 *   `retry-after: 0`), `crossOriginLink` (a next link to another host).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendJson } from './registry.js';

export interface StandInVersion {
  id: number;
  /** the manifest digest */
  name: string;
  tags: string[];
  /** a public version with more than 5,000 downloads: GitHub refuses to delete it */
  popular?: boolean;
}

export interface StandInPackage {
  owner: string;
  ownerType: 'User' | 'Organization';
  /** e.g. `lei-cache` or `lei-cache/nightly` */
  name: string;
  versions: StandInVersion[];
  /** the workflow's repository has the Admin role on the package (default true) */
  admin?: boolean;
  /** status GitHub answers without Admin (default 403) */
  denyStatus?: 403 | 404;
}

interface StandInRequest {
  method: string;
  /** path and query as sent */
  url: string;
  authorized: boolean;
  status: number;
}

export interface GitHubApiStandIn {
  /** `http://127.0.0.1:PORT` (what GITHUB_API_URL is set to) */
  url: string;
  token: string;
  packages: StandInPackage[];
  requests: StandInRequest[];
  /** Faults for the next matching requests (each fires once). */
  faults: { fail5xx: number; secondaryRateLimit: number; crossOriginLink: boolean };
  /** Versions deleted, by id, in order. */
  deletedIds: number[];
  stop(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/packages/packages';

function notFound(res: ServerResponse, message = 'Not Found'): void {
  sendJson(res, 404, { message, documentation_url: DOCS, status: '404' });
}

function versionObject(
  base: string,
  pkg: StandInPackage,
  kind: string,
  v: StandInVersion,
  index: number,
): unknown {
  const created = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
  const pkgPath = encodeURIComponent(pkg.name);
  return {
    id: v.id,
    name: v.name,
    url: `${base}/${kind}/${pkg.owner}/packages/container/${pkgPath}/versions/${v.id}`,
    package_html_url: `https://github.com/${kind}/${pkg.owner}/packages/container/package/${pkgPath}`,
    created_at: created,
    updated_at: created,
    html_url: `https://github.com/${kind}/${pkg.owner}/packages/container/${pkgPath}/${v.id}`,
    metadata: { package_type: 'container', container: { tags: [...v.tags] } },
  };
}

export async function startGitHubApiStandIn(options: {
  token: string;
  packages: StandInPackage[];
}): Promise<GitHubApiStandIn> {
  const state: Omit<GitHubApiStandIn, 'url' | 'stop'> = {
    token: options.token,
    packages: options.packages,
    requests: [],
    faults: { fail5xx: 0, secondaryRateLimit: 0, crossOriginLink: false },
    deletedIds: [],
  };
  let base = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const authorization = req.headers.authorization ?? '';
    const authorized =
      authorization === `token ${state.token}` || authorization === `Bearer ${state.token}`;
    const record: StandInRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      authorized,
      status: 0,
    };
    state.requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    req.resume();
    if (!authorized) {
      sendJson(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    if (state.faults.fail5xx > 0) {
      state.faults.fail5xx--;
      const body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    if (state.faults.secondaryRateLimit > 0) {
      state.faults.secondaryRateLimit--;
      sendJson(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
        { 'retry-after': '0' },
      );
      return;
    }
    const user = /^\/users\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && user) {
      const login = decodeURIComponent(user[1] ?? '');
      const pkg = state.packages.find((p) => p.owner.toLowerCase() === login.toLowerCase());
      if (!pkg) return notFound(res);
      sendJson(res, 200, {
        login: pkg.owner,
        id: 1000 + state.packages.indexOf(pkg),
        type: pkg.ownerType,
        site_admin: false,
      });
      return;
    }
    const versions =
      /^\/(orgs|users)\/([^/]+)\/packages\/container\/([^/]+)\/versions(?:\/(\d+))?$/.exec(
        url.pathname,
      );
    if (!versions) return notFound(res);
    const [, kind, owner, encodedName, id] = versions;
    const name = decodeURIComponent(encodedName ?? '');
    const pkg = state.packages.find(
      (p) =>
        p.owner.toLowerCase() === (owner ?? '').toLowerCase() &&
        p.name === name &&
        (p.ownerType === 'Organization') === (kind === 'orgs'),
    );
    if (!pkg) return notFound(res, 'Package not found.');
    if (req.method === 'GET' && id === undefined) {
      const perPage = Math.min(
        100,
        Math.max(1, Number(url.searchParams.get('per_page') ?? '30') || 30),
      );
      const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
      const all = [...pkg.versions].reverse(); // newest first, as GitHub lists them
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const link = (p: number): string => {
        const u = new URL(url.href);
        u.searchParams.set('per_page', String(perPage));
        u.searchParams.set('page', String(p));
        return state.faults.crossOriginLink && p === page + 1
          ? `http://attacker.invalid${u.pathname}${u.search}`
          : u.href;
      };
      const links: string[] = [];
      if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
      if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
      sendJson(
        res,
        200,
        slice.map((v) => versionObject(base, pkg, kind ?? 'orgs', v, pkg.versions.indexOf(v))),
        links.length > 0 ? { link: links.join(', ') } : {},
      );
      return;
    }
    const version = pkg.versions.find((v) => String(v.id) === id);
    if (req.method === 'DELETE' && id !== undefined) {
      if (pkg.admin === false) {
        if ((pkg.denyStatus ?? 403) === 404) return notFound(res, 'Package not found.');
        sendJson(res, 403, {
          message: 'Permission denied.',
          documentation_url: DOCS,
          status: '403',
        });
        return;
      }
      if (!version) return notFound(res, 'Package version not found.');
      if (version.popular) {
        sendJson(res, 400, {
          message:
            'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.',
          documentation_url: DOCS,
          status: '400',
        });
        return;
      }
      if (version.tags.length > 0 && pkg.versions.filter((v) => v.tags.length > 0).length === 1) {
        sendJson(res, 400, {
          message:
            'You cannot delete the last tagged version of a package. You must delete the package instead.',
          documentation_url: DOCS,
          status: '400',
        });
        return;
      }
      pkg.versions = pkg.versions.filter((v) => v !== version);
      state.deletedIds.push(version.id);
      res.writeHead(204);
      res.end();
      return;
    }
    notFound(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return Object.assign(state, {
    url: base,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/**
 * ghcr.io's registry side as far as the ghcr.io prune backend reads it (its `openRegistry`):
 * each referrers index in `members` as an OCI image index listing those digests; any other
 * digest fails to read, as an index the registry cannot serve.
 */
export function referrersIndexes(members: Record<string, string[]>): {
  repository(): { fetchIndex(digest: string): Promise<Buffer> };
  close(): void;
} {
  const fetchIndex = async (digest: string): Promise<Buffer> => {
    const list = members[digest];
    if (list === undefined) throw new Error(`no index ${digest}`);
    const manifests = list.map((d) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d,
      size: 1,
    }));
    const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json' };
    return Buffer.from(JSON.stringify({ ...index, manifests }));
  };
  return { repository: () => ({ fetchIndex }), close: () => undefined };
}
