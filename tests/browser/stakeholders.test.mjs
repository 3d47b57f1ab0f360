// Browser test of the stakeholders component, end to end: a coordinator adds an
// organisation with a resource on offer and another with a need; the resource
// map shows them; the synergies page proposes the match with its reasons; once
// the match is accepted the need is closed. Every page visited is audited with
// axe-core (WCAG 2.0/2.1 A + AA).
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
// The demo's coordinator administers "krakow", so may create spaces inside it.
const COORDINATOR = { email: 'coordinator@example.org', password: 'demo-coordinator-password' };
const PARENT_SPACE = 'krakow';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOTS = fileURLToPath(new URL('../../target/browser/', import.meta.url));

const SCHOOL = {
  name: 'Browser School', sector: 'local_government', lat: '50.0880', lon: '19.9120',
  description: 'A primary school that lends its hall in the evenings.',
};
const HALL = {
  kind: 'venue', title: 'Browser school hall for club meetings', capacity: '80',
  description: 'The school hall, free on weekday evenings.', availability: 'Weekday evenings',
  lat: '50.0880', lon: '19.9120',
};
const SENIORS = {
  name: 'Browser Seniors Club', sector: 'ngo', lat: '50.0866', lon: '19.9101',
  description: 'A club for the older neighbours of the estate.',
};
const ROOM = {
  kind: 'venue', title: 'Room for the browser club meetings', capacity: '30', urgency: 'high',
  description: 'A room for thirty people, once a week.', lat: '50.0866', lon: '19.9101',
};

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

/**
 * A page in its own browser context. Requests that leave the cospace server
 * (map tiles, mostly) are refused at once, so that the test behaves the same
 * with or without a network and never waits on a DNS lookup.
 */
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

/** Fails unless the browser is on `path`, quoting the page's error summary if any. */
async function assertAt(page, path) {
  const here = new URL(page.url()).pathname;
  if (here === path) return;
  const summary = page.locator('.error-summary');
  const said = (await summary.count()) > 0 ? `; the page says: ${(await summary.first().innerText()).replace(/\s+/g, ' ')}` : '';
  assert.fail(`expected ${path}, got ${here}${said}`);
}

/** Fills the organisation form and saves it; returns the new organisation's path. */
async function addOrganisation(page, axe, base, org) {
  await page.goto(base);
  await axe.audit(page, 'stakeholders directory');
  await clickAndLoad(page, page.getByRole('link', { name: 'Add an organisation' }));
  await assertAt(page, `${base}/organizations/new`);
  await axe.audit(page, 'new organisation form');
  await page.locator('#name').fill(org.name);
  await page.locator('#sector').selectOption(org.sector);
  await page.locator('#description').fill(org.description);
  await page.locator('input[name="languages"][value="pl"]').check();
  await page.locator('#lat').fill(org.lat);
  await page.locator('#lon').fill(org.lon);
  await clickAndLoad(page, page.getByRole('button', { name: 'Save organisation' }));
  const path = new URL(page.url()).pathname;
  assert.match(path, new RegExp(`^${base}/organizations/\\d+$`),
    `saving "${org.name}" did not lead to its page (now at ${path})`);
  await axe.audit(page, `organisation page of ${org.name}`);
  assert.equal((await page.getByRole('heading', { level: 2 }).first().textContent()).trim(), org.name);
  return path;
}

/**
 * Fills one of the organisation page's item forms ("resource" or "need") and
 * submits it; returns the new item's path.
 */
async function addItem(page, axe, base, which, item) {
  await page.locator(`#${which}-kind`).selectOption(item.kind);
  await page.locator(`#${which}-title`).fill(item.title);
  await page.locator(`#${which}-description`).fill(item.description);
  await page.locator(`#${which}-capacity`).fill(item.capacity);
  if (item.availability) await page.locator(`#${which}-availability`).fill(item.availability);
  if (item.urgency) await page.locator(`#${which}-urgency`).selectOption(item.urgency);
  await page.locator(`#${which}-lat`).fill(item.lat);
  await page.locator(`#${which}-lon`).fill(item.lon);
  const submit = which === 'resource' ? 'Add a resource on offer' : 'Add a need';
  await clickAndLoad(page, page.getByRole('button', { name: submit, exact: true }));
  const path = new URL(page.url()).pathname;
  assert.match(path, new RegExp(`^${base}/${which}s/\\d+$`), `adding the ${which} did not lead to its page (now at ${path})`);
  await axe.audit(page, `${which} page`);
  assert.equal((await page.getByRole('heading', { level: 2 }).first().textContent()).trim(), item.title);
  return path;
}

/**
 * What the Leaflet map currently draws: each single marker counts one place and
 * each cluster the number it shows.
 */
function placesDrawn(page) {
  return page.locator('#map').evaluate((map) => {
    let total = 0;
    const titles = [];
    for (const icon of map.querySelectorAll('.leaflet-marker-icon')) {
      if (icon.classList.contains('marker-cluster')) {
        total += Number.parseInt(icon.querySelector('span')?.textContent ?? '0', 10);
      } else if (icon.classList.contains('map-pin')) {
        total += 1;
        titles.push(icon.getAttribute('title'));
      }
    }
    return { total, titles };
  });
}

/** Waits until the map has drawn exactly `count` places (markers plus cluster counts). */
async function waitForPlacesDrawn(page, count) {
  await page.waitForFunction((expected) => {
    let total = 0;
    for (const icon of document.querySelectorAll('#map .leaflet-marker-icon')) {
      if (icon.classList.contains('marker-cluster')) total += Number.parseInt(icon.querySelector('span')?.textContent ?? '0', 10);
      else if (icon.classList.contains('map-pin')) total += 1;
    }
    return total === expected;
  }, count).catch(async () => {
    assert.fail(`the map should draw ${count} place(s) but draws ${JSON.stringify(await placesDrawn(page))}`);
  });
}

/** Waits for the map's status line (a live region) to contain `text`. */
async function waitForStatus(page, text) {
  await page.waitForFunction((t) => (document.getElementById('map-status')?.textContent ?? '').includes(t), text)
    .catch(async () => {
      assert.fail(`the map status line never said "${text}"; it says "${await page.locator('#map-status').textContent()}"`);
    });
}

test('coordinator: organisations, resource map, synergy proposed and accepted (axe-clean on every page)', { timeout: 180_000 }, async () => {
  const page = await openPage();
  const axe = new AxeLog();
  const stamp = Date.now();
  const space = { title: `Browser Estate ${stamp}`, slug: `browser-estate-${stamp}` };
  const base = `/spaces/${space.slug}/stakeholders`;

  try {
    // --- Sign in as the coordinator ------------------------------------------------
    await page.goto('/account/sign-in');
    await axe.audit(page, 'sign-in form');
    await page.locator('#email').fill(COORDINATOR.email);
    await page.locator('#password').fill(COORDINATOR.password);
    await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
    await axe.audit(page, 'after sign-in');
    await assert.doesNotReject(page.locator('form[action="/account/sign-out"]').waitFor(),
      `still signed out after the sign-in form (at ${page.url()})`);

    // --- A fresh neighbourhood, so the demo's own organisations stay out of the way ---
    await page.goto(`/spaces/${PARENT_SPACE}/new`);
    await axe.audit(page, 'new space form');
    await page.locator('#title').fill(space.title);
    await page.locator('#slug').fill(space.slug); // replaces the slug the page suggests
    await page.locator('#kind').selectOption('neighbourhood');
    await page.locator('#description').fill('A housing estate created by the stakeholders browser test.');
    await page.locator('input[name="languages"][value="pl"]').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Create space' }));
    await assertAt(page, `/spaces/${space.slug}`);
    await axe.audit(page, 'new space page');

    // --- Organisation A offers a hall; organisation B needs a room --------------------
    await addOrganisation(page, axe, base, SCHOOL);
    const hallPath = await addItem(page, axe, base, 'resource', HALL);

    await addOrganisation(page, axe, base, SENIORS);
    const roomPath = await addItem(page, axe, base, 'need', ROOM);
    assert.match(await page.locator('main').innerText(), /High urgency · Open/, 'a new need should be open');

    // --- The resource map -------------------------------------------------------------
    // What the map is fed: both organisations (they have a location) and both items.
    const feed = await (await page.request.get(`/spaces/${space.slug}/map.geojson`)).json();
    const fed = feed.features.map((f) => `${f.properties.type}: ${f.properties.title}`).sort();
    assert.deepEqual(fed, [
      `need: ${ROOM.title}`,
      `organization: ${SCHOOL.name}`,
      `organization: ${SENIORS.name}`,
      `resource: ${HALL.title}`,
    ]);

    // The map asks for what it shows: its viewport (bbox) at its zoom, not the whole download.
    const viewportRequest = page.waitForRequest((r) => r.url().includes('/map.geojson?'), { timeout: 30_000 });
    await clickAndLoad(page, page.getByRole('link', { name: 'Map', exact: true }));
    await assertAt(page, `${base}/map`);
    const asked = new URL((await viewportRequest).url());
    assert.match(asked.searchParams.get('bbox') ?? '', /^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, `the map should ask for its viewport (asked ${asked})`);
    assert.match(asked.searchParams.get('zoom') ?? '', /^\d+$/, `the map should say its zoom (asked ${asked})`);
    await waitForStatus(page, 'Places on the map: 4.');
    // Tiles cannot load here; the page must say so and still show the places.
    await page.waitForFunction(() => document.getElementById('map')?.classList.contains('map-no-tiles'));
    // The hall and its school share a point, as do the room and its club: once the map
    // has fitted its bounds the four places are drawn as markers and/or clusters.
    await waitForPlacesDrawn(page, 4);
    const clusters = await page.locator('#map .leaflet-marker-icon.marker-cluster').count();
    const pins = await page.locator('#map .leaflet-marker-icon.map-pin').count();
    assert.ok(clusters + pins >= 2, `the two locations should be drawn apart (clusters ${clusters}, pins ${pins})`);
    // The list below the map names both items, each linked to its page.
    const list = page.locator('#map-list');
    assert.equal(await list.getByRole('link', { name: HALL.title, exact: true }).getAttribute('href'), hallPath);
    assert.equal(await list.getByRole('link', { name: ROOM.title, exact: true }).getAttribute('href'), roomPath);
    await axe.audit(page, 'resource map');
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}stakeholders-map.png`, fullPage: true });

    // Each item has its own marker: with the live filter only that one is left on the map.
    for (const [show, title, label] of [['resources', HALL.title, 'Resource on offer'], ['needs', ROOM.title, 'Need']]) {
      await page.locator('#filter-show').selectOption(show);
      // Both filters leave one place, so wait for the marker itself, not for a count.
      const marker = page.locator(`#map .leaflet-marker-icon.map-pin[title="${title} (${label})"]`);
      await marker.waitFor().catch(async () => {
        assert.fail(`no marker for "${title}" with the ${show} filter; the map draws ${JSON.stringify(await placesDrawn(page))}`);
      });
      await waitForStatus(page, 'Places on the map: 1.');
      await waitForPlacesDrawn(page, 1);
      assert.deepEqual((await placesDrawn(page)).titles, [`${title} (${label})`], `the ${show} filter should leave just that marker`);
    }
    await axe.audit(page, 'resource map, filtered to needs');

    // --- Synergies: the hall is proposed for the room, with its reasons ---------------
    await clickAndLoad(page, page.getByRole('link', { name: 'Synergies', exact: true }));
    await assertAt(page, `${base}/synergies`);
    await axe.audit(page, 'synergies');
    const need = page.locator('section.synergy').filter({ has: page.getByRole('heading', { name: ROOM.title, exact: true }) });
    assert.equal(await need.count(), 1, 'the open need should be listed once on the synergies page');
    // (A `has` locator is matched inside each candidate, so it is built from `page`.)
    const proposeButton = page.getByRole('button', { name: `Propose "${HALL.title}"`, exact: true });
    const suggestion = need.locator('ol.suggestions > li').filter({ has: proposeButton });
    const propose = suggestion.getByRole('button', { name: `Propose "${HALL.title}"`, exact: true });
    assert.equal(await suggestion.count(), 1,
      `"${HALL.title}" is not suggested for "${ROOM.title}"; the need's section reads:\n${await need.innerText()}`);
    // Suggestions come from every space the coordinator can read (the demo's Azory has
    // school halls too); ours is the closest and best fitting, so it comes first.
    assert.equal((await need.locator('ol.suggestions > li').first().getByRole('link').first().textContent()).trim(), HALL.title,
      `"${HALL.title}" should be the best suggestion:\n${await need.innerText()}`);
    const reasons = (await suggestion.locator('ul.reasons > li').allTextContents()).map((s) => s.trim());
    assert.ok(reasons.includes('same kind: Venue or room'), `reasons: ${JSON.stringify(reasons)}`);
    assert.ok(reasons.some((r) => /^\d+ m away$/.test(r)), `no distance in metres among ${JSON.stringify(reasons)}`);
    const words = reasons.find((r) => r.startsWith('words in common: '));
    assert.ok(words, `no words in common among ${JSON.stringify(reasons)}`);
    const common = words.slice('words in common: '.length).split(', ');
    assert.ok(common.includes('club') && common.includes('meetings'), `words in common: ${common.join(', ')}`);
    assert.ok(reasons.includes(`capacity fits (${HALL.capacity} for ${ROOM.capacity})`), `reasons: ${JSON.stringify(reasons)}`);
    await page.screenshot({ path: `${SHOTS}stakeholders-synergies.png`, fullPage: true });

    await clickAndLoad(page, propose);
    await assertAt(page, `${base}/matches`);
    await axe.audit(page, 'matches after proposing');
    const match = page.locator('ul.matches > li').filter({ has: page.getByRole('link', { name: ROOM.title, exact: true }) });
    assert.equal(await match.count(), 1, 'the proposed match is not on the matches page');
    assert.match(await match.innerText(), /^Proposed\b/);
    assert.match(await match.innerText(), new RegExp(`Offer: ${HALL.title} — ${SCHOOL.name}`));

    // --- The coordinator administers the space, so one click accepts for both sides ----
    await clickAndLoad(page, match.getByRole('button', { name: `Accept the match for "${ROOM.title}"`, exact: true }));
    await assertAt(page, `${base}/matches`);
    await axe.audit(page, 'matches after accepting');
    assert.match(await match.innerText(), /^Accepted\b/);
    assert.match(await match.innerText(), /Need side: accepted · Offer side: accepted/);

    // --- The need is closed ---------------------------------------------------------
    await clickAndLoad(page, page.getByRole('link', { name: 'Synergies', exact: true }));
    await assertAt(page, `${base}/synergies`);
    await axe.audit(page, 'synergies after accepting');
    assert.equal(await page.getByText(ROOM.title).count(), 0, 'the met need is still listed on the synergies page');
    assert.equal(await page.getByText('There are no open needs.').count(), 1);

    await page.goto(roomPath);
    await axe.audit(page, 'need page after accepting');
    assert.match(await page.locator('main').innerText(), /High urgency · Met/, 'the need page should say the need is met');

    // The map shows open needs only.
    const afterwards = await (await page.request.get(`/spaces/${space.slug}/map.geojson`)).json();
    assert.equal(afterwards.features.filter((f) => f.properties.type === 'need').length, 0, 'the met need is still on the map');
  } finally {
    await page.context().close();
  }

  assert.ok(axe.audited >= 19, `only ${axe.audited} pages were audited`);
  axe.verdict();
});
