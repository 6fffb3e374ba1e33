//! Letter rendering benchmark (prints figures, not a test):
//! `scripts/bench-letters`, or `cargo bench -p herald-domain --bench letter_pdf`.
//!
//! Renders a typical one-page letter and two long ones with the letters
//! worker's renderer and prints, for each, its page count, its size and
//! the mean render time.

use std::time::Instant;

use chrono::NaiveDate;
use herald_domain::letters::pdf::{Letter, page_count, render_letter};

const TYPICAL_BODY: &str = "Dear Jo,\n\nYour appointment is on Tuesday 1 December at 10:30am.\n\n\
# What to bring\n\n* your appointment letter\n* photo ID, for example a passport\n\n\
If you cannot attend, call us on 0300 123 4567.\n\nYours sincerely,\nThe Appointments Team";

const PARAGRAPH: &str = "We are writing to tell you about a change to the way your account is \
managed. From next month your statements will be sent once a quarter, and you can ask for a \
paper copy at any time by calling the number at the top of this letter.";

fn letter(body: String) -> Letter {
    Letter {
        address_lines: vec![
            "The Occupier".into(),
            "10 Downing Street".into(),
            "London".into(),
            "SW1A 2AA".into(),
        ],
        contact_block: "Herald Service\n1 Example Road\nLondon\nEX1 1AA\n\n0300 123 4567".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
        heading: "Your appointment".into(),
        body,
    }
}

fn main() {
    let cases = [
        ("typical", TYPICAL_BODY.to_owned(), 1000),
        ("40 paragraphs", vec![PARAGRAPH; 40].join("\n\n"), 200),
        ("100 paragraphs", vec![PARAGRAPH; 100].join("\n\n"), 100),
    ];
    println!("| letter | pages | size | render time (mean) |");
    println!("|---|---|---|---|");
    for (name, body, runs) in cases {
        let letter = letter(body);
        let mut pdf = render_letter(&letter);
        let started = Instant::now();
        for _ in 0..runs {
            pdf = render_letter(&letter);
        }
        let mean = started.elapsed() / runs;
        println!(
            "| {name} | {} | {} B | {mean:?} (of {runs}) |",
            page_count(&pdf).unwrap_or(0),
            pdf.len()
        );
    }
}
