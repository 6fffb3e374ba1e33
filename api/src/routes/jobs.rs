//! Bulk sends' jobs: GET /v2/jobs/{id} (one job and its progress) and
//! GET /v2/jobs (the service's jobs, newest first, 50 a page, paged with
//! `older_than`), and POST /v2/jobs/{id}/cancel (a scheduled job, before
//! its release). Any key of the service sees and cancels its jobs.

use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::format::timestamp;
use herald_domain::models::{Cancelled, Job};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::auth;
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

pub const PAGE_SIZE: i64 = 50;

/// A job as the API shows it: GC Notify's job fields, and its progress
/// under `counts`.
pub fn job_json(job: &Job, base_url: &str) -> Value {
    json!({
        "id": job.id,
        "uri": format!("{base_url}v2/jobs/{}", job.id),
        "original_file_name": job.original_file_name,
        "service": job.service_id,
        "api_key": job.api_key_id,
        "key_type": job.key_type,
        "template": {
            "id": job.template_id,
            "version": job.template_version,
            "uri": format!("{base_url}v2/template/{}/version/{}", job.template_id, job.template_version),
        },
        "template_type": job.notification_type,
        "template_version": job.template_version,
        "job_status": job.status(),
        "notification_count": job.total,
        "reference": job.client_reference,
        "created_at": timestamp(&job.created_at),
        "scheduled_for": job.scheduled_for.as_ref().map(timestamp),
        "counts": {
            "total": job.total,
            "accepted": job.accepted,
            "persisted": job.persisted,
            "sent": job.sent,
            "delivered": job.delivered,
            "failed": job.failed,
        },
    })
}

pub async fn get(
    request: HttpRequest,
    path: Path<String>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let id = Uuid::parse_str(&path.into_inner())
        .map_err(|_| ApiError::validation("job_id is not a valid UUID"))?;
    let service_id = caller.service.service.id;
    let job = state
        .db
        .run(move |conn| Job::find(conn, service_id, id))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(json!({ "data": job_json(&job, &state.public_url) })))
}

pub async fn list(request: HttpRequest, state: Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let query = Query::parse(request.query_string(), &["older_than"])?;
    let older_than = match query.first("older_than") {
        None => None,
        Some(raw) => Some(
            Uuid::parse_str(raw)
                .map_err(|_| ApiError::validation("older_than is not a valid UUID"))?,
        ),
    };
    let service_id = caller.service.service.id;
    let jobs = state
        .db
        .run(move |conn| Job::list(conn, service_id, older_than, PAGE_SIZE))
        .await?;
    let base = format!("{}v2/jobs", state.public_url);
    let current = match request.query_string() {
        "" => base.clone(),
        q => format!("{base}?{q}"),
    };
    let mut links = json!({ "current": current });
    if let (Some(last), true) = (jobs.last(), jobs.len() as i64 == PAGE_SIZE) {
        links["next"] = json!(format!("{base}?older_than={}", last.id));
    }
    let data: Vec<Value> = jobs
        .iter()
        .map(|job| job_json(job, &state.public_url))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "data": data, "links": links })))
}

pub async fn cancel(
    request: HttpRequest,
    path: Path<String>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let id = Uuid::parse_str(&path.into_inner())
        .map_err(|_| ApiError::validation("job_id is not a valid UUID"))?;
    let service_id = caller.service.service.id;
    match state
        .db
        .run(move |conn| Job::cancel(conn, service_id, id))
        .await?
    {
        Cancelled::Done(job) => {
            Ok(HttpResponse::Ok().json(json!({ "data": job_json(&job, &state.public_url) })))
        }
        Cancelled::NotFound => Err(ApiError::NotFound),
        Cancelled::NotScheduled(status) => Err(ApiError::BadRequest(format!(
            "Only a scheduled job can be cancelled; this job is {status}"
        ))),
        Cancelled::Releasing => Err(ApiError::BadRequest(
            "This job's release has begun, so it can no longer be cancelled".into(),
        )),
    }
}
