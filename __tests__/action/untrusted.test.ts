import { describe, expect, it } from 'vitest';
import { code, html, inline, logText } from '../../src/action/untrusted.js';

/** What GitHub's runner treats as a workflow command in one stdout line (V2 `::`, legacy `##[`). */
function isCommandLine(line: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /^[\s\u001c-\u001f\u0085]*::/.test(line) || line.includes('##[');
}

const HOSTILE_LEI_VERSION =
  '0.9.1\n::error title=injected::this snapshot is fine\n::add-mask::lei-cache';

describe('inline', () => {
  it('writes line breaks and controls as visible escapes, on one line', () => {
    expect(inline(HOSTILE_LEI_VERSION)).toBe(
      '0.9.1\\n::error title=injected::this snapshot is fine\\n::add-mask::lei-cache',
    );
    expect(inline('a\r\nb\tc\u001b[31md\u0000e\u007f\u0085f\u2028g\u2029h')).toBe(
      'a\\r\\nb\\tc\\u001b[31md\\u0000e\\u007f\\u0085f\\u2028g\\u2029h',
    );
  });

  it('breaks up the legacy ##[ prefix, which the runner finds anywhere in a line', () => {
    expect(inline('x ##[add-mask]lei-cache')).toBe('x ##\\[add-mask]lei-cache');
    expect(inline('###[warning]y')).toBe('###\\[warning]y');
  });

  it('writes bidirectional-text controls as escapes (the log would show text reordered)', () => {
    expect(inline('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
  });

  it('keeps ordinary text, non-ASCII letters, paths and digests as they are', () => {
    for (const plain of [
      '0.9.1',
      'Lei-Org/lei-cache',
      '/home/runner/work/export dir/ü',
      'C:\\work\\export',
      'sha256:0123456789abcdef',
      'a::b',
    ])
      expect(inline(plain)).toBe(plain);
  });

  it('is idempotent', () => {
    const once = inline(`${HOSTILE_LEI_VERSION} ##[x]\u001b`);
    expect(inline(once)).toBe(once);
  });
});

describe('logText', () => {
  it('gives a line that would start with :: a backslash, also after blanks', () => {
    expect(logText('::add-mask::lei-cache')).toBe('\\::add-mask::lei-cache');
    expect(logText('  \t::error::x')).toBe('  \\t::error::x');
    expect(logText(' \u00a0::warning::x')).toBe(' \u00a0\\::warning::x');
    expect(logText('Snapshot 2026-11-22, LEI ::x')).toBe('Snapshot 2026-11-22, LEI ::x');
  });

  it('keeps the message lines, guards each, and turns CR and CRLF into LF', () => {
    expect(logText('first\n::error::second\r\n::add-mask::third\rfourth ##[debug]')).toBe(
      'first\n\\::error::second\n\\::add-mask::third\nfourth ##\\[debug]',
    );
  });

  it('lets no line of any hostile message read as a workflow command', () => {
    const hostile = [
      HOSTILE_LEI_VERSION,
      '::stop-commands::token',
      '\u001c::set-output name=x::y',
      '\u0085::error::z',
      '\u2028::error::z',
      'a\n\n   ::endgroup::',
      '##[group]x',
    ];
    for (const text of hostile) {
      for (const line of logText(text).split('\n')) expect(isCommandLine(line), line).toBe(false);
      expect(inline(text)).not.toMatch(/[\r\n]/);
    }
  });
});

describe('html', () => {
  it('writes HTML and Markdown metacharacters as character references, on one line', () => {
    expect(
      html('0.9.1</td></tr></table>\n\n# Heading [link](https://evil.example) ![x](y) <img src=x>'),
    ).toBe(
      '0.9.1&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;&#92;n&#92;n&#35; Heading &#91;link&#93;&#40;https://evil.example&#41; &#33;&#91;x&#93;&#40;y&#41; &#60;img src&#61;x&#62;',
    );
    expect(html(`a & b "c" 'd' \`e\` *f* _g_ | ~h~ {i} \\j`)).toBe(
      'a &#38; b &#34;c&#34; &#39;d&#39; &#96;e&#96; &#42;f&#42; &#95;g&#95; &#124; &#126;h&#126; &#123;i&#125; &#92;j',
    );
  });

  it('leaves digests, dates and versions readable', () => {
    expect(html('2026-11-22')).toBe('2026-11-22');
    expect(html('sha256:0123abc')).toBe('sha256:0123abc');
    expect(code('ghcr.io/lei-org/lei-cache:latest')).toBe(
      '<code>ghcr.io/lei-org/lei-cache:latest</code>',
    );
  });
});
