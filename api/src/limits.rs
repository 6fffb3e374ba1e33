//! Notify's limits, counted in memory (no database query per request).
//!
//! * **Rate limit**: a token bucket per service and key type, Notify's shape:
//!   refilled at `rate_limit / 60` tokens a second, holding at most
//!   `min(ceil(rate_limit / 3) + 1, 1000)`. Answered 429 `RateLimitError`.
//! * **Daily limit**: per service and notification type, UTC day, test keys
//!   excluded, Notify's 250,000 default. The count is the database's count of
//!   today's notifications, refreshed with every full cache reload, plus what
//!   this process accepted since. Answered 429 `TooManyRequestsError`.
//!
//! Both are **per API replica**: with N replicas a service can momentarily
//! reach N times its rate limit, and the daily count lags other replicas'
//! sends by up to one reload interval. That is the price of keeping the
//! request path free of shared state; set a service's `rate_limit` to
//! (its limit / replicas) where exactness matters.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use chrono::{NaiveDate, Utc};
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::models::Service;
use uuid::Uuid;

use crate::error::ApiError;

struct Bucket {
    tokens: f64,
    refilled: Instant,
}

#[derive(Default)]
struct Daily {
    day: Option<NaiveDate>,
    /// Today's counts in the database at the last refresh.
    stored: HashMap<(Uuid, NotificationType), i64>,
    /// Accepted by this process since that refresh.
    accepted: HashMap<(Uuid, NotificationType), i64>,
}

#[derive(Default)]
pub struct Limits {
    buckets: Mutex<HashMap<(Uuid, KeyType), Bucket>>,
    daily: Mutex<Daily>,
}

impl Limits {
    pub fn new() -> Self {
        Limits::default()
    }

    /// Takes a token from the service's bucket for this key type.
    pub fn check_rate(&self, service: &Service, key_type: KeyType) -> Result<(), ApiError> {
        let limit = f64::from(service.rate_limit.max(1));
        let capacity = ((limit / 3.0).ceil() + 1.0).min(1000.0);
        let per_second = limit / 60.0;
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.entry((service.id, key_type)).or_insert(Bucket {
            tokens: capacity,
            refilled: now,
        });
        let elapsed = now.saturating_duration_since(bucket.refilled).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(ApiError::RateLimit(format!(
                "Exceeded rate limit for key type {} of {} requests per 60 seconds",
                key_type.rate_limit_label(),
                service.rate_limit
            )))
        }
    }

    fn daily(&self) -> std::sync::MutexGuard<'_, Daily> {
        let mut daily = self.daily.lock().unwrap_or_else(|p| p.into_inner());
        let today = Utc::now().date_naive();
        if daily.day != Some(today) {
            *daily = Daily {
                day: Some(today),
                ..Daily::default()
            };
        }
        daily
    }

    /// Refuses a send that would take the service over its daily limit.
    pub fn check_daily(
        &self,
        service: &Service,
        key_type: KeyType,
        kind: NotificationType,
    ) -> Result<(), ApiError> {
        if key_type == KeyType::Test {
            return Ok(());
        }
        let daily = self.daily();
        let key = (service.id, kind);
        let used = daily.stored.get(&key).copied().unwrap_or(0)
            + daily.accepted.get(&key).copied().unwrap_or(0);
        if used >= i64::from(service.daily_limit) {
            return Err(ApiError::TooManyRequests(format!(
                "Exceeded send limits ({kind}: {}) for today",
                service.daily_limit
            )));
        }
        Ok(())
    }

    /// Refuses a bulk send of `count` notifications that would take the
    /// service over its daily limit (GC Notify's message).
    pub fn check_daily_many(
        &self,
        service: &Service,
        key_type: KeyType,
        kind: NotificationType,
        count: usize,
    ) -> Result<(), ApiError> {
        if key_type == KeyType::Test {
            return Ok(());
        }
        let daily = self.daily();
        let key = (service.id, kind);
        let used = daily.stored.get(&key).copied().unwrap_or(0)
            + daily.accepted.get(&key).copied().unwrap_or(0);
        let remaining = (i64::from(service.daily_limit) - used).max(0);
        if i64::try_from(count).unwrap_or(i64::MAX) > remaining {
            return Err(ApiError::TooManyRequests(format!(
                "You only have {remaining} remaining messages before you reach your daily limit. \
                 You've tried to send {count} messages."
            )));
        }
        Ok(())
    }

    /// Counts `count` accepted notifications towards the daily limit.
    pub fn record_accepted_many(
        &self,
        service_id: Uuid,
        key_type: KeyType,
        kind: NotificationType,
        count: usize,
    ) {
        if key_type != KeyType::Test {
            *self.daily().accepted.entry((service_id, kind)).or_insert(0) +=
                i64::try_from(count).unwrap_or(i64::MAX);
        }
    }

    /// Counts an accepted notification towards the daily limit.
    pub fn record_accepted(&self, service_id: Uuid, key_type: KeyType, kind: NotificationType) {
        if key_type != KeyType::Test {
            *self.daily().accepted.entry((service_id, kind)).or_insert(0) += 1;
        }
    }

    /// Replaces the stored counts with a fresh read of today's notifications.
    pub fn refresh_daily(&self, counts: Vec<(Uuid, String, i64)>) {
        let mut daily = self.daily();
        daily.stored = counts
            .into_iter()
            .filter_map(|(service, kind, count)| Some(((service, kind.parse().ok()?), count)))
            .collect();
        daily.accepted.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(rate_limit: i32, daily_limit: i32) -> Service {
        Service {
            id: Uuid::new_v4(),
            name: "s".into(),
            restricted: false,
            active: true,
            rate_limit,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            contact_link: None,
            daily_limit,
        }
    }

    #[test]
    fn the_bucket_allows_a_burst_then_refuses_with_notifys_message() {
        let limits = Limits::new();
        let s = service(30, 100);
        // capacity = ceil(30 / 3) + 1 = 11
        for _ in 0..11 {
            assert!(limits.check_rate(&s, KeyType::Normal).is_ok());
        }
        match limits.check_rate(&s, KeyType::Normal) {
            Err(ApiError::RateLimit(message)) => {
                assert_eq!(
                    message,
                    "Exceeded rate limit for key type LIVE of 30 requests per 60 seconds"
                );
            }
            other => panic!("expected a rate limit error, got {other:?}"),
        }
        // Each key type has its own bucket.
        assert!(limits.check_rate(&s, KeyType::Test).is_ok());
    }

    #[test]
    fn the_daily_limit_counts_stored_and_accepted_but_not_test_keys() {
        let limits = Limits::new();
        let s = service(3000, 3);
        limits.refresh_daily(vec![(s.id, "email".into(), 2)]);
        assert!(
            limits
                .check_daily(&s, KeyType::Normal, NotificationType::Email)
                .is_ok()
        );
        limits.record_accepted(s.id, KeyType::Normal, NotificationType::Email);
        limits.record_accepted(s.id, KeyType::Test, NotificationType::Email);
        assert!(matches!(
            limits.check_daily(&s, KeyType::Normal, NotificationType::Email),
            Err(ApiError::TooManyRequests(m)) if m == "Exceeded send limits (email: 3) for today"
        ));
        assert!(
            limits
                .check_daily(&s, KeyType::Test, NotificationType::Email)
                .is_ok()
        );
        assert!(
            limits
                .check_daily(&s, KeyType::Normal, NotificationType::Sms)
                .is_ok()
        );
    }
}
