//! Letters: Notify's postal-address rules ([`postal_address`]), the letter
//! PDF ([`pdf`], rendered by the letters worker, never in a request), the
//! checks on an uploaded PDF ([`precompiled`]), postage, and where PDFs are
//! kept ([`store`]).

pub mod pdf;
pub mod postal_address;
pub mod precompiled;
pub mod store;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::kinds::UnknownValue;

/// Notify's postage classes: the three UK ones a template or a precompiled
/// letter may choose, and the two international zones an address abroad
/// implies (they replace the template's choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Postage {
    #[serde(rename = "first")]
    First,
    #[default]
    #[serde(rename = "second")]
    Second,
    #[serde(rename = "economy")]
    Economy,
    #[serde(rename = "europe")]
    Europe,
    #[serde(rename = "rest-of-world")]
    RestOfWorld,
}

impl Postage {
    /// What a client may ask for on a precompiled letter.
    pub const UK: [Postage; 3] = [Postage::First, Postage::Second, Postage::Economy];

    pub fn as_str(self) -> &'static str {
        match self {
            Postage::First => "first",
            Postage::Second => "second",
            Postage::Economy => "economy",
            Postage::Europe => "europe",
            Postage::RestOfWorld => "rest-of-world",
        }
    }

    /// The postage of a letter to `zone` (abroad), else `self`.
    pub fn for_zone(self, zone: Option<postal_address::International>) -> Postage {
        match zone {
            Some(postal_address::International::Europe) => Postage::Europe,
            Some(postal_address::International::RestOfWorld) => Postage::RestOfWorld,
            None => self,
        }
    }

    /// Working days from printing to the doorstep (Royal Mail's published
    /// targets, the earliest of each range).
    fn delivery_days(self) -> i64 {
        match self {
            Postage::First => 1,
            Postage::Second => 2,
            Postage::Economy => 4,
            Postage::Europe => 3,
            Postage::RestOfWorld => 5,
        }
    }
}

impl fmt::Display for Postage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Postage {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Postage::First,
            Postage::Second,
            Postage::Economy,
            Postage::Europe,
            Postage::RestOfWorld,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
        .ok_or_else(|| UnknownValue(s.to_owned()))
    }
}

/// Precompiled letters have no template of the service's; like Notify's
/// hidden "Pre-compiled PDF" template, they all name this one (version 1).
pub const PRECOMPILED_TEMPLATE_ID: Uuid =
    Uuid::from_u128(0x0000_0000_0000_4000_8000_7072_6563_6f6d);
/// The subject stored for a precompiled letter (Notify's template name).
pub const PRECOMPILED_SUBJECT: &str = "Pre-compiled PDF";
/// The recipient stored for a precompiled letter: the address is in the PDF
/// (Notify stores the same text).
pub const PRECOMPILED_RECIPIENT: &str = "Provided as PDF";

/// Letters received by 17:30 (UTC here) are printed that working day,
/// later ones the next.
const PRINT_CUT_OFF: NaiveTime = match NaiveTime::from_hms_opt(17, 30, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// When a letter sent at `created_at` with `postage` should arrive: printed
/// on the day of sending (before 17:30) or the next working day, then the
/// postage's working days. An estimate, as Notify's is; bank holidays are
/// not counted.
pub fn estimated_delivery(created_at: DateTime<Utc>, postage: Postage) -> DateTime<Utc> {
    let mut day = created_at.date_naive();
    if created_at.time() >= PRINT_CUT_OFF || is_weekend(day.weekday()) {
        day = next_working_day(day);
    }
    for _ in 0..postage.delivery_days() {
        day = next_working_day(day);
    }
    day.and_hms_opt(16, 0, 0)
        .map_or(created_at + Duration::days(7), |t| t.and_utc())
}

fn is_weekend(day: Weekday) -> bool {
    matches!(day, Weekday::Sat | Weekday::Sun)
}

fn next_working_day(day: chrono::NaiveDate) -> chrono::NaiveDate {
    let mut next = day + Duration::days(1);
    while is_weekend(next.weekday()) {
        next += Duration::days(1);
    }
    next
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn postage_round_trips_through_its_text() {
        for text in ["first", "second", "economy", "europe", "rest-of-world"] {
            assert_eq!(text.parse::<Postage>().map(Postage::as_str), Ok(text));
        }
        assert!("third".parse::<Postage>().is_err());
    }

    #[test]
    fn delivery_is_estimated_in_working_days_after_printing() {
        // Friday 20 November 2026, 10:00: printed Friday, second class → Tuesday.
        let friday = Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).single();
        let friday = friday.unwrap_or_default();
        let tuesday = estimated_delivery(friday, Postage::Second);
        assert_eq!(tuesday.date_naive().weekday(), Weekday::Tue);
        // After the cut-off: printed Monday, first class → Tuesday.
        let late = friday + Duration::hours(8);
        assert_eq!(
            estimated_delivery(late, Postage::First).date_naive(),
            tuesday.date_naive()
        );
    }
}
