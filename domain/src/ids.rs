//! Notification ids are UUIDv7: time-ordered, assigned by the API, and the
//! source of the row's `created_at` (its partition key).

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

/// A new notification id for "now".
pub fn new_notification_id() -> Uuid {
    Uuid::now_v7()
}

/// The creation time embedded in a UUIDv7 (millisecond precision), or `None`
/// for any other kind of UUID.
pub fn created_at_of(id: &Uuid) -> Option<DateTime<Utc>> {
    if id.get_version_num() != 7 {
        return None;
    }
    let (secs, nanos) = id.get_timestamp()?.to_unix();
    let secs = i64::try_from(secs).ok()?;
    Utc.timestamp_opt(secs, nanos).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_at_round_trips_through_the_id() {
        let before = Utc::now();
        let id = new_notification_id();
        let after = Utc::now();
        let at = created_at_of(&id).expect("v7 id has a timestamp");
        assert!(at >= before - chrono::Duration::milliseconds(1) && at <= after);
    }

    #[test]
    fn a_v4_id_has_no_creation_time() {
        assert_eq!(created_at_of(&Uuid::new_v4()), None);
    }
}
