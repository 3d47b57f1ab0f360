// Browser test: an administrator creates a space and a space inside it, then
// switches the interface to Polish. Every page on the way is audited with
// axe-core (WCAG 2.0/2.1 A + AA).
//
// This file starts nothing: it expects a running `cospace demo` at $COSPACE_URL
// (tests/browser/run.sh provides one) and Chromium at $CHROMIUM or /usr/bin/chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const BASE_URL = process.env.COSPACE_URL;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ADMIN = { email: 'admin@example.org', password: 'demo-admin-password' };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCREENSHOT_DIR = fileURLToPath(new URL('../../target/browser/', import.meta.url));

let browser;

before(async () => {
  assert.ok(BASE_URL, 'COSPACE_URL is not set: start `cospace demo` and point COSPACE_URL at it (tests/browser/run.sh does both)');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps trying to reach
    // Google services, which are unreachable (and irrelevant) here.
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh, isolated browser session (own cookies) with short timeouts. */
async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  return page;
}

/**
 * Collects axe-core violations page by page. The scenario keeps going after a
 * violation so that one run reports every page's problems; `assertClean` then
 * fails the test with the complete list.
 */
class A11yAudit {
  /** @type {{ where: string, violations: import('axe-core').Result[] }[]} */
  failures = [];
  pagesChecked = 0;

  async check(page, label) {
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    this.pagesChecked += 1;
    if (violations.length > 0) {
      const where = `${label} (${new URL(page.url()).pathname})`;
      this.failures.push({ where, violations });
      // Print now too, so the details are visible even if a later step throws.
      console.error(A11yAudit.format([{ where, violations }]));
    }
  }

  static format(failures) {
    const lines = [];
    for (const { where, violations } of failures) {
      lines.push(`Accessibility violations on ${where}:`);
      for (const v of violations) {
        lines.push(`  - ${v.id} [${v.impact}]: ${v.help} (${v.helpUrl})`);
        for (const node of v.nodes) lines.push(`      target: ${node.target.join(' ')}`);
      }
    }
    return lines.join('\n');
  }

  assertClean() {
    const count = this.failures.reduce((n, f) => n + f.violations.length, 0);
    assert.equal(count, 0, `${count} axe-core violation(s) found:\n${A11yAudit.format(this.failures)}`);
  }
}

/**
 * Runs `action` (a click that follows a link or submits a form) and waits for
 * the next page to finish loading. Waiting for the `load` event rather than
 * for a URL matters when the next page has the same URL as the current one
 * (the language switch redirects back to where it came from).
 */
async function navigate(page, action) {
  await Promise.all([page.waitForEvent('load'), action()]);
}

/** Asserts the current path, quoting the page's error summary if there is one. */
async function expectPath(page, path) {
  const actual = new URL(page.url()).pathname;
  if (actual === path) return;
  const summary = page.locator('.error-summary');
  const errors = (await summary.count()) > 0 ? ` — page says: ${(await summary.innerText()).replace(/\s+/g, ' ')}` : '';
  assert.fail(`expected to be on ${path} but am on ${actual}${errors}`);
}

/** Fills and submits the space form (shared by /spaces/new and /spaces/{slug}/new). */
async function fillSpaceForm(page, { title, slug, kind, description }) {
  await page.locator('#title').fill(title);
  // The page script suggests a slug from the title; we want our own.
  await page.locator('#slug').fill(slug);
  await page.locator('#kind').selectOption(kind);
  await page.locator('#description').fill(description);
  await page.locator('input[name="languages"][value="en"]').check();
  await page.locator('input[name="languages"][value="pl"]').check();
  await page.locator('input[name="visibility"][value="public"]').check();
}

test('keyboard: the first Tab on the home page focuses the skip link', async () => {
  const page = await newPage();
  try {
    await page.goto('/');
    const audit = new A11yAudit();
    await audit.check(page, 'home (keyboard test)');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await assert.doesNotReject(focused.waitFor(), 'nothing is focused after the first Tab');
    assert.equal(await focused.evaluate((el) => el.classList.contains('skip-link')), true,
      `the first Tab focused ${await focused.evaluate((el) => el.outerHTML)} instead of the skip link`);
    assert.equal(await focused.getAttribute('href'), '#main');
    audit.assertClean();
  } finally {
    await page.context().close();
  }
});

test('admin creates a nested space and switches to Polish (axe-clean on every page)', { timeout: 120_000 }, async () => {
  const page = await newPage();
  const audit = new A11yAudit();
  // Unique per run so the test can be repeated against the same server.
  const stamp = Date.now();
  const parent = { title: `Browser City ${stamp}`, slug: `browser-city-${stamp}`, kind: 'city',
    description: 'A city created by the browser test.' };
  const child = { title: `Browser Neighbourhood ${stamp}`, slug: `browser-hood-${stamp}`, kind: 'neighbourhood',
    description: 'A neighbourhood inside the browser test city.' };

  try {
    // Home page.
    await page.goto('/');
    await audit.check(page, 'home');

    // Sign in through the form.
    await page.goto('/account/sign-in');
    await audit.check(page, 'sign-in form');
    await page.getByLabel('E-mail address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await navigate(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    await audit.check(page, 'after sign-in');
    // A session that did not stick (e.g. a Secure cookie refused) would show the form again.
    await assert.doesNotReject(
      page.locator('form[action="/account/sign-out"]').waitFor(),
      `not signed in after submitting the form (now at ${page.url()}); is the session cookie being dropped?`,
    );

    // Create the top-level space.
    await page.goto('/spaces/new');
    await audit.check(page, 'new space form');
    await fillSpaceForm(page, parent);
    await navigate(page, () => page.getByRole('button', { name: 'Create space' }).click());
    await expectPath(page, `/spaces/${parent.slug}`);
    await audit.check(page, 'parent space page');
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), parent.title);

    // Create the child space from the parent's page.
    await navigate(page, () => page.getByRole('link', { name: 'New space inside this one' }).click());
    await expectPath(page, `/spaces/${parent.slug}/new`);
    await audit.check(page, 'new child space form');
    await fillSpaceForm(page, child);
    await navigate(page, () => page.getByRole('button', { name: 'Create space' }).click());
    await expectPath(page, `/spaces/${child.slug}`);
    await audit.check(page, 'child space page');

    // Breadcrumbs: … › parent › child, with the child marked as the current page.
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link');
    const crumbTexts = (await crumbs.allTextContents()).map((s) => s.trim());
    const parentAt = crumbTexts.indexOf(parent.title);
    const childAt = crumbTexts.indexOf(child.title);
    assert.ok(parentAt >= 0, `parent missing from breadcrumbs: ${JSON.stringify(crumbTexts)}`);
    assert.equal(childAt, parentAt + 1, `child should come right after the parent: ${JSON.stringify(crumbTexts)}`);
    assert.equal(await crumbs.nth(childAt).getAttribute('aria-current'), 'page');
    assert.equal(await crumbs.nth(parentAt).getAttribute('href'), `/spaces/${parent.slug}`);

    // Switch to Polish with the header picker. app.js submits the form as soon
    // as the select changes; to exercise the picker's own button (the path that
    // works without JavaScript) and to avoid two racing submissions, stop the
    // change event at the form, before it reaches the script's listener.
    const languagePosts = [];
    page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/language') languagePosts.push(r); });
    const picker = page.locator('form.language-picker');
    await picker.evaluate((form) => form.addEventListener('change', (e) => e.stopPropagation(), { capture: true }));
    await picker.locator('#language-select').selectOption('pl');
    await navigate(page, () => picker.getByRole('button', { name: 'Change language' }).click());
    await expectPath(page, `/spaces/${child.slug}`);
    await audit.check(page, 'child space page in Polish');
    assert.equal(languagePosts.length, 1, 'expected exactly one POST /language');

    assert.equal(await page.locator('html').getAttribute('lang'), 'pl', 'html[lang] after switching to Polish');
    const spacesLink = page.locator('nav.main-nav a[href="/spaces"]');
    assert.equal((await spacesLink.textContent()).trim(), 'Przestrzenie');
    // The nested space is still what we are looking at.
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), child.title);

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOT_DIR}nested-space-pl.png`, fullPage: true });
  } finally {
    await page.context().close();
  }

  assert.ok(audit.pagesChecked >= 8, `only ${audit.pagesChecked} pages were audited`);
  audit.assertClean();
});
