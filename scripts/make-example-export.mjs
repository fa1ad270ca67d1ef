#!/usr/bin/env node
// Writes examples/export/: a small but realistic LowEndInsight cache export (manifest.json and
// cache.jsonl.gz) of a dozen analysis reports, in the exact form LEI's exporter writes
// (`Lei.Cache.Exporter`, LEI 0.9): one gzip member at level 6 (`:zlib.gzip/1`), and content_hash
// the lowercase hex SHA-256 of the reports' encodings concatenated (no prefix, no newlines).
// Deterministic: no clock, no randomness, and
// zlib.gzipSync writes mtime 0, so running it again gives the same bytes (with the same zlib).
//
//   node scripts/make-example-export.mjs [outDir]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..', 'examples', 'export');

const LEI_VERSION = '0.9.1';
const CREATED = '2026-11-22T03:14:07Z';
const DATE = '2026-11-22';

// [owner/name, default branch, project types, contributors, weeks since last commit,
//  functional contributors, large recent commit %, has sbom]
const REPOS = [
  ['phoenixframework/phoenix', 'main', { mix: ['mix.exs'] }, 412, 0, 9, 0.4, false],
  ['elixir-lang/elixir', 'main', { mix: ['mix.exs'] }, 1389, 0, 14, 0.2, true],
  ['expressjs/express', 'master', { npm: ['package.json'] }, 338, 2, 4, 1.1, false],
  ['lodash/lodash', 'main', { npm: ['package.json'] }, 341, 9, 2, 12.6, false],
  ['left-pad/left-pad', 'master', { npm: ['package.json'] }, 11, 412, 1, 0.0, false],
  ['psf/requests', 'main', { pip: ['setup.py', 'requirements-dev.txt'] }, 751, 1, 5, 0.9, false],
  ['pallets/flask', 'main', { pip: ['pyproject.toml'] }, 843, 0, 6, 0.6, true],
  ['kennethreitz/records', 'master', { pip: ['setup.py'] }, 48, 236, 1, 0.0, false],
  ['rails/rails', 'main', { gem: ['Gemfile', 'rails.gemspec'] }, 6812, 0, 31, 0.1, true],
  ['sinatra/sinatra', 'main', { gem: ['Gemfile', 'sinatra.gemspec'] }, 388, 5, 3, 2.3, false],
  ['spf13/cobra', 'main', { go: ['go.mod'] }, 296, 3, 3, 1.7, false],
  ['gorilla/mux', 'main', { go: ['go.mod'] }, 112, 61, 1, 28.4, false],
];

const CONFIG = {
  critical_contributor_level: 2,
  high_contributor_level: 3,
  medium_contributor_level: 5,
  critical_currency_level: 104,
  high_currency_level: 52,
  medium_currency_level: 26,
  critical_large_commit_level: 0.3,
  high_large_commit_level: 0.15,
  medium_large_commit_level: 0.05,
  critical_functional_contributors_level: 2,
  high_functional_contributors_level: 3,
  medium_functional_contributors_level: 5,
};

const RANK = ['low', 'medium', 'high', 'critical'];
const worst = (...risks) => RANK[Math.max(...risks.map((r) => RANK.indexOf(r)))];
const levelBelow = (v, c, h, m) => (v < c ? 'critical' : v < h ? 'high' : v < m ? 'medium' : 'low');
const levelAbove = (v, c, h, m) =>
  v >= c ? 'critical' : v >= h ? 'high' : v >= m ? 'medium' : 'low';
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const hex = (s, n) => createHash('sha256').update(s).digest('hex').slice(0, n);
const uuid = (s) => {
  const h = hex(`uuid:${s}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jun'];
const LAST = ['Silva', 'Okafor', 'Li', 'Novak', 'Haddad', 'Kim', 'Rossi', 'Sato', 'Berg', 'Diaz'];

const start = Date.parse('2026-11-22T02:51:12Z');
const lines = REPOS.map(
  ([slug, branch, types, contributors, weeks, functional, largePct, sbom], i) => {
    const url = `https://github.com/${slug}`;
    const t0 = start + i * 97_000;
    const duration = 41 + ((i * 17) % 53);
    const top10 = Array.from({ length: Math.min(10, contributors) }, (_, k) => {
      const name = `${FIRST[(i + k) % 10]} ${LAST[(i * 3 + k) % 10]}`;
      return {
        name,
        email: `${name.toLowerCase().replace(' ', '.')}@users.noreply.github.com`,
        contributions: Math.max(1, Math.round(2400 / (k + 1) / (1 + (i % 4)))),
        merges: Math.round(40 / (k + 1)),
      };
    });
    const contributorRisk = levelBelow(contributors, 2, 3, 5);
    const currencyRisk = levelAbove(weeks, 104, 52, 26);
    const functionalRisk = levelBelow(functional, 2, 3, 5);
    const largeRisk = levelAbove(largePct / 100, 0.3, 0.15, 0.05);
    const sbomRisk = sbom ? 'low' : 'medium';
    const report = {
      header: {
        repo: url,
        uuid: uuid(url),
        start_time: iso(t0),
        end_time: iso(t0 + duration * 1000),
        duration,
        library_version: LEI_VERSION,
        source_client: 'lei_cache_export',
      },
      data: {
        repo: url,
        git: { hash: hex(`commit:${url}`, 40), default_branch: branch },
        project_types: types,
        risk: worst(contributorRisk, currencyRisk, functionalRisk, largeRisk, sbomRisk),
        results: {
          contributor_count: contributors,
          contributor_risk: contributorRisk,
          commit_currency_weeks: weeks,
          commit_currency_risk: currencyRisk,
          functional_contributors: functional,
          functional_contributor_names: top10.slice(0, functional).map((c) => c.name),
          functional_contributors_risk: functionalRisk,
          large_recent_commit_risk: largeRisk,
          recent_commit_size_in_percent_of_codebase: largePct,
          top10_contributors: top10,
          has_sbom: sbom,
          sbom_risk: sbomRisk,
        },
        config: CONFIG,
      },
    };
    return JSON.stringify(report);
  },
);

const raw = Buffer.from(lines.join('\n') + '\n', 'utf8');
const gz = gzipSync(raw, { level: 6 });
const manifest = {
  format_version: '1.0',
  lei_version: LEI_VERSION,
  created: CREATED,
  date: DATE,
  entry_count: lines.length,
  repos: REPOS.map(([slug]) => `https://github.com/${slug}`),
  raw_size: raw.length,
  compressed_size: gz.length,
  content_hash: createHash('sha256').update(lines.join('')).digest('hex'),
};

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'cache.jsonl.gz'), gz);
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `wrote ${outDir}: ${lines.length} reports, ${raw.length} bytes raw, ${gz.length} gzipped`,
);
