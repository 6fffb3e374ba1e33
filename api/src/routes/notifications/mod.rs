mod get;
mod post;
mod view;

pub use get::get_by_id;
pub use post::{post_email, post_sms};
