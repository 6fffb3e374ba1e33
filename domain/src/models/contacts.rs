//! A service's people and addresses: team members and guest list (who a
//! team key or a restricted service may send to), and the reply-to
//! addresses and SMS senders a client can choose by id.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::schema::{
    service_email_reply_to, service_guest_list, service_sms_senders, service_team_members,
};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = service_team_members)]
pub struct TeamMember {
    pub id: Uuid,
    pub service_id: Uuid,
    pub email_address: String,
    pub mobile_number: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = service_guest_list)]
pub struct GuestListEntry {
    pub id: Uuid,
    pub service_id: Uuid,
    pub recipient: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = service_email_reply_to)]
pub struct ReplyTo {
    pub id: Uuid,
    pub service_id: Uuid,
    pub email_address: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = service_sms_senders)]
pub struct SmsSender {
    pub id: Uuid,
    pub service_id: Uuid,
    pub sms_sender: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub team_members: Vec<TeamMember>,
    pub guest_list: Vec<GuestListEntry>,
    pub reply_tos: Vec<ReplyTo>,
    pub sms_senders: Vec<SmsSender>,
}

impl Contacts {
    /// Every service's contacts, by service id.
    pub fn for_services(
        conn: &mut PgConnection,
        ids: &[Uuid],
    ) -> QueryResult<HashMap<Uuid, Contacts>> {
        let mut by_service: HashMap<Uuid, Contacts> = HashMap::new();
        for member in service_team_members::table
            .filter(service_team_members::service_id.eq_any(ids))
            .select(TeamMember::as_select())
            .load(conn)?
        {
            by_service
                .entry(member.service_id)
                .or_default()
                .team_members
                .push(member);
        }
        for entry in service_guest_list::table
            .filter(service_guest_list::service_id.eq_any(ids))
            .select(GuestListEntry::as_select())
            .load(conn)?
        {
            by_service
                .entry(entry.service_id)
                .or_default()
                .guest_list
                .push(entry);
        }
        for reply_to in service_email_reply_to::table
            .filter(service_email_reply_to::service_id.eq_any(ids))
            .order(service_email_reply_to::created_at)
            .select(ReplyTo::as_select())
            .load(conn)?
        {
            by_service
                .entry(reply_to.service_id)
                .or_default()
                .reply_tos
                .push(reply_to);
        }
        for sender in service_sms_senders::table
            .filter(service_sms_senders::service_id.eq_any(ids))
            .order(service_sms_senders::created_at)
            .select(SmsSender::as_select())
            .load(conn)?
        {
            by_service
                .entry(sender.service_id)
                .or_default()
                .sms_senders
                .push(sender);
        }
        Ok(by_service)
    }
}

impl TeamMember {
    pub fn insert(
        conn: &mut PgConnection,
        service_id: Uuid,
        email: &str,
        mobile: Option<&str>,
    ) -> QueryResult<TeamMember> {
        diesel::insert_into(service_team_members::table)
            .values((
                service_team_members::id.eq(Uuid::new_v4()),
                service_team_members::service_id.eq(service_id),
                service_team_members::email_address.eq(email),
                service_team_members::mobile_number.eq(mobile),
            ))
            .returning(TeamMember::as_returning())
            .get_result(conn)
    }
}

impl GuestListEntry {
    pub fn insert(
        conn: &mut PgConnection,
        service_id: Uuid,
        recipient: &str,
    ) -> QueryResult<GuestListEntry> {
        diesel::insert_into(service_guest_list::table)
            .values((
                service_guest_list::id.eq(Uuid::new_v4()),
                service_guest_list::service_id.eq(service_id),
                service_guest_list::recipient.eq(recipient),
            ))
            .returning(GuestListEntry::as_returning())
            .get_result(conn)
    }
}

impl ReplyTo {
    /// Adds a reply-to address; the first one (or one marked default)
    /// becomes the service's default.
    pub fn insert(
        conn: &mut PgConnection,
        service_id: Uuid,
        email: &str,
        is_default: bool,
    ) -> QueryResult<ReplyTo> {
        crate::db::transaction(conn, |conn| {
            let existing: i64 = service_email_reply_to::table
                .filter(service_email_reply_to::service_id.eq(service_id))
                .count()
                .get_result(conn)?;
            let is_default = is_default || existing == 0;
            if is_default {
                diesel::update(
                    service_email_reply_to::table
                        .filter(service_email_reply_to::service_id.eq(service_id)),
                )
                .set(service_email_reply_to::is_default.eq(false))
                .execute(conn)?;
            }
            diesel::insert_into(service_email_reply_to::table)
                .values((
                    service_email_reply_to::id.eq(Uuid::new_v4()),
                    service_email_reply_to::service_id.eq(service_id),
                    service_email_reply_to::email_address.eq(email),
                    service_email_reply_to::is_default.eq(is_default),
                ))
                .returning(ReplyTo::as_returning())
                .get_result(conn)
        })
    }
}

impl SmsSender {
    /// Adds an SMS sender; the first one (or one marked default) becomes the
    /// service's default.
    pub fn insert(
        conn: &mut PgConnection,
        service_id: Uuid,
        sender: &str,
        is_default: bool,
    ) -> QueryResult<SmsSender> {
        crate::db::transaction(conn, |conn| {
            let existing: i64 = service_sms_senders::table
                .filter(service_sms_senders::service_id.eq(service_id))
                .count()
                .get_result(conn)?;
            let is_default = is_default || existing == 0;
            if is_default {
                diesel::update(
                    service_sms_senders::table
                        .filter(service_sms_senders::service_id.eq(service_id)),
                )
                .set(service_sms_senders::is_default.eq(false))
                .execute(conn)?;
            }
            diesel::insert_into(service_sms_senders::table)
                .values((
                    service_sms_senders::id.eq(Uuid::new_v4()),
                    service_sms_senders::service_id.eq(service_id),
                    service_sms_senders::sms_sender.eq(sender),
                    service_sms_senders::is_default.eq(is_default),
                ))
                .returning(SmsSender::as_returning())
                .get_result(conn)
        })
    }
}
