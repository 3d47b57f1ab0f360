//! Storage of the calendar: events with organisers, audiences, excluded dates and changed
//! occurrences. Its SQL names only the calendar's own tables (and `spaces`): organisers are the
//! platform's organisations, read through `cospace_store::organizations`, and venues come from
//! whichever component provides them (`crate::lookups`), after the calendar's own query.
//! Organisers (`organizers.rs`) and what feeds read (`feeds.rs`) sit beside. One query text
//! per operation for both databases; lists of ids travel as one parameter.

use chrono::{DateTime, NaiveDateTime, Utc};
use cospace_core::calendar::event::{Audience, AudienceSet, EventDraft, EventKind, EventStatus};
use cospace_core::calendar::recurrence::{Change, Rule, Series, Timing};
use cospace_core::calendar::time::Zone;
use cospace_core::geo::Point;
use cospace_core::{SpaceId, UserId};
use cospace_store::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};
use std::collections::HashMap;

mod feeds;
pub use cospace_store::Stored;
mod organizers;
pub use feeds::*;
use organizers::with_names;
pub use organizers::*;

/// How wall-clock times are stored: ISO 8601 without offset (the zone is a column of its own).
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub fn local_text(local: NaiveDateTime) -> String {
    local.format(LOCAL_FORMAT).to_string()
}

pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, LOCAL_FORMAT).ok()
}

/// An event as stored. Its venue's name and place are filled in by `crate::lookups::attach`
/// (they are not the calendar's): until then they are empty.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub space_id: i64,
    pub uid: String,
    pub title: String,
    pub description: String,
    pub kind: Stored<EventKind>,
    pub time_zone: String,
    pub all_day: bool,
    pub start_local: String,
    pub end_local: String,
    pub rrule: Option<String>,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub venue_id: Option<i64>,
    #[sqlx(default)]
    pub venue_title: Option<String>,
    #[sqlx(default)]
    pub venue_address: Option<String>,
    #[sqlx(default)]
    pub venue_lat: Option<f64>,
    #[sqlx(default)]
    pub venue_lon: Option<f64>,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub expected_participants: Option<i64>,
    pub actual_participants: Option<i64>,
    pub status: Stored<EventStatus>,
    pub sequence: i64,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EventRow {
    pub fn zone(&self) -> Zone {
        Zone::parse("time_zone", &self.time_zone).unwrap_or(Zone::UTC)
    }

    pub fn timing(&self) -> Timing {
        let start = parse_local(&self.start_local).unwrap_or_default();
        let end = parse_local(&self.end_local).unwrap_or(start);
        if self.all_day {
            Timing::AllDay {
                first: start.date(),
                last: (end - chrono::Duration::days(1)).date().max(start.date()),
            }
        } else {
            Timing::At { start, end }
        }
    }

    pub fn rule(&self) -> Option<Rule> {
        self.rrule.as_deref().map(Rule::from_stored)
    }

    /// Where it happens: the venue's point, else the event's own.
    pub fn point(&self) -> Option<Point> {
        match (self.venue_lat, self.venue_lon) {
            (Some(lat), Some(lon)) => Some(Point { lat, lon }),
            _ => Some(Point {
                lat: self.lat?,
                lon: self.lon?,
            }),
        }
    }

    /// The place in words: the venue's name and address, else the event's address.
    pub fn place(&self) -> String {
        match (&self.venue_title, &self.venue_address) {
            (Some(title), Some(address)) if !address.is_empty() => format!("{title}, {address}"),
            (Some(title), _) => title.clone(),
            _ => self.address.clone(),
        }
    }
}

const EVENT_COLUMNS: &str = "e.id, e.space_id, e.uid, e.title, e.description, e.kind, e.time_zone,
    e.all_day, e.start_local, e.end_local, e.rrule, e.starts_at, e.ends_at, e.venue_id,
    e.address, e.lat, e.lon, e.expected_participants, e.actual_participants, e.status,
    e.sequence, e.created_by, e.created_at, e.updated_at
    FROM calendar_events e";

/// A stored change of one occurrence.
#[derive(sqlx::FromRow)]
struct ChangeRow {
    event_id: i64,
    recurrence_id: String,
    start_local: String,
    end_local: String,
    cancelled: bool,
    title: Option<String>,
    description: Option<String>,
    address: Option<String>,
}

/// What belongs to a set of events besides their rows.
#[derive(Debug, Default)]
pub struct Details {
    /// Organisers of each event: (organisation id, name), in the order they joined.
    pub organizers: HashMap<i64, Vec<(i64, String)>>,
    pub audiences: HashMap<i64, Vec<Audience>>,
    /// Extra dates of each series (RDATE), in order.
    pub rdates: HashMap<i64, Vec<NaiveDateTime>>,
    pub exdates: HashMap<i64, Vec<NaiveDateTime>>,
    pub changes: HashMap<i64, Vec<Change>>,
}

impl Details {
    pub fn organizer_ids(&self, event: i64) -> Vec<i64> {
        self.organizers
            .get(&event)
            .map(|o| o.iter().map(|(id, _)| *id).collect())
            .unwrap_or_default()
    }

    pub fn audience_set(&self, event: i64) -> AudienceSet {
        AudienceSet::of(self.audiences.get(&event).map(Vec::as_slice).unwrap_or(&[]))
    }
}

/// An event's series, for expansion.
pub fn series<'a>(row: &EventRow, rule: Option<&'a Rule>, details: &'a Details) -> Series<'a> {
    Series {
        zone: row.zone(),
        timing: row.timing(),
        rule,
        rdates: details
            .rdates
            .get(&row.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        exdates: details
            .exdates
            .get(&row.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        changes: details
            .changes
            .get(&row.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
    }
}

/// Where a series begins and ends in UTC seconds (`None`: it never ends), for range queries.
pub fn span(series: &Series<'_>) -> (i64, Option<i64>) {
    let first = series.zone.to_utc(series.timing.local_start());
    let endless = series.rule.is_some_and(|r| !r.is_finite());
    let far = first + chrono::Duration::days(366 * 60);
    let all = series.occurrences(first - chrono::Duration::days(366 * 10), far);
    let start = all.iter().map(|o| o.start).min().unwrap_or(first);
    let mut end = all
        .iter()
        .map(|o| o.end)
        .max()
        .unwrap_or(series.zone.to_utc(series.timing.local_end()));
    // A moment has no length, yet range queries compare `ends_at > from`: a moment at `from`
    // must not fall out of its own window.
    if series.timing.local_end() == series.timing.local_start() {
        end += chrono::Duration::seconds(1);
    }
    // A long series is expanded only so far (MAX_PER_WINDOW); its UNTIL bounds the rest.
    if all.len() >= cospace_core::calendar::recurrence::MAX_PER_WINDOW {
        if let Some(until) = series.rule.and_then(|r| r.until()) {
            let length = series.zone.to_utc(series.timing.local_end()) - first;
            end = end.max(until + length + chrono::Duration::days(1));
        }
    }
    (start.timestamp(), (!endless).then_some(end.timestamp()))
}

/// Rows of `$row` from `$sql` over `$ids`: `{ids}` in the text is the condition "is one of
/// the ids bound as `$1`", written for the backend at hand, so each query has one text.
macro_rules! for_ids {
    ($db:expr, $ids:expr, $row:ty, $sql:expr) => {{
        let sql = $sql.replace("{ids}", &in_ids($db.backend(), 1));
        let ids = IdList::new($ids.iter().copied());
        with_db!($db, |pool| sqlx::query_as::<_, $row>(&sql)
            .bind(ids.clone())
            .fetch_all(pool)
            .await)?
    }};
}

pub async fn details(db: &Db, events: &[i64]) -> Result<Details, StoreError> {
    let mut details = Details::default();
    if events.is_empty() {
        return Ok(details);
    }
    let organizers: Vec<(i64, i64)> = for_ids!(
        db,
        events,
        (i64, i64),
        "SELECT l.event_id, l.organization_id FROM calendar_event_organizers l
         WHERE l.event_id {ids} ORDER BY l.event_id, l.created_at, l.organization_id"
    );
    details.organizers = with_names(db, organizers).await?;
    let audiences: Vec<(i64, Stored<Audience>)> = for_ids!(
        db,
        events,
        (i64, Stored<Audience>),
        "SELECT event_id, audience FROM calendar_event_audiences
         WHERE event_id {ids} ORDER BY event_id, audience"
    );
    for (event, audience) in audiences {
        details.audiences.entry(event).or_default().push(*audience);
    }
    let exdates: Vec<(i64, String)> = for_ids!(
        db,
        events,
        (i64, String),
        "SELECT event_id, recurrence_id FROM calendar_exdates
         WHERE event_id {ids} ORDER BY event_id, recurrence_id"
    );
    for (event, recurrence_id) in exdates {
        if let Some(local) = parse_local(&recurrence_id) {
            details.exdates.entry(event).or_default().push(local);
        }
    }
    let rdates: Vec<(i64, String)> = for_ids!(
        db,
        events,
        (i64, String),
        "SELECT event_id, recurrence_id FROM calendar_rdates
         WHERE event_id {ids} ORDER BY event_id, recurrence_id"
    );
    for (event, recurrence_id) in rdates {
        if let Some(local) = parse_local(&recurrence_id) {
            details.rdates.entry(event).or_default().push(local);
        }
    }
    let changes: Vec<ChangeRow> = for_ids!(
        db,
        events,
        ChangeRow,
        "SELECT event_id, recurrence_id, start_local, end_local, cancelled, title, description,
         address FROM calendar_changes
         WHERE event_id {ids} ORDER BY event_id, recurrence_id"
    );
    for row in changes {
        if let (Some(recurrence_id), Some(start), Some(end)) = (
            parse_local(&row.recurrence_id),
            parse_local(&row.start_local),
            parse_local(&row.end_local),
        ) {
            details
                .changes
                .entry(row.event_id)
                .or_default()
                .push(Change {
                    recurrence_id,
                    start,
                    end,
                    cancelled: row.cancelled,
                    title: row.title,
                    description: row.description,
                    address: row.address,
                });
        }
    }
    Ok(details)
}

pub async fn event(db: &Db, id: i64) -> Result<EventRow, StoreError> {
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE e.id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, EventRow>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn event_by_uid(db: &Db, uid: &str) -> Result<Option<EventRow>, StoreError> {
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE e.uid = $1");
    Ok(with_db!(db, |pool| sqlx::query_as::<_, EventRow>(&sql)
        .bind(uid)
        .fetch_optional(pool)
        .await)?)
}

/// Events of `spaces` with an occurrence that may fall in `[from, to)` (UTC seconds), ordered
/// by first start.
pub async fn events_between(
    db: &Db,
    spaces: &[SpaceId],
    from: i64,
    to: i64,
) -> Result<Vec<EventRow>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {EVENT_COLUMNS}
         WHERE e.space_id {}
           AND e.starts_at < $2 AND (e.ends_at IS NULL OR e.ends_at > $3)
         ORDER BY e.starts_at, e.id",
        in_ids(db.backend(), 1)
    );
    let ids = IdList::new(spaces.iter().map(|s| s.0));
    let rows = with_db!(db, |pool| sqlx::query_as::<_, EventRow>(&sql)
        .bind(ids.clone())
        .bind(to)
        .bind(from)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// Every event an organisation organises (for its feed), newest series first.
pub async fn events_of_organization(
    db: &Db,
    organization: i64,
) -> Result<Vec<EventRow>, StoreError> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS}
         WHERE e.id IN (SELECT event_id FROM calendar_event_organizers WHERE organization_id = $1)
         ORDER BY e.starts_at DESC, e.id"
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, EventRow>(&sql)
        .bind(organization)
        .fetch_all(pool)
        .await)?)
}

/// The values an event row is written from.
pub struct EventValues<'a> {
    pub draft: &'a EventDraft,
    pub span: (i64, Option<i64>),
}

fn timing_columns(timing: Timing) -> (bool, String, String) {
    (
        timing.is_all_day(),
        local_text(timing.local_start()),
        local_text(timing.local_end()),
    )
}

pub async fn create_event(
    tx: &mut Tx,
    space: SpaceId,
    uid: &str,
    values: &EventValues<'_>,
    created_by: Option<UserId>,
) -> Result<i64, StoreError> {
    let draft = values.draft;
    let (all_day, start, end) = timing_columns(draft.timing);
    let at = now();
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO calendar_events (space_id, uid, title, description, kind, time_zone, all_day,
            start_local, end_local, rrule, starts_at, ends_at, venue_id, address, lat, lon,
            expected_participants, actual_participants, status, sequence, created_by, created_at,
            updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, 0, $20, $21, $21)
         RETURNING id"
    )
    .bind(space.0)
    .bind(uid)
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.kind.as_str())
    .bind(draft.zone.name())
    .bind(all_day)
    .bind(&start)
    .bind(&end)
    .bind(draft.rule.as_ref().map(|r| r.as_str().to_owned()))
    .bind(values.span.0)
    .bind(values.span.1)
    .bind(draft.venue)
    .bind(&draft.address)
    .bind(draft.location.map(|p| p.lat))
    .bind(draft.location.map(|p| p.lon))
    .bind(draft.expected_participants.map(i64::from))
    .bind(draft.actual_participants.map(i64::from))
    .bind(draft.status.as_str())
    .bind(created_by.map(|u| u.0))
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    })?;
    replace_lists(tx, id, draft).await?;
    Ok(id)
}

/// Rewrites an event from a draft; the iCalendar SEQUENCE goes up so subscribers update it.
pub async fn update_event(
    tx: &mut Tx,
    id: i64,
    values: &EventValues<'_>,
) -> Result<(), StoreError> {
    let draft = values.draft;
    let (all_day, start, end) = timing_columns(draft.timing);
    let changed = with_tx!(tx, |conn| sqlx::query(
        "UPDATE calendar_events SET title = $1, description = $2, kind = $3, time_zone = $4,
            all_day = $5, start_local = $6, end_local = $7, rrule = $8, starts_at = $9,
            ends_at = $10, venue_id = $11, address = $12, lat = $13, lon = $14,
            expected_participants = $15, actual_participants = $16, status = $17,
            sequence = sequence + 1, updated_at = $18
         WHERE id = $19"
    )
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(draft.kind.as_str())
    .bind(draft.zone.name())
    .bind(all_day)
    .bind(&start)
    .bind(&end)
    .bind(draft.rule.as_ref().map(|r| r.as_str().to_owned()))
    .bind(values.span.0)
    .bind(values.span.1)
    .bind(draft.venue)
    .bind(&draft.address)
    .bind(draft.location.map(|p| p.lat))
    .bind(draft.location.map(|p| p.lon))
    .bind(draft.expected_participants.map(i64::from))
    .bind(draft.actual_participants.map(i64::from))
    .bind(draft.status.as_str())
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    for table in ["calendar_event_organizers", "calendar_event_audiences"] {
        let sql = format!("DELETE FROM {table} WHERE event_id = $1");
        with_tx!(tx, |conn| sqlx::query(&sql)
            .bind(id)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    replace_lists(tx, id, draft).await
}

async fn replace_lists(tx: &mut Tx, id: i64, draft: &EventDraft) -> Result<(), StoreError> {
    for organization in &draft.organizers {
        add_organizer(tx, id, *organization).await?;
    }
    for audience in &draft.audiences {
        with_tx!(tx, |conn| sqlx::query(
            "INSERT INTO calendar_event_audiences (event_id, audience) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(audience.as_str())
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Adds an organising organisation; `false` when it already was one.
pub async fn add_organizer(tx: &mut Tx, event: i64, organization: i64) -> Result<bool, StoreError> {
    let added = with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO calendar_event_organizers (event_id, organization_id, created_at)
         VALUES ($1, $2, $3) ON CONFLICT (event_id, organization_id) DO NOTHING"
    )
    .bind(event)
    .bind(organization)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(added > 0)
}

/// Marks a change that subscribers must see (SEQUENCE + 1), e.g. a new co-organiser.
pub async fn touch(tx: &mut Tx, event: i64) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE calendar_events SET sequence = sequence + 1, updated_at = $1 WHERE id = $2"
    )
    .bind(now())
    .bind(event)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_status(tx: &mut Tx, event: i64, status: EventStatus) -> Result<(), StoreError> {
    with_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE calendar_events SET status = $1, sequence = sequence + 1, updated_at = $2 WHERE id = $3"
    )
    .bind(status.as_str())
    .bind(now())
    .bind(event)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Cancels, moves or retitles one occurrence of a series (its RECURRENCE-ID is
/// `recurrence_id`).
pub async fn change_occurrence(tx: &mut Tx, event: i64, change: &Change) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO calendar_changes (event_id, recurrence_id, start_local, end_local, cancelled,
             title, description, address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_id, recurrence_id) DO UPDATE
         SET start_local = excluded.start_local, end_local = excluded.end_local,
             cancelled = excluded.cancelled, title = excluded.title,
             description = excluded.description, address = excluded.address"
    )
    .bind(event)
    .bind(local_text(change.recurrence_id))
    .bind(local_text(change.start))
    .bind(local_text(change.end))
    .bind(change.cancelled)
    .bind(change.title.as_deref())
    .bind(change.description.as_deref())
    .bind(change.address.as_deref())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Adds an extra date (RDATE) to a series.
pub async fn add_rdate(
    tx: &mut Tx,
    event: i64,
    recurrence_id: NaiveDateTime,
) -> Result<(), StoreError> {
    add_date(tx, "calendar_rdates", event, recurrence_id).await
}

/// Adds `recurrence_id` to a series' dates in `table` (extra or excluded), once.
async fn add_date(
    tx: &mut Tx,
    table: &'static str,
    event: i64,
    recurrence_id: NaiveDateTime,
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO {table} (event_id, recurrence_id) VALUES ($1, $2)
         ON CONFLICT (event_id, recurrence_id) DO NOTHING"
    );
    with_tx!(tx, |conn| sqlx::query(&sql)
        .bind(event)
        .bind(local_text(recurrence_id))
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes a series' extra dates: they name starts at its old time.
pub async fn clear_rdates(tx: &mut Tx, event: i64) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM calendar_rdates WHERE event_id = $1"
    )
    .bind(event)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Excludes a date (EXDATE) from a series.
pub async fn add_exdate(
    tx: &mut Tx,
    event: i64,
    recurrence_id: NaiveDateTime,
) -> Result<(), StoreError> {
    add_date(tx, "calendar_exdates", event, recurrence_id).await
}

/// Updates the stored span after exclusions or changes.
pub async fn set_span(tx: &mut Tx, event: i64, span: (i64, Option<i64>)) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE calendar_events SET starts_at = $1, ends_at = $2 WHERE id = $3"
    )
    .bind(span.0)
    .bind(span.1)
    .bind(event)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
