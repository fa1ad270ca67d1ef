// Cuts a release of lei-cache-action in one command:   npm run release -- 1.0.0 [--dry-run]
//
// One version truth: CHANGELOG.md says what is released (its dated `## [X.Y.Z] - date`
// sections) and what is not yet (`## [Unreleased]`); package.json and package-lock.json carry
// the version of the last release (0.0.0 before the first); README.md and CHANGELOG.md carry a
// "not released yet" note between `<!-- prerelease-note -->` markers until the first release.
// This script moves all of them in one commit, and __tests__/scripts/versions.test.ts checks
// that they agree.
//
// It refuses (exit 1, every reason listed, nothing changed) when
//  - the working tree has uncommitted changes or untracked files, or HEAD is detached;
//  - the version is not MAJOR.MINOR.PATCH, or not greater than the last vX.Y.Z tag;
//  - CHANGELOG.md has neither a non-empty `## [Unreleased]` section nor a section `## [X.Y.Z]`
//    (or that one is empty): its text is the release notes;
//  - git has no committer identity (the tags are annotated);
//  - dist/ differs from a fresh bundle (`npm run bundle`, run in place; dist/ is put back as
//    committed afterwards, whatever the bundle wrote).
// Otherwise it turns `## [Unreleased]` into `## [X.Y.Z] - <today>` under a new empty
// `## [Unreleased]` (and updates the `[Unreleased]:` compare link below, adding one for X.Y.Z);
// a `## [X.Y.Z]` section written by hand is used instead, dated when it has no date. It sets the
// version in package.json and package-lock.json, removes the "not released yet" notes, commits
// that, tags the commit vX.Y.Z and moves the major tag vX to it (both annotated), and prints the
// `git push` command and the notes. It pushes nothing. With --dry-run it runs every check,
// prints what it would do, and changes nothing.
//
// RELEASE_BUNDLE_COMMAND replaces `npm run bundle` (a shell command run at the repository's
// root); the tests use it to skip the bundler where the bundle is not what they test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const USAGE = `usage: npm run release -- <version> [--dry-run]
  <version>   MAJOR.MINOR.PATCH (a leading v is accepted), greater than the last vX.Y.Z tag;
              CHANGELOG.md's "## [Unreleased]" section becomes its notes (or a "## [<version>]"
              section written by hand)
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
  /** What the release does to CHANGELOG.md's headings. */
  change: 'none' | 'date' | 'from-unreleased';
  /** CHANGELOG.md as the release commits it (the same text when `change` is 'none'). */
  releasedChangelog: string;
}

/** A section's lines after its heading, up to the next `## ` heading or the link definitions. */
function sectionBody(lines: readonly string[], heading: number): string {
  const body: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)) break;
    body.push(line.replace(/\r$/, ''));
  }
  return body.join('\n').trim();
}

/**
 * The link definitions after a release from [Unreleased]: `[Unreleased]: <base>/compare/vX.Y.Z...HEAD`
 * and a new `[X.Y.Z]:` line below it (a compare link from the last release, or the release's own
 * page for the first). Nothing changes when there is no `[Unreleased]:` GitHub link to follow.
 */
function releaseLinks(lines: string[], version: string, previousTag: string | undefined): void {
  const at = lines.findIndex((line) => /^\[Unreleased\]:\s/i.test(line));
  const base = /^\[Unreleased\]:\s+(https:\/\/github\.com\/[^/\s]+\/[^/\s]+)\//i.exec(
    lines[at] ?? '',
  )?.[1];
  if (base === undefined) return;
  const eol = (lines[at] ?? '').endsWith('\r') ? '\r' : '';
  const own = previousTag
    ? `${base}/compare/${previousTag}...v${version}`
    : `${base}/releases/tag/v${version}`;
  lines.splice(
    at,
    1,
    `[Unreleased]: ${base}/compare/v${version}...HEAD${eol}`,
    `[${version}]: ${own}${eol}`,
  );
}

/**
 * What CHANGELOG.md says about a release of `version` (keep-a-changelog): its `## [Unreleased]`
 * section, which the release turns into `## [X.Y.Z] - <today>`; or a `## [X.Y.Z]` section written
 * by hand (`## [1.0.0] - 2026-11-28`, or `## [1.0.0]`, which the release dates). Undefined when
 * there is neither (or [Unreleased] is empty and there is no section for the version).
 */
function changelogSection(
  changelog: string,
  version: string,
  today: string,
  previousTag: string | undefined,
): ChangelogSection | undefined {
  const lines = changelog.split('\n'); // a CRLF file keeps its \r at the end of each line
  const escaped = version.replace(/\./g, '\\.');
  const heading = new RegExp(`^## \\[v?${escaped}\\](\\s+-\\s+\\S.*)?\\s*$`);
  const own = lines.findIndex((line) => heading.test(line));
  if (own !== -1) {
    const headingLine = lines[own] ?? '';
    const dated = heading.exec(headingLine)?.[1] !== undefined;
    if (!dated) lines[own] = `## [${version}] - ${today}${headingLine.endsWith('\r') ? '\r' : ''}`;
    const notes = sectionBody(lines, own);
    return { notes, change: dated ? 'none' : 'date', releasedChangelog: lines.join('\n') };
  }
  const unreleased = lines.findIndex((line) => /^## \[Unreleased\]\s*$/i.test(line));
  const notes = unreleased === -1 ? '' : sectionBody(lines, unreleased);
  if (notes === '') return undefined;
  const eol = (lines[unreleased] ?? '').endsWith('\r') ? '\r' : '';
  lines.splice(unreleased, 1, `## [Unreleased]${eol}`, eol, `## [${version}] - ${today}${eol}`);
  releaseLinks(lines, version, previousTag);
  return { notes, change: 'from-unreleased', releasedChangelog: lines.join('\n') };
}

/** The "not released yet" notes, markers included, with the blank line after them. */
const PRERELEASE_NOTE = /<!-- prerelease-note -->[\s\S]*?<!-- \/prerelease-note -->\r?\n(\r?\n)?/g;

/** The files that carry a "not released yet" note, with their text after the release. */
function withoutPrereleaseNotes(
  root: string,
  texts: Record<string, string | undefined>,
): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [file, given] of Object.entries(texts)) {
    const full = path.join(root, file);
    const text = given ?? (existsSync(full) ? readFileSync(full, 'utf8') : '');
    const without = text.replace(PRERELEASE_NOTE, '');
    if (without !== text) changed[file] = without;
  }
  return changed;
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

/** The version asked for, or the exit code when the arguments are not a request to release. */
function parseArgs(argv: string[]): { requested: Version; dryRun: boolean } | number {
  const args = argv.filter((a) => a !== '--dry-run');
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
  return { requested, dryRun: args.length < argv.length };
}

interface Checked {
  problems: string[];
  branch: string | undefined;
  last: { tag: string; version: Version } | undefined;
  section: ChangelogSection | undefined;
}

/** Every reason to refuse that needs no bundle: the tree, the version, the changelog, git. */
function check(root: string, requested: Version, today: string): Checked {
  const version = show(requested);
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
  if (tryGit(['rev-parse', '--verify', '--quiet', `refs/tags/v${version}`], root) !== undefined) {
    problems.push(`the tag v${version} already exists.`);
  }
  const section = checkChangelog(root, version, today, last?.tag, problems);
  if (tryGit(['var', 'GIT_COMMITTER_IDENT'], root) === undefined) {
    problems.push(
      'git has no committer identity for the commit and the annotated tags: set user.name and user.email.',
    );
  }
  return { problems, branch, last, section };
}

function checkChangelog(
  root: string,
  version: string,
  today: string,
  previousTag: string | undefined,
  problems: string[],
): ChangelogSection | undefined {
  const changelogPath = path.join(root, 'CHANGELOG.md');
  if (!existsSync(changelogPath)) {
    problems.push(
      `there is no CHANGELOG.md: add one with a "## [Unreleased]" section saying what changed.`,
    );
    return undefined;
  }
  const section = changelogSection(
    readFileSync(changelogPath, 'utf8'),
    version,
    today,
    previousTag,
  );
  if (section === undefined) {
    problems.push(
      `CHANGELOG.md has no section for ${version}: add "## [${version}]" with what changed, or list the changes under "## [Unreleased]" (the release turns that section into ${version}).`,
    );
  } else if (section.notes === '') {
    problems.push(`CHANGELOG.md's section for ${version} is empty: say what changed.`);
  }
  return section;
}

function refuse(version: string, reasons: string[]): number {
  console.error(`release: refusing to release ${version}:`);
  for (const reason of reasons) console.error(`  - ${reason}`);
  console.error('Nothing was changed.');
  return 1;
}

interface Plan {
  version: string;
  tag: string;
  majorTag: string;
  branch: string;
  /** the files the release commit writes, with their new text */
  writes: Record<string, string>;
  bump: boolean;
  versionFiles: string[];
  changedFiles: string[];
  previousMajor: string | undefined;
  pushCommand: string;
  notes: string;
  steps: string[];
}

/** What a release does, decided before anything is changed (a dry run prints it). */
function makePlan(root: string, requested: Version, checked: Checked, today: string): Plan {
  const version = show(requested);
  const tag = `v${version}`;
  const majorTag = `v${requested[0]}`;
  const branch = checked.branch ?? '';
  const section = checked.section as ChangelogSection;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const lockExists = existsSync(path.join(root, 'package-lock.json'));
  const versionFiles = ['package.json', ...(lockExists ? ['package-lock.json'] : [])];
  const bump = pkg.version !== version;
  const changelog = section.change === 'none' ? undefined : section.releasedChangelog;
  const noted = withoutPrereleaseNotes(root, { 'CHANGELOG.md': changelog, 'README.md': undefined });
  const writes: Record<string, string> = {
    ...(changelog !== undefined ? { 'CHANGELOG.md': changelog } : {}),
    ...noted,
  };
  const changedFiles = [...Object.keys(writes).sort(), ...(bump ? versionFiles : [])];
  const previousMajor = tryGit(
    ['rev-parse', '--verify', '--quiet', `refs/tags/${majorTag}`],
    root,
  )?.trim();
  const remotes = git(['remote'], root).split('\n').filter(Boolean);
  const remote = remotes.includes('origin') ? 'origin' : (remotes[0] ?? '<remote>');
  const pushCommand = `git push --atomic ${remote} refs/heads/${branch} refs/tags/${tag} +refs/tags/${majorTag}`;
  const steps = [
    ...(section.change === 'date'
      ? [`date the CHANGELOG.md section: "## [${version}] - ${today}"`]
      : []),
    ...(section.change === 'from-unreleased'
      ? [
          `turn CHANGELOG.md's [Unreleased] section into "## [${version}] - ${today}", under a new empty [Unreleased]`,
        ]
      : []),
    ...(Object.keys(noted).length > 0
      ? [`remove the "not released yet" notes from ${Object.keys(noted).sort().join(' and ')}`]
      : []),
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
  return {
    ...{ version, tag, majorTag, branch, writes, bump, versionFiles, changedFiles },
    ...{ previousMajor, pushCommand, notes: section.notes, steps },
  };
}

/** Commits and tags as planned; on any failure puts everything back and returns false. */
function apply(root: string, plan: Plan): boolean {
  const head = git(['rev-parse', 'HEAD'], root).trim();
  let tagged = false;
  try {
    for (const [file, text] of Object.entries(plan.writes))
      writeFileSync(path.join(root, file), text);
    if (plan.bump)
      for (const file of plan.versionFiles) setVersion(path.join(root, file), plan.version);
    if (plan.changedFiles.length > 0) {
      git(['add', '--', ...plan.changedFiles], root);
      git(['commit', '-q', '--no-verify', '-m', `Release ${plan.version}`], root);
    }
    // --cleanup=whitespace: git's default would drop the notes' "### Added" lines as comments.
    const message = `lei-cache-action ${plan.version}\n\n${plan.notes}`;
    git(['tag', '-a', '--cleanup=whitespace', plan.tag, '-m', message], root);
    tagged = true;
    const majorMessage = `lei-cache-action ${plan.majorTag}: ${plan.tag}`;
    git(['tag', '-f', '-a', plan.majorTag, '-m', majorMessage, `${plan.tag}^{commit}`], root);
    return true;
  } catch (error) {
    // Nothing half-done: back to where we started (the tree was clean, so nothing is lost).
    git(['reset', '-q', '--hard', head], root);
    if (tagged) tryGit(['tag', '-d', plan.tag], root);
    if (plan.previousMajor)
      git(['update-ref', `refs/tags/${plan.majorTag}`, plan.previousMajor], root);
    else tryGit(['tag', '-d', plan.majorTag], root);
    const stderr = (error as { stderr?: unknown }).stderr;
    console.error(
      `release: failed, everything undone: ${error instanceof Error ? error.message : String(error)}${stderr ? `\n${String(stderr)}` : ''}`,
    );
    return false;
  }
}

function printDryRun(plan: Plan): void {
  console.log(`\nDry run: every check passed for ${plan.tag}. A real run would:`);
  for (const step of plan.steps) console.log(`  - ${step}`);
  console.log(
    `and then print this command to publish (the run itself pushes nothing):\n  ${plan.pushCommand}`,
  );
  console.log(`\nRelease notes (CHANGELOG.md, ${plan.version}):\n\n${plan.notes}\n`);
  console.log('Dry run: nothing was changed.');
}

function printReleased(root: string, plan: Plan): void {
  const commit = git(['rev-parse', 'HEAD'], root).trim();
  console.log(`\nReleased ${plan.tag} locally:`);
  for (const step of plan.steps) console.log(`  - ${step}`);
  console.log(`  (commit ${commit})`);
  console.log(
    `\nNothing was pushed. To publish, push the branch and both tags at once (${plan.majorTag} moves, hence the +):`,
  );
  console.log(`  ${plan.pushCommand}`);
  console.log(
    `Then create the GitHub release for ${plan.tag} with the notes below, e.g.\n  git for-each-ref --format='%(contents:body)' refs/tags/${plan.tag} | gh release create ${plan.tag} --verify-tag --title ${plan.tag} --notes-file -`,
  );
  console.log(`\nRelease notes (CHANGELOG.md, ${plan.version}):\n\n${plan.notes}\n`);
}

function main(argv: string[]): number {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'number') return parsed;
  const { requested, dryRun } = parsed;
  const version = show(requested);
  const root = tryGit(['rev-parse', '--show-toplevel'], process.cwd())?.trim();
  if (!root) {
    console.error('release: not inside a git repository');
    return 1;
  }
  const today = new Date().toISOString().slice(0, 10); // UTC, as GitHub shows release dates
  const checked = check(root, requested, today);
  if (checked.problems.length > 0) return refuse(version, checked.problems);

  // Only on a clean tree (checked above) can the bundle's output be compared with HEAD.
  const bundleCommand = process.env['RELEASE_BUNDLE_COMMAND'] || 'npm run bundle';
  try {
    const stale = staleDist(root, bundleCommand);
    if (stale.length > 0) {
      return refuse(version, [
        `dist/ differs from a fresh bundle ('${bundleCommand}'); run it and commit dist/ first:\n${stale
          .map((line) => `    ${line}`)
          .join('\n')}`,
      ]);
    }
  } catch (error) {
    if (error instanceof Refusal) return refuse(version, [error.message]);
    throw error;
  }

  const plan = makePlan(root, requested, checked, today);
  if (dryRun) {
    printDryRun(plan);
    return 0;
  }
  if (!apply(root, plan)) return 1;
  printReleased(root, plan);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
