import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Where Debian and Ubuntu put Chromium; `CHROMIUM_PATH` names any other. */
const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const install =
  'install the Debian package `chromium` (sudo apt-get install --no-install-recommends chromium; .ci/run does it when missing) or set CHROMIUM_PATH to a Chromium binary';

/** The system Chromium: `CHROMIUM_PATH`, else Debian's or Ubuntu's. Throws when there is none. */
export function chromiumPath(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH is ${named}, which does not exist: ${install}`);
    return named;
  }
  const found = systemPaths.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`No Chromium in ${systemPaths.join(' or ')}: ${install}`);
  return found;
}

/**
 * The system Chromium, headless, driven by playwright-core (which downloads no
 * browser of its own). Without the sandbox: Chromium refuses it as root and
 * containers often lack the user namespaces it needs; the tests open only
 * pages they serve themselves. Close it in `afterAll`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, chromiumSandbox: false });
}

export interface ContextOptions {
  /** false: pages run no script, as for a reader who turned JavaScript off. Default true. */
  readonly javaScript?: boolean;
}

/** A fresh context (no cookies, no storage) of `browser`; closing the browser closes it too. */
export function browserContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: options.javaScript ?? true });
}
