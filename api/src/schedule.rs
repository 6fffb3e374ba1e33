//! `scheduled_for`, as GC Notify takes it (bulk and single sends).

use chrono::{DateTime, NaiveDateTime, Utc};

/// How far ahead a send may be scheduled (GC Notify's
/// `JOBS_MAX_SCHEDULE_HOURS_AHEAD`).
pub const MAX_SCHEDULE_HOURS_AHEAD: i64 = 96;

/// ISO 8601 with an offset, or without one (UTC), to the minute or finer;
/// in the future and at most [`MAX_SCHEDULE_HOURS_AHEAD`] hours ahead.
pub fn scheduled_time(raw: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    let parsed = DateTime::parse_from_rfc3339(raw)
        .map(|at| at.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
            ]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
            .map(|at| at.and_utc())
        })
        .ok_or_else(|| {
            "scheduled_for datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601".to_owned()
        })?;
    if parsed < now {
        return Err("scheduled_for datetime can not be in the past".to_owned());
    }
    if parsed > now + chrono::Duration::hours(MAX_SCHEDULE_HOURS_AHEAD) {
        return Err(format!(
            "scheduled_for datetime can only be up to {MAX_SCHEDULE_HOURS_AHEAD} hours in the future"
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduled_for_takes_iso_8601_up_to_96_hours_ahead() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let at = |raw: &str| scheduled_time(raw, now).map(|t| t.to_rfc3339());
        assert_eq!(
            at("2026-12-06 11:30").as_deref(),
            Ok("2026-12-06T11:30:00+00:00")
        );
        assert_eq!(
            at("2026-12-06T12:30:00+01:00").as_deref(),
            Ok("2026-12-06T11:30:00+00:00")
        );
        assert_eq!(
            at("2026-12-10T10:00:00.000Z").as_deref(),
            Ok("2026-12-10T10:00:00+00:00")
        );
        assert!(at("2026-12-10T10:01:00Z").is_err_and(|e| e.contains("96 hours")));
        assert!(at("2026-12-06T09:59:00Z").is_err_and(|e| e.contains("past")));
        assert!(at("next tuesday").is_err_and(|e| e.contains("ISO8601")));
    }
}
