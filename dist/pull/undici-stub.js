// Stands in for undici, which scripts/bundle.mjs leaves out of this bundle: nothing in this
// action uses it (see the comment there). If this error shows, something started to.
export class ProxyAgent {
  constructor() {
    throw new Error('lei-cache-action: undici is not bundled (see scripts/bundle.mjs)');
  }
}
