//! The authorization sweep: every route of the application × every role × a private and a
//! public space, against one table of what each should get.
//!
//! Permission checks live in many handlers; a handler that forgets its check, or checks the
//! wrong thing, shows nowhere but in what it answers. So the sweep asks every route, as each
//! of six people — anonymous, a signed-in outsider, a member of the space, the admin of an
//! organisation registered and approved there, an admin of the parent space, a platform admin —
//! in a private and in a public neighbourhood, and compares the answer with [`table`].
//!
//! The routes come from the sources ([`scan`]), not from the table: a route added without a
//! row fails the sweep (which prints the row it observed, to be checked against the permission
//! tables before it is pasted), and so does a row whose route is gone. The request metrics then
//! show that every row's requests reached that very route, not another one or none.
//!
//! Statuses do not show a leak through a page that may be read: so everything in the private
//! space is named with one word, and no answer to anonymous or the outsider may contain it —
//! neither in the walk of the table nor when they ask every read of a space in the public
//! parent and the public neighbourhood with the ids of the private neighbourhood's objects.
//!
//! Each cell is what the role gets, judged only as far as authorization goes:
//! `Y` allowed — for a write, sent with an empty or minimal form, passed the check (a 422 or a
//! 400 is fine);
//! `s` asked to sign in (a redirect to the sign-in page, or 401 from the API);
//! `f` forbidden (403); `n` not found (404: a private space hides itself from non-members).

mod scan;
mod table;
mod world;

use axum::body::Body;
use axum::http::Method;
use cospace_testkit::{db_tests, TestApp, TestResponse};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;
use world::{World, ELSEWHERE, PRIVATE_WORD, ROLES, SPACES, STRANGERS};

db_tests!(cospace::components();
    every_route_answers_every_role_as_the_table_says,
);

/// Rows run after all the others, because they end what the rest needs (the session, the event).
const RUN_LAST: &[&str] = &[
    "/spaces/{slug}/calendar/events/{id}/cancel",
    "/account/sign-out",
];

/// One row of the table: a route, a method, and what each role gets in each space.
struct Row {
    method: String,
    path: String,
    /// Indexed like [`SPACES`]; one entry for routes outside spaces.
    expected: Vec<String>,
}

async fn every_route_answers_every_role_as_the_table_says(app: TestApp) {
    let started = Instant::now();
    let mut problems = Vec::new();
    let routes = scan::routes();
    let mut rows = table_rows(&mut problems);
    let listed: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    for (method, path) in listed.difference(&routes) {
        problems.push(format!(
            "{method} {path} is in the table, but no such route exists"
        ));
    }
    rows.retain(|r| routes.contains(&(r.method.clone(), r.path.clone())));
    // Routes without a row are still asked, to show what they answer.
    let unlisted: Vec<Row> = routes
        .difference(&listed)
        .map(|(method, path)| Row {
            method: method.clone(),
            path: path.clone(),
            expected: vec![String::new(); if path.contains("{slug}") { 2 } else { 1 }],
        })
        .collect();
    let unlisted_count = unlisted.len();
    rows.extend(unlisted);
    // Reading first, then writing; what ends the world last.
    rows.sort_by_key(|r| {
        let last = RUN_LAST.iter().position(|p| *p == r.path);
        (last.is_some(), last, r.method != "GET")
    });

    let mut world = World::build(&app).await;
    let cross_space = cross_space_reads(&mut world, &app, &routes, &mut problems).await;
    let before = matched(&app);
    let mut asked: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mut observed_rows = Vec::new();
    let mut requests = 0;
    for row in &rows {
        let mut observed = Vec::new();
        for (column, expected) in row.expected.iter().enumerate() {
            let space = (row.expected.len() == 2).then_some(column);
            let mut cells = String::new();
            for (role, _) in ROLES.iter().enumerate() {
                let path = world.path(&row.path, space);
                let path = world.prepare(&app, path, space).await;
                let response =
                    ask(&mut world, &app, role, &row.method, &row.path, &path, space).await;
                requests += 1;
                *asked
                    .entry((row.method.clone(), row.path.clone()))
                    .or_default() += 1;
                let got = classify(&response);
                cells.push(got);
                if role < STRANGERS && response.body.contains(PRIVATE_WORD) {
                    problems.push(format!(
                        "{} {path} as {}: the answer names the private space ({PRIVATE_WORD})",
                        row.method, ROLES[role]
                    ));
                }
                if !expected.is_empty() && expected.chars().nth(role) != Some(got) {
                    mismatches.push(format!(
                        "{:6} {:55} {:18} {:8} expected {} got {} ({}{})",
                        row.method,
                        path,
                        ROLES[role],
                        space.map_or("-", |s| SPACES[s]),
                        describe(expected.chars().nth(role).unwrap_or('?')),
                        describe(got),
                        response.status.as_u16(),
                        response
                            .location()
                            .map(|l| format!(" → {l}"))
                            .unwrap_or_default(),
                    ));
                }
            }
            observed.push(cells);
        }
        if row.expected.iter().any(String::is_empty) {
            observed_rows.push(format!(
                "    ({:?}, {:?}, {}),",
                row.method,
                row.path,
                observed
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let after = matched(&app);
    for ((method, path), count) in &asked {
        let key = (method.clone(), path.clone());
        let reached = after.get(&key).unwrap_or(&0) - before.get(&key).unwrap_or(&0);
        if reached != *count {
            problems.push(format!(
                "{method} {path}: {reached} of {count} requests reached this route \
                 (the scanner mounted it wrongly, or another route or the CSRF check took them)"
            ));
        }
    }
    eprintln!(
        "authorization sweep on {:?}: {} rows, {requests} requests and {cross_space} \
         cross-space reads in {:.1?}",
        app.backend,
        rows.len(),
        started.elapsed()
    );
    if unlisted_count > 0 {
        problems.push(format!(
            "{unlisted_count} route(s) have no row in sweep/table.rs. What they answered — check \
             it against the permission tables (crates/core/src/permissions.rs, \
             crates/components/*/src/permissions.rs) before adding it:\n{}",
            observed_rows.join("\n")
        ));
    }
    if !mismatches.is_empty() {
        problems.push(format!(
            "{} answers differ from the table (method, path, role, space):\n{}",
            mismatches.len(),
            mismatches.join("\n")
        ));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

/// Cross-space reads: every page and API read of a space, asked in the public parent and in the
/// public neighbourhood with the ids of the private neighbourhood's objects, by anonymous and the
/// outsider — who may not see the private space, so no answer may name anything in it.
async fn cross_space_reads(
    world: &mut World,
    app: &TestApp,
    routes: &BTreeSet<(String, String)>,
    problems: &mut Vec<String>,
) -> usize {
    let mut requests = 0;
    for (method, pattern) in routes {
        if method != "GET" || !pattern.contains("{slug}") {
            continue;
        }
        for slug in ELSEWHERE {
            let path = world.path_elsewhere(pattern, slug);
            for (role, name) in ROLES.iter().enumerate().take(STRANGERS) {
                let response = ask(world, app, role, method, pattern, &path, None).await;
                requests += 1;
                if response.body.contains(PRIVATE_WORD) || classify(&response) == '!' {
                    problems.push(format!(
                        "GET {path} as {name}: {} naming the private space's objects ({})",
                        response.status.as_u16(),
                        if response.body.contains(PRIVATE_WORD) {
                            "its answer names them"
                        } else {
                            "an error"
                        }
                    ));
                }
            }
        }
    }
    requests
}

/// The table's rows, each checked for its shape.
fn table_rows(problems: &mut Vec<String>) -> Vec<Row> {
    let mut rows = Vec::new();
    let in_spaces = table::IN_SPACES
        .iter()
        .map(|(m, p, private, public)| (*m, *p, vec![*private, *public], true));
    let outside = table::OUTSIDE
        .iter()
        .map(|(m, p, all)| (*m, *p, vec![*all], false));
    let mut seen = BTreeSet::new();
    for (method, path, expected, in_space) in in_spaces.chain(outside) {
        if in_space != path.contains("{slug}") {
            problems.push(format!(
                "{method} {path}: a space's route belongs in IN_SPACES, any other in OUTSIDE"
            ));
        }
        if !seen.insert((method, path)) {
            problems.push(format!("{method} {path} has two rows"));
        }
        for cells in &expected {
            if cells.len() != ROLES.len() || !cells.chars().all(|c| "Ysfn".contains(c)) {
                problems.push(format!(
                    "{method} {path}: {cells:?} must be {} of Y, s, f, n",
                    ROLES.len()
                ));
            }
        }
        rows.push(Row {
            method: method.to_owned(),
            path: path.to_owned(),
            expected: expected.into_iter().map(str::to_owned).collect(),
        });
    }
    rows
}

/// Asks `path` as `role`: pages with the role's browser session, the API with its token.
async fn ask(
    world: &mut World,
    app: &TestApp,
    role: usize,
    method: &str,
    pattern: &str,
    path: &str,
    space: Option<usize>,
) -> TestResponse {
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    if path.starts_with("/api/") {
        let token = world.people[role].as_ref().map(|p| p.token.clone());
        let body =
            (method != Method::GET && method != Method::DELETE).then(|| world.body(pattern, space));
        return app.client().api(method, path, token.as_deref(), body).await;
    }
    let form = world.form(pattern, space);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let client = match &mut world.people[role] {
        Some(person) => &mut person.web,
        None => &mut world.anonymous,
    };
    match method {
        Method::GET => client.get(path).await,
        Method::POST => client.post_form(path, &form).await,
        other => client.request(other, path, &[], Body::empty()).await,
    }
}

/// The answer, as far as authorization goes (see the module's documentation); `!` for answers
/// that are never right: a server error, a refused CSRF token, or an unknown method.
fn classify(response: &TestResponse) -> char {
    let to_sign_in = response
        .location()
        .is_some_and(|l| l.starts_with("/account/sign-in"));
    match response.status.as_u16() {
        401 => 's',
        303 if to_sign_in => 's',
        403 if response.body.contains("This form has expired") => '!',
        403 => 'f',
        404 => 'n',
        405 | 500.. => '!',
        _ => 'Y',
    }
}

fn describe(cell: char) -> &'static str {
    match cell {
        'Y' => "allowed",
        's' => "sign-in",
        'f' => "forbidden",
        'n' => "not-found",
        _ => "an error",
    }
}

/// Requests served so far, by method and matched route pattern, from the metrics.
fn matched(app: &TestApp) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for line in app.state.metrics.render(0, 0).lines() {
        let Some(labels) = line.strip_prefix("cospace_http_requests_total{method=\"") else {
            continue;
        };
        let Some((method, rest)) = labels.split_once("\",route=\"") else {
            continue;
        };
        let Some((route, rest)) = rest.split_once("\",status=") else {
            continue;
        };
        let count: u64 = rest
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        *counts
            .entry((method.to_owned(), route.to_owned()))
            .or_default() += count;
    }
    counts
}
