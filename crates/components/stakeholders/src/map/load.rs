//! The places of a map, loaded with their labels and the contacts the reader may see.

use super::*;

/// Translations asked for once per key: a map repeats a handful of labels thousands of times,
/// and each lookup formats a Fluent message.
pub(super) struct Labels<'a> {
    l: &'a Localizer,
    cache: HashMap<String, String>,
}

impl<'a> Labels<'a> {
    pub(super) fn new(l: &'a Localizer) -> Self {
        Self {
            l,
            cache: HashMap::new(),
        }
    }

    pub(super) fn t(&mut self, key: &str) -> String {
        if let Some(found) = self.cache.get(key) {
            return found.clone();
        }
        let text = self.l.t(key);
        self.cache.insert(key.to_owned(), text.clone());
        text
    }

    pub(super) fn capacity(&mut self, capacity: i64) -> String {
        let key = format!("capacity-of\u{0}{capacity}");
        if let Some(found) = self.cache.get(&key) {
            return found.clone();
        }
        let text = self.l.ta("capacity-of", "n", &capacity.to_string());
        self.cache.insert(key, text.clone());
        text
    }
}

pub(super) fn item_detail(l: &mut Labels<'_>, item: &Item, item_type: ItemType) -> String {
    match item_type {
        ItemType::Resource => {
            let mut parts = Vec::new();
            if let Some(capacity) = item.capacity {
                parts.push(l.capacity(capacity));
            }
            if !item.availability.is_empty() {
                parts.push(item.availability.clone());
            }
            parts.join(" · ")
        }
        ItemType::Need => {
            let urgency = Urgency::parse(&item.urgency).unwrap_or(Urgency::Medium);
            let status = NeedStatus::parse(&item.status).unwrap_or(NeedStatus::Open);
            format!(
                "{} · {}",
                l.t(&urgency.label_key()),
                l.t(&status.label_key())
            )
        }
    }
}

/// Loads the places `context`'s reader may see in `scope`, filtered, at most `limit` of each
/// type.
pub async fn load(
    state: &AppState,
    context: &SpaceContext,
    l: &Localizer,
    scope: &[SpaceId],
    filter: &Filter,
    selection: Selection<'_>,
    limit: i64,
) -> Result<Places, StoreError> {
    let slugs = cospace_store::spaces::slugs_of(&state.db, scope).await?;
    let mut labels = Labels::new(l);
    let slug_of = |space: i64| {
        slugs
            .get(&space)
            .cloned()
            .unwrap_or_else(|| context.space.slug.clone())
    };
    let mut places = Places::default();
    if filter.show.wants(Show::Organizations) {
        let rows = located_organizations(
            &state.db,
            scope,
            filter.sector,
            selection.organizations,
            limit + 1,
        )
        .await?;
        // One entry per organisation, linked in this space when it is listed here.
        let mut order: Vec<i64> = Vec::new();
        let mut chosen: HashMap<i64, ListedOrganization> = HashMap::new();
        for row in rows {
            let id = row.organization.id;
            match chosen.get(&id) {
                None => {
                    order.push(id);
                    chosen.insert(id, row);
                }
                Some(_) if row.space_id == context.space.id => {
                    chosen.insert(id, row);
                }
                Some(_) => {}
            }
        }
        places.organizations.truncated = order.len() as i64 > limit;
        order.truncate(usize::try_from(limit).unwrap_or(0));
        let contacts = visible_contacts(state, context, &order).await?;
        for id in order {
            let Some(listed) = chosen.remove(&id) else {
                continue;
            };
            let org = listed.organization;
            let Some(point) = org.location() else {
                continue;
            };
            let sector = Sector::parse(&org.sector).ok();
            places.organizations.places.push(Place {
                what: "organization",
                id: org.id,
                href: format!(
                    "/spaces/{}/stakeholders/organizations/{}",
                    slug_of(listed.space_id),
                    org.id
                ),
                title: org.name,
                code: org.sector,
                label: sector.map(|s| labels.t(&s.label_key())).unwrap_or_default(),
                address: org.address,
                organization: String::new(),
                organization_href: String::new(),
                detail: String::new(),
                urgency: String::new(),
                status: String::new(),
                website: org.website,
                contacts: contacts
                    .get(&id)
                    .map(|list| {
                        list.iter()
                            .map(|c| ContactView {
                                person: c.person.clone(),
                                role: c.role.clone(),
                                email: c.email.clone(),
                                phone: c.phone.clone(),
                                visibility: c.visibility.as_str().to_owned(),
                                visibility_label: labels.t(&c.visibility.label_key()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                lat: point.lat,
                lon: point.lon,
            });
        }
    }
    for (item_type, what, show, area) in [
        (
            ItemType::Resource,
            "resource",
            Show::Resources,
            selection.resources,
        ),
        (ItemType::Need, "need", Show::Needs, selection.needs),
    ] {
        if !filter.show.wants(show) {
            continue;
        }
        let mut items =
            located_items(&state.db, item_type, scope, filter.kind, area, limit + 1).await?;
        let truncated = items.len() as i64 > limit;
        items.truncate(usize::try_from(limit).unwrap_or(0));
        let group = Group {
            truncated,
            places: items
                .iter()
                .filter_map(|item| {
                    let point = item.location()?;
                    let slug = slug_of(item.space_id);
                    Some(Place {
                        what,
                        id: item.id,
                        title: item.title.clone(),
                        code: item.kind.clone(),
                        label: labels.t(&item.kind().label_key()),
                        href: format!("/spaces/{slug}/stakeholders/{what}s/{}", item.id),
                        address: item.address.clone(),
                        organization: item.organization_name.clone(),
                        organization_href: format!(
                            "/spaces/{slug}/stakeholders/organizations/{}",
                            item.organization_id
                        ),
                        detail: item_detail(&mut labels, item, item_type),
                        urgency: item.urgency.clone(),
                        status: item.status.clone(),
                        website: None,
                        contacts: Vec::new(),
                        lat: point.lat,
                        lon: point.lon,
                    })
                })
                .collect(),
        };
        match item_type {
            ItemType::Resource => places.resources = group,
            ItemType::Need => places.needs = group,
        }
    }
    Ok(places)
}
