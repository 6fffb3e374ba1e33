mod bulk;
mod get;
mod letter;
mod list;
mod post;
mod scheduled;
pub(crate) mod view;

pub use bulk::post_bulk;
pub use get::{find_own, get_by_id};
pub use letter::{letter_pdf, post_letter};
pub use list::list;
pub use post::{post_email, post_sms};
