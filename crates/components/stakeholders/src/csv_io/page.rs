//! The import form of a space and its answer: the rows refused, or the counts imported.

use super::parse::*;
use super::write::*;
use crate::pages::require;
use crate::permissions::Action;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render, render_invalid, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// A problem as the import page shows it.
pub struct ErrorRow {
    pub line: String,
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    csv: String,
    errors: Vec<ErrorRow>,
    bad_rows: i64,
}

fn import_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    csv: String,
    errors: &[RowError],
) -> Result<Response, PageError> {
    let lang = page.l.lang();
    let template = ImportTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: format!("/spaces/{}/stakeholders", context.space.slug),
        slug: context.space.slug.clone(),
        csv,
        bad_rows: bad_rows(errors) as i64,
        errors: errors
            .iter()
            .map(|e| ErrorRow {
                line: if e.line > 0 {
                    e.line.to_string()
                } else {
                    "—".to_owned()
                },
                field: e.field.clone().unwrap_or_default(),
                message: e.message(&state.i18n, lang),
            })
            .collect(),
        page,
    };
    if errors.is_empty() {
        render(&template)
    } else {
        render_invalid(&template)
    }
}

/// `GET /spaces/{slug}/stakeholders/import`: the form (space admins).
pub async fn import_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let here = format!("/spaces/{}/stakeholders/import", context.space.slug);
    require(&context, Action::Manage, &here)?;
    import_page(&state, page, &context, String::new(), &[])
}

/// `POST /spaces/{slug}/stakeholders/import`: imports the pasted CSV, or shows every bad row.
pub async fn import_submit(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = format!("/spaces/{}/stakeholders", context.space.slug);
    require(&context, Action::Manage, &format!("{base}/import"))?;
    let actor = context.viewer.user.as_ref().map(|u| u.id());
    let csv = form.get("csv");
    match import_csv(&state.db, context.space.id(), actor, "web", csv.as_bytes()).await {
        Ok(_) => Ok(redirect_with_flash(&state, &base, "flash-import-done")),
        Err(ImportError::Rejected(errors)) => {
            import_page(&state, page, &context, csv.to_owned(), &errors)
        }
        Err(ImportError::Store(error)) => Err(error.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Sample data, for benchmarks and tests
