//! What iCalendar feeds read: events by id as one JSON document, the index of a feed's events
//! with their versions, and the aggregates that tell an unchanged feed — from the calendar's
//! own tables; names and venues are added by `crate::lookups`.

use super::{with_names, EventRow, Stored};
use chrono::{DateTime, Utc};
use cospace_core::calendar::event::{EventKind, EventStatus};
use cospace_core::SpaceId;
use cospace_store::{in_ids, with_db, Db, IdList, StoreError};
use std::collections::HashMap;

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
             WHERE e.id {ids}"
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
             WHERE e.id {ids}"
        }
    };
    let sql = sql.replace("{ids}", &in_ids(db.backend(), 1));
    let document: Option<String> = with_db!(db, |pool| sqlx::query_scalar(&sql)
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
            kind: Stored(EventKind::try_from(text(5)?).ok()?),
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
            status: Stored(EventStatus::try_from(text(19)?).ok()?),
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
             WHERE e.space_id {ids}
               AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
        Db::Postgres(_) => {
            "SELECT COALESCE(json_agg(json_build_array(e.id, e.sequence, e.updated_at, e.time_zone,
                e.all_day, e.starts_at, e.ends_at, e.venue_id,
                (SELECT COALESCE(json_agg(l.organization_id), '[]'::json)
                 FROM calendar_event_organizers l WHERE l.event_id = e.id))), '[]'::json)::text
             FROM calendar_events e
             WHERE e.space_id {ids} AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
    };
    let sql = sql.replace("{ids}", &in_ids(db.backend(), 1));
    let document: Option<String> = with_db!(db, |pool| sqlx::query_scalar(&sql)
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
    // The aggregates differ by backend; the list of spaces is the same condition on both.
    let text = match db {
        Db::Sqlite(_) => {
            "SELECT COUNT(*), SUM(e.id), SUM(e.sequence), CAST(MAX(e.updated_at) AS TEXT),
                    (SELECT json_group_array(DISTINCT l.organization_id)
                     FROM calendar_event_organizers l
                     JOIN calendar_events x ON x.id = l.event_id
                     WHERE x.space_id {ids}),
                    json_group_array(DISTINCT e.venue_id) FILTER (WHERE e.venue_id IS NOT NULL)
                 FROM calendar_events e
                 WHERE e.space_id {ids}
                   AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
        Db::Postgres(_) => {
            "SELECT COUNT(*), SUM(e.id)::BIGINT, SUM(e.sequence)::BIGINT, MAX(e.updated_at)::TEXT,
                    (SELECT json_agg(DISTINCT l.organization_id)::TEXT
                     FROM calendar_event_organizers l
                     JOIN calendar_events x ON x.id = l.event_id
                     WHERE x.space_id {ids}),
                    (json_agg(DISTINCT e.venue_id) FILTER (WHERE e.venue_id IS NOT NULL))::TEXT
                 FROM calendar_events e
                 WHERE e.space_id {ids} AND (e.ends_at IS NULL OR e.ends_at > $2)"
        }
    };
    let sql = text.replace("{ids}", &in_ids(db.backend(), 1));
    let row: Row = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(ids.clone())
        .bind(from)
        .fetch_one(pool)
        .await)?;
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
