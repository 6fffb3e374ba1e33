//! Checks on a precompiled letter (a PDF sent base64-encoded in the `content` field of
//! `POST /v2/notifications/letter`).
//!
//! Sources:
//! * alphagov/notifications-api `app/v2/notifications/post_notifications.py`
//!   (`process_precompiled_letter_notifications`): `base64.b64decode(letter_data["content"])`,
//!   and on `ValueError` a 400 `BadRequestError` `Cannot decode letter content (invalid base64
//!   encoding)`. Earlier versions also counted the pages there (`pdf_page_count`, PyPDF2) and
//!   answered a `PdfReadError` with 400 `BadRequestError` `Letter content is not a valid PDF`,
//!   which GOV.UK Notify's API documentation still lists
//!   (notifications-tech-docs `error_tables/_send_a_precompiled_letter.md`).
//! * Today GOV.UK Notify accepts the upload and checks the PDF asynchronously
//!   (notifications-template-preview's sanitise task), failing the notification with status
//!   `validation-failed`; notifications-admin `app/utils/letters.py` `LETTER_VALIDATION_MESSAGES`
//!   gives the texts, e.g. `letter-too-long`: `Letters must be 10 pages or less (5 double-sided
//!   sheets of paper). Your letter is N pages long.` Herald checks the page count synchronously
//!   with that text.
//! * The letter specification page (notifications-admin) gives the 2 MB maximum file size; the
//!   wording of [`PrecompiledError::TooBig`] is Herald's own (no Notify API message exists).
//!
//! The page count is what PyPDF2/pypdf's `len(reader.pages)` returns: the `/Count` of the
//! document's root page tree (`/Root` → `/Pages` → `/Count`). Counting the pages of an arbitrary
//! upload needs a real (if small) PDF parser, in [`count_pages`]: classic xref tables and PDF 1.5
//! cross-reference streams (with PNG predictors), `/Prev` chains and hybrid `/XRefStm` files,
//! objects inside compressed object streams, `FlateDecode` streams, and, when the cross-reference
//! data is broken, a rebuild by scanning for `N G obj` (as pypdf does in non-strict mode).
//! Encrypted PDFs are rejected (PyPDF2 raised `PdfReadError` on them).

use std::collections::{HashMap, HashSet};

/// `BaseLetterTemplate.max_page_count`.
pub const MAX_PAGES: usize = 10;
/// `BaseLetterTemplate.max_sheet_count` (double-sided).
pub const MAX_SHEETS: usize = 5;
/// The letter specification's maximum file size, 2 MB.
pub const MAX_FILE_SIZE_BYTES: usize = 2 * 1024 * 1024;

/// Upper bound on the size of any decompressed stream (protects against deflate bombs).
const MAX_DECODED_STREAM: usize = 64 * 1024 * 1024;
/// Upper bound on nesting while parsing objects and following references.
const MAX_DEPTH: usize = 64;

/// Why a precompiled letter is refused. `Display` gives the message Herald returns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrecompiledError {
    /// notifications-api's 400 `BadRequestError` for `content` that `base64.b64decode` rejects.
    #[error("Cannot decode letter content (invalid base64 encoding)")]
    InvalidBase64,
    /// notifications-api's 400 `BadRequestError` for content that is not a readable PDF.
    #[error("Letter content is not a valid PDF")]
    NotAPdf,
    /// Over [`MAX_FILE_SIZE_BYTES`] once decoded (Herald's wording).
    #[error("Letter content is too big. Files must be smaller than 2MB")]
    TooBig { bytes: usize },
    /// More than [`MAX_PAGES`] pages (notifications-admin's `letter-too-long` text).
    #[error(
        "Letters must be 10 pages or less (5 double-sided sheets of paper). Your letter is {pages} pages long."
    )]
    TooManyPages { pages: usize },
}

/// A precompiled letter that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrecompiledLetter {
    /// The decoded PDF.
    pub pdf: Vec<u8>,
    /// Its page count.
    pub pages: usize,
}

impl PrecompiledLetter {
    /// Sheets of paper when printed double-sided (what Notify bills as `billable_units`).
    #[must_use]
    pub fn sheets(&self) -> usize {
        self.pages.div_ceil(2)
    }
}

/// Decodes and checks the `content` of a precompiled letter request: base64, size, PDF header,
/// a readable page tree, and at most [`MAX_PAGES`] pages, in that order.
///
/// # Errors
///
/// The first check that fails, as a [`PrecompiledError`].
pub fn validate_precompiled_letter(content: &str) -> Result<PrecompiledLetter, PrecompiledError> {
    let pdf = decode_base64(content).ok_or(PrecompiledError::InvalidBase64)?;
    if pdf.len() > MAX_FILE_SIZE_BYTES {
        return Err(PrecompiledError::TooBig { bytes: pdf.len() });
    }
    if !has_pdf_header(&pdf) {
        return Err(PrecompiledError::NotAPdf);
    }
    let pages = count_pages(&pdf).ok_or(PrecompiledError::NotAPdf)?;
    if pages == 0 {
        return Err(PrecompiledError::NotAPdf);
    }
    if pages > MAX_PAGES {
        return Err(PrecompiledError::TooManyPages { pages });
    }
    Ok(PrecompiledLetter { pdf, pages })
}

/// `%PDF-` within the first 1024 bytes (readers tolerate a little junk before the header).
#[must_use]
pub fn has_pdf_header(data: &[u8]) -> bool {
    find(&data[..data.len().min(1024)], b"%PDF-", 0).is_some()
}

/// Python's `base64.b64decode(s)` (non-strict), as notifications-api decodes `content`: `None`
/// where Python raises.
pub use crate::file_uploads::python_b64decode as decode_base64;

// ---------------------------------------------------------------------------------------------
// A small PDF object parser
// ---------------------------------------------------------------------------------------------

/// A PDF object. Strings and reals are kept only as far as page counting needs.
#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real,
    Str,
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    /// A stream: its dictionary and the byte range of its (still encoded) data.
    Stream(Dict, std::ops::Range<usize>),
}

type Dict = Vec<(Vec<u8>, Obj)>;

fn dict_get<'d>(dict: &'d Dict, key: &[u8]) -> Option<&'d Obj> {
    dict.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(data: &'a [u8], pos: usize) -> Self {
        Self { data, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.data
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s))
    }

    fn keyword(&mut self, word: &[u8]) -> bool {
        self.skip_ws();
        let end = self.pos + word.len();
        if self.starts_with(word) && self.data.get(end).is_none_or(|b| !is_regular(*b)) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn regular_token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn unsigned(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos || self.peek().is_some_and(is_regular) {
            return None;
        }
        std::str::from_utf8(&self.data[start..self.pos])
            .ok()?
            .parse()
            .ok()
    }

    fn object(&mut self, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'<' if self.starts_with(b"<<") => {
                self.pos += 2;
                let mut dict = Dict::new();
                loop {
                    self.skip_ws();
                    if self.starts_with(b">>") {
                        self.pos += 2;
                        return Some(Obj::Dict(dict));
                    }
                    let Obj::Name(key) = self.object(depth + 1)? else {
                        return None;
                    };
                    let value = self.object(depth + 1)?;
                    dict.push((key, value));
                }
            }
            b'<' => {
                let end = find(self.data, b">", self.pos)?;
                self.pos = end + 1;
                Some(Obj::Str)
            }
            b'(' => {
                self.pos += 1;
                let mut level = 1_usize;
                while level > 0 {
                    match self.peek()? {
                        b'\\' => self.pos += 1,
                        b'(' => level += 1,
                        b')' => level -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                Some(Obj::Str)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        self.pos += 1;
                        return Some(Obj::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            b'/' => {
                self.pos += 1;
                Some(Obj::Name(self.regular_token().to_vec()))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => match self.regular_token() {
                b"true" => Some(Obj::Bool(true)),
                b"false" => Some(Obj::Bool(false)),
                b"null" => Some(Obj::Null),
                _ => None,
            },
        }
    }

    /// A number, or an `N G R` reference when an integer is followed by another and `R`.
    fn number(&mut self) -> Option<Obj> {
        let token = self.regular_token();
        let text = std::str::from_utf8(token).ok()?;
        let Ok(int) = text.parse::<i64>() else {
            return text
                .parse::<f64>()
                .is_ok()
                .then_some(Obj::Real)
                .or_else(|| {
                    // Malformed numbers like "--1" or "1.2.3": readers treat them as 0.
                    token
                        .iter()
                        .all(|b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9'))
                        .then_some(Obj::Real)
                });
        };
        let save = self.pos;
        if let (Ok(num), true) = (u32::try_from(int), token[0].is_ascii_digit())
            && let Some(generation) = self.unsigned()
            && self.keyword(b"R")
            && let Ok(generation) = u16::try_from(generation)
        {
            return Some(Obj::Ref(num, generation));
        }
        self.pos = save;
        Some(Obj::Int(int))
    }
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// Byte offset of `N G obj`.
    Offset(usize),
    /// Inside object stream `stream`, at position `index`.
    InStream { stream: u32, index: usize },
}

struct Document<'a> {
    data: &'a [u8],
    xref: HashMap<u32, Entry>,
    trailer: Dict,
}

impl<'a> Document<'a> {
    /// Loads the cross-reference data, rebuilding it by scanning if it is broken.
    fn load(data: &'a [u8]) -> Option<Self> {
        let mut doc = Self {
            data,
            xref: HashMap::new(),
            trailer: Dict::new(),
        };
        let loaded = rfind(data, b"startxref")
            .and_then(|at| Lexer::new(data, at + b"startxref".len()).unsigned())
            .and_then(|offset| usize::try_from(offset).ok())
            .is_some_and(|offset| doc.load_xref_chain(offset));
        if !loaded || doc.root_pages().is_none() {
            doc.rebuild();
        }
        Some(doc)
    }

    /// Follows the xref sections from `offset` through `/Prev` (and `/XRefStm`). Earlier entries
    /// (newer sections) win.
    fn load_xref_chain(&mut self, offset: usize) -> bool {
        let mut next = Some(offset);
        let mut seen = HashSet::new();
        let mut first = true;
        while let Some(offset) = next.take() {
            if !seen.insert(offset) || seen.len() > 256 {
                return false;
            }
            let Some(trailer) = self.load_xref_section(offset) else {
                return false;
            };
            if let Some(Obj::Int(stm)) = dict_get(&trailer, b"XRefStm")
                && let Ok(stm) = usize::try_from(*stm)
            {
                let _ = self.load_xref_section(stm);
            }
            next = match dict_get(&trailer, b"Prev") {
                Some(Obj::Int(prev)) => usize::try_from(*prev).ok(),
                _ => None,
            };
            if first {
                self.trailer = trailer;
                first = false;
            }
        }
        true
    }

    /// One xref table (+ trailer) or xref stream at `offset`; returns its trailer dictionary.
    fn load_xref_section(&mut self, offset: usize) -> Option<Dict> {
        let mut lexer = Lexer::new(self.data, offset);
        if lexer.keyword(b"xref") {
            return self.load_xref_table(lexer);
        }
        let (_, obj) = self.parse_indirect_at(offset)?;
        let Obj::Stream(dict, range) = obj else {
            return None;
        };
        if dict_get(&dict, b"Type") != Some(&Obj::Name(b"XRef".to_vec())) {
            return None;
        }
        self.load_xref_stream(&dict, range)?;
        Some(dict)
    }

    fn load_xref_table(&mut self, mut lexer: Lexer<'a>) -> Option<Dict> {
        loop {
            if lexer.keyword(b"trailer") {
                return match lexer.object(0)? {
                    Obj::Dict(dict) => Some(dict),
                    _ => None,
                };
            }
            let start = lexer.unsigned()?;
            let count = lexer.unsigned()?;
            for i in 0..count {
                let offset = lexer.unsigned()?;
                let _generation = lexer.unsigned()?;
                lexer.skip_ws();
                let kind = lexer.regular_token();
                let num = u32::try_from(start + i).ok()?;
                if kind == b"n" && offset > 0 {
                    self.xref
                        .entry(num)
                        .or_insert(Entry::Offset(usize::try_from(offset).ok()?));
                } else if kind != b"f" && kind != b"n" {
                    return None;
                }
            }
        }
    }

    fn load_xref_stream(&mut self, dict: &Dict, range: std::ops::Range<usize>) -> Option<()> {
        let data = decode_stream(self.data, dict, range)?;
        let widths: Vec<usize> = match dict_get(dict, b"W")? {
            Obj::Array(items) => items
                .iter()
                .map(|o| match o {
                    Obj::Int(w) => usize::try_from(*w).ok().filter(|w| *w <= 8),
                    _ => None,
                })
                .collect::<Option<_>>()?,
            _ => return None,
        };
        if widths.len() != 3 {
            return None;
        }
        let size = match dict_get(dict, b"Size") {
            Some(Obj::Int(size)) => *size,
            _ => return None,
        };
        let index: Vec<i64> = match dict_get(dict, b"Index") {
            Some(Obj::Array(items)) => items
                .iter()
                .map(|o| if let Obj::Int(v) = o { Some(*v) } else { None })
                .collect::<Option<_>>()?,
            _ => vec![0, size],
        };
        let row = widths.iter().sum::<usize>();
        if row == 0 {
            return None;
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks(2) {
            let [start, count] = pair else { return None };
            for i in 0..*count {
                let Some(fields) = rows.next() else {
                    return Some(());
                };
                let (a, rest) = fields.split_at(widths[0]);
                let (b, c) = rest.split_at(widths[1]);
                // A zero-width type field defaults to 1.
                let kind = if widths[0] == 0 { 1 } else { be(a) };
                let num = u32::try_from(start + i).ok()?;
                let entry = match kind {
                    1 => Entry::Offset(usize::try_from(be(b)).ok()?),
                    2 => Entry::InStream {
                        stream: u32::try_from(be(b)).ok()?,
                        index: usize::try_from(be(c)).ok()?,
                    },
                    _ => continue,
                };
                self.xref.entry(num).or_insert(entry);
            }
        }
        Some(())
    }

    /// Rebuilds the xref by scanning for `N G obj` (later definitions win), the trailer from the
    /// last `trailer` dictionary or xref stream with a `/Root`, or else from the catalog found.
    fn rebuild(&mut self) {
        let mut xref = HashMap::new();
        let mut catalog = None;
        let mut trailer = None;
        let mut at = 0;
        while let Some(found) = find(self.data, b"obj", at) {
            at = found + 3;
            let Some(start) = object_header_start(self.data, found) else {
                continue;
            };
            let Some((num, obj)) = self.parse_indirect_at(start) else {
                continue;
            };
            xref.insert(num, Entry::Offset(start));
            match &obj {
                Obj::Dict(d) if dict_get(d, b"Type") == Some(&Obj::Name(b"Catalog".to_vec())) => {
                    catalog = Some(num);
                }
                Obj::Stream(d, _) if dict_get(d, b"Root").is_some() => trailer = Some(d.clone()),
                _ => {}
            }
        }
        let mut at = 0;
        while let Some(found) = find(self.data, b"trailer", at) {
            at = found + 7;
            if let Some(Obj::Dict(d)) = Lexer::new(self.data, at).object(0)
                && dict_get(&d, b"Root").is_some()
            {
                trailer = Some(d);
            }
        }
        // Objects inside object streams, unless also defined directly.
        let streams: Vec<u32> = xref.keys().copied().collect();
        for stream in streams {
            if let Some(members) = self.object_stream_members(&xref, stream) {
                for (index, num) in members.into_iter().enumerate() {
                    xref.entry(num).or_insert(Entry::InStream { stream, index });
                }
            }
        }
        self.xref = xref;
        self.trailer = trailer.unwrap_or_else(|| {
            catalog.map_or_else(Dict::new, |num| vec![(b"Root".to_vec(), Obj::Ref(num, 0))])
        });
    }

    /// The object numbers stored in object stream `stream` (if it is one).
    fn object_stream_members(&self, xref: &HashMap<u32, Entry>, stream: u32) -> Option<Vec<u32>> {
        let Entry::Offset(offset) = *xref.get(&stream)? else {
            return None;
        };
        let (_, Obj::Stream(dict, range)) = self.parse_indirect_at(offset)? else {
            return None;
        };
        if dict_get(&dict, b"Type") != Some(&Obj::Name(b"ObjStm".to_vec())) {
            return None;
        }
        let (header, _) = object_stream_header(self.data, &dict, range)?;
        Some(header.into_iter().map(|(num, _)| num).collect())
    }

    /// Parses `N G obj <object>` at `offset`, with the stream data range for streams.
    fn parse_indirect_at(&self, offset: usize) -> Option<(u32, Obj)> {
        let mut lexer = Lexer::new(self.data, offset);
        let num = u32::try_from(lexer.unsigned()?).ok()?;
        lexer.unsigned()?;
        if !lexer.keyword(b"obj") {
            return None;
        }
        let obj = lexer.object(0)?;
        let Obj::Dict(dict) = obj else {
            return Some((num, obj));
        };
        if !lexer.keyword(b"stream") {
            return Some((num, Obj::Dict(dict)));
        }
        // The data starts after CRLF or LF.
        if lexer.starts_with(b"\r\n") {
            lexer.pos += 2;
        } else if lexer.starts_with(b"\n") || lexer.starts_with(b"\r") {
            lexer.pos += 1;
        }
        let start = lexer.pos;
        let declared = match dict_get(&dict, b"Length") {
            Some(Obj::Int(len)) => usize::try_from(*len).ok(),
            Some(Obj::Ref(n, _)) => self.direct_length(*n),
            _ => None,
        };
        let end = declared
            .map(|len| start.saturating_add(len))
            .filter(|end| {
                *end <= self.data.len() && {
                    let mut check = Lexer::new(self.data, *end);
                    check.keyword(b"endstream")
                }
            })
            .or_else(|| {
                let end = find(self.data, b"endstream", start)?;
                // Drop the EOL before `endstream`.
                let mut end = end;
                while end > start && matches!(self.data[end - 1], b'\r' | b'\n') {
                    end -= 1;
                }
                Some(end)
            })?;
        Some((num, Obj::Stream(dict, start..end)))
    }

    /// A stream `/Length` given as an indirect integer (looked up without recursion into
    /// streams).
    fn direct_length(&self, num: u32) -> Option<usize> {
        let Entry::Offset(offset) = *self.xref.get(&num)? else {
            return None;
        };
        let mut lexer = Lexer::new(self.data, offset);
        lexer.unsigned()?;
        lexer.unsigned()?;
        if !lexer.keyword(b"obj") {
            return None;
        }
        usize::try_from(lexer.unsigned()?).ok()
    }

    /// The object `num`, from the file or from an object stream.
    fn object(&self, num: u32, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        match *self.xref.get(&num)? {
            Entry::Offset(offset) => {
                let (found, obj) = self.parse_indirect_at(offset)?;
                (found == num).then_some(obj)
            }
            Entry::InStream { stream, index } => {
                let Some(Obj::Stream(dict, range)) = self.object(stream, depth + 1) else {
                    return None;
                };
                let (header, decoded) = object_stream_header(self.data, &dict, range)?;
                let first = match dict_get(&dict, b"First") {
                    Some(Obj::Int(first)) => usize::try_from(*first).ok()?,
                    _ => return None,
                };
                let (stored, offset) = *header.get(index)?;
                if stored != num {
                    return None;
                }
                Lexer::new(&decoded, first.checked_add(offset)?).object(0)
            }
        }
    }

    /// Follows references until a direct object.
    fn resolve(&self, obj: Obj, depth: usize) -> Option<Obj> {
        match obj {
            Obj::Ref(num, _) if depth < MAX_DEPTH => {
                let inner = self.object(num, depth + 1)?;
                self.resolve(inner, depth + 1)
            }
            Obj::Ref(..) => None,
            other => Some(other),
        }
    }

    fn resolve_dict(&self, obj: Obj) -> Option<Dict> {
        match self.resolve(obj, 0)? {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }

    /// `/Root` → `/Pages`.
    fn root_pages(&self) -> Option<Dict> {
        let root = self.resolve_dict(dict_get(&self.trailer, b"Root")?.clone())?;
        self.resolve_dict(dict_get(&root, b"Pages")?.clone())
    }

    /// The page count: `/Count` of the root page tree, or the leaves counted when `/Count` is
    /// missing or not a non-negative integer.
    fn page_count(&self) -> Option<usize> {
        let pages = self.root_pages()?;
        match dict_get(&pages, b"Count")
            .cloned()
            .and_then(|c| self.resolve(c, 0))
        {
            Some(Obj::Int(count)) if count >= 0 => usize::try_from(count).ok(),
            _ => {
                let mut seen = HashSet::new();
                self.count_leaves(&pages, &mut seen, 0)
            }
        }
    }

    fn count_leaves(&self, node: &Dict, seen: &mut HashSet<u32>, depth: usize) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Some(Obj::Array(kids)) = dict_get(node, b"Kids")
            .cloned()
            .and_then(|k| self.resolve(k, 0))
        else {
            return Some(1);
        };
        let mut total = 0;
        for kid in kids {
            if let Obj::Ref(num, _) = kid
                && !seen.insert(num)
            {
                return None;
            }
            let kid = self.resolve_dict(kid)?;
            total += self.count_leaves(&kid, seen, depth + 1)?;
        }
        Some(total)
    }
}

/// Where `N G obj` starts, given the offset of `obj`: the two integers before it, at the start
/// of a line or after whitespace.
fn object_header_start(data: &[u8], obj_at: usize) -> Option<usize> {
    if data.get(obj_at + 3).is_some_and(|b| is_regular(*b)) {
        return None;
    }
    let mut i = obj_at;
    let mut numbers = 0;
    while numbers < 2 {
        // Whitespace, then digits.
        let ws_end = i;
        while i > 0 && is_whitespace(data[i - 1]) {
            i -= 1;
        }
        if i == ws_end {
            return None;
        }
        let digits_end = i;
        while i > 0 && data[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if i == digits_end {
            return None;
        }
        numbers += 1;
    }
    (i == 0 || !is_regular(data[i - 1])).then_some(i)
}

/// An object stream's `(object number, offset)` pairs.
type ObjectStreamHeader = Vec<(u32, usize)>;

/// An object stream's header and its decoded data.
fn object_stream_header(
    data: &[u8],
    dict: &Dict,
    range: std::ops::Range<usize>,
) -> Option<(ObjectStreamHeader, Vec<u8>)> {
    let n = match dict_get(dict, b"N") {
        Some(Obj::Int(n)) => usize::try_from(*n).ok()?,
        _ => return None,
    };
    let decoded = decode_stream(data, dict, range)?;
    let mut lexer = Lexer::new(&decoded, 0);
    let mut header = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        let num = u32::try_from(lexer.unsigned()?).ok()?;
        let offset = usize::try_from(lexer.unsigned()?).ok()?;
        header.push((num, offset));
    }
    Some((header, decoded))
}

/// The stream's data with its filters undone. Only `FlateDecode` (with PNG or no predictor) is
/// supported, which is what cross-reference and object streams use.
fn decode_stream(data: &[u8], dict: &Dict, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
    let raw = data.get(range)?;
    let filters: Vec<Vec<u8>> = match dict_get(dict, b"Filter") {
        None | Some(Obj::Null) => Vec::new(),
        Some(Obj::Name(name)) => vec![name.clone()],
        Some(Obj::Array(items)) => items
            .iter()
            .map(|o| {
                if let Obj::Name(n) = o {
                    Some(n.clone())
                } else {
                    None
                }
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let params: Vec<Option<Dict>> = match dict_get(dict, b"DecodeParms") {
        Some(Obj::Dict(d)) => vec![Some(d.clone())],
        Some(Obj::Array(items)) => items
            .iter()
            .map(|o| {
                if let Obj::Dict(d) = o {
                    Some(d.clone())
                } else {
                    None
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut bytes = raw.to_vec();
    for (i, filter) in filters.iter().enumerate() {
        match filter.as_slice() {
            b"FlateDecode" | b"Fl" => {
                bytes = inflate(&bytes)?;
                if let Some(Some(p)) = params.get(i) {
                    bytes = unpredict(&bytes, p)?;
                }
            }
            _ => return None,
        }
    }
    Some(bytes)
}

/// zlib, falling back to raw deflate (some writers omit the zlib header or checksum).
fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    decompress_to_vec_zlib_with_limit(data, MAX_DECODED_STREAM)
        .ok()
        .or_else(|| {
            let body = data.get(2..)?;
            decompress_to_vec_with_limit(body, MAX_DECODED_STREAM).ok()
        })
}

/// Undoes a PNG predictor (`/Predictor` 10–15); `/Predictor` 1 or absent is a no-op.
fn unpredict(data: &[u8], params: &Dict) -> Option<Vec<u8>> {
    let int = |key: &[u8], default: i64| match dict_get(params, key) {
        Some(Obj::Int(v)) => *v,
        _ => default,
    };
    let predictor = int(b"Predictor", 1);
    if predictor == 1 {
        return Some(data.to_vec());
    }
    if !(10..=15).contains(&predictor) {
        return None;
    }
    let colors = usize::try_from(int(b"Colors", 1)).ok()?;
    let bits = usize::try_from(int(b"BitsPerComponent", 8)).ok()?;
    let columns = usize::try_from(int(b"Columns", 1)).ok()?;
    let bpp = (colors * bits).div_ceil(8).max(1);
    let row_len = (colors * bits * columns).div_ceil(8);
    if row_len == 0 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0_u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let (&kind, row) = chunk.split_first()?;
        let mut cur = row.to_vec();
        cur.resize(row_len, 0);
        for i in 0..row_len {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = cur[i].wrapping_add(match kind {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => return None,
            });
        }
        out.extend_from_slice(&cur[..row.len().min(row_len)]);
        prev = cur;
    }
    Some(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |acc, b| (acc << 8) | u64::from(*b))
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The number of pages of an arbitrary PDF (`len(PdfReader(pdf).pages)`), or `None` if it
/// cannot be read: no `%PDF-` header, no page tree, unsupported stream filters in the
/// cross-reference data, or encryption.
#[must_use]
pub fn count_pages(pdf: &[u8]) -> Option<usize> {
    if !has_pdf_header(pdf) {
        return None;
    }
    let doc = Document::load(pdf)?;
    if dict_get(&doc.trailer, b"Encrypt").is_some() {
        return None;
    }
    doc.page_count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec_zlib;
    use pdf_writer::{Filter, Pdf, Rect, Ref};

    /// Standard base64 encoding, for building request bodies in tests.
    fn b64(data: &[u8]) -> String {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0_u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// A document with `pages` blank A4 pages, not yet written.
    fn blank_pages(pages: usize) -> Pdf {
        let mut pdf = Pdf::new();
        let ids: Vec<Ref> = (0..pages).map(|i| Ref::new(3 + i as i32)).collect();
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2))
            .kids(ids.iter().copied())
            .count(pages as i32);
        for id in &ids {
            pdf.page(*id)
                .parent(Ref::new(2))
                .media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        }
        pdf
    }

    /// A PDF with `pages` blank A4 pages, written with a classic xref table.
    fn simple_pdf(pages: usize) -> Vec<u8> {
        blank_pages(pages).finish()
    }

    /// The same, with a Flate-compressed cross-reference stream.
    fn xref_stream_pdf(pages: usize) -> Vec<u8> {
        let pdf = blank_pages(pages);
        pdf.finish_with_xref_stream_and_filter(Ref::new(100), |data| {
            (
                compress_to_vec_zlib(data, 6),
                pdf_writer::XRefFilter::Single(Filter::FlateDecode),
            )
        })
    }

    /// A PDF 1.5 file whose catalog and page tree live in a compressed object stream, indexed by
    /// a cross-reference stream using the PNG Up predictor (as Acrobat and Word write them).
    fn object_stream_pdf(pages: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 10 + i)).collect();
        let members = [
            (1_u32, "<< /Type /Catalog /Pages 2 0 R >>".to_string()),
            (
                2,
                format!(
                    "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                    kids.join(" ")
                ),
            ),
        ];
        let mut body = String::new();
        let mut header = String::new();
        for (num, text) in &members {
            header.push_str(&format!("{num} {} ", body.len()));
            body.push_str(text);
            body.push('\n');
        }
        let first = header.len();
        let objstm = compress_to_vec_zlib(format!("{header}{body}").as_bytes(), 6);
        let mut offsets: Vec<(u32, usize)> = Vec::new();
        offsets.push((5, out.len()));
        out.extend(format!("5 0 obj\n<< /Type /ObjStm /N 2 /First {first} /Filter /FlateDecode /Length {} >>\nstream\n", objstm.len()).as_bytes());
        out.extend(&objstm);
        out.extend(b"\nendstream\nendobj\n");
        for i in 0..pages {
            let num = 10 + i as u32;
            offsets.push((num, out.len()));
            out.extend(
                format!(
                    "{num} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
                )
                .as_bytes(),
            );
        }
        // Cross-reference stream: W [1 4 2], rows for 0..=size-1, PNG Up predictor.
        let xref_num = 10 + pages as u32;
        let xref_offset = out.len();
        offsets.push((xref_num, xref_offset));
        let size = xref_num + 1;
        let mut rows: Vec<[u8; 7]> = Vec::new();
        for num in 0..size {
            let mut row = [0_u8; 7];
            if num == 1 || num == 2 {
                row[0] = 2;
                row[1..5].copy_from_slice(&5_u32.to_be_bytes());
                row[5..7].copy_from_slice(&((num - 1) as u16).to_be_bytes());
            } else if let Some((_, off)) = offsets.iter().find(|(n, _)| *n == num) {
                row[0] = 1;
                row[1..5].copy_from_slice(&(*off as u32).to_be_bytes());
            }
            rows.push(row);
        }
        let mut predicted = Vec::new();
        let mut prev = [0_u8; 7];
        for row in &rows {
            predicted.push(2);
            for i in 0..7 {
                predicted.push(row[i].wrapping_sub(prev[i]));
            }
            prev = *row;
        }
        let xref_data = compress_to_vec_zlib(&predicted, 6);
        out.extend(format!("{xref_num} 0 obj\n<< /Type /XRef /Size {size} /Root 1 0 R /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length {} >>\nstream\n", xref_data.len()).as_bytes());
        out.extend(&xref_data);
        out.extend(format!("\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn messages() {
        assert_eq!(
            PrecompiledError::InvalidBase64.to_string(),
            "Cannot decode letter content (invalid base64 encoding)"
        );
        assert_eq!(
            PrecompiledError::NotAPdf.to_string(),
            "Letter content is not a valid PDF"
        );
        assert_eq!(
            PrecompiledError::TooManyPages { pages: 12 }.to_string(),
            "Letters must be 10 pages or less (5 double-sided sheets of paper). Your letter is 12 pages long."
        );
        assert_eq!(
            PrecompiledError::TooBig { bytes: 3 }.to_string(),
            "Letter content is too big. Files must be smaller than 2MB"
        );
    }

    #[test]
    fn base64_follows_pythons_b64decode() {
        assert_eq!(decode_base64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64("aGVsbG8"), None, "Incorrect padding");
        assert_eq!(decode_base64("aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(
            decode_base64("aGVs\nbG8=\n"),
            Some(b"hello".to_vec()),
            "newlines are skipped"
        );
        assert_eq!(decode_base64("aGV sbG8="), Some(b"hello".to_vec()));
        assert_eq!(
            decode_base64("aGVsbG8=trailing"),
            Some(b"hello".to_vec()),
            "stops at padding"
        );
        assert_eq!(decode_base64("a"), None, "1 more than a multiple of 4");
        assert_eq!(
            decode_base64("aGVs!bG8="),
            Some(b"hello".to_vec()),
            "non-alphabet skipped"
        );
        assert_eq!(decode_base64(""), Some(Vec::new()));
        assert_eq!(decode_base64("=="), Some(Vec::new()));
        assert_eq!(decode_base64("aGVsbG8é"), None, "non-ASCII");
        assert_eq!(
            decode_base64("aGVsbG8-"),
            None,
            "urlsafe '-' is skipped, leaving bad padding"
        );
        let data: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_base64(&b64(&data)), Some(data));
    }

    #[test]
    fn counts_pages_of_classic_xref_pdfs() {
        for pages in [1, 2, 10, 11] {
            assert_eq!(count_pages(&simple_pdf(pages)), Some(pages));
        }
    }

    /// Loads only through the cross-reference data (no rebuild) and counts the pages.
    fn count_via_xref_only(pdf: &[u8]) -> Option<usize> {
        let at = rfind(pdf, b"startxref")?;
        let offset = usize::try_from(Lexer::new(pdf, at + 9).unsigned()?).ok()?;
        let mut doc = Document {
            data: pdf,
            xref: HashMap::new(),
            trailer: Dict::new(),
        };
        doc.load_xref_chain(offset).then(|| doc.page_count())?
    }

    #[test]
    fn reads_the_xref_data_without_falling_back_to_a_rebuild() {
        assert_eq!(count_via_xref_only(&simple_pdf(2)), Some(2));
        assert_eq!(count_via_xref_only(&xref_stream_pdf(3)), Some(3));
        assert_eq!(count_via_xref_only(&object_stream_pdf(4)), Some(4));
    }

    #[test]
    fn counts_pages_with_xref_streams() {
        assert_eq!(count_pages(&xref_stream_pdf(3)), Some(3));
    }

    #[test]
    fn counts_pages_inside_object_streams_with_png_predictors() {
        let pdf = object_stream_pdf(4);
        assert_eq!(count_pages(&pdf), Some(4));
        assert!(
            find(&pdf, b"/Type /Pages", 0).is_none(),
            "the page tree is compressed"
        );
    }

    #[test]
    fn rebuilds_a_broken_xref() {
        let mut pdf = simple_pdf(2);
        // Point startxref at garbage.
        let at = rfind(&pdf, b"startxref").unwrap_or(0);
        pdf.truncate(at);
        pdf.extend(b"startxref\n999999\n%%EOF\n");
        assert_eq!(count_pages(&pdf), Some(2));

        // No xref or trailer at all.
        let mut pdf = simple_pdf(3);
        let at = find(&pdf, b"xref", 0).unwrap_or(pdf.len());
        pdf.truncate(at);
        assert_eq!(count_pages(&pdf), Some(3));

        // Broken xref stream, objects in an object stream.
        let mut pdf = object_stream_pdf(2);
        let at = rfind(&pdf, b"startxref").unwrap_or(0);
        pdf.truncate(at);
        pdf.extend(b"startxref\n5\n%%EOF\n");
        assert_eq!(count_pages(&pdf), Some(2));
    }

    #[test]
    fn counts_leaves_when_count_is_missing() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n4 0 obj\n<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] >>\nendobj\n5 0 obj\n<< /Type /Page >>\nendobj\n6 0 obj\n<< /Type /Page >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        assert_eq!(count_pages(pdf), Some(3));
        // A cycle in the page tree is not a readable PDF.
        let cyclic = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [2 0 R] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        assert_eq!(count_pages(cyclic), None);
    }

    #[test]
    fn rejects_non_pdfs_and_encrypted_pdfs() {
        assert_eq!(count_pages(b"hello world"), None);
        assert_eq!(count_pages(b"%PDF-1.7\nnothing here\n%%EOF"), None);
        let mut pdf = simple_pdf(1);
        let at = rfind(&pdf, b"trailer").unwrap_or(0);
        let tail = String::from_utf8_lossy(&pdf[at..]).replace("<<", "<< /Encrypt 99 0 R");
        pdf.truncate(at);
        pdf.extend(tail.as_bytes());
        assert_eq!(count_pages(&pdf), None);
    }

    #[test]
    fn counts_pages_of_rendered_letters() {
        let letter = crate::letters::pdf::Letter {
            address_lines: vec!["A".into(), "B".into(), "SW1A 1AA".into()],
            contact_block: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            heading: "Heading".into(),
            body: "One\n\n---\n\nTwo".into(),
        };
        let pdf = crate::letters::pdf::render_letter(&letter);
        assert_eq!(count_pages(&pdf), Some(2));
    }

    #[test]
    fn validate_accepts_a_good_letter() {
        let pdf = simple_pdf(3);
        let letter = validate_precompiled_letter(&b64(&pdf));
        assert_eq!(letter.as_ref().map(|l| l.pages), Ok(3));
        assert_eq!(letter.as_ref().map(PrecompiledLetter::sheets), Ok(2));
        assert_eq!(letter.map(|l| l.pdf), Ok(pdf));
    }

    #[test]
    fn validate_reports_each_failure() {
        assert_eq!(
            validate_precompiled_letter("not base64!"),
            Err(PrecompiledError::InvalidBase64)
        );
        assert_eq!(
            validate_precompiled_letter(&b64(b"hello, world")),
            Err(PrecompiledError::NotAPdf)
        );
        assert_eq!(
            validate_precompiled_letter(""),
            Err(PrecompiledError::NotAPdf)
        );
        assert_eq!(
            validate_precompiled_letter(&b64(b"%PDF-1.4\ngarbage")),
            Err(PrecompiledError::NotAPdf)
        );
        assert_eq!(
            validate_precompiled_letter(&b64(&simple_pdf(11))),
            Err(PrecompiledError::TooManyPages { pages: 11 })
        );
        assert_eq!(
            validate_precompiled_letter(&b64(&simple_pdf(10))).map(|l| l.pages),
            Ok(10)
        );
        let mut big = simple_pdf(1);
        big.resize(MAX_FILE_SIZE_BYTES + 1, b' ');
        assert_eq!(
            validate_precompiled_letter(&b64(&big)),
            Err(PrecompiledError::TooBig {
                bytes: MAX_FILE_SIZE_BYTES + 1
            })
        );
    }

    #[test]
    fn never_panics_on_truncated_or_mangled_input() {
        let samples = [simple_pdf(2), xref_stream_pdf(2), object_stream_pdf(2)];
        for pdf in &samples {
            for cut in (0..pdf.len()).step_by(7) {
                let _ = count_pages(&pdf[..cut]);
            }
            for i in (0..pdf.len()).step_by(13) {
                let mut mangled = pdf.clone();
                mangled[i] ^= 0x5a;
                let _ = count_pages(&mangled);
            }
        }
    }
}
