// Browser test of the calendar component, end to end: two institutions plan
// actions at the same place and time; the second one sees the live warning
// while filling in the form and joins the first as co-organiser, which makes a
// common action that the indicators chart counts. Then a monthly meeting gets
// minutes in Markdown and an action item that shows in the series' tracker.
// Every calendar page visited is audited with axe-core (WCAG 2.0/2.1 A + AA).
//
// Like the other browser tests, this file starts nothing: it expects a running
// `cospace demo` at $COSPACE_URL (tests/browser/run.sh provides one) and Chromium
// at $CHROMIUM or /usr/bin/chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const BASE_URL = process.env.COSPACE_URL;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The demo's coordinator administers "krakow", so may create spaces inside it and
// approve the organisations registered there. The two other demo accounts are
// nobody in particular in the new space: each registers an institution and so
// becomes its admin.
const COORDINATOR = { email: 'coordinator@example.org', password: 'demo-coordinator-password' };
const ADMIN_A = { email: 'organiser@example.org', password: 'demo-organiser-password' };
const ADMIN_B = { email: 'partner@example.org', password: 'demo-partner-password' };
const PARENT_SPACE = 'krakow';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOTS = fileURLToPath(new URL('../../target/browser/', import.meta.url));

// Always in the future, whatever today is: next year's June and September.
const YEAR = new Date().getUTCFullYear() + 1;
const ACTION_DAY = `${YEAR}-06-12`;
const MEETING_DAY = `${YEAR}-09-07`;
const DUE_DAY = `${YEAR}-09-30`;

let browser;

before(async () => {
  assert.ok(BASE_URL, 'COSPACE_URL is not set: run the tests through tests/browser/run.sh, or start `cospace demo` and export COSPACE_URL');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Keep Chromium from calling home (nothing outside is reachable here anyway).
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A page in its own browser context (own cookies); requests leaving the server are refused. */
async function openPage() {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'en-GB' });
  const origin = new URL(BASE_URL).origin;
  await context.route((url) => url.origin !== origin, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  return page;
}

/**
 * Runs axe-core on each page it is given and remembers what it found, so that a
 * single run reports the problems of every page; `verdict()` fails at the end.
 */
class AxeLog {
  found = [];
  audited = 0;

  async audit(page, name) {
    const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    this.audited += 1;
    if (result.violations.length === 0) return;
    const entry = { name, path: new URL(page.url()).pathname, violations: result.violations };
    this.found.push(entry);
    console.error(AxeLog.describe([entry])); // visible even if a later step throws
  }

  static describe(entries) {
    return entries.flatMap(({ name, path, violations }) => [
      `axe-core violations on ${name} (${path}):`,
      ...violations.flatMap((v) => [
        `  - ${v.id} [${v.impact}] ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `      at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
      ]),
    ]).join('\n');
  }

  verdict() {
    const total = this.found.reduce((sum, e) => sum + e.violations.length, 0);
    assert.equal(total, 0, `${total} accessibility violation(s):\n${AxeLog.describe(this.found)}`);
  }
}

/** Clicks something that loads a new document and waits for it to load. */
async function clickAndLoad(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

/** Fails unless the browser is on a path matching `expected` (a string or a RegExp). */
async function assertAt(page, expected) {
  const here = new URL(page.url()).pathname;
  if (typeof expected === 'string' ? here === expected : expected.test(here)) return here;
  const summary = page.locator('.error-summary');
  const said = (await summary.count()) > 0 ? `; the page says: ${(await summary.first().innerText()).replace(/\s+/g, ' ')}` : '';
  assert.fail(`expected ${expected}, got ${here}${said}`);
}

async function signIn(page, user) {
  await page.goto('/account/sign-in');
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
  await assert.doesNotReject(page.locator('form[action="/account/sign-out"]').waitFor(),
    `${user.email} is still signed out after the sign-in form (at ${page.url()})`);
}

/** Registers an organisation as its future admin; returns its page's path. */
async function registerOrganisation(page, stakeholders, name) {
  await page.goto(`${stakeholders}/organizations/new`);
  await page.locator('#name').fill(name);
  await page.locator('#sector').selectOption('ngo');
  await clickAndLoad(page, page.getByRole('button', { name: 'Save organisation' }));
  return assertAt(page, new RegExp(`^${stakeholders}/organizations/\\d+$`));
}

/** Fills in the planning form's common fields; the organiser is the only one ticked. */
async function fillPlan(page, { title, kind, organiser, date, start, end }) {
  await page.locator('#title').fill(title);
  await page.locator('#kind').selectOption(kind);
  for (const ticked of await page.locator('#organizers input[type="checkbox"]:checked').all()) await ticked.uncheck();
  await page.locator('#organizers').getByRole('checkbox', { name: organiser, exact: true }).check();
  await page.locator('#time_zone').fill('Europe/Warsaw');
  await page.locator('#start_date').fill(date);
  await page.locator('#start_time').fill(start);
  await page.locator('#end_date').fill(date);
  await page.locator('#end_time').fill(end);
}

test('calendar: a clash warned live, joined as a common action and counted; a meeting series with minutes and an action item (axe-clean)', { timeout: 180_000 }, async () => {
  const axe = new AxeLog();
  const stamp = Date.now();
  const space = { title: `Browser Calendar Estate ${stamp}`, slug: `browser-calendar-${stamp}` };
  const stakeholders = `/spaces/${space.slug}/stakeholders`;
  const calendar = `/spaces/${space.slug}/calendar`;
  const orgA = `Browser Library ${stamp}`;
  const orgB = `Browser Youth Club ${stamp}`;
  const hall = `Library reading hall ${stamp}`;
  const festival = 'Neighbourhood reading festival';
  const workshop = 'Comics workshop for teenagers';
  const roundtable = 'Roundtable of local leaders';

  const coordinator = await openPage();
  const adminA = await openPage();
  const adminB = await openPage();
  try {
    // --- Set-up: a fresh space, two institutions with their admins, a venue ------------
    await signIn(coordinator, COORDINATOR);
    await coordinator.goto(`/spaces/${PARENT_SPACE}/new`);
    await coordinator.locator('#title').fill(space.title);
    await coordinator.locator('#slug').fill(space.slug);
    await coordinator.locator('#kind').selectOption('neighbourhood');
    await coordinator.locator('#description').fill('A housing estate created by the calendar browser test.');
    await clickAndLoad(coordinator, coordinator.getByRole('button', { name: 'Create space' }));
    await assertAt(coordinator, `/spaces/${space.slug}`);

    // Whoever registers an organisation becomes its admin; a space admin lists it.
    await signIn(adminA, ADMIN_A);
    const orgAPath = await registerOrganisation(adminA, stakeholders, orgA);
    await signIn(adminB, ADMIN_B);
    const orgBPath = await registerOrganisation(adminB, stakeholders, orgB);
    for (const path of [orgAPath, orgBPath]) {
      await coordinator.goto(path);
      await clickAndLoad(coordinator, coordinator.getByRole('button', { name: 'Approve and list it' }));
      await assertAt(coordinator, path);
    }

    // The library offers its reading hall: a venue.
    await adminA.goto(orgAPath);
    await adminA.locator('#resource-kind').selectOption('venue');
    await adminA.locator('#resource-title').fill(hall);
    await adminA.locator('#resource-capacity').fill('60');
    await clickAndLoad(adminA, adminA.getByRole('button', { name: 'Add a resource on offer', exact: true }));
    await assertAt(adminA, new RegExp(`^${stakeholders}/resources/\\d+$`));
    const venueLabel = `${hall} (${orgA})`;

    // --- Institution A plans its festival in the hall --------------------------------
    await adminA.goto(`${calendar}/events/new`);
    await axe.audit(adminA, 'planning form');
    await fillPlan(adminA, { title: festival, kind: 'action', organiser: orgA, date: ACTION_DAY, start: '15:00', end: '18:00' });
    await adminA.locator('#venue').selectOption({ label: venueLabel });
    // Nothing is planned there yet: the live check says so.
    await adminA.locator('#clash-live').getByText('No clashes with what is already planned.').waitFor();
    await clickAndLoad(adminA, adminA.getByRole('button', { name: 'Save the event' }));
    const festivalPath = await assertAt(adminA, new RegExp(`^${calendar}/events/\\d+$`));
    await axe.audit(adminA, 'event page (one organiser)');
    assert.equal(await adminA.getByText('Common action', { exact: true }).count(), 0, 'one organiser is not a common action');

    // --- Institution B plans a workshop in the same hall, overlapping ------------------
    await adminB.goto(`${calendar}/events/new`);
    await fillPlan(adminB, { title: workshop, kind: 'action', organiser: orgB, date: ACTION_DAY, start: '16:00', end: '19:00' });
    // The venue last: its change is what makes the plan clash.
    const checked = adminB.waitForResponse((r) => r.url().endsWith(`${calendar}/clash-check`) && r.request().method() === 'POST');
    await adminB.locator('#venue').selectOption({ label: venueLabel });
    assert.equal((await checked).status(), 200);
    // assets/calendar.js shows the server's warning while the form is being filled in.
    const live = adminB.locator('#clash-live');
    await live.getByRole('link', { name: festival, exact: true }).waitFor().catch(async () => {
      assert.fail(`the live warning never named "${festival}"; #clash-live reads: ${(await live.innerText()).replace(/\s+/g, ' ')}`);
    });
    await assertAt(adminB, `${calendar}/events/new`); // nothing was submitted
    const warning = (await live.innerText()).replace(/\s+/g, ' ');
    assert.match(warning, /This clashes with what others plan/);
    assert.match(warning, /same venue at the same time/);
    assert.match(warning, new RegExp(orgA));
    await axe.audit(adminB, 'planning form with a live clash warning');
    await mkdir(SHOTS, { recursive: true });
    await adminB.screenshot({ path: `${SHOTS}calendar-clash.png`, fullPage: true });

    // Rather than clash, B joins A's festival as co-organiser.
    await clickAndLoad(adminB, live.getByRole('button', { name: `Join it as ${orgB}`, exact: true }));
    await assertAt(adminB, festivalPath);
    await axe.audit(adminB, 'event page (common action)');
    assert.match(await adminB.locator('main').innerText(), /You are now a co-organiser of this event\./);
    const event = adminB.locator('article.event');
    assert.equal((await event.getByRole('heading', { level: 2 }).textContent()).trim(), festival);
    assert.equal(await event.locator('.badge', { hasText: 'Common action' }).count(), 1, 'the event should be marked as a common action');
    const organisers = (await event.locator('dd ul li').allTextContents()).map((s) => s.trim()).sort();
    assert.deepEqual(organisers, [orgA, orgB].sort());

    // The month view lists it once (the workshop was never planned).
    await adminB.goto(`${calendar}?view=month&date=${ACTION_DAY}`);
    await axe.audit(adminB, 'month view');
    assert.equal(await adminB.locator('main').getByRole('link', { name: festival }).count(), 1, 'the festival should be in June');
    assert.equal(await adminB.locator('main').getByText(workshop).count(), 0, 'the workshop should not have been planned');

    // --- Indicators: June counts one event, and it is a common action -----------------
    await adminB.goto(`${calendar}/indicators?from=${YEAR}-06-01&to=${YEAR}-06-30`);
    await axe.audit(adminB, 'indicators');
    const rows = adminB.locator('table tbody tr');
    assert.equal(await rows.count(), 1, 'one month asked, one row');
    const month = `Jun ${String(YEAR % 100).padStart(2, '0')}`;
    assert.equal((await rows.first().locator('th').textContent()).trim(), month);
    const cells = (await rows.first().locator('td').allTextContents()).map((s) => s.trim());
    assert.equal(cells[0], '1', `events in ${month}: ${JSON.stringify(cells)}`);
    assert.equal(cells[1], '1', `common actions in ${month}: ${JSON.stringify(cells)}`);
    // Three charts: events and common actions, participants, organisations involved.
    const charts = adminB.locator('figure svg[role="img"]');
    assert.equal(await charts.count(), 3, 'the charts are missing');
    const chart = charts.first();
    const bar = chart.locator('rect').filter({ has: adminB.locator('title', { hasText: `${month}: one common action` }) });
    assert.equal(await bar.count(), 1, `no bar for one common action; the bars say ${JSON.stringify(await chart.locator('rect > title').allTextContents())}`);
    assert.ok(Number(await bar.getAttribute('height')) > 0, 'the common-action bar has no height');

    // --- A monthly meeting: minutes and an action item ---------------------------------
    await adminA.goto(`${calendar}/events/new`);
    await fillPlan(adminA, { title: roundtable, kind: 'meeting', organiser: orgA, date: MEETING_DAY, start: '18:00', end: '19:30' });
    await adminA.locator('#repeat').selectOption({ label: 'Every month on the same weekday (e.g. second Tuesday)' });
    await adminA.locator('#repeat_ends').selectOption('count');
    await adminA.locator('#repeat_count').fill('5');
    await clickAndLoad(adminA, adminA.getByRole('button', { name: 'Save the event' }));
    const seriesEvent = await assertAt(adminA, new RegExp(`^${calendar}/events/\\d+$`));
    await axe.audit(adminA, 'event page (meeting series)');

    await clickAndLoad(adminA, adminA.getByRole('link', { name: 'Meetings of this series', exact: true }));
    await assertAt(adminA, `${seriesEvent}/meetings`);
    await axe.audit(adminA, 'meeting series');
    const meetings = (await adminA.locator('section.meeting h3').allTextContents()).map((s) => s.trim());
    assert.deepEqual(meetings.slice(0, 2), ['1st meeting', '2nd meeting'], `the series lists ${JSON.stringify(meetings)}`);

    await clickAndLoad(adminA, adminA.getByRole('link', { name: '1st meeting', exact: true }));
    const meetingPath = await assertAt(adminA, new RegExp(`^${seriesEvent}/meetings/[^/]+$`));
    await axe.audit(adminA, 'meeting page');
    assert.equal((await adminA.getByRole('heading', { level: 2 }).textContent()).trim(), `1st meeting: ${roundtable}`);

    const minutesForm = adminA.locator('form').filter({ has: adminA.locator('input[name="part"][value="minutes"]') });
    await adminA.locator('#minutes').fill('**Agreed**: the reading hall opens on Saturdays.\n\n- the library brings the chairs');
    await clickAndLoad(adminA, minutesForm.getByRole('button', { name: 'Save' }));
    await assertAt(adminA, meetingPath);
    const minutes = adminA.locator('.minutes');
    assert.equal((await minutes.locator('strong').textContent()).trim(), 'Agreed', 'the minutes should be rendered from Markdown');
    assert.match(await minutes.innerText(), /the reading hall opens on Saturdays/);
    assert.equal(await minutes.locator('li').count(), 1);

    await adminA.locator('#title').fill('Ask the housing cooperative for a notice board');
    await adminA.locator('#owner').selectOption({ label: orgB });
    await adminA.locator('#due_date').fill(DUE_DAY);
    await clickAndLoad(adminA, adminA.getByRole('button', { name: 'Add the action item' }));
    await assertAt(adminA, meetingPath);
    await axe.audit(adminA, 'meeting page with minutes and an action item');
    assert.equal(await adminA.locator('table tbody tr').count(), 1, 'the meeting should list its action item');

    // The series' tracker.
    await adminA.goto(`${seriesEvent}/meetings`);
    await clickAndLoad(adminA, adminA.locator(`main a[href="${seriesEvent}/actions"]`).first());
    await assertAt(adminA, `${seriesEvent}/actions`);
    await axe.audit(adminA, 'action tracker of the series');
    const item = adminA.locator('table tbody tr').filter({ hasText: 'Ask the housing cooperative for a notice board' });
    assert.equal(await item.count(), 1, `the tracker does not list the action item:\n${await adminA.locator('main').innerText()}`);
    const [title, owner, due, meeting] = (await item.locator('td').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.equal(title, 'Ask the housing cooperative for a notice board');
    assert.equal(owner, orgB);
    assert.match(due, new RegExp(`^\\w+ 30 September ${YEAR}$`));
    assert.equal(meeting, '1st meeting');
    assert.equal(await item.locator('select').inputValue(), 'open');
  } finally {
    await Promise.all([coordinator, adminA, adminB].map((p) => p.context().close()));
  }

  assert.ok(axe.audited >= 10, `only ${axe.audited} pages were audited`);
  axe.verdict();
});
