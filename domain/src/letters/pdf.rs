//! Renders a templated letter to PDF, laid out like a GOV.UK Notify letter.
//!
//! The layout follows notifications-utils `jinja_templates/letter_pdf/_main_css.jinja2` and
//! `_body.jinja2` (the print template behind Notify's letter PDFs), converted to absolute
//! positions on an A4 page (595.28 × 841.89 pt):
//!
//! * page margins 15 mm left, 10 mm right, 15 mm bottom, 10 mm top on page 1 and 15 mm on later
//!   pages;
//! * the address (`#to`): 24.6 mm from the left edge, 85 mm wide, 8 pt on 8.5 pt lines, its last
//!   line ending 66.2 mm from the top (the block grows upwards), lines clipped to the width, so it
//!   sits in the window of a C5/DL windowed envelope. Notify also upper-cases it
//!   (`text-transform: uppercase`); Herald keeps the case as given so the address can be found in
//!   the PDF;
//! * the contact block (`#from`): 71.2 mm wide against the right margin, 10 pt on 12 pt lines,
//!   ending 82.2 mm from the top;
//! * the content column (`#content`): from 104 mm down on page 1, 137.5 mm wide. First the date
//!   (`21 November 2026`, as a paragraph, as Notify does), then the heading (Helvetica-Bold
//!   20 pt), then the body: paragraphs in 12.5 pt on 16 pt lines with 16 pt between blocks,
//!   `#` headings in bold 14 pt, `*`/`-`/`•` bullet lists and `1.` numbered lists, and `---`,
//!   `***` or `___` alone on a line starting a new page. A single newline inside a paragraph is a
//!   line break. `((placeholders))` must already be filled in;
//! * `Page N of M` at the bottom right of every page, 10 pt.
//!
//! Text is set in the PDF base-14 fonts Helvetica and Helvetica-Bold with `WinAnsiEncoding`.
//! They are referenced, not embedded, so no font files are needed and a one-page letter is a few
//! kilobytes. Wrapping uses the Adobe Helvetica metrics (see [`char_width`]). Characters outside
//! WinAnsi are downgraded: Welsh and other accented letters lose their accents (`ŵ` → `w`), and
//! anything else becomes `?`.
//!
//! **Content streams are written uncompressed**, and each run of ASCII text is written as a
//! literal string, so tests (ours and Herald's integration tests) can find an address line such
//! as `(10 Downing Street) Tj` in the bytes. Non-ASCII characters (`£`, `é`) are written as
//! separate hex strings next to the ASCII runs. The output is deterministic: the same [`Letter`]
//! always gives the same bytes (no dates or random file IDs are written).

use chrono::{Datelike, NaiveDate};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;

const PT_PER_MM: f32 = 72.0 / 25.4;

const fn mm(value: f32) -> f32 {
    value * PT_PER_MM
}

const MARGIN_LEFT: f32 = mm(15.0);
const MARGIN_RIGHT_X: f32 = mm(200.0);
const FIRST_PAGE_CONTENT_TOP: f32 = mm(10.0 + 94.0);
const LATER_PAGE_CONTENT_TOP: f32 = mm(15.0);
const CONTENT_BOTTOM: f32 = mm(297.0 - 15.0);
const CONTENT_WIDTH: f32 = mm(137.5);

const ADDRESS_LEFT: f32 = mm(15.0 + 9.6);
const ADDRESS_WIDTH: f32 = mm(85.0);
const ADDRESS_BOTTOM: f32 = mm(297.0 - 15.0 - 215.8);
const ADDRESS_SIZE: f32 = 8.0;
const ADDRESS_LEADING: f32 = 8.5;

const CONTACT_WIDTH: f32 = mm(71.2);
const CONTACT_LEFT: f32 = MARGIN_RIGHT_X - CONTACT_WIDTH;
const CONTACT_BOTTOM: f32 = mm(297.0 - 15.0 - 199.8);
const CONTACT_SIZE: f32 = 10.0;
const CONTACT_LEADING: f32 = 12.0;

const BODY_SIZE: f32 = 12.5;
const BODY_LEADING: f32 = 16.0;
const H1_SIZE: f32 = 20.0;
const H1_LEADING: f32 = 23.4;
const H2_SIZE: f32 = 14.0;
const H2_LEADING: f32 = 17.4;
const FOOTER_SIZE: f32 = 10.0;

/// Helvetica's ascender and descender (AFM units / 1000).
const ASCENT: f32 = 0.718;
const DESCENT: f32 = 0.207;

/// A letter to render. `body` is Notify letter markdown with the placeholders already filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The normalised address lines (see `postal_address::ValidAddress::lines`).
    pub address_lines: Vec<String>,
    /// The service's letter contact block, newline separated.
    pub contact_block: String,
    /// The date printed on the letter.
    pub date: NaiveDate,
    /// The template's subject, printed as the main heading.
    pub heading: String,
    /// The letter body.
    pub body: String,
}

/// Notify's letter date format (`%-d %B %Y`): `21 November 2026`.
#[must_use]
pub fn format_letter_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

// ---------------------------------------------------------------------------------------------
// Fonts: WinAnsi encoding and Helvetica metrics
// ---------------------------------------------------------------------------------------------

/// The two base-14 fonts used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Helvetica,
    HelveticaBold,
}

impl Font {
    fn resource_name(self) -> Name<'static> {
        match self {
            Self::Helvetica => Name(b"F1"),
            Self::HelveticaBold => Name(b"F2"),
        }
    }
}

/// Helvetica advance widths (AFM units) for WinAnsi codes 32–255; 0 for unused codes.
#[rustfmt::skip]
const HELVETICA_WIDTHS: [u16; 224] = [
    // 32–63
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 64–95
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 96–127
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    // 128–159
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    // 160–191
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 192–223
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 224–255
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold advance widths (AFM units) for WinAnsi codes 32–255; 0 for unused codes.
#[rustfmt::skip]
const HELVETICA_BOLD_WIDTHS: [u16; 224] = [
    // 32–63
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 64–95
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 96–127
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    // 128–159
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    // 160–191
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 192–223
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 224–255
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// The advance width of WinAnsi code `code` in `font`, in AFM units (1/1000 em). Control codes
/// and unused codes are 0.
#[must_use]
pub fn char_width(font: Font, code: u8) -> u16 {
    let table = match font {
        Font::Helvetica => &HELVETICA_WIDTHS,
        Font::HelveticaBold => &HELVETICA_BOLD_WIDTHS,
    };
    code.checked_sub(32)
        .and_then(|i| table.get(usize::from(i)))
        .copied()
        .unwrap_or(0)
}

/// The width of WinAnsi-encoded `text` set in `font` at `size` points.
#[must_use]
pub fn text_width(font: Font, size: f32, text: &[u8]) -> f32 {
    let units: u32 = text.iter().map(|&b| u32::from(char_width(font, b))).sum();
    units as f32 * size / 1000.0
}

/// Encodes one character in WinAnsi (Windows-1252): ASCII and Latin-1 map to themselves, the
/// typographic characters to 128–159, accented letters outside Latin-1 lose their accent, other
/// spaces become a space, other dashes a hyphen, anything else `?`.
fn winansi_byte(c: char) -> u8 {
    let code = u32::from(c);
    if (32..127).contains(&code) || (160..=255).contains(&code) {
        return u8::try_from(code).unwrap_or(b'?');
    }
    match c {
        '\t' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => b'-',
        '\u{2015}' => 0x97,
        '\u{2032}' => b'\'',
        '\u{2033}' => b'"',
        _ => fold_to_ascii(c).unwrap_or(b'?'),
    }
}

/// Accented Latin letters outside Latin-1 (Latin Extended-A, including the Welsh `ŵ ŷ Ŵ Ŷ`) to
/// their base letter.
fn fold_to_ascii(c: char) -> Option<u8> {
    Some(match c {
        'Ā' | 'Ă' | 'Ą' => b'A',
        'ā' | 'ă' | 'ą' => b'a',
        'Ć' | 'Ĉ' | 'Ċ' | 'Č' => b'C',
        'ć' | 'ĉ' | 'ċ' | 'č' => b'c',
        'Ď' | 'Đ' => b'D',
        'ď' | 'đ' => b'd',
        'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => b'E',
        'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => b'e',
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => b'G',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => b'g',
        'Ĥ' | 'Ħ' => b'H',
        'ĥ' | 'ħ' => b'h',
        'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => b'I',
        'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => b'i',
        'Ĵ' => b'J',
        'ĵ' => b'j',
        'Ķ' => b'K',
        'ķ' => b'k',
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => b'L',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => b'l',
        'Ń' | 'Ņ' | 'Ň' => b'N',
        'ń' | 'ņ' | 'ň' => b'n',
        'Ō' | 'Ŏ' | 'Ő' => b'O',
        'ō' | 'ŏ' | 'ő' => b'o',
        'Ŕ' | 'Ŗ' | 'Ř' => b'R',
        'ŕ' | 'ŗ' | 'ř' => b'r',
        'Ś' | 'Ŝ' | 'Ş' | 'Ș' => b'S',
        'ś' | 'ŝ' | 'ş' | 'ș' => b's',
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => b'T',
        'ţ' | 'ť' | 'ŧ' | 'ț' => b't',
        'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => b'U',
        'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => b'u',
        'Ŵ' => b'W',
        'ŵ' => b'w',
        'Ŷ' => b'Y',
        'ŷ' => b'y',
        'Ź' | 'Ż' => b'Z',
        'ź' | 'ż' => b'z',
        _ => return None,
    })
}

/// Encodes `text` in WinAnsi (see [`winansi_byte`]). Line breaks become spaces.
#[must_use]
pub fn encode_winansi(text: &str) -> Vec<u8> {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
        })
        .map(|c| {
            if c == '\n' || c == '\r' {
                b' '
            } else {
                winansi_byte(c)
            }
        })
        .collect()
}

/// Greedy word wrap of WinAnsi text to `max_width`; a word wider than the line is broken
/// between characters. Always returns at least one (possibly empty) line.
fn wrap(font: Font, size: f32, text: &[u8], max_width: f32) -> Vec<Vec<u8>> {
    let space = text_width(font, size, b" ");
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut current_width = 0.0_f32;
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_width = text_width(font, size, word);
        let needed = if current.is_empty() {
            word_width
        } else {
            current_width + space + word_width
        };
        if needed <= max_width {
            if !current.is_empty() {
                current.push(b' ');
            }
            current.extend_from_slice(word);
            current_width = needed;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // Break an over-long word across lines.
        current_width = 0.0;
        for &byte in word {
            let w = text_width(font, size, &[byte]);
            if current_width + w > max_width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                current_width = 0.0;
            }
            current.push(byte);
            current_width += w;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Cuts `text` to the longest prefix that fits `max_width` (CSS `overflow: hidden;
/// white-space: nowrap`, as Notify does for address lines).
fn clip(font: Font, size: f32, text: &[u8], max_width: f32) -> Vec<u8> {
    let mut width = 0.0;
    let mut out = Vec::with_capacity(text.len());
    for &byte in text {
        width += text_width(font, size, &[byte]);
        if width > max_width {
            break;
        }
        out.push(byte);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Letter markdown (the subset Notify renders in letters)
// ---------------------------------------------------------------------------------------------

/// A block of the letter body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    /// Lines separated by hard breaks.
    Paragraph(Vec<String>),
    Heading(String),
    Bullets(Vec<String>),
    Numbered(Vec<String>),
    PageBreak,
}

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|m| compact.chars().all(|c| c == *m))
}

fn bullet_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    ["* ", "- ", "• ", "+ "]
        .iter()
        .find_map(|marker| trimmed.strip_prefix(marker))
        .map(str::trim)
}

fn numbered_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let digits = trimmed.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 {
        return None;
    }
    let rest = &trimmed[digits..];
    rest.strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .map(str::trim)
}

fn heading_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &trimmed[hashes..];
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim().trim_end_matches('#').trim())
}

/// Splits the body into blocks: headings, page breaks, lists and paragraphs.
fn parse_body(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;

    fn flush(
        blocks: &mut Vec<Block>,
        paragraph: &mut Vec<String>,
        list: &mut Option<(bool, Vec<String>)>,
    ) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(std::mem::take(paragraph)));
        }
        if let Some((numbered, items)) = list.take() {
            blocks.push(if numbered {
                Block::Numbered(items)
            } else {
                Block::Bullets(items)
            });
        }
    }

    for raw in body.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if is_thematic_break(line) {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::PageBreak);
        } else if let Some(text) = heading_text(line) {
            flush(&mut blocks, &mut paragraph, &mut list);
            if !text.is_empty() {
                blocks.push(Block::Heading(text.to_string()));
            }
        } else if let Some(item) = bullet_item(line) {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|(n, _)| *n) {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.get_or_insert((false, Vec::new()))
                .1
                .push(item.to_string());
        } else if let Some(item) = numbered_item(line) {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|(n, _)| !*n) {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.get_or_insert((true, Vec::new()))
                .1
                .push(item.to_string());
        } else if let Some((_, items)) = list.as_mut() {
            // A continuation line of the last list item.
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            paragraph.push(line.trim().to_string());
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

/// One line of text placed on a page; `y` is the baseline measured down from the page top.
#[derive(Debug, Clone)]
struct Placed {
    font: Font,
    size: f32,
    x: f32,
    y: f32,
    text: Vec<u8>,
}

/// Distance from the top of a line box to its baseline (CSS half-leading model).
fn baseline_offset(size: f32, leading: f32) -> f32 {
    (leading - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

/// The content column, flowing onto new pages.
struct Flow {
    pages: Vec<Vec<Placed>>,
    /// The top of the next line box, measured down from the page top.
    y: f32,
    /// The bottom margin of the last block, collapsed with the next block's top margin.
    pending_margin: f32,
    at_page_top: bool,
}

impl Flow {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: FIRST_PAGE_CONTENT_TOP,
            pending_margin: 0.0,
            at_page_top: true,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = LATER_PAGE_CONTENT_TOP;
        self.pending_margin = 0.0;
        self.at_page_top = true;
    }

    fn place(&mut self, item: Placed) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Lays out one block of lines. `marker` is drawn beside the first line (list items).
    #[expect(
        clippy::too_many_arguments,
        reason = "a CSS box: font, size, leading, margins, indent, marker"
    )]
    fn block(
        &mut self,
        lines: Vec<Vec<u8>>,
        font: Font,
        size: f32,
        leading: f32,
        margin_top: f32,
        margin_bottom: f32,
        indent: f32,
        marker: Option<(f32, Vec<u8>)>,
    ) {
        let gap = if self.at_page_top {
            0.0
        } else {
            self.pending_margin.max(margin_top)
        };
        self.y += gap;
        let mut marker = marker;
        for text in lines {
            if self.y + leading > CONTENT_BOTTOM && !self.at_page_top {
                self.new_page();
            }
            let baseline = self.y + baseline_offset(size, leading);
            if let Some((x, marker_text)) = marker.take() {
                self.place(Placed {
                    font,
                    size,
                    x,
                    y: baseline,
                    text: marker_text,
                });
            }
            self.place(Placed {
                font,
                size,
                x: MARGIN_LEFT + indent,
                y: baseline,
                text,
            });
            self.y += leading;
            self.at_page_top = false;
        }
        self.pending_margin = margin_bottom;
    }
}

fn lay_out_content(letter: &Letter) -> Vec<Vec<Placed>> {
    let mut flow = Flow::new();
    let body_lines = |text: &str, indent: f32| {
        wrap(
            Font::Helvetica,
            BODY_SIZE,
            &encode_winansi(text),
            CONTENT_WIDTH - indent,
        )
    };

    flow.block(
        body_lines(&format_letter_date(letter.date), 0.0),
        Font::Helvetica,
        BODY_SIZE,
        BODY_LEADING,
        0.0,
        BODY_LEADING,
        0.0,
        None,
    );
    let heading = wrap(
        Font::HelveticaBold,
        H1_SIZE,
        &encode_winansi(letter.heading.trim()),
        CONTENT_WIDTH,
    );
    flow.block(
        heading,
        Font::HelveticaBold,
        H1_SIZE,
        H1_LEADING,
        18.16,
        7.68,
        0.0,
        None,
    );

    let mut after_h1 = true;
    for block in parse_body(&letter.body) {
        match block {
            Block::PageBreak => flow.new_page(),
            Block::Heading(text) => {
                let lines = wrap(
                    Font::HelveticaBold,
                    H2_SIZE,
                    &encode_winansi(&text),
                    CONTENT_WIDTH,
                );
                let top = if after_h1 { 8.35 } else { 0.0 };
                flow.block(
                    lines,
                    Font::HelveticaBold,
                    H2_SIZE,
                    H2_LEADING,
                    top,
                    BODY_LEADING,
                    0.0,
                    None,
                );
            }
            Block::Paragraph(lines) => {
                let wrapped: Vec<Vec<u8>> = lines.iter().flat_map(|l| body_lines(l, 0.0)).collect();
                flow.block(
                    wrapped,
                    Font::Helvetica,
                    BODY_SIZE,
                    BODY_LEADING,
                    0.0,
                    BODY_LEADING,
                    0.0,
                    None,
                );
            }
            Block::Bullets(items) | Block::Numbered(items) if items.is_empty() => {}
            Block::Bullets(items) => {
                let indent = 0.8 * BODY_SIZE;
                let count = items.len();
                for (i, item) in items.iter().enumerate() {
                    let bottom = if i + 1 == count { BODY_LEADING } else { 0.0 };
                    let marker = (MARGIN_LEFT + 1.5, vec![0x95]);
                    flow.block(
                        body_lines(item, indent),
                        Font::Helvetica,
                        BODY_SIZE,
                        BODY_LEADING,
                        0.0,
                        bottom,
                        indent,
                        Some(marker),
                    );
                }
            }
            Block::Numbered(items) => {
                let indent = 1.4 * BODY_SIZE;
                let count = items.len();
                for (i, item) in items.iter().enumerate() {
                    let bottom = if i + 1 == count { BODY_LEADING } else { 0.0 };
                    let number = format!("{}.", i + 1).into_bytes();
                    let x = MARGIN_LEFT + indent
                        - text_width(Font::Helvetica, BODY_SIZE, &number)
                        - 4.0;
                    flow.block(
                        body_lines(item, indent),
                        Font::Helvetica,
                        BODY_SIZE,
                        BODY_LEADING,
                        0.0,
                        bottom,
                        indent,
                        Some((x, number)),
                    );
                }
            }
        }
        after_h1 = false;
    }
    flow.pages
}

/// The address block: bottom-anchored, lines clipped to the window width.
fn lay_out_address(lines: &[String]) -> Vec<Placed> {
    let top = ADDRESS_BOTTOM - ADDRESS_LEADING * lines.len() as f32;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| Placed {
            font: Font::Helvetica,
            size: ADDRESS_SIZE,
            x: ADDRESS_LEFT,
            y: top + ADDRESS_LEADING * i as f32 + baseline_offset(ADDRESS_SIZE, ADDRESS_LEADING),
            text: clip(
                Font::Helvetica,
                ADDRESS_SIZE,
                &encode_winansi(line.trim()),
                ADDRESS_WIDTH,
            ),
        })
        .collect()
}

/// The contact block: each line wrapped to the block width, bottom-anchored.
fn lay_out_contact_block(contact_block: &str) -> Vec<Placed> {
    let lines: Vec<Vec<u8>> = contact_block
        .lines()
        .flat_map(|line| {
            let encoded = encode_winansi(line.trim());
            if encoded.is_empty() {
                vec![Vec::new()]
            } else {
                wrap(Font::Helvetica, CONTACT_SIZE, &encoded, CONTACT_WIDTH)
            }
        })
        .collect();
    let lines: Vec<Vec<u8>> = {
        // Drop leading and trailing blank lines.
        let start = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        let end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(start, |i| i + 1);
        lines[start..end].to_vec()
    };
    let top = CONTACT_BOTTOM - CONTACT_LEADING * lines.len() as f32;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| Placed {
            font: Font::Helvetica,
            size: CONTACT_SIZE,
            x: CONTACT_LEFT,
            y: top + CONTACT_LEADING * i as f32 + baseline_offset(CONTACT_SIZE, CONTACT_LEADING),
            text,
        })
        .collect()
}

fn page_number(page: usize, pages: usize) -> Placed {
    let text = format!("Page {page} of {pages}").into_bytes();
    let width = text_width(Font::Helvetica, FOOTER_SIZE, &text);
    Placed {
        font: Font::Helvetica,
        size: FOOTER_SIZE,
        x: MARGIN_RIGHT_X - width,
        y: CONTENT_BOTTOM + baseline_offset(FOOTER_SIZE, FOOTER_SIZE * 1.15),
        text,
    }
}

// ---------------------------------------------------------------------------------------------
// PDF output
// ---------------------------------------------------------------------------------------------

/// Writes `text` as alternating literal (ASCII) and hex (non-ASCII) strings, so ASCII runs stay
/// readable in the content stream.
fn show_runs(content: &mut Content, text: &[u8]) {
    let mut start = 0;
    while start < text.len() {
        let ascii = text[start].is_ascii();
        let end = text[start..]
            .iter()
            .position(|b| b.is_ascii() != ascii)
            .map_or(text.len(), |p| start + p);
        content.show(Str(&text[start..end]));
        start = end;
    }
}

fn content_stream(items: &[Placed]) -> Vec<u8> {
    let mut content = Content::new();
    for item in items.iter().filter(|i| !i.text.is_empty()) {
        content
            .begin_text()
            .set_font(item.font.resource_name(), item.size)
            .next_line(round2(item.x), round2(PAGE_HEIGHT - item.y));
        show_runs(&mut content, &item.text);
        content.end_text();
    }
    content.finish().into_vec()
}

/// Rounds to 1/100 pt so the output does not depend on float noise.
fn round2(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

/// Renders `letter` as a PDF. See the module docs for the layout.
#[must_use]
pub fn render_letter(letter: &Letter) -> Vec<u8> {
    let mut pages = lay_out_content(letter);
    if let Some(first) = pages.first_mut() {
        first.extend(lay_out_address(&letter.address_lines));
        first.extend(lay_out_contact_block(&letter.contact_block));
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.push(page_number(i + 1, count));
    }

    let catalog_id = Ref::new(1);
    let page_tree_id = Ref::new(2);
    let regular_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(6 + 2 * i as i32)).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(page_tree_id);
    pdf.pages(page_tree_id)
        .kids(page_ids.iter().copied())
        .count(i32::try_from(count).unwrap_or(i32::MAX));
    pdf.type1_font(regular_id)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold_id)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info_id)
        .producer(TextStr("Herald"))
        .title(TextStr(letter.heading.trim()));

    for (page, page_id) in pages.iter().zip(&page_ids) {
        let content_id = Ref::new(page_id.get() + 1);
        {
            let mut p = pdf.page(*page_id);
            p.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(page_tree_id)
                .contents(content_id);
            let mut resources = p.resources();
            let mut fonts = resources.fonts();
            fonts.pair(Font::Helvetica.resource_name(), regular_id);
            fonts.pair(Font::HelveticaBold.resource_name(), bold_id);
        }
        pdf.stream(content_id, &content_stream(page));
    }
    pdf.finish()
}

/// The page count of a PDF (Herald's own or any other): the one PDF reader
/// Herald has, [`super::precompiled::count_pages`].
#[must_use]
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    super::precompiled::count_pages(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
    }

    fn letter(body: &str) -> Letter {
        Letter {
            address_lines: vec![
                "The Occupier".to_string(),
                "10 Downing Street".to_string(),
                "London".to_string(),
                "SW1A 2AA".to_string(),
            ],
            contact_block: "Herald Service\n1 Example Road\nLondon\nEX1 1AA\n\n0300 123 4567"
                .to_string(),
            date: date(),
            heading: "Your appointment".to_string(),
            body: body.to_string(),
        }
    }

    const TYPICAL_BODY: &str = "Dear Jo,\n\nYour appointment is on Tuesday 1 December at 10:30am.\n\n# What to bring\n\n* your appointment letter\n* photo ID, for example a passport\n* a list of any medicines you take\n\nIf you cannot attend, call us on 0300 123 4567.\n\nYours sincerely,\nThe Appointments Team";

    fn long_body(paragraphs: usize) -> String {
        (0..paragraphs)
            .map(|i| format!("Paragraph {i}. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat."))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    }

    #[test]
    fn dates_use_notifys_format() {
        assert_eq!(format_letter_date(date()), "21 November 2026");
        let d = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap_or_default();
        assert_eq!(format_letter_date(d), "2 January 2027");
    }

    #[test]
    fn renders_a_one_page_pdf() {
        let pdf = render_letter(&letter(TYPICAL_BODY));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
        assert_eq!(page_count(&pdf), Some(1));
        assert!(contains(&pdf, "/BaseFont /Helvetica"));
        assert!(contains(&pdf, "/BaseFont /Helvetica-Bold"));
        assert!(contains(&pdf, "/WinAnsiEncoding"));
        assert!(
            !contains(&pdf, "/FontFile"),
            "fonts are referenced, not embedded"
        );
        assert!(
            !contains(&pdf, "/Filter"),
            "content streams are uncompressed"
        );
    }

    #[test]
    fn address_contact_block_date_heading_and_page_number_are_in_the_content_stream() {
        let pdf = render_letter(&letter(TYPICAL_BODY));
        for text in [
            "(The Occupier) Tj",
            "(10 Downing Street) Tj",
            "(SW1A 2AA) Tj",
            "(Herald Service) Tj",
            "(0300 123 4567) Tj",
            "(21 November 2026) Tj",
            "(Your appointment) Tj",
            "(What to bring) Tj",
            "(Page 1 of 1) Tj",
        ] {
            assert!(contains(&pdf, text), "{text} missing");
        }
    }

    #[test]
    fn long_letters_flow_onto_more_pages_with_page_numbers() {
        let pdf = render_letter(&letter(&long_body(40)));
        let pages = page_count(&pdf).unwrap_or(0);
        assert!(pages >= 3, "{pages} pages");
        assert!(contains(&pdf, &format!("(Page 1 of {pages}) Tj")));
        assert!(contains(&pdf, &format!("(Page {pages} of {pages}) Tj")));
        // The last paragraph made it onto the last page.
        assert!(contains(&pdf, "(Paragraph 39."));
    }

    #[test]
    fn thematic_breaks_start_new_pages() {
        let pdf = render_letter(&letter("Page one\n\n---\n\nPage two\n\n***\n\nPage three"));
        assert_eq!(page_count(&pdf), Some(3));
        assert!(contains(&pdf, "(Page 3 of 3) Tj"));
    }

    #[test]
    fn output_is_deterministic() {
        let l = letter(&long_body(12));
        assert_eq!(render_letter(&l), render_letter(&l));
    }

    #[test]
    fn non_ascii_text_is_encoded_in_winansi_next_to_readable_ascii() {
        let mut l = letter("Cost: £5 – café – Ŵyn ☃");
        l.address_lines[0] = "Siân Ŵyn".to_string();
        let pdf = render_letter(&l);
        assert!(contains(&pdf, "(Cost: ) Tj"));
        assert!(contains(&pdf, "<A3> Tj"), "£ is WinAnsi 0xA3");
        assert!(contains(&pdf, "<96> Tj"), "en dash is WinAnsi 0x96");
        assert!(
            contains(&pdf, "( Wyn ?) Tj"),
            "Ŵ loses its circumflex, ☃ becomes ?"
        );
        assert!(contains(&pdf, "(Si) Tj"));
        assert_eq!(
            encode_winansi("‘quoted’ “twice” …"),
            b"\x91quoted\x92 \x93twice\x94 \x85"
        );
    }

    #[test]
    fn widths_match_helvetica_metrics() {
        assert_eq!(char_width(Font::Helvetica, b'i'), 222);
        assert_eq!(char_width(Font::HelveticaBold, b'i'), 278);
        assert_eq!(char_width(Font::Helvetica, b'W'), 944);
        assert_eq!(char_width(Font::Helvetica, 0xA3), 556);
        assert_eq!(char_width(Font::Helvetica, 0x95), 350);
        assert_eq!(char_width(Font::Helvetica, b'\n'), 0);
        let w = text_width(Font::Helvetica, 10.0, b"Hello");
        assert!((w - 22.78).abs() < 0.001, "{w}");
    }

    #[test]
    fn wrapping_fits_the_width() {
        let text = encode_winansi(&long_body(1));
        let lines = wrap(Font::Helvetica, BODY_SIZE, &text, CONTENT_WIDTH);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(text_width(Font::Helvetica, BODY_SIZE, line) <= CONTENT_WIDTH);
        }
        let rejoined = lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(rejoined.as_bytes(), &text[..]);
        // An unbreakable word is split between characters.
        let long_word = vec![b'W'; 100];
        let lines = wrap(Font::Helvetica, BODY_SIZE, &long_word, CONTENT_WIDTH);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), long_word);
        assert_eq!(
            wrap(Font::Helvetica, BODY_SIZE, b"", CONTENT_WIDTH),
            vec![Vec::<u8>::new()]
        );
    }

    #[test]
    fn long_address_lines_are_clipped_to_the_window() {
        let placed = lay_out_address(&["X".repeat(200)]);
        let width = text_width(Font::Helvetica, ADDRESS_SIZE, &placed[0].text);
        assert!(width <= ADDRESS_WIDTH && width > ADDRESS_WIDTH - 10.0);
    }

    #[test]
    fn address_sits_in_the_envelope_window() {
        let placed = lay_out_address(&[
            "A".into(),
            "B".into(),
            "C".into(),
            "D".into(),
            "E".into(),
            "F".into(),
            "G".into(),
        ]);
        for p in &placed {
            assert!((p.x - mm(24.6)).abs() < 0.01);
            // Within the window: between 40 mm and 67 mm from the top edge.
            assert!(p.y > mm(40.0) && p.y < mm(67.0), "{}", p.y / PT_PER_MM);
        }
        assert!(placed.windows(2).all(|w| w[0].y < w[1].y));
    }

    #[test]
    fn markdown_blocks() {
        let blocks = parse_body(
            "Hello\nthere\n\n# Heading\n* one\n* two\ncontinued\n- three\n\n1. first\n2. second\n\n---\n\nEnd",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec!["Hello".into(), "there".into()]),
                Block::Heading("Heading".into()),
                Block::Bullets(vec!["one".into(), "two continued".into(), "three".into()]),
                Block::Numbered(vec!["first".into(), "second".into()]),
                Block::PageBreak,
                Block::Paragraph(vec!["End".into()]),
            ]
        );
        assert_eq!(
            parse_body("#hashtag"),
            vec![Block::Paragraph(vec!["#hashtag".into()])]
        );
        assert!(is_thematic_break("* * *"));
        assert!(!is_thematic_break("--"));
    }

    #[test]
    fn page_count_rejects_non_pdfs() {
        assert_eq!(page_count(b"hello"), None);
        assert_eq!(page_count(b"%PDF-1.7\n"), None);
    }

    #[test]
    fn prints_size_and_render_time_of_a_typical_letter() {
        let l = letter(TYPICAL_BODY);
        let runs = 200;
        let start = Instant::now();
        let mut size = 0;
        for _ in 0..runs {
            size = render_letter(&l).len();
        }
        let per_letter = start.elapsed() / runs;
        println!("typical 1-page letter: {size} bytes, {per_letter:?} per render ({runs} runs)");
        assert!(size < 20_000);
    }
}
