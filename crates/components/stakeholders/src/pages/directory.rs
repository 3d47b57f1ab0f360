//! The directory of a space: organisations, resources and needs, filtered and paged.

use super::*;

/// One section of the directory (organisations, resources or needs), paged.
pub struct Section<T> {
    pub rows: Vec<T>,
    pub total: i64,
    /// Link to this section alone, when it has more than is shown.
    pub more: Option<String>,
}

impl<T> Section<T> {
    fn empty() -> Self {
        Section {
            rows: Vec::new(),
            total: 0,
            more: None,
        }
    }
}

/// Rows per page when one section is shown; a preview of each when all are.
pub(super) const PER_PAGE: i64 = 50;
pub(super) const PREVIEW: i64 = 10;

#[derive(Template)]
#[template(path = "directory.html")]
pub(super) struct DirectoryTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    organizations: Section<OrgRow>,
    resources: Section<ItemRow>,
    needs: Section<ItemRow>,
    sectors: Options,
    kinds: Options,
    show: String,
    can_add: bool,
    can_manage: bool,
    previous_page: Option<String>,
    next_page: Option<String>,
    page_label: String,
}

pub async fn directory(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<DirectoryQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &base)?;
    let scope = service::scope(&state, &context).await?;
    let manage = permissions::allows(context.role, context.space.visibility(), Action::Manage);
    let sector = Sector::parse(&query.sector).ok();
    let kind = Kind::parse(&query.kind).ok();
    let show = match query.show.as_str() {
        "organizations" | "resources" | "needs" => query.show.clone(),
        _ => "all".to_owned(),
    };
    let single = show != "all";
    let number = query.page.unwrap_or(1).max(1);
    let (limit, offset) = if single {
        (PER_PAGE, (number - 1) * PER_PAGE)
    } else {
        (PREVIEW, 0)
    };
    let link = |section: &str, page_number: i64| {
        let mut url = format!(
            "{base}?show={section}&sector={}&kind={}",
            query.sector, query.kind
        );
        if page_number > 1 {
            url.push_str(&format!("&page={page_number}"));
        }
        url
    };
    let wants = |section: &str| show == "all" || show == section;
    let organizations = if wants("organizations") {
        let listed =
            listing::organizations(&state.db, &scope, manage, sector, limit, offset).await?;
        Section {
            more: (!single && listed.total > PREVIEW).then(|| link("organizations", 1)),
            total: listed.total,
            rows: listed
                .rows
                .iter()
                .map(|l| {
                    let org = &l.organization;
                    OrgRow {
                        href: format!("{base}/organizations/{}", org.id),
                        name: org.name.clone(),
                        sector: page.t(&Sector::parse(&org.sector)
                            .map(|s| s.label_key())
                            .unwrap_or_default()),
                        address: org.address.clone(),
                        pending: l.status.is_pending(),
                        id: org.id,
                    }
                })
                .collect(),
        }
    } else {
        Section::empty()
    };
    let mut sections = Vec::new();
    for (item_type, section, status) in [
        (ItemType::Resource, "resources", None),
        (ItemType::Need, "needs", Some(NeedStatus::Open)),
    ] {
        sections.push(if wants(section) {
            let found =
                listing::items(&state.db, item_type, &scope, kind, status, limit, offset).await?;
            Section {
                more: (!single && found.total > PREVIEW).then(|| link(section, 1)),
                total: found.total,
                rows: found
                    .rows
                    .iter()
                    .map(|i| item_row(&page, &base, i, item_type))
                    .collect(),
            }
        } else {
            Section::empty()
        });
    }
    let needs = sections.pop().unwrap_or_else(Section::empty);
    let resources = sections.pop().unwrap_or_else(Section::empty);
    let total = organizations.total.max(resources.total).max(needs.total);
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let (previous_page, next_page) = if single {
        (
            (number > 1).then(|| link(&show, number - 1)),
            (number < pages).then(|| link(&show, number + 1)),
        )
    } else {
        (None, None)
    };
    render(&DirectoryTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        sectors: options(
            &page,
            Sector::ALL,
            Sector::as_str,
            Sector::label_key,
            &query.sector,
        ),
        kinds: options(&page, Kind::ALL, Kind::as_str, Kind::label_key, &query.kind),
        page_label: page.l.targs(
            "directory-page",
            &[("page", number.to_string()), ("pages", pages.to_string())],
        ),
        show,
        can_add: permissions::allows(context.role, context.space.visibility(), Action::Register),
        can_manage: manage,
        slug: context.space.slug.clone(),
        base,
        organizations,
        resources,
        needs,
        previous_page,
        next_page,
        page,
    })
}
