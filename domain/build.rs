//! Rebuilds the crate when a migration is added or changed: the migrations
//! are embedded in it (`db::MIGRATIONS`), and `embed_migrations!` alone does
//! not notice a new directory.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
