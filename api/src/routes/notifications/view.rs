//! A stored notification as Notify's v2 API shows it.

use herald_domain::kinds::Status;
use herald_domain::models::Notification;
use serde_json::{Value, json};

pub use herald_domain::format::timestamp;

pub fn notification(n: &Notification, base_url: &str) -> Value {
    let is = |kind: &str| n.notification_type == kind;
    let completed_at = n
        .status
        .parse::<Status>()
        .is_ok_and(Status::is_completed)
        .then_some(n.updated_at)
        .flatten();
    json!({
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
    })
}
