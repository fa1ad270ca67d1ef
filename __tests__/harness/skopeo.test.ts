import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeWithSkopeo, skopeoBinary, useRegistry } from '../../test-support/registry.js';
import { bearer, fetchToken, leiManifest, pushBlob, sha256 } from './util.js';

const run = promisify(execFile);

describeWithSkopeo('skopeo against the test registry (token auth)', () => {
  const registry = useRegistry({ auth: 'token' });

  it('reads a manifest pushed with plain fetch, authenticating through the token server', async () => {
    const r = registry();
    const repo = 'lei-org/skopeo-check';
    const { token } = await fetchToken(r, [`repository:${repo}:pull,push`]);
    const config = Buffer.from('{"format_version":"1.0"}');
    const layer = Buffer.from('{"entry_count":0}');
    for (const blob of [config, layer]) {
      expect((await pushBlob(r.host, repo, blob, bearer(token))).put.status).toBe(201);
    }
    const manifest = leiManifest(config, layer);
    const put = await fetch(`http://${r.host}/v2/${repo}/manifests/v1`, {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    });
    expect(put.status).toBe(201);

    const requestsBefore = r.tokenServer!.requests;
    const { stdout } = await run(skopeoBinary()!, [
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `skopeo-user:${r.password}`,
      `docker://${r.host}/${repo}:v1`,
    ]);
    expect(sha256(Buffer.from(stdout))).toBe(sha256(manifest));
    expect(r.tokenServer!.requests).toBeGreaterThan(requestsBefore);
    expect(r.tokenServer!.log.at(-1)).toMatchObject({ username: 'skopeo-user', status: 200 });

    await expect(
      run(skopeoBinary()!, [
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--creds',
        'skopeo-user:wrong',
        `docker://${r.host}/${repo}:v1`,
      ]),
    ).rejects.toThrow();
  });
});
