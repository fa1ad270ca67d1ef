// One version truth: CHANGELOG.md says what is released (its dated `## [X.Y.Z] - date` sections)
// and what is not yet (`## [Unreleased]`); package.json and package-lock.json carry the newest
// release's version, 0.0.0 before the first; README.md and CHANGELOG.md carry a "not released
// yet" note between <!-- prerelease-note --> markers exactly while nothing is released.
// scripts/release.ts moves them together (release.integration.test.ts); this checks that the
// committed files agree.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): Promise<string> => readFile(path.join(root, file), 'utf8');
const NOTE = /<!-- prerelease-note -->[\s\S]*?<!-- \/prerelease-note -->/;

/** The released versions, newest first (keep-a-changelog order). */
async function released(): Promise<string[]> {
  const changelog = await read('CHANGELOG.md');
  return [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}\s*$/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('versions: package.json, CHANGELOG.md and README.md agree', () => {
  it('CHANGELOG.md has an [Unreleased] section first, and every version heading is dated', async () => {
    const headings = (await read('CHANGELOG.md')).split('\n').filter((l) => l.startsWith('## '));
    expect(headings[0]).toBe('## [Unreleased]');
    // an undated `## [1.0.0]` claims a release that did not happen: keep changes under Unreleased
    expect(
      headings.slice(1).filter((h) => !/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/.test(h)),
    ).toEqual([]);
  });

  it('package.json and package-lock.json carry the newest release (0.0.0 before the first)', async () => {
    const expected = (await released())[0] ?? '0.0.0';
    const pkg = JSON.parse(await read('package.json')) as { version: string };
    const lock = JSON.parse(await read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version?: string }>;
    };
    expect([pkg.version, lock.version, lock.packages['']?.version]).toEqual([
      expected,
      expected,
      expected,
    ]);
  });

  it('README.md and CHANGELOG.md say "not released yet" exactly while nothing is released', async () => {
    const none = (await released()).length === 0;
    for (const file of ['README.md', 'CHANGELOG.md']) {
      expect({ file, note: NOTE.test(await read(file)) }).toEqual({ file, note: none });
    }
    if (none) {
      // the note names the first release, whose major tag is the one the README's examples use
      const readme = await read('README.md');
      const major = /uses: [\w.-]+\/lei-cache-action@v(\d+)\b/.exec(readme)?.[1];
      expect(major).toBeDefined();
      expect(NOTE.exec(readme)?.[0]).toContain(`v${major}.0.0`);
      expect(NOTE.exec(await read('CHANGELOG.md'))?.[0]).toContain(`${major}.0.0`);
    }
  });
});
