//! GET /v2/notifications: a service's notifications sent with the calling
//! key's type, newest first, 250 a page, paged with `older_than`.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::ids;
use herald_domain::models::{ListFilter, Notification};
use serde_json::json;
use uuid::Uuid;

use super::view;
use crate::auth;
use crate::error::ApiError;
use crate::query::{Query, not_one_of};
use crate::state::AppState;

pub const PAGE_SIZE: i64 = 250;

const STATUSES: &[&str] = &[
    "cancelled",
    "created",
    "sending",
    "sent",
    "delivered",
    "pending",
    "failed",
    "technical-failure",
    "temporary-failure",
    "permanent-failure",
    "pending-virus-check",
    "validation-failed",
    "virus-scan-failed",
    "returned-letter",
    "accepted",
    "received",
];
const FAILED: &[&str] = &[
    "technical-failure",
    "temporary-failure",
    "permanent-failure",
    "validation-failed",
    "virus-scan-failed",
    "returned-letter",
];
const TEMPLATE_TYPES: &[&str] = &["sms", "email", "letter"];
const INCLUDE_JOBS: &[&str] = &["true", "True"];

pub async fn list(request: HttpRequest, state: Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let query = Query::parse(
        request.query_string(),
        &[
            "template_type",
            "status",
            "reference",
            "older_than",
            "include_jobs",
        ],
    )?;
    let mut filter = parse_filter(&query)?;
    let service_id = caller.service.service.id;
    let key_type = caller.key_type.as_str();

    // Like Notify, an `older_than` that is not one of ours gives an empty page.
    let older_than = filter.older_than.take();
    let page = match older_than {
        Some((_, id)) => {
            let created_at = ids::created_at_of(&id);
            let anchor = match created_at {
                Some(at) => {
                    state
                        .db
                        .run(move |conn| Notification::find(conn, service_id, id, at))
                        .await?
                }
                None => None,
            };
            match anchor {
                Some(anchor) => {
                    filter.older_than = Some((anchor.created_at, anchor.id));
                    fetch(&state, service_id, key_type, filter).await?
                }
                None => Vec::new(),
            }
        }
        None => fetch(&state, service_id, key_type, filter).await?,
    };

    let base = format!("{}v2/notifications", state.public_url);
    let current = match request.query_string() {
        "" => base.clone(),
        q => format!("{base}?{q}"),
    };
    let mut links = json!({ "current": current });
    if let Some(last) = page.last() {
        let rest = query.without("older_than");
        let separator = if rest.is_empty() { "" } else { "&" };
        links["next"] = json!(format!("{base}?{rest}{separator}older_than={}", last.id));
    }
    let notifications: Vec<serde_json::Value> = page
        .iter()
        .map(|n| view::notification(n, &state.public_url))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "notifications": notifications, "links": links })))
}

async fn fetch(
    state: &AppState,
    service_id: Uuid,
    key_type: &str,
    filter: ListFilter,
) -> Result<Vec<Notification>, ApiError> {
    let key_type = key_type.to_owned();
    state
        .db
        .run(move |conn| Notification::list(conn, service_id, &key_type, &filter, PAGE_SIZE))
        .await
}

fn parse_filter(query: &Query) -> Result<ListFilter, ApiError> {
    let mut problems = Vec::new();
    let mut filter = ListFilter::default();
    for kind in query.all("template_type") {
        if TEMPLATE_TYPES.contains(&kind) {
            filter.notification_types.push(kind.to_owned());
        } else {
            problems.push(not_one_of("template_type", kind, TEMPLATE_TYPES));
        }
    }
    for status in query.all("status") {
        match status {
            "failed" => filter
                .statuses
                .extend(FAILED.iter().map(|s| (*s).to_owned())),
            "accepted" => filter
                .statuses
                .extend(["created", "sending"].map(str::to_owned)),
            "received" => filter
                .statuses
                .extend(["received", "delivered"].map(str::to_owned)),
            s if STATUSES.contains(&s) => filter.statuses.push(s.to_owned()),
            other => problems.push(not_one_of("status", other, STATUSES)),
        }
    }
    // Bulk sends' notifications are left out unless asked for, as Notify
    // leaves out its jobs'; Notify's schema allows only these values.
    for include_jobs in query.all("include_jobs") {
        if INCLUDE_JOBS.contains(&include_jobs) {
            filter.include_jobs = true;
        } else {
            problems.push(not_one_of("include_jobs", include_jobs, INCLUDE_JOBS));
        }
    }
    filter.reference = query.first("reference").map(str::to_owned);
    if let Some(older_than) = query.first("older_than") {
        match Uuid::parse_str(older_than) {
            // The time is settled from the stored row; the id is what matters here.
            Ok(id) => filter.older_than = Some((chrono::DateTime::UNIX_EPOCH, id)),
            Err(_) => problems.push("older_than is not a valid UUID".to_owned()),
        }
    }
    if problems.is_empty() {
        Ok(filter)
    } else {
        Err(ApiError::Validation(problems))
    }
}
