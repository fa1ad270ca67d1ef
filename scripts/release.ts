// Cuts a release of lei-cache-action in one command:   npm run release -- 1.0.0 [--dry-run]
//
// It refuses (exit 1, every reason listed, nothing changed) when
//  - the working tree has uncommitted changes or untracked files, or HEAD is detached;
//  - the version is not MAJOR.MINOR.PATCH, or not greater than the last vX.Y.Z tag;
//  - CHANGELOG.md has no section `## [X.Y.Z]` (or an empty one): its text is the release notes;
//  - git has no committer identity (the tags are annotated);
//  - dist/ differs from a fresh bundle (`npm run bundle`, run in place; dist/ is put back as
//    committed afterwards, whatever the bundle wrote).
// Otherwise it sets the version in package.json and package-lock.json (and today's date in the
// changelog section's heading when it has none), commits that, tags the commit vX.Y.Z and moves
// the major tag vX to it (both annotated), and prints the `git push` command and the notes.
// It pushes nothing. With --dry-run it runs every check, prints what it would do, and changes
// nothing.
//
// RELEASE_BUNDLE_COMMAND replaces `npm run bundle` (a shell command run at the repository's
// root); the tests use it to skip the bundler where the bundle is not what they test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const USAGE = `usage: npm run release -- <version> [--dry-run]
  <version>   MAJOR.MINOR.PATCH (a leading v is accepted), greater than the last vX.Y.Z tag,
              with a "## [<version>]" section in CHANGELOG.md
  --dry-run   run every check and print what would happen; change nothing`;

type Version = readonly [number, number, number];

class Refusal extends Error {}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return git(args, cwd);
  } catch {
    return undefined;
  }
}

function parseVersion(text: string): Version | undefined {
  const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const show = (v: Version): string => v.join('.');

/** The highest vX.Y.Z tag in the repository, if any. */
function lastReleaseTag(root: string): { tag: string; version: Version } | undefined {
  let last: { tag: string; version: Version } | undefined;
  for (const tag of git(['tag', '--list', 'v*'], root).split('\n')) {
    const version = /^v\d/.test(tag) ? parseVersion(tag) : undefined;
    if (version && (!last || compare(version, last.version) > 0)) last = { tag, version };
  }
  return last;
}

interface ChangelogSection {
  /** The section's text without its heading: the release notes. */
  notes: string;
  /** The heading has a date (`## [1.0.0] - 2026-11-28`); without one the release adds today's. */
  dated: boolean;
  /** CHANGELOG.md with today's date in the heading (the same text when it is dated). */
  datedChangelog: string;
}

/**
 * CHANGELOG.md's `## [X.Y.Z]` section (keep-a-changelog: `## [1.0.0] - 2026-11-28`, or
 * `## [1.0.0]` while not yet released), up to the next `## ` heading or the link definitions at
 * the end; undefined when there is none.
 */
function changelogSection(
  changelog: string,
  version: string,
  today: string,
): ChangelogSection | undefined {
  const lines = changelog.split('\n'); // a CRLF file keeps its \r at the end of each line
  const escaped = version.replace(/\./g, '\\.');
  const heading = new RegExp(`^## \\[v?${escaped}\\](\\s+-\\s+\\S.*)?\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  const headingLine = lines[start];
  if (headingLine === undefined) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)) break;
    body.push(line.replace(/\r$/, ''));
  }
  const dated = heading.exec(headingLine)?.[1] !== undefined;
  if (!dated) lines[start] = `## [${version}] - ${today}${headingLine.endsWith('\r') ? '\r' : ''}`;
  return { notes: body.join('\n').trim(), dated, datedChangelog: lines.join('\n') };
}

function setVersion(file: string, version: string): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  data['version'] = version;
  // package-lock.json repeats the root package's version under packages[""].
  const packages = data['packages'] as Record<string, Record<string, unknown>> | undefined;
  const rootPackage = packages?.[''];
  if (rootPackage) rootPackage['version'] = version;
  // npm and prettier both write these files as JSON.stringify(_, null, 2) plus a newline.
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Runs the bundle command at the root; returns the dist/ paths that differ from HEAD's. */
function staleDist(root: string, command: string): string[] {
  console.log(`> ${command}   (dist/ must not change)`);
  const run = spawnSync(command, {
    cwd: root,
    shell: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    if (run.status !== 0) {
      throw new Refusal(
        `'${command}' failed (${run.error?.message ?? `exit code ${run.status ?? run.signal}`}), so dist/ could not be checked.`,
      );
    }
    const status = git(['status', '--porcelain', '--untracked-files=all', '--', 'dist'], root);
    return status.split('\n').filter((line) => line !== '');
  } finally {
    // Put dist/ back as committed, whatever the bundler wrote: a refusal changes nothing.
    tryGit(['checkout', '-q', 'HEAD', '--', 'dist'], root);
    tryGit(['clean', '-q', '-f', '-d', '--', 'dist'], root);
  }
}

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--dry-run');
  const dryRun = args.length < argv.length;
  if (args.includes('-h') || args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 1 || (args[0] ?? '').startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const requested = parseVersion(args[0] ?? '');
  if (!requested) {
    console.error(
      `release: '${args[0]}' is not a version: give MAJOR.MINOR.PATCH, e.g. 1.0.0 (pre-releases are not supported)`,
    );
    return 2;
  }
  const version = show(requested);
  const tag = `v${version}`;
  const majorTag = `v${requested[0]}`;

  const root = tryGit(['rev-parse', '--show-toplevel'], process.cwd())?.trim();
  if (!root) {
    console.error('release: not inside a git repository');
    return 1;
  }

  const problems: string[] = [];
  const status = git(['status', '--porcelain', '--untracked-files=normal'], root)
    .split('\n')
    .filter((line) => line !== '');
  if (status.length > 0) {
    problems.push(
      `the working tree is not clean; commit or stash these first:\n${status
        .slice(0, 20)
        .map((line) => `    ${line}`)
        .join('\n')}${status.length > 20 ? `\n    ... and ${status.length - 20} more` : ''}`,
    );
  }
  const branch = tryGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], root)?.trim();
  if (!branch) problems.push('HEAD is detached: check out the branch to release from.');

  const last = lastReleaseTag(root);
  if (last && compare(requested, last.version) <= 0) {
    problems.push(
      `version ${version} is not greater than the last release tag ${last.tag}: give a version after ${show(last.version)}.`,
    );
  }
  if (tryGit(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], root) !== undefined) {
    problems.push(`the tag ${tag} already exists.`);
  }

  const changelogPath = path.join(root, 'CHANGELOG.md');
  const today = new Date().toISOString().slice(0, 10); // UTC, as GitHub shows release dates
  let section: ChangelogSection | undefined;
  if (!existsSync(changelogPath)) {
    problems.push(`there is no CHANGELOG.md: add one with a "## [${version}]" section.`);
  } else {
    section = changelogSection(readFileSync(changelogPath, 'utf8'), version, today);
    if (section === undefined) {
      problems.push(
        `CHANGELOG.md has no section for ${version}: add "## [${version}]" with what changed (move the Unreleased entries there; the release dates it).`,
      );
    } else if (section.notes === '') {
      problems.push(`CHANGELOG.md's section for ${version} is empty: say what changed.`);
    }
  }
  if (tryGit(['var', 'GIT_COMMITTER_IDENT'], root) === undefined) {
    problems.push(
      'git has no committer identity for the commit and the annotated tags: set user.name and user.email.',
    );
  }

  const refuse = (reasons: string[]): number => {
    console.error(`release: refusing to release ${version}:`);
    for (const reason of reasons) console.error(`  - ${reason}`);
    console.error('Nothing was changed.');
    return 1;
  };
  if (problems.length > 0) return refuse(problems);

  // Only on a clean tree (checked above) can the bundle's output be compared with HEAD.
  const bundleCommand = process.env['RELEASE_BUNDLE_COMMAND'] || 'npm run bundle';
  try {
    const stale = staleDist(root, bundleCommand);
    if (stale.length > 0) {
      return refuse([
        `dist/ differs from a fresh bundle ('${bundleCommand}'); run it and commit dist/ first:\n${stale
          .map((line) => `    ${line}`)
          .join('\n')}`,
      ]);
    }
  } catch (error) {
    if (error instanceof Refusal) return refuse([error.message]);
    throw error;
  }

  const pkgPath = path.join(root, 'package.json');
  const lockPath = path.join(root, 'package-lock.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version?: string };
  const versionFiles = ['package.json', ...(existsSync(lockPath) ? ['package-lock.json'] : [])];
  const bump = pkg.version !== version;
  const dateSection = section !== undefined && !section.dated;
  const changedFiles = [...(dateSection ? ['CHANGELOG.md'] : []), ...(bump ? versionFiles : [])];
  const previousMajor = tryGit(
    ['rev-parse', '--verify', '--quiet', `refs/tags/${majorTag}`],
    root,
  )?.trim();
  const remotes = git(['remote'], root).split('\n').filter(Boolean);
  const remote = remotes.includes('origin') ? 'origin' : (remotes[0] ?? '<remote>');
  const pushCommand = `git push --atomic ${remote} refs/heads/${branch} refs/tags/${tag} +refs/tags/${majorTag}`;
  const releaseNotes = section?.notes ?? '';

  const plan = [
    ...(dateSection ? [`date the CHANGELOG.md section: "## [${version}] - ${today}"`] : []),
    ...(bump
      ? [
          `set the version in ${versionFiles.join(' and ')} (${pkg.version ?? 'none'} -> ${version})`,
        ]
      : []),
    changedFiles.length > 0
      ? `commit ${changedFiles.join(', ')} on ${branch} ("Release ${version}")`
      : `package.json already says ${version} and the section is dated: tag the current commit of ${branch}`,
    `tag it ${tag} (annotated, the release notes as its message)`,
    previousMajor
      ? `move ${majorTag} (annotated) from ${git(['rev-parse', `${majorTag}^{commit}`], root)
          .trim()
          .slice(0, 12)} to it`
      : `create ${majorTag} (annotated) on it`,
  ];

  if (dryRun) {
    console.log(`\nDry run: every check passed for ${tag}. A real run would:`);
    for (const step of plan) console.log(`  - ${step}`);
    console.log(
      `and then print this command to publish (the run itself pushes nothing):\n  ${pushCommand}`,
    );
    console.log(`\nRelease notes (CHANGELOG.md, ${version}):\n\n${releaseNotes}\n`);
    console.log('Dry run: nothing was changed.');
    return 0;
  }

  const head = git(['rev-parse', 'HEAD'], root).trim();
  let tagged = false;
  try {
    if (dateSection && section) writeFileSync(changelogPath, section.datedChangelog);
    if (bump) for (const file of versionFiles) setVersion(path.join(root, file), version);
    if (changedFiles.length > 0) {
      git(['add', '--', ...changedFiles], root);
      git(['commit', '-q', '--no-verify', '-m', `Release ${version}`], root);
    }
    // --cleanup=whitespace: git's default would drop the notes' "### Added" lines as comments.
    const message = `lei-cache-action ${version}\n\n${releaseNotes}`;
    git(['tag', '-a', '--cleanup=whitespace', tag, '-m', message], root);
    tagged = true;
    git(
      [
        'tag',
        '-f',
        '-a',
        majorTag,
        '-m',
        `lei-cache-action ${majorTag}: ${tag}`,
        `${tag}^{commit}`,
      ],
      root,
    );
  } catch (error) {
    // Nothing half-done: back to where we started (the tree was clean, so nothing is lost).
    git(['reset', '-q', '--hard', head], root);
    if (tagged) tryGit(['tag', '-d', tag], root);
    if (previousMajor) git(['update-ref', `refs/tags/${majorTag}`, previousMajor], root);
    else tryGit(['tag', '-d', majorTag], root);
    const stderr = (error as { stderr?: unknown }).stderr;
    console.error(
      `release: failed, everything undone: ${error instanceof Error ? error.message : String(error)}${stderr ? `\n${String(stderr)}` : ''}`,
    );
    return 1;
  }

  const commit = git(['rev-parse', 'HEAD'], root).trim();
  console.log(`\nReleased ${tag} locally:`);
  for (const step of plan) console.log(`  - ${step}`);
  console.log(`  (commit ${commit})`);
  console.log(
    `\nNothing was pushed. To publish, push the branch and both tags at once (${majorTag} moves, hence the +):`,
  );
  console.log(`  ${pushCommand}`);
  console.log(
    `Then create the GitHub release for ${tag} with the notes below, e.g.\n  git for-each-ref --format='%(contents:body)' refs/tags/${tag} | gh release create ${tag} --verify-tag --title ${tag} --notes-file -`,
  );
  console.log(`\nRelease notes (CHANGELOG.md, ${version}):\n\n${releaseNotes}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
