//! A stored notification as Notify's v2 API shows it.

use herald_domain::kinds::Status;
use herald_domain::letters::{self, Postage};
use herald_domain::models::Notification;
use serde_json::{Value, json};

pub use herald_domain::format::timestamp;

pub fn notification(n: &Notification, base_url: &str) -> Value {
    let is = |kind: &str| n.notification_type == kind;
    let status = n.status.parse::<Status>().ok();
    let completed_at = status
        .is_some_and(Status::is_completed)
        .then_some(n.updated_at)
        .flatten();
    let mut view = json!({
        "id": n.id,
        "reference": n.client_reference,
        "email_address": is("email").then_some(&n.recipient),
        "phone_number": is("sms").then_some(&n.recipient),
        "line_1": null, "line_2": null, "line_3": null,
        "line_4": null, "line_5": null, "line_6": null,
        "postcode": null,
        "type": n.notification_type,
        "status": n.status,
        "template": {
            "id": n.template_id,
            "version": n.template_version,
            "uri": format!("{base_url}v2/template/{}/version/{}", n.template_id, n.template_version),
        },
        "body": n.body,
        "subject": n.subject,
        "created_at": timestamp(&n.created_at),
        "created_by_name": null,
        "sent_at": n.sent_at.as_ref().map(timestamp),
        "completed_at": completed_at.as_ref().map(timestamp),
        "scheduled_for": null,
        "postage": null,
        "one_click_unsubscribe_url": n.one_click_unsubscribe_url,
    });
    if is("letter") {
        add_letter_fields(&mut view, n, status);
    }
    view
}

/// GET by id adds Notify's cost fields (`serialize_with_cost_data`). Herald
/// keeps no billing data, so they always say what Notify says before its
/// billing run: not ready, no cost.
pub fn with_cost_data(mut view: Value) -> Value {
    view["is_cost_data_ready"] = json!(false);
    view["cost_in_pounds"] = Value::Null;
    view["cost_details"] = json!({});
    view
}

/// Letters: the status under Notify's letter names, the address lines
/// (`line_1`…`line_6`, the last line as `postcode`, as Notify spreads an
/// address), the postage and the estimated delivery date.
fn add_letter_fields(view: &mut Value, n: &Notification, status: Option<Status>) {
    if let Some(status) = status {
        view["status"] = json!(status.letter_label());
    }
    let lines: Vec<&str> = n.recipient.lines().collect();
    if let [only] = lines.as_slice() {
        // A precompiled letter: "Provided as PDF".
        view["line_1"] = json!(only);
    } else if let Some((postcode, rest)) = lines.split_last() {
        for (index, line) in rest.iter().take(6).enumerate() {
            view[format!("line_{}", index + 1)] = json!(line);
        }
        view["postcode"] = json!(postcode);
    }
    let postage = n
        .postage
        .as_deref()
        .and_then(|p| p.parse::<Postage>().ok())
        .unwrap_or_default();
    view["postage"] = json!(postage);
    view["estimated_delivery"] = json!(timestamp(&letters::estimated_delivery(
        n.created_at,
        postage
    )));
}
