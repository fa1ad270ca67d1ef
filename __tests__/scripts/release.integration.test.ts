// scripts/release.ts (`npm run release -- <version> [--dry-run]`), run as a user runs it, in a
// temporary clone of this repository: never in the repository itself, whose tags these tests
// must not touch (checked at the end). The clone's `origin` is an empty bare repository, so a
// push, if the script ever made one, would show there.
//
// The clone gets node_modules as hard links to this repository's (a copy where hard links are
// not possible): a symlink would make ncc number the bundled modules by a different path, so a
// fresh bundle would never equal the committed dist/. Two tests run the real `npm run bundle`
// (stale dist/, dry run); the others set RELEASE_BUNDLE_COMMAND to a no-op, because the bundle
// is not what they test and each real bundle takes several seconds on a busy machine.
import { execFile, execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const script = path.join(root, 'scripts', 'release.ts');
const NO_BUNDLE = { RELEASE_BUNDLE_COMMAND: 'true' };
/** Generous: a real bundle takes seconds alone and much longer on a machine shared with others. */
const BUNDLE_TIMEOUT = 300_000;

const CHANGELOG_100 = `# Changelog

All notable changes to this project are documented in this file.

## [Unreleased]

## [1.0.0] - 2026-11-28

### Added

- The push action packages an export and pushes it.
- The pull action restores a snapshot, verified.

[Unreleased]: https://example.invalid/compare/v1.0.0...HEAD
[1.0.0]: https://example.invalid/releases/tag/v1.0.0
`;

// Without the variables git sets for hooks (GIT_DIR, GIT_INDEX_FILE, ...), which would point every
// git command here at the repository that runs the tests instead of the clone.
const cleanEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !name.startsWith('GIT_') && name !== 'RELEASE_BUNDLE_COMMAND',
  ),
);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: cleanEnv }).trim();
}

function release(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...cleanEnv, ...env };
    execFile(
      tsx,
      [script, ...args],
      { cwd, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let work: string;
let rootTagsBefore: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'lei-release-'));
  rootTagsBefore = git(root, 'for-each-ref', 'refs/tags');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let clones = 0;
/** A clone of this repository's HEAD on branch main, with CHANGELOG_100 committed. */
async function cloneRepo(): Promise<{ dir: string; remote: string }> {
  clones += 1;
  const dir = path.join(work, `clone-${clones}`);
  const remote = path.join(work, `remote-${clones}.git`);
  git(work, 'init', '-q', '--bare', remote);
  git(work, 'clone', '-q', '--no-tags', root, dir);
  git(dir, 'checkout', '-q', '-B', 'main', git(root, 'rev-parse', 'HEAD'));
  git(dir, 'remote', 'set-url', 'origin', remote);
  git(dir, 'config', 'user.name', 'Release Test');
  git(dir, 'config', 'user.email', 'release-test@example.invalid');
  git(dir, 'config', 'tag.gpgSign', 'false');
  git(dir, 'config', 'commit.gpgSign', 'false');
  // The trailing slash copies what a node_modules symlink (a git worktree's) points at, not the
  // link itself, which ncc would see through to another path.
  const modules = `${path.join(root, 'node_modules')}/`;
  try {
    execFileSync('cp', ['-al', modules, path.join(dir, 'node_modules')]);
  } catch {
    await rm(path.join(dir, 'node_modules'), { recursive: true, force: true });
    execFileSync('cp', ['-a', modules, path.join(dir, 'node_modules')]);
  }
  // The state the tests start from, whatever this repository's own files say today: nothing
  // released (version 0.0.0), a README without a "not released yet" note, CHANGELOG_100.
  await writeFile(path.join(dir, 'CHANGELOG.md'), CHANGELOG_100);
  await writeFile(path.join(dir, 'README.md'), '# lei-cache-action\n');
  for (const file of ['package.json', 'package-lock.json']) {
    const data = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    data.version = '0.0.0';
    if (data.packages?.['']) data.packages[''].version = '0.0.0';
    await writeFile(path.join(dir, file), `${JSON.stringify(data, null, 2)}\n`);
  }
  git(dir, 'add', 'CHANGELOG.md', 'README.md', 'package.json', 'package-lock.json');
  git(dir, 'commit', '-q', '-m', 'changelog for 1.0.0');
  return { dir, remote };
}

/** Everything a release could change: commits, refs, the tree, the version files. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    refs: git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
    status: git(dir, 'status', '--porcelain', '--untracked-files=all'),
    packageJson: await readFile(path.join(dir, 'package.json'), 'utf8'),
    packageLock: await readFile(path.join(dir, 'package-lock.json'), 'utf8'),
    dist: git(dir, 'ls-files', '-s', '--', 'dist'),
  };
}

function tagsOf(dir: string): string[] {
  return git(dir, 'tag', '--list').split('\n').filter(Boolean);
}

describe('npm run release', () => {
  it('refuses a dirty tree (changed or untracked files) and changes nothing', async () => {
    const { dir } = await cloneRepo();
    await appendFile(path.join(dir, 'README.md'), '\nedited\n');
    await writeFile(path.join(dir, 'notes.txt'), 'scratch\n');
    const before = await snapshot(dir);
    const result = await release(dir, ['1.0.0'], NO_BUNDLE);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('release: refusing to release 1.0.0:');
    expect(result.stderr).toContain('the working tree is not clean');
    expect(result.stderr).toContain(' M README.md');
    expect(result.stderr).toContain('?? notes.txt');
    expect(result.stderr).toContain('Nothing was changed.');
    expect(result.stdout).not.toContain('(dist/ must not change)'); // refused before bundling
    expect(await snapshot(dir)).toEqual(before);
  });

  it(
    'refuses a dist/ that differs from a fresh `npm run bundle`, and puts dist/ back',
    async () => {
      const { dir } = await cloneRepo();
      // A source change committed without rebuilding dist/: what the check is for. (A statement
      // in the push action's entry, so it lands in dist/main/index.js whatever the refactors.)
      await appendFile(
        path.join(dir, 'src', 'main.ts'),
        "\n// committed without npm run bundle\nconsole.log('not in dist/ yet');\n",
      );
      git(dir, 'commit', '-q', '-am', 'change a message, forget dist/');
      const before = await snapshot(dir);
      const result = await release(dir, ['1.0.0']); // the real default: npm run bundle
      expect(result.stdout).toContain('> npm run bundle');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "dist/ differs from a fresh bundle ('npm run bundle'); run it and commit dist/ first",
      );
      expect(result.stderr).toContain(' M dist/main/index.js');
      expect(await snapshot(dir)).toEqual(before);
      expect(tagsOf(dir)).toEqual([]);
    },
    BUNDLE_TIMEOUT,
  );

  it('refuses when the bundle command fails, and puts back what it half-wrote in dist/', async () => {
    const { dir } = await cloneRepo();
    const before = await snapshot(dir);
    const result = await release(dir, ['1.0.0'], {
      RELEASE_BUNDLE_COMMAND:
        'echo half > dist/main/index.js && echo new > dist/extra.js && exit 3',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "'echo half > dist/main/index.js && echo new > dist/extra.js && exit 3' failed (exit code 3), so dist/ could not be checked.",
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(tagsOf(dir)).toEqual([]);
  });

  it('refuses a version that is not greater than the last release tag, or not a version', async () => {
    const { dir } = await cloneRepo();
    git(dir, 'tag', '-a', 'v1.2.0', '-m', 'an earlier release');
    const before = await snapshot(dir);
    for (const version of ['1.2.0', '1.1.9', '0.9.0']) {
      const result = await release(dir, [version], NO_BUNDLE);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `version ${version} is not greater than the last release tag v1.2.0: give a version after 1.2.0.`,
      );
    }
    for (const bad of ['1.0', '1.0.0-rc.1', 'latest']) {
      const result = await release(dir, [bad], NO_BUNDLE);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`release: '${bad}' is not a version: give MAJOR.MINOR.PATCH`);
    }
    const usage = await release(dir, [], NO_BUNDLE);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run release -- <version> [--dry-run]');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a version without a CHANGELOG.md section, or with an empty one', async () => {
    const { dir } = await cloneRepo();
    const before = await snapshot(dir);
    const missing = await release(dir, ['1.1.0'], NO_BUNDLE);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'CHANGELOG.md has no section for 1.1.0: add "## [1.1.0]" with what changed',
    );
    expect(await snapshot(dir)).toEqual(before);

    await writeFile(
      path.join(dir, 'CHANGELOG.md'),
      CHANGELOG_100.replace('## [1.0.0]', '## [1.1.0] - 2026-12-01\n\n## [1.0.0]'),
    );
    git(dir, 'commit', '-q', '-am', 'an empty 1.1.0 section');
    const empty = await release(dir, ['1.1.0'], NO_BUNDLE);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("CHANGELOG.md's section for 1.1.0 is empty: say what changed.");

    git(dir, 'rm', '-q', 'CHANGELOG.md');
    git(dir, 'commit', '-q', '-m', 'no changelog');
    const none = await release(dir, ['1.0.0'], NO_BUNDLE);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('there is no CHANGELOG.md');
    expect(tagsOf(dir)).toEqual([]);
  });

  it(
    'dry run: runs every check (the real bundle too), prints the plan and the notes, changes nothing',
    async () => {
      const { dir, remote } = await cloneRepo();
      const before = await snapshot(dir);
      const result = await release(dir, ['1.0.0', '--dry-run']);
      expect(result.stderr).not.toContain('refusing');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('> npm run bundle');
      expect(result.stdout).toContain('Dry run: every check passed for v1.0.0. A real run would:');
      expect(result.stdout).toContain(
        'set the version in package.json and package-lock.json (0.0.0 -> 1.0.0)',
      );
      expect(result.stdout).toContain(
        'commit package.json, package-lock.json on main ("Release 1.0.0")',
      );
      expect(result.stdout).not.toContain('date the CHANGELOG.md section'); // it has a date
      expect(result.stdout).toContain('create v1 (annotated) on it');
      expect(result.stdout).toContain(
        'git push --atomic origin refs/heads/main refs/tags/v1.0.0 +refs/tags/v1',
      );
      expect(result.stdout).toContain(
        '### Added\n\n- The push action packages an export and pushes it.\n- The pull action restores a snapshot, verified.',
      );
      expect(result.stdout).not.toContain('[1.0.0]: https://'); // link definitions are not notes
      expect(result.stdout).toContain('Dry run: nothing was changed.');
      expect(await snapshot(dir)).toEqual(before);
      expect(git(remote, 'for-each-ref')).toBe('');
    },
    BUNDLE_TIMEOUT,
  );

  it('a real run commits the version, tags v1.0.0 and v1 (annotated) on that commit, pushes nothing; 1.0.1 moves v1', async () => {
    const { dir, remote } = await cloneRepo();
    const start = git(dir, 'rev-parse', 'HEAD');
    const first = await release(dir, ['1.0.0'], NO_BUNDLE);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);

    const release100 = git(dir, 'rev-parse', 'HEAD');
    expect(git(dir, 'rev-parse', 'HEAD^')).toBe(start);
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Release 1.0.0');
    expect(git(dir, 'diff', '--name-only', start, 'HEAD').split('\n')).toEqual([
      'package-lock.json',
      'package.json',
    ]);
    // only the version lines change (package.json once, package-lock.json twice)
    const diff = git(dir, 'diff', '-U0', start, 'HEAD');
    const changed = diff.split('\n').filter((l) => /^[+-]\s/.test(l));
    expect(changed).toEqual([
      '-  "version": "0.0.0",',
      '+  "version": "1.0.0",',
      '-      "version": "0.0.0",',
      '+      "version": "1.0.0",',
      '-  "version": "0.0.0",',
      '+  "version": "1.0.0",',
    ]);
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')).version).toBe(
      '1.0.0',
    );
    for (const tag of ['v1.0.0', 'v1']) {
      expect(git(dir, 'cat-file', '-t', `refs/tags/${tag}`)).toBe('tag'); // annotated
      expect(git(dir, 'rev-parse', `${tag}^{commit}`)).toBe(release100);
    }
    expect(git(dir, 'for-each-ref', '--format=%(contents:body)', 'refs/tags/v1.0.0')).toBe(
      '### Added\n\n- The push action packages an export and pushes it.\n- The pull action restores a snapshot, verified.',
    );
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(first.stdout).toContain('Nothing was pushed.');
    expect(first.stdout).toContain(
      'git push --atomic origin refs/heads/main refs/tags/v1.0.0 +refs/tags/v1',
    );
    expect(first.stdout).toContain('- The pull action restores a snapshot, verified.');

    // A fix later: 1.0.1 gets its own tag and v1 moves to it; v1.0.0 stays. Its section has no
    // date yet, so the release commit dates it (UTC).
    await writeFile(
      path.join(dir, 'CHANGELOG.md'),
      CHANGELOG_100.replace('## [1.0.0]', '## [1.0.1]\n\n### Fixed\n\n- A fix.\n\n## [1.0.0]'),
    );
    git(dir, 'commit', '-q', '-am', 'changelog for 1.0.1');
    const changelogCommit = git(dir, 'rev-parse', 'HEAD');
    const dayBefore = new Date().toISOString().slice(0, 10);
    const second = await release(dir, ['1.0.1'], NO_BUNDLE);
    const dayAfter = new Date().toISOString().slice(0, 10);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const release101 = git(dir, 'rev-parse', 'HEAD');
    expect(git(dir, 'rev-parse', 'HEAD^')).toBe(changelogCommit);
    expect(git(dir, 'diff', '--name-only', 'HEAD^', 'HEAD').split('\n')).toEqual([
      'CHANGELOG.md',
      'package-lock.json',
      'package.json',
    ]);
    const heading = (await readFile(path.join(dir, 'CHANGELOG.md'), 'utf8')).split('\n')[6];
    expect([`## [1.0.1] - ${dayBefore}`, `## [1.0.1] - ${dayAfter}`]).toContain(heading);
    expect(second.stdout).toContain(`date the CHANGELOG.md section: "## [1.0.1] - `);
    expect(git(dir, 'rev-parse', 'v1.0.1^{commit}')).toBe(release101);
    expect(git(dir, 'rev-parse', 'v1^{commit}')).toBe(release101);
    expect(git(dir, 'cat-file', '-t', 'refs/tags/v1')).toBe('tag');
    expect(git(dir, 'rev-parse', 'v1.0.0^{commit}')).toBe(release100);
    expect(second.stdout).toMatch(/move v1 \(annotated\) from [0-9a-f]{12} to it/);
    expect(second.stdout).toContain('### Fixed\n\n- A fix.');
    expect(tagsOf(dir)).toEqual(['v1', 'v1.0.0', 'v1.0.1']);

    // Pushed nothing anywhere.
    expect(git(remote, 'for-each-ref')).toBe('');
  });

  it('a first release from [Unreleased]: dates the section under a new empty one, updates the links, removes the "not released yet" notes; the next one compares with it', async () => {
    const { dir, remote } = await cloneRepo();
    const note = (text: string): string =>
      `<!-- prerelease-note -->\n\n${text}\n\n<!-- /prerelease-note -->\n\n`;
    await writeFile(
      path.join(dir, 'CHANGELOG.md'),
      `# Changelog\n\n${note('Nothing has been released yet; the first release will be 1.0.0.')}` +
        '## [Unreleased]\n\n### Added\n\n- The push action.\n\n' +
        '[Unreleased]: https://github.com/org/lei-cache-action/commits/HEAD\n',
    );
    await writeFile(
      path.join(dir, 'README.md'),
      `# lei-cache-action\n\n${note('> **Not released yet.**')}## Contents\n`,
    );
    git(dir, 'commit', '-q', '-am', 'everything under Unreleased');
    const start = git(dir, 'rev-parse', 'HEAD');
    const dayBefore = new Date().toISOString().slice(0, 10);
    const first = await release(dir, ['1.0.0'], NO_BUNDLE);
    const dayAfter = new Date().toISOString().slice(0, 10);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(git(dir, 'diff', '--name-only', start, 'HEAD').split('\n')).toEqual([
      'CHANGELOG.md',
      'README.md',
      'package-lock.json',
      'package.json',
    ]);
    const changelog = await readFile(path.join(dir, 'CHANGELOG.md'), 'utf8');
    const day = /## \[1\.0\.0\] - (\d{4}-\d{2}-\d{2})/.exec(changelog)?.[1] ?? '';
    expect([dayBefore, dayAfter]).toContain(day);
    expect(changelog).toBe(
      '# Changelog\n\n## [Unreleased]\n\n' +
        `## [1.0.0] - ${day}\n\n### Added\n\n- The push action.\n\n` +
        '[Unreleased]: https://github.com/org/lei-cache-action/compare/v1.0.0...HEAD\n' +
        '[1.0.0]: https://github.com/org/lei-cache-action/releases/tag/v1.0.0\n',
    );
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe(
      '# lei-cache-action\n\n## Contents\n',
    );
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')).version).toBe(
      '1.0.0',
    );
    expect(git(dir, 'for-each-ref', '--format=%(contents:body)', 'refs/tags/v1.0.0')).toBe(
      '### Added\n\n- The push action.',
    );
    expect(first.stdout).toContain(
      `turn CHANGELOG.md's [Unreleased] section into "## [1.0.0] - ${day}", under a new empty [Unreleased]`,
    );
    expect(first.stdout).toContain(
      'remove the "not released yet" notes from CHANGELOG.md and README.md',
    );

    // The next release: what was added under the new [Unreleased] becomes 1.1.0.
    await writeFile(
      path.join(dir, 'CHANGELOG.md'),
      changelog.replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n\n- A fix.\n'),
    );
    git(dir, 'commit', '-q', '-am', 'a fix');
    const second = await release(dir, ['1.1.0'], NO_BUNDLE);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(git(dir, 'diff', '--name-only', 'HEAD^', 'HEAD').split('\n')).toEqual([
      'CHANGELOG.md',
      'package-lock.json',
      'package.json',
    ]);
    const next = await readFile(path.join(dir, 'CHANGELOG.md'), 'utf8');
    expect(next).toMatch(
      /^# Changelog\n\n## \[Unreleased\]\n\n## \[1\.1\.0\] - \d{4}-\d{2}-\d{2}\n\n### Fixed\n\n- A fix\.\n\n## \[1\.0\.0\] - /,
    );
    expect(next).toContain(
      '[Unreleased]: https://github.com/org/lei-cache-action/compare/v1.1.0...HEAD\n' +
        '[1.1.0]: https://github.com/org/lei-cache-action/compare/v1.0.0...v1.1.0\n' +
        '[1.0.0]: https://github.com/org/lei-cache-action/releases/tag/v1.0.0\n',
    );
    expect(second.stdout).not.toContain('not released yet');
    expect(tagsOf(dir)).toEqual(['v1', 'v1.0.0', 'v1.1.0']);

    // An empty [Unreleased] and no section of its own: nothing to release.
    const third = await release(dir, ['1.2.0'], NO_BUNDLE);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(
      'CHANGELOG.md has no section for 1.2.0: add "## [1.2.0]" with what changed, or list the changes under "## [Unreleased]"',
    );
    expect(git(remote, 'for-each-ref')).toBe('');
  });

  it("left this repository's own tags alone", () => {
    expect(git(root, 'for-each-ref', 'refs/tags')).toBe(rootTagsBefore);
  });
});
