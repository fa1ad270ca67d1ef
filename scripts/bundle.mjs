// Bundles the three action entries with @vercel/ncc into the committed dist/:
//   src/main.ts  -> dist/main/index.js   (the push action, action.yml)
//   src/pull.ts  -> dist/pull/index.js   (the pull action, pull/action.yml)
//   src/prune.ts -> dist/prune/index.js  (the prune action, prune/action.yml)
// Each directory also gets licenses.txt (the bundled packages' licenses) and package.json
// ({"type":"module"}: ncc emits ES module syntax for this ESM project). No source maps, no
// timestamps: the same sources give byte-identical output, so CI can check dist/ is fresh.
//
// undici is left out: @actions/http-client 4 imports its ProxyAgent at the top level (and
// @actions/core 3 imports @actions/http-client), but only HttpClient.getAgentDispatcher uses it,
// which this action never calls (src/registry uses getAgent, Node's agent with `tunnel` for
// proxies). Bundled, it cost every run ~9 MB of memory, ~0.1 s of start-up and 0.9 MB of
// bundle. Each directory gets undici-stub.js instead, which fails loudly if it is ever used.
//
// The prune bundle keeps undici: @actions/github's Octokit sends every request through undici's
// fetch (with its ProxyAgent when HTTPS_PROXY is set), so there it is not dead weight.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const UNDICI_STUB = `// Stands in for undici, which scripts/bundle.mjs leaves out of this bundle: nothing in this
// action uses it (see the comment there). If this error shows, something started to.
export class ProxyAgent {
  constructor() {
    throw new Error('lei-cache-action: undici is not bundled (see scripts/bundle.mjs)');
  }
}
`;
const entries = [
  { name: 'main', source: 'src/main.ts' },
  { name: 'pull', source: 'src/pull.ts' },
  { name: 'prune', source: 'src/prune.ts', undici: true },
];

async function bundle({ name, source, undici = false }) {
  const started = Date.now();
  const { code, assets } = await ncc(path.join(root, source), {
    license: 'licenses.txt',
    sourceMap: false,
    minify: false,
    quiet: true,
    cache: false,
    externals: undici ? {} : { undici: './undici-stub.js' },
  });
  // The stub only has ProxyAgent: any other undici export the bundle reaches for fails the build.
  const used = new Set(
    [...code.matchAll(/__WEBPACK_EXTERNAL_MODULE__undici_stub_js_\w+?__\.(\w+)/g)].map((m) => m[1]),
  );
  used.delete('ProxyAgent');
  if (used.size > 0)
    throw new Error(`the bundle uses undici's ${[...used].join(', ')}: bundle undici again`);
  const outDir = path.join(dist, name);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const files = { 'index.js': code, ...(undici ? {} : { 'undici-stub.js': UNDICI_STUB }) };
  for (const [asset, { source: content }] of Object.entries(assets ?? {})) files[asset] = content;
  files['package.json'] = `${JSON.stringify({ type: 'module' })}\n`;
  for (const [file, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const target = path.join(outDir, file);
    if (!target.startsWith(outDir + path.sep))
      throw new Error(`ncc asset escapes ${outDir}: ${file}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const kb = Math.round(Buffer.byteLength(code) / 1024);
  console.log(
    `dist/${name}/index.js  ${kb} kB  (${Object.keys(files).length} files, ${Date.now() - started} ms)`,
  );
}

await mkdir(dist, { recursive: true });
// Anything in dist/ that is not one of our entries is stale.
for (const entry of await readdir(dist)) {
  if (!entries.some((e) => e.name === entry))
    await rm(path.join(dist, entry), { recursive: true, force: true });
}
for (const entry of entries) {
  try {
    await bundle(entry);
  } catch (error) {
    // ncc's errors carry a huge minified stack; the message (e.g. the TypeScript errors) is what helps.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`ncc could not bundle ${entry.source}:\n${message.slice(0, 8000)}`);
    process.exit(1);
  }
}
