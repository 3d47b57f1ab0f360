//! The map's queries: located organisations, resources and needs in scope, their positions
//! for clustering, and the extent of a space's places.

use super::*;

/// The largest scope for which PostgreSQL is steered to look organisations up by key.
pub(super) const KEY_LOOKUP_SCOPE: usize = 4;

/// An extra condition on `o.id` for PostgreSQL, repeating the listing in `spaces` ($1…):
/// with its default costs (`random_page_cost = 4`) it would rather scan every organisation
/// than look up the two thousand listed in a neighbourhood by key, which is about ten times
/// faster; the ids as an array lead it to the lookups. A city's tens of thousands are better
/// scanned, so only a small scope gets the condition; SQLite plans well without it.
pub(super) fn by_key_hint(db: &Db, spaces: &[SpaceId]) -> String {
    match db {
        Db::Postgres(_) if spaces.len() <= KEY_LOOKUP_SCOPE => format!(
            " AND o.id = ANY(ARRAY(SELECT organization_id FROM organization_spaces
               WHERE space_id {} AND status = 'approved'))",
            in_ids(db.backend(), 1)
        ),
        _ => String::new(),
    }
}

/// Approved organisations with a location in `spaces`, by name; an organisation listed in
/// several of them comes once per listing (the caller keeps one).
pub(super) async fn located_organizations(
    db: &Db,
    spaces: &[SpaceId],
    sector: Option<Sector>,
    area: Area<'_>,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    if spaces.is_empty() || matches!(area, Area::Only(ids) if ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut next = 2;
    let sector_filter = if sector.is_some() {
        next += 1;
        format!("AND o.sector = ${}", next - 1)
    } else {
        String::new()
    };
    let area_filter = area.condition(db, "o", &mut next);
    let hint = match area {
        Area::Only(_) => String::new(),
        _ => by_key_hint(db, spaces),
    };
    let ids = area.ids();
    let sql = format!(
        "SELECT {}, l.space_id, l.status FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id {} AND l.status = 'approved'
           AND o.lat IS NOT NULL AND o.lon IS NOT NULL {sector_filter}{area_filter}{hint}
         ORDER BY o.name, o.id, l.space_id LIMIT ${next}",
        store::ORG_COLUMNS,
        in_ids(db.backend(), 1),
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, ListedOrganization>(&sql);
        query = query.bind(space_list(spaces));
        if let Some(sector) = sector {
            query = query.bind(sector.as_str());
        }
        query = bind_area!(query, area, &ids);
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// Resources, or open needs, with a location in `spaces`, by title.
pub(super) async fn located_items(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    kind: Option<Kind>,
    area: Area<'_>,
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    if spaces.is_empty() || matches!(area, Area::Only(ids) if ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut next = 2;
    let mut filters = String::new();
    if kind.is_some() {
        filters.push_str(&format!(" AND i.kind = ${next}"));
        next += 1;
    }
    if item_type == ItemType::Need {
        filters.push_str(&format!(" AND i.status = ${next}"));
        next += 1;
    }
    filters.push_str(&area.condition(db, "i", &mut next));
    let ids = area.ids();
    let sql = format!(
        "{} WHERE i.space_id {} AND i.lat IS NOT NULL AND i.lon IS NOT NULL{filters}
         ORDER BY i.title, i.id LIMIT ${next}",
        item_type.select(),
        in_ids(db.backend(), 1),
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        query = query.bind(space_list(spaces));
        if let Some(kind) = kind {
            query = query.bind(kind.as_str());
        }
        if item_type == ItemType::Need {
            query = query.bind(NeedStatus::Open.as_str());
        }
        query = bind_area!(query, area, &ids);
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// The ids and positions of the places of one type, in no particular order: all clustering
/// needs, read without joining or decoding anything else.
pub(super) async fn positions(
    db: &Db,
    what: Show,
    spaces: &[SpaceId],
    filter: &Filter,
    bbox: Option<BoundingBox>,
    limit: i64,
) -> Result<Vec<(i64, Point)>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let area = bbox.map_or(Area::Everywhere, Area::Within);
    let mut next = 2;
    let mut filters = String::new();
    let code = match what {
        Show::Organizations => filter.sector.map(Sector::as_str),
        _ => filter.kind.map(Kind::as_str),
    };
    if code.is_some() {
        let column = if what == Show::Organizations {
            "o.sector"
        } else {
            "i.kind"
        };
        filters.push_str(&format!(" AND {column} = ${next}"));
        next += 1;
    }
    if what == Show::Needs {
        filters.push_str(&format!(" AND i.status = ${next}"));
        next += 1;
    }
    let (from, alias) = match what {
        Show::Organizations => (
            "organization_spaces l JOIN organizations o ON o.id = l.organization_id",
            "o",
        ),
        Show::Resources => ("resources i", "i"),
        _ => ("needs i", "i"),
    };
    filters.push_str(&area.condition(db, alias, &mut next));
    let listed = if what == Show::Organizations {
        "l.space_id"
    } else {
        "i.space_id"
    };
    let approved = if what == Show::Organizations {
        format!(" AND l.status = 'approved'{}", by_key_hint(db, spaces))
    } else {
        String::new()
    };
    // One row of text per type ("id,lat,lon;…") rather than a row per place: thousands of
    // rows cost more in the driver (each crosses from its worker thread) than in the database.
    let concat = match db {
        Db::Sqlite(_) => "group_concat",
        Db::Postgres(_) => "string_agg",
    };
    let sql = format!(
        "SELECT {concat}(p.id || ',' || p.lat || ',' || p.lon, ';') FROM (
            SELECT {alias}.id AS id, {alias}.lat AS lat, {alias}.lon AS lon FROM {from}
            WHERE {listed} {}{approved}
              AND {alias}.lat IS NOT NULL AND {alias}.lon IS NOT NULL{filters}
            LIMIT ${next}
         ) p",
        in_ids(db.backend(), 1),
    );
    let packed: Option<String> = with_db!(db, |pool| {
        let mut query = sqlx::query_scalar(&sql);
        query = query.bind(space_list(spaces));
        if let Some(code) = code {
            query = query.bind(code);
        }
        if what == Show::Needs {
            query = query.bind(NeedStatus::Open.as_str());
        }
        query = bind_area!(query, area, IdList::default());
        query.bind(limit).fetch_one(pool).await
    })?;
    // An organisation listed in several of the spaces comes once per listing.
    let mut seen = HashSet::new();
    Ok(unpack_positions(packed.as_deref().unwrap_or(""))
        .into_iter()
        .filter(|(id, _)| what != Show::Organizations || seen.insert(*id))
        .collect())
}

/// Reads "id,lat,lon;id,lat,lon;…" as written by [`positions`]' query; anything else is
/// skipped.
pub(super) fn unpack_positions(packed: &str) -> Vec<(i64, Point)> {
    packed
        .split(';')
        .filter_map(|entry| {
            let mut parts = entry.split(',');
            let id = parts.next()?.trim().parse::<i64>().ok()?;
            let lat = parts.next()?.trim().parse::<f64>().ok()?;
            let lon = parts.next()?.trim().parse::<f64>().ok()?;
            (parts.next().is_none() && lat.is_finite() && lon.is_finite())
                .then_some((id, Point { lat, lon }))
        })
        .collect()
}

/// The box around every place the filters leave, for the map to start from.
pub async fn extent(
    db: &Db,
    spaces: &[SpaceId],
    filter: &Filter,
) -> Result<Option<BoundingBox>, StoreError> {
    let mut found: Option<BoundingBox> = None;
    for what in [Show::Organizations, Show::Resources, Show::Needs] {
        if !filter.show.wants(what) || spaces.is_empty() {
            continue;
        }
        let mut next = 2;
        let code = match what {
            Show::Organizations => filter.sector.map(Sector::as_str),
            _ => filter.kind.map(Kind::as_str),
        };
        let sql = match what {
            Show::Organizations => format!(
                "SELECT MIN(o.lon), MIN(o.lat), MAX(o.lon), MAX(o.lat)
                 FROM organization_spaces l JOIN organizations o ON o.id = l.organization_id
                 WHERE l.space_id {} AND l.status = 'approved'{}",
                in_ids(db.backend(), 1),
                if code.is_some() {
                    format!(" AND o.sector = ${next}")
                } else {
                    String::new()
                }
            ),
            _ => {
                let mut filters = String::new();
                if code.is_some() {
                    filters.push_str(&format!(" AND i.kind = ${next}"));
                    next += 1;
                }
                if what == Show::Needs {
                    filters.push_str(&format!(" AND i.status = ${next}"));
                }
                format!(
                    "SELECT MIN(i.lon), MIN(i.lat), MAX(i.lon), MAX(i.lat) FROM {} i
                     WHERE i.space_id {}{filters}",
                    if what == Show::Needs {
                        "needs"
                    } else {
                        "resources"
                    },
                    in_ids(db.backend(), 1),
                )
            }
        };
        type Corners = (Option<f64>, Option<f64>, Option<f64>, Option<f64>);
        let corners: Corners = with_db!(db, |pool| {
            let mut query = sqlx::query_as(&sql);
            query = query.bind(space_list(spaces));
            if let Some(code) = code {
                query = query.bind(code);
            }
            if what == Show::Needs {
                query = query.bind(NeedStatus::Open.as_str());
            }
            query.fetch_one(pool).await
        })?;
        if let (Some(west), Some(south), Some(east), Some(north)) = corners {
            let b = BoundingBox {
                west,
                south,
                east,
                north,
            };
            found = Some(found.map_or(b, |f| f.union(b)));
        }
    }
    Ok(found)
}

/// The contacts of `organizations` that the reader may see, by organisation (see
/// [`ContactReader`](crate::permissions::ContactReader)).
pub(super) async fn visible_contacts(
    state: &AppState,
    context: &SpaceContext,
    organizations: &[i64],
) -> Result<HashMap<i64, Vec<Contact>>, StoreError> {
    let reader = service::contact_reader(state, context).await?;
    let mut by_org: HashMap<i64, Vec<Contact>> = HashMap::new();
    for contact in store::contacts(&state.db, organizations, &reader).await? {
        by_org
            .entry(contact.organization_id)
            .or_default()
            .push(contact);
    }
    Ok(by_org)
}
