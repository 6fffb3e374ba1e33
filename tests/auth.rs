//! Notify's JWT authentication, message for message.

use jsonwebtoken::{EncodingKey, Header};
use uuid::Uuid;

use crate::helpers::{CACHE_PROPAGATION, assert_error, spawn_app, token_at};

const INVALID_TOKEN: &str = "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header";

fn sign(claims: serde_json::Value, secret: &str, algorithm: jsonwebtoken::Algorithm) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_auth_failure_gets_notifys_status_and_message() {
    let app = spawn_app().await;
    let url = format!("{}/v2/notifications/email", app.address);
    let body = app.email_body("a@example.com");
    let key = app.fixture.normal_key.clone();
    let service_id = app.fixture.service_id.clone();
    let secret = key[key.len() - 36..].to_owned();
    let now = chrono::Utc::now().timestamp();
    let send = |authorization: Option<String>| {
        let mut request = app.client.post(&url).json(&body);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send()
    };

    assert_error(
        send(None).await.expect("request"),
        401,
        &[(
            "AuthError",
            "Unauthorized: authentication token must be provided",
        )],
    )
    .await;
    assert_error(
        send(Some(format!("Basic {}", token_at(&key, now))))
            .await
            .expect("request"),
        401,
        &[(
            "AuthError",
            "Unauthorized: authentication bearer scheme must be used",
        )],
    )
    .await;
    // `-H "Authorization: Bearer $TOKEN"` with TOKEN empty: the token is
    // missing, whatever whitespace survives.
    for empty in ["Bearer ", "Bearer", "bearer   "] {
        assert_error(
            send(Some(empty.to_owned())).await.expect("request"),
            401,
            &[(
                "AuthError",
                "Unauthorized: authentication token must be provided",
            )],
        )
        .await;
    }
    assert_error(
        send(Some("Bearer not.a.jwt".to_owned()))
            .await
            .expect("request"),
        403,
        &[("AuthError", INVALID_TOKEN)],
    )
    .await;
    let cases = [
        (
            sign(
                serde_json::json!({"iat": now}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            "Invalid token: iss field not provided",
        ),
        (
            sign(
                serde_json::json!({"iss": "abc", "iat": now}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            "Invalid token: service id is not the right data type",
        ),
        (
            sign(
                serde_json::json!({"iss": Uuid::new_v4(), "iat": now}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            "Invalid token: service not found",
        ),
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now}),
                &Uuid::new_v4().to_string(),
                jsonwebtoken::Algorithm::HS256,
            ),
            "Invalid token: API key not found",
        ),
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now}),
                &secret,
                jsonwebtoken::Algorithm::HS512,
            ),
            "Invalid token: algorithm used is not HS256",
        ),
        // An `exp` in the past (beyond PyJWT's 30 s leeway), as Notify
        // refuses it: PyJWT's ExpiredSignatureError is its general message.
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now, "exp": 1}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            INVALID_TOKEN,
        ),
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now, "exp": now - 60}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            INVALID_TOKEN,
        ),
        // A non-numeric `exp` is PyJWT's DecodeError: "not this key".
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now, "exp": "soon"}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            "Invalid token: API key not found",
        ),
        // A `nbf` in the future is PyJWT's ImmatureSignatureError: the clock message.
        (
            sign(
                serde_json::json!({"iss": service_id, "iat": now, "nbf": now + 3600}),
                &secret,
                jsonwebtoken::Algorithm::HS256,
            ),
            "Error: Your system clock must be accurate to within 30 seconds",
        ),
    ];
    for (jwt, message) in cases {
        assert_error(
            send(Some(format!("Bearer {jwt}"))).await.expect("request"),
            403,
            &[("AuthError", message)],
        )
        .await;
    }

    // Clock skew is judged against the time the token is sent, so each token
    // is signed just before its request: a slow run must not move the edge.
    let skewed = |seconds: i64| token_at(&key, chrono::Utc::now().timestamp() + seconds);
    for seconds in [-45, 45] {
        assert_error(
            send(Some(format!("Bearer {}", skewed(seconds))))
                .await
                .expect("request"),
            403,
            &[(
                "AuthError",
                "Error: Your system clock must be accurate to within 30 seconds",
            )],
        )
        .await;
    }
    // An `exp` still in the future (or within the leeway) is accepted.
    for offset in [3600, -10] {
        let at = chrono::Utc::now().timestamp();
        let exp = at + offset;
        let jwt = sign(
            serde_json::json!({"iss": service_id, "iat": at, "exp": exp}),
            &secret,
            jsonwebtoken::Algorithm::HS256,
        );
        assert_eq!(
            send(Some(format!("Bearer {jwt}")))
                .await
                .expect("request")
                .status(),
            201,
            "exp {exp} has not passed"
        );
    }
    // A key within the skew either way works, whatever the scheme's case.
    for (scheme, seconds) in [("Bearer", -15), ("bearer", 15)] {
        assert_eq!(
            send(Some(format!("{scheme} {}", skewed(seconds))))
                .await
                .expect("request")
                .status(),
            201,
            "a token {seconds} s off is within the allowed skew"
        );
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_is_refused_and_a_new_key_works_at_once() {
    let app = spawn_app().await;
    let service_id = app.fixture.service_id.clone();

    // A key created after the API started works on its first request.
    let created = app
        .env
        .admin(&[
            "create-api-key",
            "--service-id",
            &service_id,
            "--name",
            "fresh",
            "--key-type",
            "normal",
        ])
        .await;
    let fresh = created["key"].as_str().expect("key").to_owned();
    let response = app
        .post(
            "/v2/notifications/email",
            &fresh,
            &app.email_body("a@example.com"),
        )
        .await;
    assert_eq!(response.status(), 201);

    // Revoked: refused within a second (the change event reloads the cache).
    app.env
        .admin(&[
            "revoke-api-key",
            "--id",
            created["id"].as_str().expect("id"),
        ])
        .await;
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    loop {
        let response = app
            .post(
                "/v2/notifications/email",
                &fresh,
                &app.email_body("a@example.com"),
            )
            .await;
        if response.status() == 403 {
            assert_error(
                response,
                403,
                &[("AuthError", "Invalid token: API key revoked")],
            )
            .await;
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "revoked key still accepted"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.stop().await;
}
