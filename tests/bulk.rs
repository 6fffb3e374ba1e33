//! Bulk sends: POST /v2/notifications/bulk, jobs and their progress.

use std::time::Duration;

use diesel::prelude::*;
use herald_domain::ids;
use herald_domain::kinds::{KeyType, NotificationType, Status};
use herald_domain::messages::StatusEvent;
use herald_domain::models::{
    Job, NewJob, NewNotification, apply_statuses, claim_due_packs, fold_job_counts,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{
    CACHE_PROPAGATION, Options, TestApp, TestEnv, assert_error, spawn_app, spawn_app_with,
};

/// A header and `n` rows for the fixture's email template
/// (`((name))`, `((code))`).
pub fn email_rows(n: usize) -> Vec<Value> {
    let mut rows = vec![json!(["email address", "name", "code"])];
    rows.extend((1..=n).map(|i| json!([format!("person{i}@example.com"), format!("P{i}"), i])));
    rows
}

pub async fn get_job(app: &TestApp, key: &str, id: &str) -> Value {
    let response = app.get(&format!("/v2/jobs/{id}"), key).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    body["data"].clone()
}

/// Polls the job until `done` holds of it, failing after `within`.
pub async fn wait_for_job(
    app: &TestApp,
    key: &str,
    id: &str,
    within: Duration,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let job = get_job(app, key, id).await;
        if done(&job) {
            return job;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the job did not get there within {within:?}: {job}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_send_becomes_a_job_whose_progress_reaches_its_totals() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let mut rows = email_rows(300);
    // The simulator's permanent failure, on row 7.
    rows[7] = json!(["perm-fail@simulator.notify", "P7", 7]);
    let single = app
        .send_email_with(&key, &app.email_body("single@example.com"))
        .await;

    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({
                "template_id": app.fixture.email_template,
                "name": "October reminders",
                "reference": "october",
                "rows": rows,
            }),
        )
        .await;

    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    let job = &created["data"];
    let id = job["id"].as_str().expect("id").to_owned();
    assert_eq!(job["original_file_name"], "October reminders");
    assert_eq!(job["template"]["id"], app.fixture.email_template);
    assert_eq!(job["template_type"], "email");
    assert_eq!(job["notification_count"], 300);
    assert_eq!(job["job_status"], "in progress");
    assert_eq!(job["service"], app.fixture.service_id);
    assert_eq!(job["reference"], "october");
    assert_eq!(job["uri"], format!("{}/v2/jobs/{id}", app.address));
    assert_eq!(job["counts"]["total"], 300);
    assert_eq!(job["counts"]["accepted"], 300);

    let finished = wait_for_job(&app, &key, &id, Duration::from_secs(90), |job| {
        job["counts"]["delivered"].as_i64().unwrap_or(0)
            + job["counts"]["failed"].as_i64().unwrap_or(0)
            >= 300
    })
    .await;
    assert_eq!(
        finished["counts"],
        json!({"total": 300, "accepted": 300, "persisted": 300, "sent": 300,
               "delivered": 299, "failed": 1})
    );
    assert_eq!(finished["job_status"], "finished");

    // Every row once, numbered, with the job's reference and its own
    // rendering.
    let job_id: Uuid = id.parse().expect("uuid");
    let stored: Vec<(i32, String, Option<String>, String)> = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            n::notifications
                .filter(n::job_id.eq(job_id))
                .select((
                    n::job_row_number.assume_not_null(),
                    n::recipient,
                    n::client_reference,
                    n::body,
                ))
                .order(n::job_row_number)
                .load(conn)
                .expect("rows")
        })
        .await;
    assert_eq!(stored.len(), 300);
    assert!(
        stored
            .iter()
            .enumerate()
            .all(|(i, row)| row.0 == i as i32 + 1)
    );
    assert_eq!(stored[0].1, "person1@example.com");
    assert_eq!(stored[0].3, "Dear P1,\n\nYour code is 1.");
    assert_eq!(stored[6].1, "perm-fail@simulator.notify");
    assert!(stored.iter().all(|row| row.2.as_deref() == Some("october")));

    // Listed with the service's jobs.
    let listed: Value = app.get("/v2/jobs", &key).await.json().await.expect("json");
    assert_eq!(listed["data"][0]["id"], id.as_str());
    assert_eq!(listed["data"].as_array().map(Vec::len), Some(1));

    // The notifications list leaves bulk sends out unless include_jobs.
    let plain: Value = app
        .get("/v2/notifications", &key)
        .await
        .json()
        .await
        .expect("json");
    let plain_ids: Vec<&str> = plain["notifications"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(plain_ids, [single["id"].as_str().expect("id")]);
    let with_jobs: Value = app
        .get("/v2/notifications?include_jobs=true", &key)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        with_jobs["notifications"].as_array().map(Vec::len),
        Some(250)
    );
    assert!(
        with_jobs["links"]["next"]
            .as_str()
            .is_some_and(|l| l.contains("include_jobs=true"))
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_upload_of_text_messages_is_sent_like_rows() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let csv = "Phone Number,code\r\n07700900001,\"1,001\"\r\n+44 7700 900002,1002\r\n\r\n07700900123,1003\r\n";

    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.sms_template, "name": "codes.csv", "csv": csv}),
        )
        .await;

    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    let id = created["data"]["id"].as_str().expect("id").to_owned();
    assert_eq!(created["data"]["template_type"], "sms");
    assert_eq!(created["data"]["notification_count"], 3);
    let finished = wait_for_job(&app, &key, &id, Duration::from_secs(60), |job| {
        job["job_status"] == "finished"
            && job["counts"]["delivered"].as_i64().unwrap_or(0)
                + job["counts"]["failed"].as_i64().unwrap_or(0)
                == 3
    })
    .await;
    // 07700900002 is the simulator's permanent failure.
    assert_eq!(finished["counts"]["delivered"], 2);
    assert_eq!(finished["counts"]["failed"], 1);
    let bodies: Vec<String> = app
        .env
        .query(|conn| {
            use herald_domain::schema::notifications::dsl as n;
            n::notifications
                .select(n::body)
                .order(n::job_row_number)
                .load(conn)
                .expect("bodies")
        })
        .await;
    assert_eq!(
        bodies,
        [
            "Your code is 1,001",
            "Your code is 1002",
            "Your code is 1003"
        ]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_upload_lists_each_bad_row_and_sends_nothing() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let mut rows = email_rows(1500);
    rows[3] = json!(["not-an-email", "P3", 3]);
    rows[1234] = json!(["person1234@example.com", "", 1234]);
    rows[1400] = json!(["person1400@example.com", "P", 1400, "extra"]);
    rows[1401] = json!(["", "P", 1401]);

    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "n", "rows": rows}),
        )
        .await;

    assert_error(
        response,
        400,
        &[
            (
                "ValidationError",
                "4 of 1,500 rows have errors, so nothing was sent: correct them and upload again",
            ),
            (
                "ValidationError",
                "Row 3: email address: Not a valid email address",
            ),
            (
                "ValidationError",
                "Row 1,234: Missing personalisation: name",
            ),
            (
                "ValidationError",
                "Row 1,400: has 4 cells, but there are only 3 columns",
            ),
            ("ValidationError", "Row 1,401: email address is empty"),
        ],
    )
    .await;

    // A thousand bad rows: the first hundred are listed.
    let rows: Vec<Value> = std::iter::once(json!(["email address", "name", "code"]))
        .chain((1..=1000).map(|i| json!([format!("bad{i}"), "P", i])))
        .collect();
    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "n", "rows": rows}),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    let errors = body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 101);
    assert_eq!(
        errors[0]["message"],
        "1,000 of 1,000 rows have errors, so nothing was sent: correct them and upload again (the first 100 are listed)"
    );
    assert_eq!(
        errors[100]["message"],
        "Row 100: email address: Not a valid email address"
    );

    // Nothing was recorded, nothing queued.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let jobs: i64 = app
        .env
        .query(|conn| {
            herald_domain::schema::jobs::table
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    assert_eq!(jobs, 0);
    assert!(app.env.stored_ids().await.is_empty());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn header_limit_and_request_problems_are_refused_with_their_messages() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |settings| settings.bulk_max_rows = 5,
    })
    .await;
    let key = app.fixture.test_key.clone();
    let template = app.fixture.email_template.clone();
    let bulk = |body: Value| {
        let app = &app;
        let key = key.clone();
        async move { app.post("/v2/notifications/bulk", &key, &body).await }
    };

    assert_error(
        bulk(json!({"template_id": template, "name": "n",
                    "rows": [["name", "code"], ["Ann", "1"]]}))
        .await,
        400,
        &[("BadRequestError", "Missing column headers: email address")],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n",
                    "rows": [["Email_Address", "name"], ["a@example.com", "Ann"]]}))
        .await,
        400,
        &[("BadRequestError", "Missing column headers: code")],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n",
                    "rows": [["email address", "name", "code", "Name"], ["a@example.com", "A", "1", "B"]]}))
        .await,
        400,
        &[("BadRequestError", "Duplicate column headers: Name")],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n", "rows": email_rows(6)})).await,
        400,
        &[(
            "BadRequestError",
            "Too many rows. Maximum number of rows allowed is 5",
        )],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n", "rows": email_rows(0)})).await,
        400,
        &[(
            "BadRequestError",
            "The upload needs a header row and at least one row of recipients",
        )],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n"})).await,
        400,
        &[("ValidationError", "You should specify either rows or csv")],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n", "rows": email_rows(1), "csv": "a"}))
            .await,
        400,
        &[("ValidationError", "You should specify either rows or csv")],
    )
    .await;
    assert_error(
        bulk(json!({"rows": email_rows(1), "colour": "red"})).await,
        400,
        &[
            ("ValidationError", "template_id is a required property"),
            ("ValidationError", "name is a required property"),
            (
                "ValidationError",
                "Additional properties are not allowed (colour was unexpected)",
            ),
        ],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": Uuid::new_v4(), "name": "n", "rows": email_rows(1)})).await,
        400,
        &[("BadRequestError", "Template not found")],
    )
    .await;
    assert_error(
        bulk(
            json!({"template_id": template, "name": "n", "rows": email_rows(1),
                    "reply_to_id": Uuid::nil()}),
        )
        .await,
        400,
        &[(
            "BadRequestError",
            &format!(
                "reply_to_id {} does not exist in database for service id {}",
                Uuid::nil(),
                app.fixture.service_id
            ),
        )],
    )
    .await;
    assert_error(
        bulk(json!({"template_id": template, "name": "n", "csv": "email address,name,code\n\"a"}))
            .await,
        400,
        &[(
            "BadRequestError",
            "csv: a quoted field is not closed (from line 2)",
        )],
    )
    .await;

    // Team keys reach only the team: each row says so.
    let response = app
        .post(
            "/v2/notifications/bulk",
            &app.fixture.team_key,
            &json!({"template_id": template, "name": "n", "rows": email_rows(1)}),
        )
        .await;
    assert_error(
        response,
        400,
        &[
            (
                "ValidationError",
                "1 of 1 rows have errors, so nothing was sent: correct them and upload again",
            ),
            (
                "ValidationError",
                "Row 1: email address: can’t send to this recipient using a team-only API key",
            ),
        ],
    )
    .await;

    // The daily limit counts every row (checked before the rows are: until
    // the cache hears of the limit, the bad row is what is refused, and
    // nothing counts towards the limit).
    app.env
        .admin(&[
            "set-limits",
            "--service-id",
            &app.fixture.service_id,
            "--daily-limit",
            "3",
        ])
        .await;
    let mut rows = email_rows(4);
    rows[4] = json!(["bad", "P", 4]);
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    let limited = loop {
        let response = app
            .post(
                "/v2/notifications/bulk",
                &app.fixture.normal_key,
                &json!({"template_id": template, "name": "n", "rows": rows}),
            )
            .await;
        if response.status() == 429 {
            break response;
        }
        assert_eq!(response.status(), 400, "only the limit changes the answer");
        assert!(
            tokio::time::Instant::now() < deadline,
            "the limit never applied"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_error(
        limited,
        429,
        &[(
            "TooManyRequestsError",
            "You only have 3 remaining messages before you reach your daily limit. You've tried to send 4 messages.",
        )],
    )
    .await;

    // Unknown and malformed job ids.
    assert_error(
        app.get(&format!("/v2/jobs/{}", Uuid::new_v4()), &key).await,
        404,
        &[("NoResultFound", "No result found")],
    )
    .await;
    assert_error(
        app.get("/v2/jobs/nope", &key).await,
        400,
        &[("ValidationError", "job_id is not a valid UUID")],
    )
    .await;
    app.stop().await;
}

/// The counters count each row once however its batches are replayed and
/// however many status loops apply the same events at once: they count
/// the rows each statement actually inserted or moved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_and_concurrent_batches_never_count_a_row_twice() {
    let env = TestEnv::new().await;
    let service_id = Uuid::new_v4();
    let job_id = ids::new_notification_id();
    let rows = 1000;
    let messages: Vec<_> = (1..=rows)
        .map(|i| {
            let mut m =
                crate::persist::message(&service_id.to_string(), &Uuid::new_v4().to_string());
            m.key_type = KeyType::Test;
            m.notification_type = NotificationType::Email;
            m.job_id = Some(job_id);
            m.job_row_number = Some(i);
            m
        })
        .collect();
    let job = NewJob {
        id: job_id,
        service_id,
        api_key_id: Uuid::new_v4(),
        key_type: "test".into(),
        notification_type: "email".into(),
        template_id: Uuid::new_v4(),
        template_version: 1,
        original_file_name: "n".into(),
        client_reference: None,
        reply_to: None,
        job_status: "in progress".into(),
        scheduled_for: None,
        created_at: chrono::Utc::now(),
        total: rows,
        accepted: rows,
    };
    let url = env.database_url.clone();
    let ids: Vec<Uuid> = messages.iter().map(|m| m.id).collect();
    tokio::task::spawn_blocking(move || {
        let mut conn = PgConnection::establish(&url).expect("connect");
        Job::insert(&mut conn, &job).expect("job");
        let days = messages.iter().map(|m| m.created_at.date_naive());
        herald_domain::db::ensure_partitions(&mut conn, days).expect("partitions");
        let new: Vec<NewNotification<'_>> = messages.iter().map(Into::into).collect();
        // Stored, then the same batch again (a redelivery).
        assert_eq!(
            NewNotification::insert_batch(&mut conn, &new).expect("insert"),
            1000
        );
        assert_eq!(
            NewNotification::insert_batch(&mut conn, &new).expect("again"),
            0
        );
    })
    .await
    .expect("thread");

    // Four status loops apply the same batches at once, twice over.
    let apply_everywhere = |status: Status| {
        let (url, ids) = (env.database_url.clone(), ids.clone());
        async move {
            let loops: Vec<_> = (0..4)
                .map(|_| {
                    let (url, ids) = (url.clone(), ids.clone());
                    tokio::task::spawn_blocking(move || {
                        let mut conn = PgConnection::establish(&url).expect("connect");
                        let events: Vec<StatusEvent> = ids
                            .iter()
                            .map(|id| StatusEvent {
                                sent_at: Some(chrono::Utc::now()),
                                ..StatusEvent::now(*id, status)
                            })
                            .collect();
                        for _ in 0..2 {
                            apply_statuses(&mut conn, &events, "delivery_status").expect("apply");
                        }
                    })
                })
                .collect();
            for handle in loops {
                handle.await.expect("loop");
            }
        }
    };
    apply_everywhere(Status::Sending).await;
    apply_everywhere(Status::Delivered).await;

    let counts = |fold: bool| {
        let url = env.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = PgConnection::establish(&url).expect("connect");
            if fold {
                fold_job_counts(&mut conn).expect("fold");
            }
            let job = Job::find(&mut conn, service_id, job_id)
                .expect("find")
                .expect("job");
            (job.persisted, job.sent, job.delivered, job.failed)
        })
    };
    assert_eq!(counts(false).await.expect("counts"), (1000, 1000, 1000, 0));
    assert_eq!(counts(true).await.expect("counts"), (1000, 1000, 1000, 0));
    assert_eq!(
        counts(true).await.expect("counts"),
        (1000, 1000, 1000, 0),
        "folding twice changes nothing"
    );

    // A hard bounce after `delivered` moves one row from delivered to failed.
    let (url, first) = (env.database_url.clone(), ids[0]);
    tokio::task::spawn_blocking(move || {
        let mut conn = PgConnection::establish(&url).expect("connect");
        let bounce = [StatusEvent::now(first, Status::PermanentFailure)];
        apply_statuses(&mut conn, &bounce, "delivery_status").expect("apply");
        apply_statuses(&mut conn, &bounce, "delivery_status").expect("again");
    })
    .await
    .expect("thread");
    assert_eq!(counts(false).await.expect("counts"), (1000, 1000, 999, 1));
}

/// The priority lane: a single send made right after a 50,000-row bulk was
/// queued is handed to the provider ahead of most of the bulk and delivered
/// before the bulk finishes. Measured in the database (each row's `sent_at`,
/// the hand-over time, and `updated_at`, its final status's time), not by
/// racing clocks: with one queue the single send would be handed over after
/// every bulk row queued before it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_send_made_while_a_large_bulk_drains_is_delivered_first() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |settings| {
            settings.batch_size = 500;
            settings.prefetch = 1000;
        },
    })
    .await;
    let key = app.fixture.test_key.clone();
    let total = 50_000;
    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "big",
                    "rows": email_rows(total)}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let job: Value = response.json().await.expect("json");
    let job_id = job["data"]["id"].as_str().expect("id").to_owned();

    let single = app
        .send_email_with(&key, &app.email_body("urgent@example.com"))
        .await;
    let single_id: Uuid = single["id"].as_str().expect("id").parse().expect("uuid");

    wait_for_job(&app, &key, &job_id, Duration::from_secs(600), |job| {
        job["counts"]["delivered"].as_i64() == Some(total as i64)
    })
    .await;
    app.env
        .wait_until_all_in("delivered", &[single_id], Duration::from_secs(30))
        .await;

    let bulk: Uuid = job_id.parse().expect("uuid");
    let (single_sent, single_done, sent_after, last_done): (
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        i64,
        Option<chrono::DateTime<chrono::Utc>>,
    ) = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            let (sent, done): (
                Option<chrono::DateTime<chrono::Utc>>,
                Option<chrono::DateTime<chrono::Utc>>,
            ) = n::notifications
                .filter(n::id.eq(single_id))
                .select((n::sent_at, n::updated_at))
                .first(conn)
                .expect("single");
            let sent = sent.expect("sent_at");
            let after: i64 = n::notifications
                .filter(n::job_id.eq(bulk))
                .filter(n::sent_at.gt(sent))
                .count()
                .get_result(conn)
                .expect("count");
            let last: Option<chrono::DateTime<chrono::Utc>> = n::notifications
                .filter(n::job_id.eq(bulk))
                .select(diesel::dsl::max(n::updated_at))
                .first(conn)
                .expect("max");
            (sent, done.expect("updated_at"), after, last)
        })
        .await;
    eprintln!(
        "priority lane: {sent_after} of {total} bulk rows were handed over after the single send; \
         it was delivered {:.1} s before the last bulk row",
        (last_done.expect("bulk done") - single_done).as_seconds_f64()
    );
    assert!(
        sent_after * 2 > total as i64,
        "only {sent_after} of {total} bulk rows went after the single send (sent {single_sent})"
    );
    assert!(single_done < last_done.expect("bulk done"));
    app.stop().await;
}

fn in_seconds(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() + chrono::Duration::seconds(seconds)
}

/// A scheduled bulk send is stored at once, held, and released on time:
/// nothing of it is handed over before `scheduled_for` (measured from the
/// rows' `sent_at` in the database).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_bulk_send_is_stored_at_once_and_sent_when_due() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let at = in_seconds(4);
    let scheduled_for = at.to_rfc3339();

    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "later",
                    "rows": email_rows(500), "scheduled_for": scheduled_for}),
        )
        .await;

    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    let job = &created["data"];
    let id = job["id"].as_str().expect("id").to_owned();
    assert_eq!(job["job_status"], "scheduled");
    assert_eq!(job["scheduled_for"], herald_domain::format::timestamp(&at));
    // Stored before its time, as `created`, and nothing handed over.
    let stored = wait_for_job(&app, &key, &id, Duration::from_secs(30), |job| {
        job["counts"]["persisted"] == 500
    })
    .await;
    if chrono::Utc::now() < at {
        assert_eq!(stored["counts"]["sent"], 0);
        assert_eq!(stored["job_status"], "scheduled");
    }
    let finished = wait_for_job(&app, &key, &id, Duration::from_secs(60), |job| {
        job["counts"]["delivered"] == 500
    })
    .await;
    assert_eq!(finished["job_status"], "finished");
    let job_id: Uuid = id.parse().expect("uuid");
    let first_sent: Option<chrono::DateTime<chrono::Utc>> = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            n::notifications
                .filter(n::job_id.eq(job_id))
                .select(diesel::dsl::min(n::sent_at))
                .first(conn)
                .expect("min")
        })
        .await;
    let first_sent = first_sent.expect("sent");
    assert!(
        first_sent >= at,
        "handed over at {first_sent}, scheduled for {at}"
    );
    // Released on time: within a few seconds of it, on a shared machine.
    assert!(
        first_sent < at + chrono::Duration::seconds(10),
        "released late: {first_sent}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_job_can_be_cancelled_before_it_is_released_and_only_then() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let bulk = |rows: usize, scheduled_for: Option<String>| {
        let app = &app;
        let key = key.clone();
        async move {
            let mut body = json!({"template_id": app.fixture.email_template, "name": "n",
                                  "rows": email_rows(rows)});
            if let Some(at) = scheduled_for {
                body["scheduled_for"] = json!(at);
            }
            app.post("/v2/notifications/bulk", &key, &body).await
        }
    };

    // Refused: in the past, more than 96 hours ahead, not a date.
    assert_error(
        bulk(1, Some(in_seconds(-60).to_rfc3339())).await,
        400,
        &[(
            "ValidationError",
            "scheduled_for datetime can not be in the past",
        )],
    )
    .await;
    assert_error(
        bulk(
            1,
            Some(in_seconds(97 * 3600).format("%Y-%m-%d %H:%M").to_string()),
        )
        .await,
        400,
        &[(
            "ValidationError",
            "scheduled_for datetime can only be up to 96 hours in the future",
        )],
    )
    .await;
    assert_error(
        bulk(1, Some("tomorrow".into())).await,
        400,
        &[(
            "ValidationError",
            "scheduled_for datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601",
        )],
    )
    .await;

    // An hour ahead: stored, then cancelled.
    let response = bulk(200, Some(in_seconds(3600).to_rfc3339())).await;
    assert_eq!(response.status(), 201);
    let job: Value = response.json().await.expect("json");
    let id = job["data"]["id"].as_str().expect("id").to_owned();
    wait_for_job(&app, &key, &id, Duration::from_secs(30), |job| {
        job["counts"]["persisted"] == 200
    })
    .await;
    let response = app
        .post(&format!("/v2/jobs/{id}/cancel"), &key, &json!({}))
        .await;
    assert_eq!(response.status(), 200);
    let cancelled: Value = response.json().await.expect("json");
    assert_eq!(cancelled["data"]["job_status"], "cancelled");
    let job_id: Uuid = id.parse().expect("uuid");
    let (held, statuses): (i64, Vec<String>) = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            let held = herald_domain::schema::scheduled_packs::table
                .count()
                .get_result(conn)
                .expect("held");
            let statuses = n::notifications
                .filter(n::job_id.eq(job_id))
                .select(n::status)
                .distinct()
                .load(conn)
                .expect("statuses");
            (held, statuses)
        })
        .await;
    assert_eq!(held, 0, "nothing is held for release any more");
    assert_eq!(statuses, ["cancelled"]);
    assert_error(
        app.post(&format!("/v2/jobs/{id}/cancel"), &key, &json!({}))
            .await,
        400,
        &[(
            "BadRequestError",
            "Only a scheduled job can be cancelled; this job is cancelled",
        )],
    )
    .await;

    // A job being sent cannot be cancelled.
    let response = bulk(1, None).await;
    let job: Value = response.json().await.expect("json");
    let id = job["data"]["id"].as_str().expect("id").to_owned();
    assert_error(
        app.post(&format!("/v2/jobs/{id}/cancel"), &key, &json!({}))
            .await,
        400,
        &[(
            "BadRequestError",
            "Only a scheduled job can be cancelled; this job is in progress",
        )],
    )
    .await;
    assert_error(
        app.post(
            &format!("/v2/jobs/{}/cancel", Uuid::new_v4()),
            &key,
            &json!({}),
        )
        .await,
        404,
        &[("NoResultFound", "No result found")],
    )
    .await;
    app.stop().await;
}

/// The release and a cancellation racing for the same job: exactly one
/// wins. Either the job is cancelled and nothing of it is released, or the
/// release has claimed it and the cancellation is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claimed_release_refuses_a_cancellation() {
    let env = TestEnv::new().await;
    let service_id = Uuid::new_v4();
    let job_id = ids::new_notification_id();
    let url = env.database_url.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let mut conn = PgConnection::establish(&url).expect("connect");
        let job = NewJob {
            id: job_id,
            service_id,
            api_key_id: Uuid::new_v4(),
            key_type: "test".into(),
            notification_type: "email".into(),
            template_id: Uuid::new_v4(),
            template_version: 1,
            original_file_name: "n".into(),
            client_reference: None,
            reply_to: None,
            job_status: "scheduled".into(),
            scheduled_for: Some(chrono::Utc::now()),
            created_at: chrono::Utc::now(),
            total: 2,
            accepted: 2,
        };
        let packs: [(&[u8], usize); 2] = [(b"[]", 1), (b"[]", 1)];
        Job::insert_scheduled(&mut conn, &job, &packs, chrono::Utc::now()).expect("held");
        // The release claims one pack (as if it were publishing it).
        let claimed = claim_due_packs(&mut conn, 1, 60).expect("claim");
        assert_eq!(claimed.len(), 1);
        let refused = Job::cancel(&mut conn, service_id, job_id).expect("cancel");
        let held: i64 = herald_domain::schema::scheduled_packs::table
            .count()
            .get_result(&mut conn)
            .expect("count");
        (format!("{refused:?}"), held)
    })
    .await
    .expect("thread");
    assert_eq!(
        outcome,
        ("Releasing".to_owned(), 2),
        "refused, and nothing dropped"
    );
}

/// A single send with `scheduled_for`: answered 201 with the time, stored
/// at once, handed over no earlier than its time, through the single-send
/// lane.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_single_send_is_stored_at_once_and_sent_when_due() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let at = in_seconds(3);
    let mut body = app.sms_body("07700900123");
    body["scheduled_for"] = json!(at.to_rfc3339());

    let created = app.post("/v2/notifications/sms", &key, &body).await;

    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.expect("json");
    assert_eq!(
        created["scheduled_for"],
        herald_domain::format::timestamp(&at)
    );
    let id: Uuid = created["id"].as_str().expect("id").parse().expect("uuid");
    app.env.wait_for_rows(1, Duration::from_secs(30)).await;
    if chrono::Utc::now() < at {
        assert_eq!(
            app.env.count_in_status("created", &[id]).await,
            1,
            "held until due"
        );
    }
    app.env
        .wait_until_all_in("delivered", &[id], Duration::from_secs(60))
        .await;
    let sent_at: Option<chrono::DateTime<chrono::Utc>> = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            n::notifications
                .filter(n::id.eq(id))
                .select(n::sent_at)
                .first(conn)
                .expect("row")
        })
        .await;
    let sent_at = sent_at.expect("sent");
    assert!(
        sent_at >= at,
        "handed over at {sent_at}, scheduled for {at}"
    );
    assert!(
        sent_at < at + chrono::Duration::seconds(10),
        "released late: {sent_at}"
    );

    // Not a date, or too far ahead: refused like a bulk send's.
    body["scheduled_for"] = json!("soon");
    crate::helpers::assert_error(
        app.post("/v2/notifications/sms", &key, &body).await,
        400,
        &[(
            "ValidationError",
            "scheduled_for datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601",
        )],
    )
    .await;
    app.stop().await;
}

/// A job whose rows all fail before reaching a provider (a normal key, no
/// provider configured) still finishes: each row counts as sent (it left
/// `created`) and failed, none twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_rows_fail_technically_finishes_with_them_counted_once() {
    let app = spawn_app().await;
    let key = app.fixture.normal_key.clone();
    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "n", "rows": email_rows(20)}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let job: Value = response.json().await.expect("json");
    let id = job["data"]["id"].as_str().expect("id").to_owned();
    let finished = wait_for_job(&app, &key, &id, Duration::from_secs(60), |job| {
        job["job_status"] == "finished"
    })
    .await;
    assert_eq!(
        finished["counts"],
        json!({"total": 20, "accepted": 20, "persisted": 20, "sent": 20,
               "delivered": 0, "failed": 20})
    );
    app.stop().await;
}

/// A bulk send whose packs are not confirmed in time: the answer is a 503
/// that says how many rows were queued, the job is `error` with that
/// number accepted, and exactly those rows are ever stored: the others are
/// disowned (never stored nor sent), as a single send's message would be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unconfirmed_packs_are_settled_and_the_job_counts_only_what_was_queued() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |settings| settings.publish_timeout_ms = 1,
    })
    .await;
    let key = app.fixture.test_key.clone();
    let total = 2000;

    let response = app
        .post(
            "/v2/notifications/bulk",
            &key,
            &json!({"template_id": app.fixture.email_template, "name": "n",
                    "rows": email_rows(total)}),
        )
        .await;

    assert_eq!(response.status(), 503);
    let body: Value = response.json().await.expect("json");
    let message = body["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(
        message.contains("rows were queued and will be sent, the others will not be"),
        "{message}"
    );
    let (job_id, status, accepted): (Uuid, String, i32) = app
        .env
        .query(|conn| {
            use herald_domain::schema::jobs::dsl as j;
            j::jobs
                .select((j::id, j::job_status, j::accepted))
                .first(conn)
                .expect("job")
        })
        .await;
    assert_eq!(status, "error");
    assert!(
        message.contains(&format!("job {job_id}: {accepted} of {total} rows")),
        "{message}"
    );
    // Whatever was disowned never lands, whatever was queued does.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let stored: i64 = app
        .env
        .query(move |conn| {
            use herald_domain::schema::notifications::dsl as n;
            n::notifications
                .filter(n::job_id.eq(job_id))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await;
    assert_eq!(stored, i64::from(accepted));
    eprintln!("unconfirmed bulk send: {message}; {stored} stored");
    app.stop().await;
}
