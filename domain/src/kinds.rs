//! The small closed vocabularies Notify's API speaks: key types,
//! notification (template) types and statuses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownValue(other.to_owned())),
                }
            }
        }
    };
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

string_enum!(
    /// Notify's API key types.
    KeyType {
        Normal => "normal",
        Team => "team",
        Test => "test",
    }
);

impl KeyType {
    /// How Notify names the key type in rate-limit messages ("LIVE" for normal).
    pub fn rate_limit_label(self) -> &'static str {
        match self {
            KeyType::Normal => "LIVE",
            KeyType::Team => "TEAM",
            KeyType::Test => "TEST",
        }
    }
}

string_enum!(
    /// The channel a template and its notifications use.
    NotificationType {
        Email => "email",
        Sms => "sms",
        Letter => "letter",
    }
);

string_enum!(
    /// Notification statuses, as stored and as shown by the v2 API.
    Status {
        Created => "created",
        Sending => "sending",
        Pending => "pending",
        Sent => "sent",
        Delivered => "delivered",
        TemporaryFailure => "temporary-failure",
        PermanentFailure => "permanent-failure",
        TechnicalFailure => "technical-failure",
        Received => "received",
    }
);

impl Status {
    /// Statuses after which Notify reports `completed_at`.
    pub fn is_completed(self) -> bool {
        matches!(
            self,
            Status::Sent
                | Status::Delivered
                | Status::TemporaryFailure
                | Status::PermanentFailure
                | Status::TechnicalFailure
                | Status::Received
        )
    }

    /// How the v2 API shows a letter's status: `accepted` until it has
    /// been handed to the print provider, then `received` (Notify's names).
    pub fn letter_label(self) -> &'static str {
        match self {
            Status::Created | Status::Sending | Status::Pending => "accepted",
            Status::Sent | Status::Delivered | Status::Received => "received",
            other => other.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_text() {
        for kind in KeyType::ALL {
            assert_eq!(kind.as_str().parse::<KeyType>(), Ok(*kind));
        }
        for kind in NotificationType::ALL {
            assert_eq!(kind.as_str().parse::<NotificationType>(), Ok(*kind));
        }
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(*status));
        }
        assert!("superuser".parse::<KeyType>().is_err());
    }
}
