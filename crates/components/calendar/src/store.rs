//! Storage of the calendar: events with organisers, audiences, excluded dates and changed
//! occurrences. Its SQL names only the calendar's own tables (and `spaces`): organisers are the
//! platform's organisations, read through `cospace_store::organizations`, and venues come from
//! whichever component provides them (`crate::lookups`), after the calendar's own query.
//! One query text per operation for both databases; lists of ids travel as one parameter.

use chrono::{DateTime, NaiveDateTime, Utc};
use cospace_core::calendar::event::{Audience, AudienceSet, EventDraft, EventStatus};
use cospace_core::calendar::recurrence::{Change, Rule, Series, Timing};
use cospace_core::calendar::time::Zone;
use cospace_core::geo::Point;
use cospace_core::{OrganizationId, SpaceId, UserId};
use cospace_store::organizations;
use cospace_store::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};
use std::collections::HashMap;

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
    pub kind: String,
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
    pub status: String,
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

    pub fn status(&self) -> EventStatus {
        EventStatus::parse(&self.status).unwrap_or(EventStatus::Planned)
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
    let audiences: Vec<(i64, String)> = for_ids!(
        db,
        events,
        (i64, String),
        "SELECT event_id, audience FROM calendar_event_audiences
         WHERE event_id {ids} ORDER BY event_id, audience"
    );
    for (event, audience) in audiences {
        if let Ok(audience) = Audience::parse(&audience) {
            details.audiences.entry(event).or_default().push(audience);
        }
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

/// An organisation that may organise events here.
pub use cospace_store::organizations::Named as Organizer;
/// A place an event may happen at, from whichever component provides venues.
pub use cospace_web::directory::Venue;

/// Organisers by event, with their names, from (event, organisation) pairs in order: the names
/// are the platform's, read in one query for all of them.
async fn with_names(
    db: &Db,
    pairs: Vec<(i64, i64)>,
) -> Result<HashMap<i64, Vec<(i64, String)>>, StoreError> {
    let mut ids: Vec<i64> = pairs.iter().map(|(_, o)| *o).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = organizations::names(db, &ids).await?;
    let mut by_event: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (event, organization) in pairs {
        if let Some(name) = names.get(&organization) {
            by_event
                .entry(event)
                .or_default()
                .push((organization, name.clone()));
        }
    }
    Ok(by_event)
}

/// The organisations that may organise an event of `space`: approved and listed in the space
/// itself, or in a public space among `nearby` (its ancestors and the spaces below it). An
/// event is read by everyone who may read its space, so it may only name what all of them may
/// see. By name.
pub async fn organizers_in(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    limit: i64,
) -> Result<Vec<Organizer>, StoreError> {
    organizations::may_act_in(db, space, nearby, limit).await
}

/// Which of `organizations` may organise an event of `space` (see [`organizers_in`]).
pub async fn allowed_organizers(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    organizations: &[i64],
) -> Result<Vec<i64>, StoreError> {
    organizations::allowed_in(db, space, nearby, organizations).await
}

/// Which of `ids` name no organisation at all.
pub async fn unknown_organizations(db: &Db, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    organizations::unknown(db, ids).await
}

/// The organisations `user` administers.
pub async fn administered_organizations(
    db: &Db,
    user: UserId,
) -> Result<Vec<Organizer>, StoreError> {
    organizations::administered_by(db, user).await
}

/// The name of organisation `id` if it is approved and listed in one of `spaces`: what readers
/// of those spaces may know of it.
pub async fn listed_organization_name(
    db: &Db,
    id: i64,
    spaces: &[SpaceId],
) -> Result<Option<String>, StoreError> {
    organizations::listed_name(db, OrganizationId(id), spaces).await
}

pub async fn organization_name(db: &Db, id: i64) -> Result<String, StoreError> {
    organizations::name(db, OrganizationId(id)).await
}

/// Events by id with their organisers, read as one JSON document: a feed holds thousands of
/// events, and rows one by one cost more than the data (every row crosses from the database
/// driver to the server separately). Venues are not filled in (see `crate::lookups`).
pub async fn feed_events_by_id(
    db: &Db,
    events: &[i64],
) -> Result<(Vec<EventRow>, HashMap<i64, Vec<(i64, String)>>), StoreError> {
    let ids = IdList::new(events.iter().copied());
    let sql = match db {
        Db::Sqlite(_) => {
            "SELECT json_group_array(json_array(e.id, e.space_id, e.uid, e.title, e.description,
                e.kind, e.time_zone, e.all_day, e.start_local, e.end_local, e.rrule, e.starts_at,
                e.ends_at, e.venue_id, e.address, e.lat, e.lon,
                e.expected_participants, e.actual_participants, e.status, e.sequence,
                e.created_by, e.created_at, e.updated_at,
                json((SELECT json_group_array(l.organization_id ORDER BY l.created_at, l.organization_id)
                      FROM calendar_event_organizers l WHERE l.event_id = e.id))))
             FROM calendar_events e
             WHERE e.id IN (SELECT value FROM json_each($1))"
        }
        Db::Postgres(_) => {
            "SELECT COALESCE(json_agg(json_build_array(e.id, e.space_id, e.uid, e.title,
                e.description, e.kind, e.time_zone, e.all_day, e.start_local, e.end_local, e.rrule,
                e.starts_at, e.ends_at, e.venue_id, e.address,
                e.lat, e.lon, e.expected_participants, e.actual_participants, e.status, e.sequence,
                e.created_by, e.created_at, e.updated_at,
                (SELECT COALESCE(json_agg(l.organization_id ORDER BY l.created_at, l.organization_id), '[]'::json)
                 FROM calendar_event_organizers l WHERE l.event_id = e.id))), '[]'::json)::text
             FROM calendar_events e
             WHERE e.id = ANY($1)"
        }
    };
    let document: Option<String> = with_db!(db, |pool| sqlx::query_scalar(sql)
        .bind(ids.clone())
        .fetch_one(pool)
        .await)?;
    let rows: Vec<Vec<serde_json::Value>> =
        serde_json::from_str(document.as_deref().unwrap_or("[]"))
            .map_err(|e| StoreError::Internal(format!("feed document: {e}")))?;
    let mut events = Vec::with_capacity(rows.len());
    let mut pairs = Vec::new();
    for row in rows {
        let (event, organized_by) =
            feed_row(&row).ok_or_else(|| StoreError::Internal("feed row".into()))?;
        pairs.extend(organized_by.into_iter().map(|o| (event.id, o)));
        events.push(event);
    }
    let organizers = with_names(db, pairs).await?;
    events.sort_by_key(|e| (e.starts_at, e.id));
    Ok((events, organizers))
}

fn feed_row(row: &[serde_json::Value]) -> Option<(EventRow, Vec<i64>)> {
    use serde_json::Value;
    let text = |i: usize| row.get(i).and_then(Value::as_str).map(str::to_owned);
    let int = |i: usize| row.get(i).and_then(Value::as_i64);
    let float = |i: usize| row.get(i).and_then(Value::as_f64);
    let time = |i: usize| parse_instant(row.get(i)?.as_str()?);
    let all_day = match row.get(7)? {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    };
    let organized_by = row
        .get(24)
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    Some((
        EventRow {
            id: int(0)?,
            space_id: int(1)?,
            uid: text(2)?,
            title: text(3)?,
            description: text(4)?,
            kind: text(5)?,
            time_zone: text(6)?,
            all_day,
            start_local: text(8)?,
            end_local: text(9)?,
            rrule: text(10),
            starts_at: int(11)?,
            ends_at: int(12),
            venue_id: int(13),
            venue_title: None,
            venue_address: None,
            venue_lat: None,
            venue_lon: None,
            address: text(14)?,
            lat: float(15),
            lon: float(16),
            expected_participants: int(17),
            actual_participants: int(18),
            status: text(19)?,
            sequence: int(20)?,
            created_by: int(21),
            created_at: time(22)?,
            updated_at: time(23)?,
        },
        organized_by,
    ))
}

/// What a feed needs to know of each event before reading it: whether it changed (SEQUENCE,
/// last change, and the last change of the organisations and venue named in it), its zone and
/// its span.
#[derive(Debug, Clone)]
pub struct FeedIndexRow {
    pub id: i64,
    /// Changes whenever what the feed writes of this event changes. The last two parts (the
    /// organisers' and the venue's last change) are filled in by `crate::lookups::feed_index`.
    pub version: [i64; 4],
    pub time_zone: String,
    pub all_day: bool,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    /// The organisations named as organisers, whose names the feed writes.
    pub organizers: Vec<i64>,
    pub venue_id: Option<i64>,
}

/// One event of the index as the JSON document holds it: id, sequence, updated_at, time zone,
/// all-day, starts_at, ends_at, venue and organisers.
type IndexTuple = (
    i64,
    i64,
    String,
    String,
    serde_json::Value,
    i64,
    Option<i64>,
    Option<i64>,
    Option<Vec<i64>>,
);

/// The events of `spaces` in a feed from `from` (UTC seconds) on, in start order, as one JSON
/// document.
pub async fn feed_index(
    db: &Db,
    spaces: &[SpaceId],
    from: i64,
) -> Result<Vec<FeedIndexRow>, StoreError> {
    let ids = IdList::new(spaces.iter().map(|s| s.0));
    let sql = match db {
        Db::Sqlite(_) => {
            "SELECT json_group_array(json_array(e.id, e.sequence, e.updated_at, e.time_zone,
                e.all_day, e.starts_at, e.ends_at, e.venue_id,
                json((SELECT json_group_array(l.organization_id) FROM calendar_event_organizers l
                      WHERE l.event_id = e.id))))
             FROM calendar_events e
             WHERE e.space_id IN (SELECT value FROM json_each($1))
               AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
        Db::Postgres(_) => {
            "SELECT COALESCE(json_agg(json_build_array(e.id, e.sequence, e.updated_at, e.time_zone,
                e.all_day, e.starts_at, e.ends_at, e.venue_id,
                (SELECT COALESCE(json_agg(l.organization_id), '[]'::json)
                 FROM calendar_event_organizers l WHERE l.event_id = e.id))), '[]'::json)::text
             FROM calendar_events e
             WHERE e.space_id = ANY($1) AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
    };
    let document: Option<String> = with_db!(db, |pool| sqlx::query_scalar(sql)
        .bind(ids.clone())
        .bind(from)
        .fetch_one(pool)
        .await)?;
    let rows: Vec<IndexTuple> = serde_json::from_str(document.as_deref().unwrap_or("[]"))
        .map_err(|e| StoreError::Internal(format!("feed index: {e}")))?;
    let mut index: Vec<FeedIndexRow> = rows
        .into_iter()
        .map(
            |(
                id,
                sequence,
                updated_at,
                time_zone,
                all_day,
                starts_at,
                ends_at,
                venue,
                organizers,
            )| {
                FeedIndexRow {
                    id,
                    version: [sequence, micros(Some(&updated_at)), 0, 0],
                    time_zone,
                    all_day: all_day.as_bool().unwrap_or(all_day.as_i64() == Some(1)),
                    starts_at,
                    ends_at,
                    organizers: organizers.unwrap_or_default(),
                    venue_id: venue,
                }
            },
        )
        .collect();
    index.sort_by_key(|e| (e.starts_at, e.id));
    Ok(index)
}

fn micros(text: Option<&str>) -> i64 {
    text.and_then(parse_instant)
        .map(|t| t.timestamp_micros())
        .unwrap_or(0)
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The calendar's part of a feed's fingerprint (see `crate::lookups::feed_fingerprint`):
/// aggregates of the events of `spaces` from `from` (UTC seconds) on, and which organisations
/// and venues they name, whose last changes complete it.
#[derive(Debug, Clone, Default)]
pub struct FeedAggregate {
    /// Count, id and SEQUENCE totals, and latest change of the events in the window.
    pub events: String,
    /// Organisers of any event of the spaces.
    pub organizers: Vec<i64>,
    /// Venues of the events in the window.
    pub venues: Vec<i64>,
}

/// Aggregates only, so an unchanged feed is recognised without reading its events.
pub async fn feed_aggregate(
    db: &Db,
    spaces: &[SpaceId],
    from: i64,
) -> Result<FeedAggregate, StoreError> {
    let ids = IdList::new(spaces.iter().map(|s| s.0));
    type Row = (
        i64,
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Row = match db {
        Db::Sqlite(pool) => {
            sqlx::query_as(
                "SELECT COUNT(*), SUM(e.id), SUM(e.sequence), CAST(MAX(e.updated_at) AS TEXT),
                    (SELECT json_group_array(DISTINCT l.organization_id)
                     FROM calendar_event_organizers l
                     JOIN calendar_events x ON x.id = l.event_id
                     WHERE x.space_id IN (SELECT value FROM json_each($1))),
                    json_group_array(DISTINCT e.venue_id) FILTER (WHERE e.venue_id IS NOT NULL)
                 FROM calendar_events e
                 WHERE e.space_id IN (SELECT value FROM json_each($1))
                   AND (e.ends_at IS NULL OR e.ends_at > $2)",
            )
            .bind(ids)
            .bind(from)
            .fetch_one(pool)
            .await?
        }
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT COUNT(*), SUM(e.id)::BIGINT, SUM(e.sequence)::BIGINT, MAX(e.updated_at)::TEXT,
                    (SELECT json_agg(DISTINCT l.organization_id)::TEXT
                     FROM calendar_event_organizers l
                     JOIN calendar_events x ON x.id = l.event_id
                     WHERE x.space_id = ANY($1)),
                    (json_agg(DISTINCT e.venue_id) FILTER (WHERE e.venue_id IS NOT NULL))::TEXT
                 FROM calendar_events e
                 WHERE e.space_id = ANY($1) AND (e.ends_at IS NULL OR e.ends_at > $2)",
        )
        .bind(ids)
        .bind(from)
        .fetch_one(pool)
        .await?,
    };
    let list = |text: Option<String>| -> Vec<i64> {
        text.and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    };
    Ok(FeedAggregate {
        events: format!(
            "{}:{}:{}:{}",
            row.0,
            row.1.unwrap_or(0),
            row.2.unwrap_or(0),
            row.3.unwrap_or_default()
        ),
        organizers: list(row.4),
        venues: list(row.5),
    })
}
