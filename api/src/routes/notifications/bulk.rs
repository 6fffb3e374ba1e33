//! POST /v2/notifications/bulk (GC Notify's bulk API): one upload of up to
//! `HERALD_BULK_MAX_ROWS` recipients, as `rows` (a header row, then one row
//! per notification) or as `csv`.
//!
//! Everything is checked before anything is sent: the headers (the
//! recipient column, a column per placeholder, no duplicates), the limits,
//! then every row (recipient, personalisation, length, team/trial rules).
//! A rejected upload is a 400 listing its rows' problems, each one a person
//! can act on ("Row 1,234: email address: Not a valid email address").
//!
//! An accepted upload becomes a job (one row in `jobs`, written before
//! anything is queued, so a database outage is a 503 with nothing sent) and
//! its notifications are rendered on blocking threads, packed
//! `HERALD_PUBLISH_GROUP_SIZE` to a broker message and published all at once
//! under `notification.bulk-<type>`: the persist queue stores them through
//! its normal batches, and the type's bulk deliver queue, a lane the sender
//! drains only while single sends leave it room, sends them.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::web::{Data, Payload};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use herald_domain::broker::{self, BULK_TYPES};
use herald_domain::ids;
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::messages::NotificationMessage;
use herald_domain::models::{Job, NewJob, Template, job_status};
use herald_domain::recipient;
use herald_domain::rendering;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::post::from_email;
use crate::auth::{self, Caller};
use crate::body;
use crate::content;
use crate::error::ApiError;
use crate::publisher::BulkPack;
use crate::routes::jobs::job_json;
use crate::state::AppState;

/// Body bytes a bulk send may take per row (the body limit is this times
/// `HERALD_BULK_MAX_ROWS`, and never less than a single send's).
pub const BODY_BYTES_PER_ROW: usize = 640;
/// Row problems listed in a rejection, at most (the count says how many
/// rows have problems in all).
pub const LISTED_ROW_ERRORS: usize = 100;
/// Rows rendered per blocking task.
const ROWS_PER_TASK: usize = 5_000;
const NAME_MAX_CHARS: usize = 255;
const REFERENCE_MAX_CHARS: usize = 1000;

const ALLOWED_FIELDS: &[&str] = &[
    "template_id",
    "name",
    "rows",
    "csv",
    "reference",
    "scheduled_for",
    "reply_to_id",
];

pub async fn post_bulk(
    request: HttpRequest,
    payload: Payload,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let started = std::time::Instant::now();
    let caller = auth::authenticate(&request, &state.cache).await?;
    state
        .limits
        .check_rate(&caller.service.service, caller.key_type)?;
    // A few at a time per process: each holds its body and rows in memory.
    // The others wait here, before their body is read (within the request's
    // deadline).
    let _turn = state
        .bulk
        .at_once
        .acquire()
        .await
        .map_err(|_| ApiError::Unavailable("The API is shutting down".into()))?;
    let limit = body::MAX_BODY_BYTES.max(state.bulk.max_rows.saturating_mul(BODY_BYTES_PER_ROW));
    let body = body::read_json_up_to(&request, payload, false, limit).await?;
    let read = started.elapsed();
    let upload = parse_request(body)?;
    let template = find_template(&state, &caller, upload.template_id).await?;
    let kind = template.template_type;
    if !BULK_TYPES.contains(&kind) {
        return Err(ApiError::BadRequest(format!(
            "{kind} templates cannot be sent in bulk; use an email or sms template"
        )));
    }
    let reply_to = super::post::reply_to_by_id(&caller, kind, upload.reply_to_id, "reply_to_id")?;
    let mut table = match upload.source {
        Source::Rows(rows) => rows,
        Source::Csv(text) => actix_web::web::block(move || parse_csv(&text))
            .await
            .map_err(|e| anyhow::anyhow!("CSV thread: {e}"))??,
    };
    if table.len() < 2 {
        return Err(ApiError::BadRequest(
            "The upload needs a header row and at least one row of recipients".into(),
        ));
    }
    let rows = table.split_off(1);
    let header = table.pop().unwrap_or_default();
    if rows.len() > state.bulk.max_rows {
        return Err(ApiError::BadRequest(format!(
            "Too many rows. Maximum number of rows allowed is {}",
            thousands(state.bulk.max_rows)
        )));
    }
    let columns = Columns::new(&header, &template, kind)?;
    state
        .limits
        .check_daily_many(&caller.service.service, caller.key_type, kind, rows.len())?;

    let job_id = ids::new_notification_id();
    let total = rows.len();
    let context = Arc::new(RowContext {
        template: template.clone(),
        kind,
        columns,
        service_id: caller.service.service.id,
        api_key_id: caller.api_key_id,
        key_type: caller.key_type,
        caller_service: caller.service.clone(),
        restricted: caller.service.service.restricted,
        reply_to: reply_to.clone(),
        from_email: (kind == NotificationType::Email).then(|| from_email(&state, &caller)),
        reference: upload.reference.clone(),
        job_id,
    });
    let encoded = prepare(context, rows).await?;
    let prepared = started.elapsed();

    let new_job = NewJob {
        id: job_id,
        service_id: caller.service.service.id,
        api_key_id: caller.api_key_id,
        key_type: caller.key_type.as_str().to_owned(),
        notification_type: kind.as_str().to_owned(),
        template_id: template.id,
        template_version: template.version,
        original_file_name: upload.name,
        client_reference: upload.reference,
        reply_to,
        job_status: match upload.scheduled_for {
            Some(_) => job_status::SCHEDULED,
            None => job_status::IN_PROGRESS,
        }
        .to_owned(),
        scheduled_for: upload.scheduled_for,
        created_at: ids::created_at_of(&job_id).unwrap_or_else(chrono::Utc::now),
        total: i32::try_from(total).unwrap_or(i32::MAX),
        accepted: i32::try_from(total).unwrap_or(i32::MAX),
    };
    let packs: Vec<BulkPack> = encoded
        .chunks(state.bulk.pack_size)
        .map(pack_rows)
        .collect();
    drop(encoded);
    // A scheduled job's packs are held in the database for the release;
    // its notifications go to the persist queue only (stored at once).
    let routing_key = match upload.scheduled_for {
        None => {
            let new_job = new_job.clone();
            state
                .db
                .run(move |conn| Job::insert(conn, &new_job))
                .await?;
            broker::bulk_routing_key(kind)
        }
        Some(release_at) => {
            let new_job = new_job.clone();
            let held: Vec<(Vec<u8>, usize)> = packs
                .iter()
                .map(|p| (p.payload.clone(), p.ids.len()))
                .collect();
            state
                .db
                .run(move |conn| {
                    let held: Vec<(&[u8], usize)> =
                        held.iter().map(|(p, n)| (p.as_slice(), *n)).collect();
                    Job::insert_scheduled(conn, &new_job, &held, release_at)
                })
                .await?;
            broker::scheduled_routing_key(kind)
        }
    };
    let recorded = started.elapsed();
    let published = state.publisher.publish_bulk(&routing_key, &packs).await;
    drop(packs);
    tracing::debug!(
        job.id = %job_id,
        rows = total,
        read_ms = read.as_millis(),
        prepared_ms = prepared.as_millis(),
        recorded_ms = recorded.as_millis(),
        published_ms = started.elapsed().as_millis(),
        "bulk send queued"
    );
    if published.confirmed > 0 {
        state.limits.record_accepted_many(
            caller.service.service.id,
            caller.key_type,
            kind,
            published.confirmed,
        );
        state
            .metrics
            .notifications_accepted_total
            .with_label_values(&[kind.as_str(), caller.key_type.as_str()])
            .inc_by(published.confirmed as u64);
    }
    if let Err(error) = published.outcome {
        let confirmed = i32::try_from(published.confirmed).unwrap_or(i32::MAX);
        tracing::warn!(job.id = %job_id, confirmed, total, "bulk send not wholly queued");
        let scheduled = upload.scheduled_for.is_some();
        let recorded = state
            .db
            .run(move |conn| {
                if scheduled {
                    // Nothing of it will be sent: its held packs are dropped.
                    Job::abandon_scheduled(conn, job_id, confirmed)
                } else {
                    Job::set_queued(conn, job_id, confirmed, job_status::ERROR)
                }
            })
            .await;
        if let Err(recording) = recorded {
            tracing::warn!(job.id = %job_id, error = %recording, "could not mark the job failed");
        }
        return Err(match error {
            ApiError::Unavailable(message) if scheduled => ApiError::Unavailable(format!(
                "{message} (job {job_id} was not scheduled: none of it will be sent)"
            )),
            ApiError::Unavailable(message) => ApiError::Unavailable(format!(
                "{message} (job {job_id}: {} of {total} rows were queued and will be sent, the \
                 others will not be{})",
                published.confirmed,
                match published.unknown {
                    0 => String::new(),
                    unknown => format!(", except perhaps {unknown} whose fate is unknown"),
                }
            )),
            other => other,
        });
    }
    let job = Job {
        id: new_job.id,
        service_id: new_job.service_id,
        api_key_id: new_job.api_key_id,
        key_type: new_job.key_type,
        notification_type: new_job.notification_type,
        template_id: new_job.template_id,
        template_version: new_job.template_version,
        original_file_name: new_job.original_file_name,
        client_reference: new_job.client_reference,
        reply_to: new_job.reply_to,
        job_status: new_job.job_status,
        scheduled_for: new_job.scheduled_for,
        created_at: new_job.created_at,
        total: new_job.total,
        accepted: new_job.accepted,
        persisted: 0,
        sent: 0,
        delivered: 0,
        failed: 0,
    };
    Ok(HttpResponse::Created().json(json!({ "data": job_json(&job, &state.public_url) })))
}

enum Source {
    Rows(Vec<Vec<String>>),
    Csv(String),
}

struct Upload {
    template_id: Uuid,
    name: String,
    source: Source,
    reference: Option<String>,
    reply_to_id: Option<Uuid>,
    scheduled_for: Option<DateTime<Utc>>,
}

/// The request's schema, with Notify's messages ("<field> <problem>"),
/// every problem at once.
fn parse_request(body: Value) -> Result<Upload, ApiError> {
    let Value::Object(mut body) = body else {
        return Err(ApiError::validation(format!(
            "{} is not of type object",
            body
        )));
    };
    let mut problems = Vec::new();
    for field in ["template_id", "name"] {
        if !body.contains_key(field) {
            problems.push(format!("{field} is a required property"));
        }
    }
    let unexpected: Vec<&str> = body
        .keys()
        .map(String::as_str)
        .filter(|k| !ALLOWED_FIELDS.contains(k))
        .collect();
    if !unexpected.is_empty() {
        let verb = if unexpected.len() == 1 { "was" } else { "were" };
        problems.push(format!(
            "Additional properties are not allowed ({} {verb} unexpected)",
            unexpected.join(", ")
        ));
    }
    let uuid = |field: &str, problems: &mut Vec<String>| match body.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Uuid::parse_str(s)
            .map_err(|_| problems.push(format!("{field} is not a valid UUID")))
            .ok(),
        Some(other) => {
            problems.push(format!("{field} {other} is not of type string"));
            None
        }
    };
    let template_id = uuid("template_id", &mut problems);
    let reply_to_id = uuid("reply_to_id", &mut problems);
    let string = |field: &str, max: usize, problems: &mut Vec<String>| match body.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.chars().count() > max => {
            problems.push(format!("{field} is longer than {max} characters"));
            None
        }
        Some(Value::String(s)) if s.contains('\0') => {
            problems.push(format!(
                "{field} contains a NUL character (\\u0000), which cannot be stored"
            ));
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            problems.push(format!("{field} {other} is not of type string"));
            None
        }
    };
    let name = string("name", NAME_MAX_CHARS, &mut problems);
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        problems.push("name must not be empty".to_owned());
    }
    let reference = string("reference", REFERENCE_MAX_CHARS, &mut problems);
    let scheduled_for = match body.get("scheduled_for") {
        None | Some(Value::Null) => None,
        Some(Value::String(at)) => crate::schedule::scheduled_time(at, Utc::now())
            .map_err(|problem| problems.push(problem))
            .ok(),
        Some(other) => {
            problems.push(format!("scheduled_for {other} is not of type string, null"));
            None
        }
    };
    // Taken out of the body (not copied): 50,000 rows are 150,000 strings.
    let given_rows = body.get("rows").is_some_and(|v| !v.is_null());
    let rows = match body.remove("rows") {
        None | Some(Value::Null) => None,
        Some(Value::Array(rows)) => rows_of(rows, &mut problems),
        Some(_) => {
            problems.push("rows is not of type array".to_owned());
            None
        }
    };
    let csv = match body.get("csv") {
        None | Some(Value::Null) => None,
        Some(Value::String(csv)) if csv.contains('\0') => {
            problems
                .push("csv contains a NUL character (\\u0000), which cannot be stored".to_owned());
            None
        }
        Some(Value::String(csv)) => Some(csv.clone()),
        Some(_) => {
            problems.push("csv is not of type string".to_owned());
            None
        }
    };
    let given_csv = body.get("csv").is_some_and(|v| !v.is_null());
    if given_rows == given_csv && problems.is_empty() {
        problems.push("You should specify either rows or csv".to_owned());
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let source = match (rows, csv) {
        (Some(rows), None) => Source::Rows(rows),
        (None, Some(csv)) => Source::Csv(csv),
        _ => {
            return Err(ApiError::validation(
                "You should specify either rows or csv",
            ));
        }
    };
    match (template_id, name) {
        (Some(template_id), Some(name)) => Ok(Upload {
            template_id,
            name,
            source,
            reference,
            reply_to_id,
            scheduled_for,
        }),
        _ => Err(ApiError::validation("template_id and name are required")),
    }
}

/// `rows` as strings: text as it is, numbers and booleans as written,
/// `null` as an empty cell. Anything else is a problem of its row.
fn rows_of(rows: Vec<Value>, problems: &mut Vec<String>) -> Option<Vec<Vec<String>>> {
    let mut table = Vec::with_capacity(rows.len());
    let mut bad = 0usize;
    for (index, row) in rows.into_iter().enumerate() {
        let Value::Array(cells) = row else {
            bad += 1;
            if bad <= LISTED_ROW_ERRORS {
                problems.push(format!("rows[{index}] is not of type array"));
            }
            continue;
        };
        let mut out = Vec::with_capacity(cells.len());
        for cell in cells {
            match cell {
                Value::String(s) if s.contains('\0') => {
                    bad += 1;
                    if bad <= LISTED_ROW_ERRORS {
                        problems.push(format!(
                            "rows[{index}] contains a NUL character (\\u0000), which cannot be stored"
                        ));
                    }
                }
                Value::String(s) => out.push(s),
                Value::Null => out.push(String::new()),
                Value::Number(n) => out.push(n.to_string()),
                Value::Bool(b) => out.push(b.to_string()),
                _ => {
                    bad += 1;
                    if bad <= LISTED_ROW_ERRORS {
                        problems.push(format!(
                            "rows[{index}] has a cell that is not a string, number or boolean"
                        ));
                    }
                }
            }
        }
        table.push(out);
    }
    (bad == 0).then_some(table)
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes (a
/// quote inside doubled), records ending in LF or CRLF; blank lines skipped.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, ApiError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1usize;
    let mut field_started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !field_started => {
                quoted = true;
                field_started = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                field_started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                field_started = false;
                if !(record.len() == 1 && record.first().is_some_and(String::is_empty)) {
                    records.push(std::mem::take(&mut record));
                } else {
                    record.clear();
                }
                line += 1;
            }
            _ => {
                field.push(c);
                field_started = true;
            }
        }
    }
    if quoted {
        return Err(ApiError::BadRequest(format!(
            "csv: a quoted field is not closed (from line {line})"
        )));
    }
    if field_started || !field.is_empty() || !record.is_empty() {
        record.push(field);
        if !(record.len() == 1 && record.first().is_some_and(String::is_empty)) {
            records.push(record);
        }
    }
    Ok(records)
}

/// The upload's columns: which is the recipient, which feed placeholders.
struct Columns {
    /// The header as given.
    names: Vec<String>,
    recipient: usize,
    /// Shown in row errors ("email address").
    recipient_label: &'static str,
}

impl Columns {
    /// Notify's header rules: a recipient column, a column for every
    /// placeholder (names compare ignoring case, spaces, `_` and `-`), no
    /// column twice.
    fn new(
        header: &[String],
        template: &Template,
        kind: NotificationType,
    ) -> Result<Self, ApiError> {
        let recipient_label = match kind {
            NotificationType::Sms => "phone number",
            _ => "email address",
        };
        let keys: Vec<String> = header.iter().map(|h| rendering::normalise_key(h)).collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut duplicates = Vec::new();
        for (index, key) in keys.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            if seen.insert(key.as_str(), index).is_some()
                && let Some(name) = header.get(index)
                && !duplicates.contains(name)
            {
                duplicates.push(name.clone());
            }
        }
        if !duplicates.is_empty() {
            return Err(ApiError::BadRequest(format!(
                "Duplicate column headers: {}",
                duplicates.join(", ")
            )));
        }
        let texts: Vec<&str> = template
            .subject
            .as_deref()
            .into_iter()
            .chain([template.body.as_str()])
            .collect();
        let mut missing = Vec::new();
        let recipient = seen
            .get(rendering::normalise_key(recipient_label).as_str())
            .copied();
        if recipient.is_none() {
            missing.push(recipient_label.to_owned());
        }
        for placeholder in rendering::placeholders_of(&texts) {
            if !seen.contains_key(rendering::normalise_key(&placeholder).as_str()) {
                missing.push(placeholder);
            }
        }
        match recipient {
            Some(recipient) if missing.is_empty() => Ok(Columns {
                names: header.to_vec(),
                recipient,
                recipient_label,
            }),
            _ => Err(ApiError::BadRequest(format!(
                "Missing column headers: {}",
                missing.join(", ")
            ))),
        }
    }
}

/// What every row shares.
struct RowContext {
    template: Template,
    kind: NotificationType,
    columns: Columns,
    service_id: Uuid,
    api_key_id: Uuid,
    key_type: KeyType,
    caller_service: Arc<crate::cache::CachedService>,
    restricted: bool,
    reply_to: Option<String>,
    from_email: Option<String>,
    reference: Option<String>,
    job_id: Uuid,
}

/// One broker message of rows: their JSON array, and their ids.
fn pack_rows(rows: &[(Uuid, Vec<u8>)]) -> BulkPack {
    let mut payload = Vec::with_capacity(rows.iter().map(|(_, e)| e.len() + 1).sum::<usize>() + 1);
    payload.push(b'[');
    for (i, (_, item)) in rows.iter().enumerate() {
        if i > 0 {
            payload.push(b',');
        }
        payload.extend_from_slice(item);
    }
    payload.push(b']');
    BulkPack {
        payload,
        ids: rows.iter().map(|(id, _)| *id).collect(),
    }
}

/// Validates, renders and encodes every row on blocking threads (in
/// tasks of [`ROWS_PER_TASK`]), in row order, each with its notification's
/// id; or the 400 listing the rows' problems.
async fn prepare(
    context: Arc<RowContext>,
    rows: Vec<Vec<String>>,
) -> Result<Vec<(Uuid, Vec<u8>)>, ApiError> {
    let total = rows.len();
    let rows = Arc::new(rows);
    let mut tasks = Vec::new();
    let mut start = 0;
    while start < total {
        let end = (start + ROWS_PER_TASK).min(total);
        let (context, rows) = (context.clone(), rows.clone());
        tasks.push(tokio::task::spawn_blocking(move || {
            let mut encoded = Vec::with_capacity(end - start);
            let mut problems = Vec::new();
            for index in start..end {
                let Some(cells) = rows.get(index) else {
                    continue;
                };
                match context.notification(index + 1, cells) {
                    Ok(message) => match serde_json::to_vec(&message) {
                        Ok(bytes) => encoded.push((message.id, bytes)),
                        Err(error) => problems.push((index + 1, error.to_string())),
                    },
                    Err(problem) => problems.push((index + 1, problem)),
                }
            }
            (encoded, problems)
        }));
        start = end;
    }
    let mut encoded = Vec::with_capacity(total);
    let mut problems: Vec<(usize, String)> = Vec::new();
    for task in tasks {
        let (part, part_problems) = task.await.map_err(|e| anyhow::anyhow!("row task: {e}"))?;
        if problems.is_empty() && part_problems.is_empty() {
            encoded.extend(part);
        }
        problems.extend(part_problems);
    }
    if problems.is_empty() {
        return Ok(encoded);
    }
    let mut listed = vec![format!(
        "{} of {} rows have errors, so nothing was sent: correct them and upload again{}",
        thousands(problems.len()),
        thousands(total),
        if problems.len() > LISTED_ROW_ERRORS {
            format!(" (the first {LISTED_ROW_ERRORS} are listed)")
        } else {
            String::new()
        }
    )];
    listed.extend(
        problems
            .iter()
            .take(LISTED_ROW_ERRORS)
            .map(|(row, problem)| format!("Row {}: {problem}", thousands(*row))),
    );
    Err(ApiError::Validation(listed))
}

impl RowContext {
    /// Row `number` (1 = the first after the header) as a notification, or
    /// what is wrong with it.
    fn notification(&self, number: usize, cells: &[String]) -> Result<NotificationMessage, String> {
        let columns = &self.columns;
        if cells.len() > columns.names.len() {
            return Err(format!(
                "has {} cells, but there are only {} columns",
                cells.len(),
                columns.names.len()
            ));
        }
        let raw = cells.get(columns.recipient).map_or("", String::as_str);
        let label = columns.recipient_label;
        if raw.trim().is_empty() {
            return Err(format!("{label} is empty"));
        }
        let (recipient, simulated) = match self.kind {
            NotificationType::Sms => recipient::validate_phone_number(raw)
                .map(|phone| (raw.trim().to_owned(), recipient::is_simulated_phone(&phone))),
            _ => recipient::validate_email_address(raw).map(|email| {
                let simulated = recipient::is_simulated_email(&email);
                (email, simulated)
            }),
        }
        .map_err(|e| format!("{label}: {e}"))?;
        let open = match self.key_type {
            KeyType::Test => true,
            KeyType::Normal => !self.restricted,
            KeyType::Team => false,
        };
        if !open && !simulated && !self.caller_service.may_receive(&recipient) {
            return Err(if self.key_type == KeyType::Team {
                format!("{label}: can’t send to this recipient using a team-only API key")
            } else {
                format!(
                    "{label}: can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode"
                )
            });
        }
        let mut personalisation = Map::with_capacity(columns.names.len());
        for (index, name) in columns.names.iter().enumerate() {
            if name.trim().is_empty() {
                continue;
            }
            let value = match cells.get(index).map(String::as_str) {
                None | Some("") => Value::Null,
                Some(cell) => Value::String(cell.to_owned()),
            };
            personalisation.insert(name.clone(), value);
        }
        let filled = content::fill(&self.template, &personalisation).map_err(message_of)?;
        filled.check_sendable(&self.template).map_err(message_of)?;
        let content::Filled { subject, body, .. } = filled;
        let id = ids::new_notification_id();
        let created_at = ids::created_at_of(&id).ok_or("a fresh UUIDv7 has a timestamp")?;
        Ok(NotificationMessage {
            id,
            created_at,
            service_id: self.service_id,
            api_key_id: self.api_key_id,
            key_type: self.key_type,
            notification_type: self.kind,
            template_id: self.template.id,
            template_version: self.template.version,
            recipient,
            reference: self.reference.clone(),
            subject,
            body,
            one_click_unsubscribe_url: None,
            reply_to: self.reply_to.clone(),
            from_email: self.from_email.clone(),
            letter: None,
            job_id: Some(self.job_id),
            job_row_number: Some(i32::try_from(number).unwrap_or(i32::MAX)),
        })
    }
}

fn message_of(error: ApiError) -> String {
    match error {
        ApiError::BadRequest(message) => message,
        ApiError::Validation(messages) => messages.join("; "),
        other => other.to_string(),
    }
}

/// The service's template (any type), from the cache (one bounded lookup
/// on a miss).
async fn find_template(state: &AppState, caller: &Caller, id: Uuid) -> Result<Template, ApiError> {
    let template = match caller.service.templates.get(&id) {
        Some(template) => template.clone(),
        None => state
            .cache
            .lookup_after_miss(caller.service.service.id)
            .await?
            .and_then(|service| service.templates.get(&id).cloned())
            .ok_or_else(|| ApiError::BadRequest("Template not found".into()))?,
    };
    if template.archived {
        return Err(ApiError::BadRequest("Template has been deleted".into()));
    }
    Ok(template)
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(50_000), "50,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn csv_reads_quotes_crlf_and_skips_blank_lines() {
        let parsed =
            parse_csv("email address,name\r\n\"a@b.com\",\"Ann \"\"A\"\", Jr\"\n\nc@d.com,\n")
                .expect("parses");
        assert_eq!(
            parsed,
            vec![
                vec!["email address".to_owned(), "name".to_owned()],
                vec!["a@b.com".to_owned(), "Ann \"A\", Jr".to_owned()],
                vec!["c@d.com".to_owned(), String::new()],
            ]
        );
        assert!(parse_csv("a,\"b\nc").is_err());
    }
}
