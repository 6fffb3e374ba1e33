//! The status state machine.
//!
//! `created → sending → (pending) → delivered | temporary-failure |
//! technical-failure | permanent-failure` (`sent` for providers without
//! receipts; letters end `received`, handed to the print provider). Each
//! status has a rank; an event applies only when it raises
//! the notification's rank, so events may arrive late, twice or out of order
//! and the result is the same. The final statuses share a rank and so never
//! overwrite each other, with one exception: `permanent-failure` ranks above
//! them, because SES can report a hard bounce after `delivered`, and the
//! bounce is the truth that matters to the sender (it keeps the bounce
//! details). The same ranks are in SQL (`herald_status_rank`), where the
//! batch update applies them.

use crate::kinds::Status;
use crate::messages::StatusEvent;

pub fn rank(status: Status) -> u8 {
    match status {
        Status::Created => 0,
        Status::Sending => 1,
        Status::Pending => 2,
        Status::Sent => 3,
        Status::Delivered
        | Status::Received
        | Status::TemporaryFailure
        | Status::TechnicalFailure => 4,
        Status::PermanentFailure => 5,
    }
}

/// Collapses a batch's events to one per notification: the strongest status
/// (latest on a tie), carrying the earliest `sent_at` and any provider
/// details the others brought. Sorted by notification id, so concurrent
/// status workers lock rows in the same order (no deadlocks).
pub fn collapse(mut events: Vec<StatusEvent>) -> Vec<StatusEvent> {
    // Stable, and near-linear on a batch step's events (ids are UUIDv7,
    // minted in order).
    events.sort_by_key(|event| event.notification_id);
    let mut collapsed: Vec<StatusEvent> = Vec::with_capacity(events.len());
    for event in events {
        match collapsed.last_mut() {
            Some(kept) if kept.notification_id == event.notification_id => merge(kept, event),
            _ => collapsed.push(event),
        }
    }
    collapsed
}

/// Folds `event` into `kept`, another event for the same notification.
fn merge(kept: &mut StatusEvent, event: StatusEvent) {
    let stronger = (rank(event.status), event.at) > (rank(kept.status), kept.at);
    let loser = if stronger {
        std::mem::replace(kept, event)
    } else {
        event
    };
    kept.sent_at = match (kept.sent_at, loser.sent_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    kept.provider_reference = kept.provider_reference.take().or(loser.provider_reference);
    kept.provider_response = kept.provider_response.take().or(loser.provider_response);
    kept.feedback_type = kept.feedback_type.take().or(loser.feedback_type);
    kept.feedback_subtype = kept.feedback_subtype.take().or(loser.feedback_subtype);
    kept.first_seen = kept.first_seen.min(loser.first_seen);
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};

    use uuid::Uuid;

    use super::*;

    fn event(id: Uuid, status: Status, seconds: i64) -> StatusEvent {
        let at = Utc::now() + Duration::seconds(seconds);
        StatusEvent {
            notification_id: id,
            status,
            at,
            sent_at: (status == Status::Sending).then_some(at),
            provider_reference: (status == Status::Sending).then(|| "ses-1".to_owned()),
            provider_response: None,
            feedback_type: None,
            feedback_subtype: None,
            first_seen: at,
        }
    }

    #[test]
    fn the_strongest_event_wins_and_keeps_what_the_others_knew() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        let collapsed = collapse(vec![
            event(b, Status::Delivered, 2),
            event(a, Status::Delivered, 2),
            event(a, Status::Sending, 1),
            event(b, Status::PermanentFailure, 3),
            event(a, Status::Sending, 0),
        ]);
        assert_eq!(collapsed.len(), 2);
        assert_eq!(collapsed[0].notification_id, a.min(b));
        assert!(collapsed[0].notification_id < collapsed[1].notification_id);
        let a_event = collapsed
            .iter()
            .find(|e| e.notification_id == a)
            .expect("a");
        assert_eq!(a_event.status, Status::Delivered);
        assert_eq!(a_event.provider_reference.as_deref(), Some("ses-1"));
        assert!(a_event.sent_at.is_some());
        let b_event = collapsed
            .iter()
            .find(|e| e.notification_id == b)
            .expect("b");
        assert_eq!(b_event.status, Status::PermanentFailure);
    }

    #[test]
    fn the_earliest_send_and_first_sighting_are_kept_whichever_event_wins() {
        let id = Uuid::now_v7();
        let sending = event(id, Status::Sending, 0);
        let (sent_at, first_seen) = (sending.sent_at, sending.first_seen);
        let mut later_sending = event(id, Status::Sending, 5);
        later_sending.provider_reference = Some("ses-2".to_owned());
        let delivered = event(id, Status::Delivered, 9);
        let collapsed = collapse(vec![delivered, later_sending, sending]);
        assert_eq!(collapsed.len(), 1);
        assert_eq!(collapsed[0].status, Status::Delivered);
        assert_eq!(collapsed[0].sent_at, sent_at, "the earliest send");
        assert_eq!(collapsed[0].first_seen, first_seen);
        assert!(
            collapsed[0].provider_reference.is_some(),
            "a sending event's provider reference is kept"
        );
    }

    #[test]
    fn final_statuses_share_a_rank_except_permanent_failure() {
        assert_eq!(rank(Status::Delivered), rank(Status::TemporaryFailure));
        assert!(rank(Status::PermanentFailure) > rank(Status::Delivered));
        assert!(rank(Status::Sending) > rank(Status::Created));
    }
}
