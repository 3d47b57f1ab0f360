//! iCalendar feeds (RFC 5545): a space's calendar at `/spaces/{slug}/calendar.ics` (its
//! neighbourhoods included) and an organisation's at
//! `/spaces/{slug}/calendar/organizations/{id}.ics`, for Google Calendar, Outlook or Thunderbird
//! to subscribe to. UIDs are stable, SEQUENCE grows with every change, cancelled events and
//! occurrences are marked, every zone gets its VTIMEZONE.

use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store::{self, EventRow};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use cospace_core::calendar::ical::Document;
use cospace_core::SpaceId;
use cospace_store::{spaces, StoreError};
use cospace_web::error::PageError;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

mod write;

use write::header as calendar_header;
pub use write::{calendar, invitation, vevent_text, Attendee, Method, Shape};

/// How far back a feed reaches: a year of history is what calendar programs show usefully.
const HISTORY_DAYS: i64 = 400;

pub fn ics_response(headers: &HeaderMap, body: String, filename: &str) -> Response {
    // A weak validator over the content: unchanged feeds are not sent again.
    let tag = format!("W/\"{:016x}\"", fnv1a(body.as_bytes()));
    tagged_response(headers, Bytes::from(body), &tag, filename)
}

fn matches_tag(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag))
}

fn not_modified(tag: &str) -> Response {
    (StatusCode::NOT_MODIFIED, [(header::ETAG, tag.to_owned())]).into_response()
}

fn tagged_response(headers: &HeaderMap, body: Bytes, tag: &str, filename: &str) -> Response {
    if matches_tag(headers, tag) {
        return not_modified(tag);
    }
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Feeds already written, by what they are a feed of. Calendar programs poll a feed every few
/// hours and nearly always find it unchanged; a fingerprint of aggregates (events, their
/// SEQUENCE total and latest change, the latest change of organisations and venues named)
/// says whether a kept copy is still right, so an unchanged feed costs one small query. Each node keeps its own;
/// nothing here needs to survive a restart.
///
/// Held by the app as the calendar's per-node state (`component()` makes it).
#[derive(Default)]
pub struct FeedCache {
    feeds: Mutex<HashMap<String, CachedFeed>>,
    /// Each event's VEVENTs as last written, by origin (host and space slugs, which its URL
    /// holds) and event: after a change only the events whose version changed (SEQUENCE, last
    /// change, last change of its organisers and venue) are read and written again.
    event_texts: Mutex<HashMap<(u64, i64), KeptEvent>>,
}

impl FeedCache {
    /// A new, empty cache, as the manifest's state constructor.
    pub fn state() -> cospace_web::ComponentState {
        std::sync::Arc::new(FeedCache::default())
    }
}

const MAX_CACHED_FEEDS: usize = 64;

const MAX_KEPT_EVENTS: usize = 200_000;

struct KeptEvent {
    version: [i64; 4],
    text: std::sync::Arc<str>,
}

/// The VEVENT texts of the indexed events, in order: kept ones reused, the rest read and
/// written now.
async fn event_texts(
    state: &AppState,
    origin: u64,
    index: &[store::FeedIndexRow],
    url: &(dyn Fn(&EventRow) -> String + Sync),
) -> Result<Vec<std::sync::Arc<str>>, StoreError> {
    let mut texts: Vec<Option<std::sync::Arc<str>>> = Vec::with_capacity(index.len());
    let mut missing = Vec::new();
    let cache = state.component_state::<FeedCache>();
    if let Some(Ok(kept)) = cache.map(|c| c.event_texts.lock()) {
        for row in index {
            let text = kept
                .get(&(origin, row.id))
                .filter(|k| k.version == row.version)
                .map(|k| k.text.clone());
            if text.is_none() {
                missing.push(row.id);
            }
            texts.push(text);
        }
    }
    if !missing.is_empty() {
        let (events, organizers) = crate::lookups::feed_events_by_id(state, &missing).await?;
        // Every event, not only those with a rule: extra dates (RDATE) make a series too.
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let mut details = store::details(&state.db, &ids).await?;
        details.organizers = organizers;
        let versions: HashMap<i64, [i64; 4]> = index.iter().map(|r| (r.id, r.version)).collect();
        let written: HashMap<i64, (std::sync::Arc<str>, [i64; 4])> = events
            .iter()
            .map(|e| {
                let text: std::sync::Arc<str> = vevent_text(url, e, &details).into();
                (
                    e.id,
                    (text, versions.get(&e.id).copied().unwrap_or_default()),
                )
            })
            .collect();
        if let Some(Ok(mut kept)) = cache.map(|c| c.event_texts.lock()) {
            if kept.len() + written.len() > MAX_KEPT_EVENTS {
                kept.clear();
            }
            for (id, (text, version)) in &written {
                kept.insert(
                    (origin, *id),
                    KeptEvent {
                        version: *version,
                        text: text.clone(),
                    },
                );
            }
        }
        for (slot, row) in texts.iter_mut().zip(index) {
            if slot.is_none() {
                *slot = written.get(&row.id).map(|(t, _)| t.clone());
            }
        }
    }
    Ok(texts.into_iter().flatten().collect())
}

#[derive(Clone)]
struct CachedFeed {
    fingerprint: String,
    made: Instant,
    body: Bytes,
    tag: String,
}

fn cached(state: &AppState, key: &str, fingerprint: &str) -> Option<CachedFeed> {
    let feeds = state.component_state::<FeedCache>()?.feeds.lock().ok()?;
    feeds
        .get(key)
        .filter(|f| f.fingerprint == fingerprint)
        .cloned()
}

fn keep(state: &AppState, key: String, feed: CachedFeed) {
    let Some(cache) = state.component_state::<FeedCache>() else {
        return;
    };
    if let Ok(mut feeds) = cache.feeds.lock() {
        if feeds.len() >= MAX_CACHED_FEEDS && !feeds.contains_key(&key) {
            if let Some(oldest) = feeds
                .iter()
                .min_by_key(|(_, f)| f.made)
                .map(|(k, _)| k.clone())
            {
                feeds.remove(&oldest);
            }
        }
        feeds.insert(key, feed);
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The page of an event, absolute (calendar programs link to it).
pub fn event_url(host: &str, slugs: &HashMap<i64, String>, event: &EventRow) -> String {
    let slug = slugs.get(&event.space_id).map(String::as_str).unwrap_or("");
    format!("{host}/spaces/{slug}/calendar/events/{}", event.id)
}

/// The slugs of the spaces among `ids` (a scope, or the spaces of some events), by id.
pub async fn slugs(
    state: &AppState,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, StoreError> {
    let ids: Vec<SpaceId> = ids.into_iter().map(SpaceId).collect();
    spaces::slugs_of(&state.db, &ids).await
}

/// `GET /spaces/{slug}/calendar.ics`
pub async fn space_feed(
    State(state): State<AppState>,
    context: SpaceContext,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let here = format!("/spaces/{}/calendar.ics", context.space.slug);
    context.require_that(allows(&context, Action::Read), &here)?;
    let scope = service::scope(&state, &context).await?;
    // The window starts at a day boundary, so it is the same all day long.
    let today = Utc::now().date_naive();
    let from = (today - Duration::days(HISTORY_DAYS))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let host = state.config.public_url.clone();
    let filename = format!("{}.ics", context.space.slug);
    let scope_ids: Vec<i64> = scope.iter().map(|s| s.0).collect();
    let key = format!("{host}|{}|{scope_ids:?}|{today}", context.space.id);
    let slugs = slugs(&state, scope_ids.iter().copied()).await?;
    let url = |e: &EventRow| event_url(&host, &slugs, e);
    let mut slug_list: Vec<(&i64, &String)> = slugs.iter().collect();
    slug_list.sort();
    let origin = fnv1a(format!("{host}|{slug_list:?}").as_bytes());
    // Equal fingerprints, equal feeds: the events' versions, the title and the links.
    let fingerprint = format!(
        "{origin}|{}|{}|{}",
        context.space.title,
        context.space.updated_at.timestamp_micros(),
        crate::lookups::feed_fingerprint(&state, &scope, from.timestamp()).await?
    );
    let fingerprint = format!("{:016x}", fnv1a(fingerprint.as_bytes()));
    let tag = format!("W/\"{fingerprint}\"");
    if matches_tag(&headers, &tag) {
        return Ok(not_modified(&tag));
    }
    if let Some(feed) = cached(&state, &key, &fingerprint) {
        return Ok(tagged_response(&headers, feed.body, &feed.tag, &filename));
    }
    let index = crate::lookups::feed_index(&state, &scope, from.timestamp()).await?;
    let texts = event_texts(&state, origin, &index, &url).await?;
    let shapes: Vec<Shape<'_>> = index
        .iter()
        .map(|e| Shape {
            time_zone: &e.time_zone,
            all_day: e.all_day,
            starts_at: e.starts_at,
        })
        .collect();
    let mut doc = Document::new();
    calendar_header(&mut doc, &context.space.title, Method::Publish, &shapes);
    let mut out = doc.finish();
    out.reserve(texts.iter().map(|t| t.len()).sum::<usize>() + 16);
    for text in &texts {
        out.push_str(text);
    }
    out.push_str("END:VCALENDAR\r\n");
    let body = Bytes::from(out);
    keep(
        &state,
        key,
        CachedFeed {
            fingerprint,
            made: Instant::now(),
            body: body.clone(),
            tag: tag.clone(),
        },
    );
    Ok(tagged_response(&headers, body, &tag, &filename))
}

/// `GET /spaces/{slug}/calendar/organizations/{id}.ics` — what one organisation organises in
/// the space and the spaces below it.
pub async fn organization_feed(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let id: i64 = file
        .strip_suffix(".ics")
        .and_then(|n| n.parse().ok())
        .ok_or(PageError::NotFound)?;
    context.require_that(
        allows(&context, Action::Read),
        &format!("/spaces/{}/calendar", context.space.slug),
    )?;
    // Only an organisation its readers may see here has a feed here: any other id answers as
    // if it did not exist, so ids cannot be probed for names.
    let nearby = service::nearby(&state, &context).await?;
    let name = store::listed_organization_name(&state.db, id, &nearby)
        .await?
        .ok_or(PageError::NotFound)?;
    let scope = service::scope(&state, &context).await?;
    let from = (Utc::now() - Duration::days(HISTORY_DAYS)).timestamp();
    let mut events: Vec<EventRow> = store::events_of_organization(&state.db, id)
        .await?
        .into_iter()
        .filter(|e| {
            scope.iter().any(|s| s.0 == e.space_id) && e.ends_at.is_none_or(|end| end > from)
        })
        .collect();
    crate::lookups::attach(&state, &mut events).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let details = store::details(&state.db, &ids).await?;
    let slugs = slugs(&state, events.iter().map(|e| e.space_id)).await?;
    let host = state.config.public_url.clone();
    let url = |e: &EventRow| event_url(&host, &slugs, e);
    let body = calendar(&name, &events, &details, Method::Publish, &url);
    Ok(ics_response(
        &headers,
        body,
        &format!("organization-{id}.ics"),
    ))
}
