//! The delivery providers this deployment is configured with
//! (`HERALD_EMAIL_PROVIDER`, `HERALD_SMS_PROVIDER`).

use std::sync::Arc;

use herald_domain::config::{EmailProviderKind, Settings, SmsProviderKind};

use crate::deliver::aws;
use crate::deliver::provider::{EmailProvider, SmsProvider};

/// The providers; `None`: texts or emails sent with normal and team keys
/// fail as `technical-failure`, saying that no provider is configured.
#[derive(Clone, Default)]
pub struct Providers {
    pub email: Option<Arc<dyn EmailProvider>>,
    pub sms: Option<Arc<dyn SmsProvider>>,
}

impl Providers {
    pub async fn from_settings(settings: &Settings) -> Self {
        if settings.email_provider == EmailProviderKind::None
            && settings.sms_provider == SmsProviderKind::None
        {
            return Providers::default();
        }
        let config = aws::load_config(settings).await;
        let email: Option<Arc<dyn EmailProvider>> = match settings.email_provider {
            EmailProviderKind::None => None,
            EmailProviderKind::Ses => Some(Arc::new(aws::Ses::new(
                &config,
                settings.ses_configuration_set.clone(),
            ))),
        };
        let sms: Option<Arc<dyn SmsProvider>> = match settings.sms_provider {
            SmsProviderKind::None => None,
            SmsProviderKind::Sns => Some(Arc::new(aws::Sns::new(&config))),
        };
        Providers { email, sms }
    }
}
