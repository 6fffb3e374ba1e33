//! The delivery providers this deployment is configured with.

use std::sync::Arc;

use herald_domain::config::Settings;

use crate::deliver::provider::EmailProvider;

/// The email provider, if one is configured (`None`: emails sent with
/// normal and team keys fail as `technical-failure`, saying so).
pub fn email(_settings: &Settings) -> anyhow::Result<Option<Arc<dyn EmailProvider>>> {
    Ok(None)
}
