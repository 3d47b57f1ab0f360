//! `GET /spaces/{slug}/map.geojson`: the whole collection, or a viewport with clusters, with
//! an `ETag`.

use super::*;

pub(super) fn require_read(context: &SpaceContext) -> Result<(), PageError> {
    if permissions::allows(context.role, context.space.visibility(), Action::Read) {
        Ok(())
    } else if context.viewer.signed_in() {
        Err(PageError::Forbidden)
    } else {
        Err(PageError::NotFound)
    }
}

/// A group of places drawn as one marker: the mean position, the box to zoom to, the count
/// and how many of each type it holds.
pub(super) fn cluster_feature(cluster: &geo::Cluster, counts: [usize; 3]) -> Value {
    let b = cluster.bounds;
    json!({
        "type": "Feature",
        "bbox": [rounded(b.west), rounded(b.south), rounded(b.east), rounded(b.north)],
        "geometry": {
            "type": "Point",
            "coordinates": [rounded(cluster.centre.lon), rounded(cluster.centre.lat)],
        },
        "properties": {
            "type": "cluster",
            "count": cluster.members.len(),
            "organizations": counts[0],
            "resources": counts[1],
            "needs": counts[2],
        },
    })
}

/// The features of one viewport: every place in it when they are few (or the map is zoomed
/// far in, or says no zoom), otherwise clusters, and lone places with their popup contents.
pub(super) async fn viewport_features(
    state: &AppState,
    context: &SpaceContext,
    l: &Localizer,
    scope: &[SpaceId],
    filter: &Filter,
    viewport: Viewport,
) -> Result<Vec<Value>, StoreError> {
    let Some(zoom) = viewport.zoom.filter(|z| *z < UNCLUSTERED_ZOOM) else {
        let places = load(
            state,
            context,
            l,
            scope,
            filter,
            Selection::within(viewport.bbox),
            GEOJSON_LIMIT,
        )
        .await?;
        return Ok(places.features());
    };
    let types = [Show::Organizations, Show::Resources, Show::Needs];
    let mut ids: [Vec<i64>; 3] = Default::default();
    let mut points: Vec<Point> = Vec::new();
    let mut type_of: Vec<usize> = Vec::new();
    for (t, what) in types.into_iter().enumerate() {
        if !filter.show.wants(what) {
            continue;
        }
        for (id, point) in positions(
            &state.db,
            what,
            scope,
            filter,
            viewport.bbox,
            CLUSTER_READ_LIMIT,
        )
        .await?
        {
            ids[t].push(id);
            points.push(point);
            type_of.push(t);
        }
    }
    let mut clusters = Vec::new();
    let mut alone: [Vec<i64>; 3] = Default::default();
    if points.len() <= VIEWPORT_PLACES {
        alone = ids.clone();
    } else {
        let mut index = [0usize; 3];
        let mut id_at = Vec::with_capacity(points.len());
        for &t in &type_of {
            id_at.push(ids[t][index[t]]);
            index[t] += 1;
        }
        for cluster in geo::grid_clusters(&points, zoom, CLUSTER_CELL_PX) {
            if let [only] = cluster.members[..] {
                alone[type_of[only]].push(id_at[only]);
            } else {
                let mut counts = [0usize; 3];
                for &m in &cluster.members {
                    counts[type_of[m]] += 1;
                }
                clusters.push(cluster_feature(&cluster, counts));
            }
        }
    }
    let places = load(
        state,
        context,
        l,
        scope,
        filter,
        Selection {
            organizations: Area::Only(&alone[0]),
            resources: Area::Only(&alone[1]),
            needs: Area::Only(&alone[2]),
        },
        GEOJSON_LIMIT,
    )
    .await?;
    let mut features = places.features();
    features.extend(clusters);
    Ok(features)
}

/// A 400 with problem details (RFC 9457) naming the parameter that is wrong.
pub(super) fn bad_parameter(error: FieldError) -> Response {
    let mut response = StatusCode::BAD_REQUEST.into_response();
    response.extensions_mut().insert(ErrorReport {
        status: StatusCode::BAD_REQUEST,
        message_key: error.key,
        fields: vec![error.into()],
        api: true,
    });
    response
}

/// A weak entity tag for `body`: its SHA-256, shortened.
pub(super) fn entity_tag(body: &str) -> String {
    let hash = cospace_store::secrets::hash_token(body);
    format!("W/\"{}\"", hash.get(..32).unwrap_or(&hash))
}

/// Whether an `If-None-Match` header names `tag` (weak comparison, RFC 9110 §13.1.2).
pub(super) fn none_match(headers: &HeaderMap, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let wanted = opaque(tag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || opaque(t) == wanted)
}

/// `GET /spaces/{slug}/map.geojson`: the map's places as GeoJSON (RFC 7946) — all of them, or
/// one viewport's (`bbox`), clustered at low `zoom`.
pub async fn geojson(
    State(state): State<AppState>,
    l: Localizer,
    context: SpaceContext,
    headers: HeaderMap,
    Query(query): Query<MapQuery>,
) -> Result<Response, PageError> {
    require_read(&context)?;
    let filter = Filter::parse(&query);
    let viewport = match Viewport::parse(&query) {
        Ok(viewport) => viewport,
        Err(error) => return Ok(bad_parameter(error)),
    };
    let scope = service::scope(&state, &context).await?;
    let features = viewport_features(&state, &context, &l, &scope, &filter, viewport).await?;
    let body = serde_json::to_string(&json!({ "type": "FeatureCollection", "features": features }))
        .map_err(|e| PageError::Internal(e.to_string()))?;
    let tag = entity_tag(&body);
    let fresh = none_match(&headers, &tag);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body.into_response()
    };
    let headers = response.headers_mut();
    if !fresh {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/geo+json"),
        );
    }
    // Contacts depend on who asks: never from a shared cache, always revalidated.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}
