//! Rows and the queries on them. Query functions take a `&mut PgConnection`
//! and return `QueryResult`; callers decide on threads, pools and deadlines.

mod api_key;
mod callback;
mod contacts;
pub mod disowned;
mod document;
mod inbound;
mod job;
mod notification;
mod service;
mod status_update;
mod template;

pub use api_key::{ApiKey, NewApiKey};
pub use callback::ServiceCallback;
pub use contacts::{Contacts, GuestListEntry, ReplyTo, SmsSender, TeamMember};
pub use document::Document;
pub use inbound::{InboundNumber, ReceivedText, inbound_number_key};
pub use job::{
    Cancelled, DuePack, HeldPack, Job, NewJob, claim_due_packs, fold_job_counts, released,
    status as job_status,
};
pub use notification::{ListFilter, NewNotification, Notification};
pub use service::{NewService, Service, ServiceSnapshot};
pub use status_update::{Applied, StatusOutcome, apply_statuses, record_complaints, stuck_sending};
pub use template::{NewTemplate, Template, TemplateEdit};
