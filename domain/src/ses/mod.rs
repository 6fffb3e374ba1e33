//! Amazon SES delivery events arriving as signed SNS HTTP notifications:
//! `sns` verifies a message exactly as AWS specifies (SignatureVersion 1
//! and 2, certificate URL policy, topic allow-list, a clearly named test-only
//! trust override); `events` parses both SES formats (event publishing and
//! identity notifications) and maps them to Notify statuses. The webhook
//! and the SES sender that use them are the next step (issue 4).

pub mod events;
pub mod sns;
