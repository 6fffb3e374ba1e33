//! Notify's research mode: what a test key's notification (or a simulated
//! recipient) "does" instead of being sent.

use herald_domain::kinds::{NotificationType, Status};
use herald_domain::recipient;

/// How long after `sending` the simulator's receipt arrives (through
/// `<p>.status.simulated`), as a real provider's would (Notify's simulated provider answers a few seconds
/// later): clients polling a test-key notification see `sending` first.
pub const RECEIPT_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

/// Notify's simulator addresses and numbers, and their outcomes.
const PERMANENT_FAILURE_EMAIL: &str = "perm-fail@simulator.notify";
const TEMPORARY_FAILURE_EMAIL: &str = "temp-fail@simulator.notify";
const PERMANENT_FAILURE_NUMBER: &str = "447700900002";
const TEMPORARY_FAILURE_NUMBER: &str = "447700900003";

/// The final status the simulator reports for a recipient.
pub fn outcome(kind: NotificationType, to: &str) -> Status {
    match kind {
        NotificationType::Sms => match recipient::validate_phone_number(to).map(|p| p.normalised) {
            Ok(n) if n == PERMANENT_FAILURE_NUMBER => Status::PermanentFailure,
            Ok(n) if n == TEMPORARY_FAILURE_NUMBER => Status::TemporaryFailure,
            _ => Status::Delivered,
        },
        _ => match to.trim().to_lowercase().as_str() {
            PERMANENT_FAILURE_EMAIL => Status::PermanentFailure,
            TEMPORARY_FAILURE_EMAIL => Status::TemporaryFailure,
            _ => Status::Delivered,
        },
    }
}

/// Notify's smoke-test recipients: answered 201, never sent.
pub fn is_simulated_recipient(kind: NotificationType, to: &str) -> bool {
    match kind {
        NotificationType::Sms => {
            recipient::validate_phone_number(to).is_ok_and(|p| recipient::is_simulated_phone(&p))
        }
        _ => recipient::is_simulated_email(to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulator_addresses_and_numbers_fail_as_notify_documents() {
        assert_eq!(
            outcome(NotificationType::Email, "perm-fail@simulator.notify"),
            Status::PermanentFailure
        );
        assert_eq!(
            outcome(NotificationType::Email, "Temp-Fail@simulator.notify"),
            Status::TemporaryFailure
        );
        assert_eq!(
            outcome(NotificationType::Email, "anyone@example.com"),
            Status::Delivered
        );
        assert_eq!(
            outcome(NotificationType::Sms, "07700900002"),
            Status::PermanentFailure
        );
        assert_eq!(
            outcome(NotificationType::Sms, "+44 7700 900003"),
            Status::TemporaryFailure
        );
        assert_eq!(
            outcome(NotificationType::Sms, "07700900123"),
            Status::Delivered
        );
    }
}
