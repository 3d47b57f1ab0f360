// Browser test: someone signs up on a 360 px wide screen without JavaScript,
// finds the confirmation link in the mail the server wrote, follows it and
// presses the button; then the same form with a registered address gives the
// same answer. Every page on the way is audited with axe-core (WCAG 2.0/2.1
// A + AA) and must not scroll sideways.
//
// This file starts nothing: it expects a running `cospace demo` at $COSPACE_URL
// writing mail as .eml files into $COSPACE_MAIL_DIR (tests/browser/run.sh
// provides both) and Chromium at $CHROMIUM or /usr/bin/chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const BASE_URL = process.env.COSPACE_URL;
const MAIL_DIR = process.env.COSPACE_MAIL_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'violet harbour lantern seventeen';

let browser;

before(async () => {
  assert.ok(BASE_URL, 'COSPACE_URL is not set: start `cospace demo` and point COSPACE_URL at it (tests/browser/run.sh does both)');
  assert.ok(MAIL_DIR, 'COSPACE_MAIL_DIR is not set: start `cospace demo --mail-dir DIR` and point COSPACE_MAIL_DIR at DIR');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * A phone-sized session where the site's scripts never load: every step must work with plain
 * HTML forms. (The scripts are blocked rather than JavaScript switched off, which would also
 * stop axe-core, injected by the test.)
 */
async function newPhonePage() {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'en-GB',
    viewport: { width: 360, height: 740 },
  });
  await context.route('**/*.js', (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  return page;
}

/** Fails with the page's violations, and when the page is wider than the screen. */
async function checkPage(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const details = violations
    .map((v) => `  - ${v.id} [${v.impact}]: ${v.help}\n${v.nodes.map((n) => `      target: ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe-core violations on ${label}:\n${details}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${label} is ${width} px wide on a 360 px screen`);
}

async function navigate(page, action) {
  await Promise.all([page.waitForEvent('load'), action()]);
}

async function fillSignUp(page, email) {
  await page.getByLabel('Name').fill('Browser Tester');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
}

/** The confirmation path in the newest .eml file addressed to `email`, waiting for the mail worker. */
async function confirmationPath(email) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const names = (await readdir(MAIL_DIR).catch(() => [])).filter((n) => n.endsWith('.eml'));
    for (const name of names) {
      // Quoted-printable soft line breaks, should the body be encoded that way.
      const raw = (await readFile(join(MAIL_DIR, name), 'utf8')).replace(/=\r?\n/g, '');
      if (!raw.includes(email)) continue;
      const found = raw.match(/https?:\/\/[^\s/]+(\/account\/confirm\/[A-Za-z0-9_-]{43})/);
      if (found) return found[1];
    }
    assert.ok(Date.now() < deadline, `no confirmation mail to ${email} in ${MAIL_DIR}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('sign-up is confirmed through the mailed link, on a phone, without JavaScript', { timeout: 120_000 }, async () => {
  const page = await newPhonePage();
  const email = `browser-${Date.now()}@example.org`;
  try {
    await page.goto('/account/sign-up');
    await checkPage(page, 'sign-up form');
    await fillSignUp(page, email);
    await navigate(page, () => page.getByRole('button', { name: 'Create account' }).click());
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), 'Check your e-mail');
    assert.ok((await page.locator('main').innerText()).includes(email));
    await checkPage(page, 'check your e-mail');
    const sentText = (await page.locator('main').innerText()).replaceAll(email, 'ADDRESS');

    // Following the link shows the account to be created; only the button creates it.
    const path = await confirmationPath(email);
    await page.goto(path);
    await checkPage(page, 'confirmation page');
    assert.equal(await page.locator('form[action="/account/sign-out"]').count(), 0, 'signed in by a GET');
    await navigate(page, () => page.getByRole('button', { name: 'Create my account' }).click());
    assert.equal(new URL(page.url()).pathname, '/');
    await assert.doesNotReject(page.locator('form[action="/account/sign-out"]').waitFor(),
      `not signed in after confirming (now at ${page.url()})`);
    await checkPage(page, 'home after confirming');

    // The link works once.
    const again = await page.goto(path);
    assert.equal(again.status(), 404);
    await checkPage(page, 'used link');

    // A registered address gets the same answer (the owner is told by mail instead).
    const other = await newPhonePage();
    try {
      await other.goto('/account/sign-up');
      await fillSignUp(other, email);
      await navigate(other, () => other.getByRole('button', { name: 'Create account' }).click());
      const registeredText = (await other.locator('main').innerText()).replaceAll(email, 'ADDRESS');
      assert.equal(registeredText, sentText);
    } finally {
      await other.context().close();
    }
  } finally {
    await page.context().close();
  }
});
