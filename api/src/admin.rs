//! `herald admin …`: manage services, API keys and templates.
//!
//! Each command prints one JSON object (or array) on stdout; logs go to
//! stderr. After a change it publishes a change event so every running API
//! process reloads the service within a second (if the broker is down, the
//! periodic reload picks the change up instead).

use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use diesel::PgConnection;
use herald_domain::broker;
use herald_domain::config::Settings;
use herald_domain::db;
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::letters::Postage;
use herald_domain::messages::ChangeEvent;
use herald_domain::models::{
    ApiKey, GuestListEntry, InboundNumber, NewApiKey, NewService, NewTemplate, ReplyTo, Service,
    ServiceCallback, SmsSender, TeamMember, Template, TemplateEdit,
};
use herald_domain::recipient;
use serde_json::json;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create a service.
    CreateService {
        /// The service's name (unique).
        #[arg(long)]
        name: String,
        /// Trial mode: send only to the team and guest list.
        #[arg(long)]
        restricted: bool,
    },
    /// Create an API key; prints the key (shown once).
    CreateApiKey {
        /// The service the key belongs to.
        #[arg(long)]
        service_id: Uuid,
        /// The key's name (part of the key itself).
        #[arg(long)]
        name: String,
        /// normal: sends for real; team: only to the team and guest list;
        /// test: nothing leaves Herald, the simulator answers (delivered).
        #[arg(long, value_enum)]
        key_type: KeyTypeArg,
    },
    /// Revoke an API key: it is refused from then on.
    RevokeApiKey {
        /// The key's id (`id` in create-api-key's output, not the key).
        #[arg(long)]
        id: Uuid,
    },
    /// Create a template (version 1).
    CreateTemplate {
        /// The service the template belongs to.
        #[arg(long)]
        service_id: Uuid,
        /// What the template sends.
        #[arg(long = "type", value_enum)]
        template_type: TemplateTypeArg,
        /// The template's name (not shown to recipients).
        #[arg(long)]
        name: String,
        /// Required for email templates; a letter's heading (required).
        #[arg(long)]
        subject: Option<String>,
        /// The message, with ((placeholders)).
        #[arg(long)]
        body: String,
        /// Letters: the contact block printed top right (lines separated by newlines).
        #[arg(long)]
        letter_contact_block: Option<String>,
        /// Letters: the postage (default: second).
        #[arg(long, value_enum)]
        postage: Option<PostageArg>,
    },
    /// Save an edit of a template as a new version (versions are immutable);
    /// what is not given keeps its current value.
    UpdateTemplate {
        /// The template's id.
        #[arg(long)]
        id: Uuid,
        /// The template's name (not shown to recipients).
        #[arg(long)]
        name: Option<String>,
        /// An email's subject or a letter's heading (not for SMS).
        #[arg(long)]
        subject: Option<String>,
        /// The message, with ((placeholders)).
        #[arg(long)]
        body: Option<String>,
        /// Letters: the contact block printed top right (lines separated by newlines).
        #[arg(long, conflicts_with = "clear_letter_contact_block")]
        letter_contact_block: Option<String>,
        /// Letters: remove the contact block from the new version.
        #[arg(long)]
        clear_letter_contact_block: bool,
        /// Letters: the postage.
        #[arg(long, value_enum)]
        postage: Option<PostageArg>,
    },
    /// Move the messages a consumer dead-lettered (`<queue>.dead`) or
    /// parked (`<queue>.parked`, with --parked) back onto the queue they
    /// came from, once the cause is fixed: each is republished (confirmed),
    /// then removed. Consumers are idempotent, so each lands once. Moves
    /// at most the messages there when it starts (one that fails again is
    /// dead-lettered again, not looped over).
    Redrive {
        /// The queue without its prefix: persist, deliver.email,
        /// deliver.sms, deliver.letter, deliver.email.bulk, deliver.sms.bulk,
        /// status, callbacks, documents, inbound.
        #[arg(long)]
        queue: String,
        /// Take from `<queue>.parked` instead of `<queue>.dead`.
        #[arg(long)]
        parked: bool,
        /// At most this many messages.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Archive a template: it can no longer be used or listed.
    ArchiveTemplate {
        /// The template's id.
        #[arg(long)]
        id: Uuid,
    },
    /// Add a team member (team keys and restricted services may send to them).
    AddTeamMember {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// The member's email address.
        #[arg(long)]
        email: String,
        /// The member's mobile number.
        #[arg(long)]
        mobile: Option<String>,
    },
    /// Add an email address or phone number to the service's guest list.
    AddGuestListRecipient {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// An email address or a phone number.
        #[arg(long)]
        recipient: String,
    },
    /// Add a reply-to address (`email_reply_to_id`); the first is the default.
    AddReplyTo {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// The reply-to email address.
        #[arg(long)]
        email: String,
        /// Make it the service's default reply-to address.
        #[arg(long)]
        default: bool,
    },
    /// Add an SMS sender (`sms_sender_id`); the first is the default.
    AddSmsSender {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// Up to 11 letters and digits, or a phone number.
        #[arg(long)]
        sender: String,
        /// Make it the service's default SMS sender.
        #[arg(long)]
        default: bool,
    },
    /// Set the contact link (a URL, email address or phone number) shown to
    /// recipients of files sent by email; files are refused without one.
    SetContactLink {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// A URL, an email address or a phone number.
        #[arg(long)]
        link: String,
    },
    /// Set a service's rate limit (requests per 60 s per key type) and/or daily limit.
    SetLimits {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// Requests per 60 seconds, per key type.
        #[arg(long)]
        rate_limit: Option<i32>,
        /// Notifications per day, per type.
        #[arg(long)]
        daily_limit: Option<i32>,
    },
    /// Set where the service's delivery receipts (or complaints, inbound
    /// texts) are POSTed, with the bearer token Herald sends.
    SetCallback {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// Which callback.
        #[arg(long = "type", value_enum, default_value = "delivery-status")]
        callback_type: CallbackTypeArg,
        /// https; plain http only to 127.0.0.1 or localhost (local development).
        #[arg(long)]
        url: String,
        /// Sent as `Authorization: Bearer …`; at least 10 characters.
        #[arg(long)]
        bearer_token: String,
    },
    /// Give a service the phone number it receives text messages on (replaces its current one).
    SetInboundNumber {
        /// The service.
        #[arg(long)]
        service_id: Uuid,
        /// In international format, e.g. +447700900123.
        #[arg(long)]
        number: String,
    },
    /// List services.
    ListServices,
    /// Delete every queue named by HERALD_AMQP_PREFIX, with the messages in
    /// them (local development: `scripts/dev --reset`). Running processes
    /// lose their consumers: stop them first.
    DeleteQueues,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CallbackTypeArg {
    DeliveryStatus,
    Complaint,
    InboundSms,
}

impl CallbackTypeArg {
    fn as_str(self) -> &'static str {
        match self {
            CallbackTypeArg::DeliveryStatus => "delivery_status",
            CallbackTypeArg::Complaint => "complaint",
            CallbackTypeArg::InboundSms => "inbound_sms",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KeyTypeArg {
    Normal,
    Team,
    Test,
}

impl From<KeyTypeArg> for KeyType {
    fn from(arg: KeyTypeArg) -> Self {
        match arg {
            KeyTypeArg::Normal => KeyType::Normal,
            KeyTypeArg::Team => KeyType::Team,
            KeyTypeArg::Test => KeyType::Test,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TemplateTypeArg {
    Email,
    Sms,
    Letter,
}

impl From<TemplateTypeArg> for NotificationType {
    fn from(arg: TemplateTypeArg) -> Self {
        match arg {
            TemplateTypeArg::Email => NotificationType::Email,
            TemplateTypeArg::Sms => NotificationType::Sms,
            TemplateTypeArg::Letter => NotificationType::Letter,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PostageArg {
    First,
    Second,
    Economy,
    Europe,
    RestOfWorld,
}

impl From<PostageArg> for Postage {
    fn from(arg: PostageArg) -> Self {
        match arg {
            PostageArg::First => Postage::First,
            PostageArg::Second => Postage::Second,
            PostageArg::Economy => Postage::Economy,
            PostageArg::Europe => Postage::Europe,
            PostageArg::RestOfWorld => Postage::RestOfWorld,
        }
    }
}

pub async fn run(settings: &Settings, command: AdminCommand) -> anyhow::Result<()> {
    if let AdminCommand::DeleteQueues = command {
        let deleted = delete_queues(settings).await?;
        println!("{}", serde_json::to_string_pretty(&deleted)?);
        return Ok(());
    }
    if let AdminCommand::Redrive {
        queue,
        parked,
        limit,
    } = &command
    {
        let output = redrive(settings, queue, *parked, *limit).await?;
        println!("{}", serde_json::to_string_pretty(&output)?);
        return Ok(());
    }
    let (url, pooler) = (settings.database_url.clone(), settings.db_pooler);
    let (output, changed) = tokio::task::spawn_blocking(
        move || -> anyhow::Result<(serde_json::Value, Option<Uuid>)> {
            let pool = db::pool(
                &url,
                pooler,
                1,
                Duration::from_secs(10),
                Duration::from_secs(30),
            )?;
            let mut conn = pool.get()?;
            execute(&mut conn, command)
        },
    )
    .await??;
    if let Some(service_id) = changed {
        announce(settings, service_id).await;
    }
    println!("{}", serde_json::to_string_pretty(&output)?);
    Ok(())
}

fn execute(
    conn: &mut PgConnection,
    command: AdminCommand,
) -> anyhow::Result<(serde_json::Value, Option<Uuid>)> {
    match command {
        AdminCommand::Redrive { .. } => anyhow::bail!("redrive works on the broker, not here"),
        AdminCommand::CreateService { name, restricted } => {
            let name = name.trim();
            anyhow::ensure!(!name.is_empty(), "--name must not be empty");
            let service = Service::insert(
                conn,
                &NewService {
                    id: Uuid::new_v4(),
                    name,
                    restricted,
                },
            )?;
            let output = serde_json::to_value(&service)?;
            Ok((output, Some(service.id)))
        }
        AdminCommand::CreateApiKey {
            service_id,
            name,
            key_type,
        } => {
            let name = name.trim();
            anyhow::ensure!(!name.is_empty(), "--name must not be empty");
            let secret = Uuid::new_v4().to_string();
            let key_type = KeyType::from(key_type);
            let key = ApiKey::insert(
                conn,
                &NewApiKey {
                    id: Uuid::new_v4(),
                    service_id,
                    name,
                    secret: &secret,
                    key_type: key_type.as_str(),
                },
            )
            .map_err(|e| service_error(e, service_id))?;
            let output = json!({
                "id": key.id,
                "service_id": key.service_id,
                "name": key.name,
                "key_type": key.key_type,
                "key": key.client_key(),
            });
            Ok((output, Some(service_id)))
        }
        AdminCommand::RevokeApiKey { id } => {
            let key = ApiKey::revoke(conn, id)?
                .ok_or_else(|| anyhow::anyhow!("no API key with id {id}"))?;
            let output =
                json!({"id": key.id, "service_id": key.service_id, "revoked_at": key.expiry_date});
            Ok((output, Some(key.service_id)))
        }
        AdminCommand::CreateTemplate {
            service_id,
            template_type,
            name,
            subject,
            body,
            letter_contact_block,
            postage,
        } => {
            let template_type = NotificationType::from(template_type);
            match (template_type, subject.as_deref()) {
                (NotificationType::Email, None) => {
                    anyhow::bail!("an email template needs --subject")
                }
                (NotificationType::Letter, None) => {
                    anyhow::bail!("a letter template needs --subject (the letter's heading)")
                }
                (NotificationType::Sms, Some(_)) => {
                    anyhow::bail!("an sms template has no --subject")
                }
                _ => {}
            }
            let is_letter = template_type == NotificationType::Letter;
            anyhow::ensure!(
                is_letter || (letter_contact_block.is_none() && postage.is_none()),
                "--letter-contact-block and --postage are for letter templates"
            );
            let postage = is_letter.then(|| postage.map(Postage::from).unwrap_or_default());
            anyhow::ensure!(!body.trim().is_empty(), "--body must not be empty");
            let template = Template::create(
                conn,
                &NewTemplate {
                    service_id,
                    template_type,
                    name: name.trim(),
                    subject: subject.as_deref(),
                    body: &body,
                    letter_contact_block: letter_contact_block.as_deref(),
                    postage,
                },
            )
            .map_err(|e| service_error(e, service_id))?;
            Ok((serde_json::to_value(&template)?, Some(service_id)))
        }
        AdminCommand::UpdateTemplate {
            id,
            name,
            subject,
            body,
            letter_contact_block,
            clear_letter_contact_block,
            postage,
        } => {
            let edit = TemplateEdit {
                name: name.as_deref().map(str::trim),
                subject: subject.as_deref(),
                body: body.as_deref(),
                letter_contact_block: if clear_letter_contact_block {
                    Some(None)
                } else {
                    letter_contact_block.as_deref().map(Some)
                },
                postage: postage.map(Postage::from),
            };
            anyhow::ensure!(
                !edit.is_empty(),
                "give at least one of --name, --subject, --body, --letter-contact-block, \
                 --clear-letter-contact-block, --postage"
            );
            anyhow::ensure!(
                edit.name.is_none_or(|n| !n.is_empty()),
                "--name must not be empty"
            );
            anyhow::ensure!(
                edit.body.is_none_or(|b| !b.trim().is_empty()),
                "--body must not be empty"
            );
            let kind = Template::kind(conn, id)?
                .ok_or_else(|| anyhow::anyhow!("no template with id {id}"))?;
            anyhow::ensure!(
                kind != NotificationType::Sms || edit.subject.is_none(),
                "an sms template has no --subject"
            );
            anyhow::ensure!(
                kind == NotificationType::Letter
                    || (edit.letter_contact_block.is_none() && edit.postage.is_none()),
                "--letter-contact-block, --clear-letter-contact-block and --postage are for \
                 letter templates"
            );
            let template =
                Template::update(conn, id, &edit).map_err(|e| not_found(e, "template", id))?;
            let service_id = template.service_id;
            Ok((serde_json::to_value(&template)?, Some(service_id)))
        }
        AdminCommand::ArchiveTemplate { id } => {
            let service_id = Template::archive(conn, id)?
                .ok_or_else(|| anyhow::anyhow!("no template with id {id}"))?;
            Ok((json!({"id": id, "archived": true}), Some(service_id)))
        }
        AdminCommand::AddTeamMember {
            service_id,
            email,
            mobile,
        } => {
            let email = recipient::validate_email_address(&email)
                .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            if let Some(mobile) = &mobile {
                recipient::validate_phone_number(mobile)
                    .map_err(|e| anyhow::anyhow!("--mobile: {e}"))?;
            }
            let member = TeamMember::insert(conn, service_id, &email, mobile.as_deref())
                .map_err(|e| service_error(e, service_id))?;
            Ok((serde_json::to_value(&member)?, Some(service_id)))
        }
        AdminCommand::AddGuestListRecipient {
            service_id,
            recipient: who,
        } => {
            let valid = recipient::validate_email_address(&who).is_ok()
                || recipient::validate_phone_number(&who).is_ok();
            anyhow::ensure!(
                valid,
                "--recipient must be an email address or a phone number"
            );
            let entry = GuestListEntry::insert(conn, service_id, who.trim())
                .map_err(|e| service_error(e, service_id))?;
            Ok((serde_json::to_value(&entry)?, Some(service_id)))
        }
        AdminCommand::AddReplyTo {
            service_id,
            email,
            default,
        } => {
            let email = recipient::validate_email_address(&email)
                .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let reply_to = ReplyTo::insert(conn, service_id, &email, default)
                .map_err(|e| service_error(e, service_id))?;
            Ok((serde_json::to_value(&reply_to)?, Some(service_id)))
        }
        AdminCommand::AddSmsSender {
            service_id,
            sender,
            default,
        } => {
            let sender = sender.trim();
            let alphanumeric = (1..=11).contains(&sender.len())
                && sender
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ');
            let numeric = recipient::validate_phone_number(sender).is_ok();
            anyhow::ensure!(
                alphanumeric || numeric,
                "--sender must be up to 11 letters and digits, or a phone number"
            );
            let sms_sender = SmsSender::insert(conn, service_id, sender, default)
                .map_err(|e| service_error(e, service_id))?;
            Ok((serde_json::to_value(&sms_sender)?, Some(service_id)))
        }
        AdminCommand::SetContactLink { service_id, link } => {
            let link = link.trim();
            anyhow::ensure!(!link.is_empty(), "--link must not be empty");
            let service = Service::set_contact_link(conn, service_id, Some(link))
                .map_err(|e| not_found(e, "service", service_id))?;
            Ok((serde_json::to_value(&service)?, Some(service_id)))
        }
        AdminCommand::SetLimits {
            service_id,
            rate_limit,
            daily_limit,
        } => {
            anyhow::ensure!(
                rate_limit.is_some() || daily_limit.is_some(),
                "give --rate-limit and/or --daily-limit"
            );
            anyhow::ensure!(
                rate_limit.is_none_or(|r| r > 0),
                "--rate-limit must be positive"
            );
            anyhow::ensure!(
                daily_limit.is_none_or(|d| d >= 0),
                "--daily-limit must not be negative"
            );
            let service = Service::set_limits(conn, service_id, rate_limit, daily_limit)
                .map_err(|e| not_found(e, "service", service_id))?;
            Ok((serde_json::to_value(&service)?, Some(service_id)))
        }
        AdminCommand::SetCallback {
            service_id,
            callback_type,
            url,
            bearer_token,
        } => {
            let local = [
                "http://127.0.0.1:",
                "http://127.0.0.1/",
                "http://localhost:",
                "http://localhost/",
            ];
            anyhow::ensure!(
                url.starts_with("https://") || local.iter().any(|p| url.starts_with(p)),
                "--url must be https (plain http only to 127.0.0.1 or localhost)"
            );
            anyhow::ensure!(
                bearer_token.len() >= 10,
                "--bearer-token must be at least 10 characters"
            );
            let callback = ServiceCallback::set(
                conn,
                service_id,
                callback_type.as_str(),
                &url,
                &bearer_token,
            )
            .map_err(|e| service_error(e, service_id))?;
            Ok((
                json!({"service_id": callback.service_id, "type": callback.callback_type, "url": callback.url}),
                None,
            ))
        }
        AdminCommand::SetInboundNumber { service_id, number } => {
            let digits = number.chars().filter(char::is_ascii_digit).count();
            anyhow::ensure!(
                recipient::validate_phone_number(&number).is_ok() && (3..=15).contains(&digits),
                "--number must be a phone number"
            );
            let inbound = InboundNumber::set(conn, service_id, &number).map_err(|e| {
                use diesel::result::{DatabaseErrorKind, Error};
                match e {
                    Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                        anyhow::anyhow!("{number} is another service's inbound number")
                    }
                    other => service_error(other, service_id),
                }
            })?;
            Ok((serde_json::to_value(&inbound)?, None))
        }
        AdminCommand::DeleteQueues => anyhow::bail!("delete-queues needs no database"),
        AdminCommand::ListServices => {
            let services = Service::all(conn)?;
            Ok((serde_json::to_value(&services)?, None))
        }
    }
}

fn not_found(error: diesel::result::Error, what: &str, id: Uuid) -> anyhow::Error {
    match error {
        diesel::result::Error::NotFound => anyhow::anyhow!("no {what} with id {id}"),
        other => other.into(),
    }
}

fn service_error(error: diesel::result::Error, service_id: Uuid) -> anyhow::Error {
    use diesel::result::{DatabaseErrorKind, Error};
    match error {
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
            anyhow::anyhow!("no service with id {service_id}")
        }
        other => other.into(),
    }
}

/// Deletes the prefix's queues; answers each with the messages it held.
async fn delete_queues(settings: &Settings) -> anyhow::Result<serde_json::Value> {
    let connection = broker::connect(&settings.amqp_url, "herald-admin").await?;
    let channel = connection.create_channel().await?;
    let mut deleted = serde_json::Map::new();
    for queue in settings.topology().all_queues() {
        let messages = channel
            .queue_delete(
                queue.as_str().into(),
                lapin::options::QueueDeleteOptions::default(),
            )
            .await?;
        deleted.insert(queue, json!({"messages": messages}));
    }
    let _ = channel.close(200, "done".into()).await;
    let _ = connection.close(200, "done".into()).await;
    Ok(serde_json::Value::Object(deleted))
}

/// Tells running API processes to reload the service. Best effort, bounded.
async fn announce(settings: &Settings, service_id: Uuid) {
    let topology = settings.topology();
    let publish = async {
        let connection = broker::connect(&settings.amqp_url, "herald-admin").await?;
        let channel = broker::confirm_channel(&connection).await?;
        topology.declare(&connection).await?;
        let payload = serde_json::to_vec(&ChangeEvent { service_id })?;
        // No API process listening is fine: nothing to invalidate.
        let sent =
            broker::publish_unrouted_ok(&channel, &topology.changes_exchange(), &payload).await;
        let _ = connection.close(200, "done".into()).await;
        Ok::<_, anyhow::Error>(sent?)
    };
    match tokio::time::timeout(Duration::from_secs(5), publish).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::warn!(%error, "change event not published; API processes pick the change up on their next reload")
        }
        Err(_) => tracing::warn!(
            "change event timed out; API processes pick the change up on their next reload"
        ),
    }
}

/// Moves dead-lettered (or parked) messages back to their queue: see
/// [`AdminCommand::Redrive`].
async fn redrive(
    settings: &Settings,
    queue: &str,
    parked: bool,
    limit: Option<u32>,
) -> anyhow::Result<serde_json::Value> {
    use lapin::options::{BasicAckOptions, BasicGetOptions, QueueDeclareOptions};
    let topology = settings.topology();
    let target = format!("{}.{queue}", topology.prefix());
    anyhow::ensure!(
        topology.all_queues().contains(&target),
        "no queue {target}: --queue is one of persist, deliver.email, deliver.sms, deliver.letter, deliver.email.bulk, deliver.sms.bulk, status, callbacks, documents, inbound"
    );
    let source = if parked {
        topology.parked_queue_for(&target)
    } else {
        topology.dead_queue_for(&target)
    };
    anyhow::ensure!(
        topology.all_queues().contains(&source),
        "{target} has no queue {source}"
    );
    let connection = broker::connect(&settings.amqp_url, "herald-admin-redrive").await?;
    topology.declare(&connection).await?;
    let channel = broker::confirm_channel(&connection).await?;
    let waiting = channel
        .queue_declare(
            source.as_str().into(),
            QueueDeclareOptions {
                passive: true,
                ..QueueDeclareOptions::default()
            },
            lapin::types::FieldTable::default(),
        )
        .await?
        .message_count();
    let most = limit.map_or(waiting, |limit| limit.min(waiting));
    let mut moved = 0u32;
    while moved < most {
        let Some(message) = channel
            .basic_get(source.as_str().into(), BasicGetOptions { no_ack: false })
            .await?
        else {
            break;
        };
        let delivery = message.delivery;
        broker::publish_confirmed(
            &channel,
            "",
            &target,
            &delivery.data,
            delivery.properties.headers().clone(),
        )
        .await?;
        delivery.ack(BasicAckOptions::default()).await?;
        moved += 1;
    }
    let _ = connection.close(200, "done".into()).await;
    tracing::info!(from = %source, to = %target, moved, "re-driven");
    Ok(json!({ "from": source, "to": target, "moved": moved }))
}
