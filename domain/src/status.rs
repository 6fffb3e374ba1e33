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

use std::collections::BTreeMap;

use uuid::Uuid;

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
/// status workers lock rows in the same order (no deadlocks). Each result
/// keeps the positions of the events it stands for.
pub fn collapse(events: Vec<(usize, StatusEvent)>) -> Vec<(Vec<usize>, StatusEvent)> {
    let mut by_id: BTreeMap<Uuid, (Vec<usize>, StatusEvent)> = BTreeMap::new();
    for (index, event) in events {
        match by_id.get_mut(&event.notification_id) {
            None => {
                by_id.insert(event.notification_id, (vec![index], event));
            }
            Some((indices, kept)) => {
                indices.push(index);
                let stronger = (rank(event.status), event.at) > (rank(kept.status), kept.at);
                let (mut winner, loser) = if stronger {
                    (event, kept.clone())
                } else {
                    (kept.clone(), event)
                };
                winner.sent_at = match (winner.sent_at, loser.sent_at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                winner.provider_reference = winner.provider_reference.or(loser.provider_reference);
                winner.provider_response = winner.provider_response.or(loser.provider_response);
                winner.feedback_type = winner.feedback_type.or(loser.feedback_type);
                winner.feedback_subtype = winner.feedback_subtype.or(loser.feedback_subtype);
                winner.first_seen = winner.first_seen.min(loser.first_seen);
                *kept = winner;
            }
        }
    }
    by_id.into_values().collect()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};

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
            (0, event(b, Status::Delivered, 2)),
            (1, event(a, Status::Delivered, 2)),
            (2, event(a, Status::Sending, 1)),
            (3, event(b, Status::PermanentFailure, 3)),
            (4, event(a, Status::Sending, 0)),
        ]);
        assert_eq!(collapsed.len(), 2);
        let (indices, first) = &collapsed[0];
        assert_eq!(first.notification_id, a.min(b));
        let (a_indices, a_event) = collapsed
            .iter()
            .find(|(_, e)| e.notification_id == a)
            .expect("a");
        assert_eq!(a_event.status, Status::Delivered);
        assert_eq!(a_event.provider_reference.as_deref(), Some("ses-1"));
        assert!(a_event.sent_at.is_some());
        assert_eq!(a_indices.len(), 3);
        let (_, b_event) = collapsed
            .iter()
            .find(|(_, e)| e.notification_id == b)
            .expect("b");
        assert_eq!(b_event.status, Status::PermanentFailure);
        assert!(!indices.is_empty());
    }

    #[test]
    fn final_statuses_share_a_rank_except_permanent_failure() {
        assert_eq!(rank(Status::Delivered), rank(Status::TemporaryFailure));
        assert!(rank(Status::PermanentFailure) > rank(Status::Delivered));
        assert!(rank(Status::Sending) > rank(Status::Created));
    }
}
