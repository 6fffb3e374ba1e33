//! Where letter PDFs are kept: outside the hot `notifications` table, behind
//! [`PdfStore`] so that an S3-compatible store can be added beside the
//! PostgreSQL one ([`PgPdfStore`], table `letter_pdfs`).
//!
//! The methods block (a database or HTTP round trip): call them on a
//! blocking thread (`spawn_blocking`), never on an async worker thread.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::PgPool;
use crate::schema::letter_pdfs;

/// One letter's PDF, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPdf {
    pub notification_id: Uuid,
    /// The notification's `created_at` (from its id).
    pub notification_created_at: DateTime<Utc>,
    pub service_id: Uuid,
    pub pdf: Vec<u8>,
    pub pages: i32,
    /// Uploaded by the client (stored byte for byte) rather than rendered.
    pub precompiled: bool,
}

pub trait PdfStore: Send + Sync + 'static {
    /// Stores a batch atomically (all or none); a PDF already stored for a
    /// notification is kept (redelivery). Returns how many were new.
    fn save_batch(&self, pdfs: &[LetterPdf]) -> anyhow::Result<usize>;

    /// The PDF of one of the service's letters, if stored.
    fn load(&self, service_id: Uuid, notification_id: Uuid) -> anyhow::Result<Option<Vec<u8>>>;
}

/// PDFs in PostgreSQL (`letter_pdfs`, one `bytea` per letter; TOAST keeps
/// them out of the row).
#[derive(Clone)]
pub struct PgPdfStore {
    pool: PgPool,
}

impl PgPdfStore {
    pub fn new(pool: PgPool) -> Self {
        PgPdfStore { pool }
    }
}

#[derive(Insertable)]
#[diesel(table_name = letter_pdfs)]
struct NewLetterPdf<'a> {
    notification_id: Uuid,
    notification_created_at: DateTime<Utc>,
    service_id: Uuid,
    pdf: &'a [u8],
    pages: i32,
    precompiled: bool,
}

impl PdfStore for PgPdfStore {
    fn save_batch(&self, pdfs: &[LetterPdf]) -> anyhow::Result<usize> {
        let rows: Vec<NewLetterPdf<'_>> = pdfs
            .iter()
            .map(|p| NewLetterPdf {
                notification_id: p.notification_id,
                notification_created_at: p.notification_created_at,
                service_id: p.service_id,
                pdf: &p.pdf,
                pages: p.pages,
                precompiled: p.precompiled,
            })
            .collect();
        let mut conn = self.pool.get()?;
        // Up to 2 MB per PDF: a few rows per statement keeps each
        // statement's size reasonable.
        let inserted = crate::db::transaction(&mut conn, |conn| {
            let mut inserted = 0;
            for chunk in rows.chunks(8) {
                inserted += diesel::insert_into(letter_pdfs::table)
                    .values(chunk)
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
            QueryResult::Ok(inserted)
        })?;
        Ok(inserted)
    }

    fn load(&self, service_id: Uuid, notification_id: Uuid) -> anyhow::Result<Option<Vec<u8>>> {
        let mut conn = self.pool.get()?;
        Ok(crate::db::unit_of_work(&mut conn, |conn| {
            letter_pdfs::table
                .filter(letter_pdfs::notification_id.eq(notification_id))
                .filter(letter_pdfs::service_id.eq(service_id))
                .select(letter_pdfs::pdf)
                .first(conn)
                .optional()
        })?)
    }
}
