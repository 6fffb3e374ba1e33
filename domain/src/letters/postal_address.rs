//! Postal addresses for letters, with GOV.UK Notify's rules and messages.
//!
//! Ported from alphagov/notifications-utils:
//! * `notifications_utils/recipient_validation/postal_address.py` (`PostalAddress`,
//!   `normalise_postcode`, `_is_a_real_uk_postcode`, `format_postcode_for_printing`,
//!   `format_postcode_or_none`, the BFPO parsing, `has_no_fixed_abode_address`,
//!   `as_personalisation`),
//! * `notifications_utils/formatters.py` (`get_lines_with_normalised_whitespace`,
//!   `normalise_whitespace`, `remove_whitespace_before_punctuation`, `remove_whitespace`),
//! * `notifications_utils/countries/__init__.py` (`CountryMapping.make_key` and its `the`/`yr`/`y`
//!   prefixes) and `countries/data.py` (`Postage`: `united-kingdom`, `europe`, `rest-of-world`),
//! * `notifications_utils/countries/_data/uk-postcode-zones.txt`, `uk-islands.txt` and
//!   `synonyms.json`,
//!
//! and from alphagov/notifications-api `app/notifications/validators.py` `validate_address`, which
//! `POST /v2/notifications/letter` calls with the request's `personalisation`. It reports the first
//! failing rule, in this order, as a 400 `ValidationError` ([`AddressError`] carries the exact text):
//!
//! 1. fewer than 3 lines — `Address must be at least 3 lines`;
//! 2. more than 7 lines — `Address must be no more than 7 lines`;
//! 3. a BFPO address that ends in a country — `The last line of a BFPO address must not be a
//!    country.`;
//! 4. the last line is neither a real UK postcode nor (for services with the
//!    `international_letters` permission) a country — `Must be a real UK postcode`, or with the
//!    permission `Last line of address must be a real UK postcode or another country`;
//! 5. a line starts with one of `@()=[]"\/,<>~` — `Address lines must not start with any of the
//!    following characters: @ ( ) = [ ] ” \ / , < >` (Notify's message lists a curly `”` and omits
//!    `~`, although `~` is rejected too);
//! 6. a "no fixed abode" address — `Must be a real address`.
//!
//! A valid international address returns its postage zone (`europe` or `rest-of-world`), which
//! Notify stores as the notification's `postage`; a UK address keeps the template's postage.
//!
//! # Countries
//!
//! Notify recognises every country and territory of the GOV.UK country register
//! (`location-autocomplete-graph.json`, several thousand names and synonyms), plus its own synonyms.
//! That graph was not available when this port was written, so [`COUNTRIES`] is a compact table:
//! every country in Royal Mail's Europe zone (`europe.txt`, reconstructed from Royal Mail's zone
//! list, not copied), about 150 rest-of-world countries under their GOV.UK register names, the
//! UK's constituent countries and Crown dependencies, the `synonyms.json` entries and a few common
//! endonyms. A last line naming a country that is missing here is treated as "not a country" (so a
//! UK address line), exactly as Notify treats an unknown name; widen the table to follow Notify.
//!
//! # A quirk kept on purpose
//!
//! `PostalAddress.__init__` counts "trailing UK countries" by walking the lines from the end and
//! *skipping* lines that are not countries (the `suppress(CountryNotFoundError)` sits inside the
//! loop), stopping only at a non-UK country. When the address ends in a UK country name, that many
//! lines are dropped from the end. So `1 High St / Wales / SW1A 1AA / United Kingdom` drops two
//! lines (the postcode and `United Kingdom`). This port does the same, for parity.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::LazyLock;

use crate::python::{
    is_all_whitespace_char as is_notify_whitespace, is_space as py_is_space, normalise_whitespace,
};
use crate::rendering::{py_splitlines, remove_whitespace_before_punctuation};

/// `PostalAddress.MIN_LINES`.
pub const MIN_LINES: usize = 3;
/// `PostalAddress.MAX_LINES`.
pub const MAX_LINES: usize = 7;
/// `PostalAddress.INVALID_CHARACTERS_AT_START_OF_ADDRESS_LINE`.
pub const INVALID_CHARACTERS_AT_START_OF_ADDRESS_LINE: &str = r#"@()=[]"\/,<>~"#;

/// The personalisation keys for lines 1–6 (`address_lines_1_to_6_keys`). The API accepts only
/// these snake_case spellings.
pub const ADDRESS_LINE_1_TO_6_KEYS: [&str; 6] = [
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "address_line_4",
    "address_line_5",
    "address_line_6",
];
/// `address_line_7_key`. When present it is the last line and `postcode` is ignored.
pub const ADDRESS_LINE_7_KEY: &str = "address_line_7";
/// The older templates' name for the last line, used when `address_line_7` is absent.
pub const POSTCODE_KEY: &str = "postcode";

/// `uk-postcode-zones.txt`: the postcode areas Royal Mail delivers to as UK
/// post (including `BF` for British Forces, the Crown dependencies `GY`, `JE`, `IM` and `GIR`).
const UK_POSTCODE_ZONES: [&str; 127] = [
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
    "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "GIR", "LA",
    "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR",
    "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG",
    "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ",
    "TR", "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why Notify rejects an address. `Display` gives notifications-api's exact message, which the v2
/// API returns as a 400 with `"error": "ValidationError"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("Address must be at least 3 lines")]
    NotEnoughLines,
    #[error("Address must be no more than 7 lines")]
    TooManyLines,
    #[error("The last line of a BFPO address must not be a country.")]
    CountryForBfpoAddress,
    /// The last line is not a real UK postcode and the service cannot send abroad.
    #[error("Must be a real UK postcode")]
    NotARealUkPostcode,
    /// The last line is neither a real UK postcode nor a country (international service).
    #[error("Last line of address must be a real UK postcode or another country")]
    NotARealUkPostcodeOrCountry,
    #[error(
        "Address lines must not start with any of the following characters: @ ( ) = [ ] \u{201d} \\ / , < >"
    )]
    InvalidCharacters,
    #[error("Must be a real address")]
    NoFixedAbode,
}

// ---------------------------------------------------------------------------------------------
// Postage zones and countries
// ---------------------------------------------------------------------------------------------

/// Where a letter goes (`countries.data.Postage`'s zones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostageZone {
    UnitedKingdom,
    Europe,
    RestOfWorld,
}

impl PostageZone {
    /// Notify's value (`united-kingdom`, `europe`, `rest-of-world`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnitedKingdom => "united-kingdom",
            Self::Europe => "europe",
            Self::RestOfWorld => "rest-of-world",
        }
    }
}

/// The postage of an international letter: what Notify stores as the notification's `postage`
/// instead of the template's `first`/`second`/`economy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum International {
    Europe,
    RestOfWorld,
}

impl International {
    /// Notify's postage value: `europe` or `rest-of-world`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Europe => "europe",
            Self::RestOfWorld => "rest-of-world",
        }
    }
}

impl fmt::Display for International {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country as Notify names it (`Country.canonical_name`) with its postage zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub canonical_name: &'static str,
    pub zone: PostageZone,
}

/// `countries.data.UK`.
pub const UK: &str = "United Kingdom";
const COUNTRY_UK: Country = Country {
    canonical_name: UK,
    zone: PostageZone::UnitedKingdom,
};

use PostageZone::{Europe as EU, RestOfWorld as ROW, UnitedKingdom as GB};

/// `(canonical name, zone, synonyms)`. See the module docs for what this covers.
pub const COUNTRIES: &[(&str, PostageZone, &[&str])] = &[
    (
        UK,
        GB,
        &[
            "UK",
            "U.K.",
            "GB",
            "GBR",
            "Great Britain",
            "Britain",
            "United Kingdom of Great Britain and Northern Ireland",
            "England",
            "Scotland",
            "Wales",
            "Cymru",
            "Northern Ireland",
            "N Ireland",
            "North Ireland",
            "NI",
            "Channel Islands",
            "Jersey",
            "Guernsey",
            "Isle of Man",
            "Alderney",
            "Sark",
            "Y Deyrnas Unedig",
        ],
    ),
    // Royal Mail's Europe zone.
    ("Albania", EU, &["Shqipëria"]),
    ("Andorra", EU, &[]),
    ("Armenia", EU, &[]),
    ("Austria", EU, &["Österreich", "Republik Österreich"]),
    ("Azerbaijan", EU, &[]),
    ("Azores", EU, &["Autonomous Region of the Azores"]),
    ("Balearic Islands", EU, &["Islas Baleares", "Illes Balears"]),
    ("Belarus", EU, &[]),
    ("Belgium", EU, &["België", "Belgique"]),
    ("Bosnia and Herzegovina", EU, &["Bosnia"]),
    ("Bulgaria", EU, &[]),
    (
        "Canary Islands",
        EU,
        &[
            "Islas Canarias",
            "Canaries",
            "El Hierro",
            "La Palma",
            "La Gomera",
            "Tenerife",
            "Gran Canaria",
            "Fuerteventura",
            "Lanzarote",
            "La Graciosa",
        ],
    ),
    ("Corsica", EU, &["Corse"]),
    ("Croatia", EU, &["Hrvatska"]),
    ("Cyprus", EU, &[]),
    ("Czechia", EU, &["Czech Republic", "Czechoslovakia"]),
    ("Denmark", EU, &["Danmark"]),
    ("Estonia", EU, &[]),
    ("Faroe Islands", EU, &["Faroes"]),
    ("Finland", EU, &["Suomi"]),
    ("France", EU, &["République française"]),
    ("Georgia", EU, &[]),
    (
        "Germany",
        EU,
        &[
            "Deutschland",
            "East Germany",
            "West Germany",
            "Federal Republic of Germany",
        ],
    ),
    ("Gibraltar", EU, &[]),
    ("Greece", EU, &["Hellas", "Ελλάδα"]),
    ("Greenland", EU, &[]),
    ("Hungary", EU, &["Magyarország"]),
    ("Iceland", EU, &["Ísland"]),
    (
        "Ireland",
        EU,
        &[
            "Republic of Ireland",
            "Eire",
            "Éire",
            "ROI",
            "Irish Republic",
            "Rep of Ireland",
            "South Ireland",
            "Southern Ireland",
        ],
    ),
    ("Italy", EU, &["Italia"]),
    ("Kazakhstan", EU, &["Khazakhstan"]),
    ("Kosovo", EU, &[]),
    ("Kyrgyzstan", EU, &[]),
    ("Latvia", EU, &[]),
    ("Liechtenstein", EU, &[]),
    ("Lithuania", EU, &[]),
    ("Luxembourg", EU, &[]),
    (
        "Madeira",
        EU,
        &["Autonomous Region of Madeira", "Região Autónoma da Madeira"],
    ),
    ("Malta", EU, &[]),
    ("Moldova", EU, &[]),
    ("Monaco", EU, &[]),
    ("Montenegro", EU, &[]),
    (
        "Netherlands",
        EU,
        &["Holland", "Nederland", "The Netherlands"],
    ),
    ("North Macedonia", EU, &["Macedonia"]),
    ("Norway", EU, &["Norge"]),
    ("Poland", EU, &["Polska"]),
    ("Portugal", EU, &[]),
    ("Romania", EU, &[]),
    ("Russia", EU, &["Russian Federation"]),
    ("San Marino", EU, &["San Marino, Republic of"]),
    ("Serbia", EU, &[]),
    ("Slovakia", EU, &[]),
    ("Slovenia", EU, &[]),
    ("Spain", EU, &["España", "Espana"]),
    ("Sweden", EU, &["Sverige"]),
    ("Switzerland", EU, &["Schweiz", "Suisse", "Svizzera"]),
    ("Tajikistan", EU, &[]),
    ("Turkey", EU, &["Türkiye", "Turkiye"]),
    ("Turkmenistan", EU, &[]),
    ("Ukraine", EU, &[]),
    ("Uzbekistan", EU, &[]),
    ("Vatican City", EU, &["Vatican", "Holy See"]),
    // Rest of the world.
    ("Afghanistan", ROW, &[]),
    ("Algeria", ROW, &[]),
    ("Angola", ROW, &[]),
    ("Anguilla", ROW, &[]),
    ("Antigua and Barbuda", ROW, &["Antigua"]),
    ("Argentina", ROW, &[]),
    ("Aruba", ROW, &[]),
    ("Ascension Island", ROW, &[]),
    ("Australia", ROW, &[]),
    ("Bahrain", ROW, &[]),
    ("Bangladesh", ROW, &[]),
    ("Barbados", ROW, &[]),
    ("Belize", ROW, &[]),
    ("Benin", ROW, &[]),
    ("Bermuda", ROW, &[]),
    ("Bhutan", ROW, &[]),
    ("Bolivia", ROW, &[]),
    ("Botswana", ROW, &[]),
    ("Brazil", ROW, &["Brasil"]),
    ("British Virgin Islands", ROW, &["Virgin Islands, British"]),
    ("Brunei", ROW, &[]),
    ("Burkina Faso", ROW, &[]),
    ("Burundi", ROW, &[]),
    ("Cambodia", ROW, &[]),
    ("Cameroon", ROW, &[]),
    ("Canada", ROW, &[]),
    ("Cape Verde", ROW, &["Cabo Verde"]),
    ("Cayman Islands", ROW, &[]),
    ("Central African Republic", ROW, &[]),
    ("Chad", ROW, &[]),
    ("Chile", ROW, &[]),
    ("China", ROW, &["People's Republic of China", "PRC"]),
    ("Colombia", ROW, &[]),
    ("Comoros", ROW, &[]),
    (
        "Congo",
        ROW,
        &["Republic of the Congo", "Congo, Democratic Republic of"],
    ),
    ("Costa Rica", ROW, &[]),
    ("Cuba", ROW, &[]),
    ("Curaçao", ROW, &["Curacao (former Netherlands Antilles)"]),
    (
        "Democratic Republic of the Congo",
        ROW,
        &["DRC", "DR Congo"],
    ),
    ("Djibouti", ROW, &["Djibouti, Republic of"]),
    ("Dominica", ROW, &["Dominica, Commonwealth of"]),
    ("Dominican Republic", ROW, &[]),
    ("Dubai", ROW, &["Dubai UAE"]),
    ("East Timor", ROW, &["Timor-Leste"]),
    ("Easter Island", ROW, &[]),
    ("Ecuador", ROW, &[]),
    ("Egypt", ROW, &[]),
    ("El Salvador", ROW, &[]),
    ("Equatorial Guinea", ROW, &[]),
    ("Eritrea", ROW, &[]),
    ("Eswatini", ROW, &["Swaziland"]),
    ("Ethiopia", ROW, &[]),
    (
        "Falkland Islands",
        ROW,
        &[
            "Falkland",
            "The Falklands",
            "The Falkland Islands",
            "Falklands",
        ],
    ),
    ("Fiji", ROW, &[]),
    ("French Guiana", ROW, &[]),
    ("French Polynesia", ROW, &[]),
    ("Gabon", ROW, &[]),
    ("Ghana", ROW, &[]),
    ("Grenada", ROW, &[]),
    ("Guadeloupe", ROW, &[]),
    ("Guatemala", ROW, &[]),
    ("Guinea", ROW, &[]),
    ("Guinea-Bissau", ROW, &[]),
    ("Guyana", ROW, &[]),
    ("Haiti", ROW, &[]),
    ("Honduras", ROW, &[]),
    ("Hong Kong", ROW, &[]),
    ("India", ROW, &["Bharat"]),
    ("Indonesia", ROW, &[]),
    ("Iran", ROW, &[]),
    ("Iraq", ROW, &[]),
    ("Israel", ROW, &[]),
    ("Ivory Coast", ROW, &["Côte d'Ivoire", "Cote d'Ivoire"]),
    ("Jamaica", ROW, &[]),
    ("Japan", ROW, &["Nippon"]),
    ("Jordan", ROW, &[]),
    ("Kenya", ROW, &[]),
    ("Kiribati", ROW, &[]),
    ("Kuwait", ROW, &[]),
    ("Laos", ROW, &[]),
    ("Lebanon", ROW, &[]),
    ("Lesotho", ROW, &[]),
    ("Liberia", ROW, &[]),
    ("Libya", ROW, &[]),
    ("Macao", ROW, &["Macau"]),
    ("Madagascar", ROW, &[]),
    ("Malawi", ROW, &[]),
    ("Malaysia", ROW, &[]),
    ("Maldives", ROW, &[]),
    ("Mali", ROW, &[]),
    ("Marshall Islands", ROW, &[]),
    ("Martinique", ROW, &[]),
    ("Mauritania", ROW, &["République Islamique de Mauritanie"]),
    ("Mauritius", ROW, &[]),
    ("Mexico", ROW, &["México"]),
    ("Micronesia", ROW, &["Micronesia, Federated States of"]),
    ("Mongolia", ROW, &[]),
    ("Montserrat", ROW, &[]),
    ("Morocco", ROW, &[]),
    ("Mozambique", ROW, &[]),
    ("Myanmar (Burma)", ROW, &["Burma", "Myanmar"]),
    ("Namibia", ROW, &[]),
    ("Nauru", ROW, &[]),
    ("Nepal", ROW, &[]),
    ("New Caledonia", ROW, &[]),
    ("New Zealand", ROW, &["New Zeeland", "Aotearoa"]),
    ("Nicaragua", ROW, &[]),
    ("Niger", ROW, &[]),
    ("Nigeria", ROW, &[]),
    ("North Korea", ROW, &[]),
    (
        "Occupied Palestinian Territories",
        ROW,
        &[
            "Palestinian Territory",
            "Palestine, state of",
            "State of Palestine",
            "Palestine",
        ],
    ),
    ("Oman", ROW, &[]),
    ("Pakistan", ROW, &[]),
    ("Palau", ROW, &[]),
    ("Panama", ROW, &[]),
    ("Papua New Guinea", ROW, &[]),
    ("Paraguay", ROW, &[]),
    ("Peru", ROW, &[]),
    ("Philippines", ROW, &[]),
    (
        "Pitcairn, Henderson, Ducie and Oeno Islands",
        ROW,
        &[
            "Pitcairn Island",
            "Henderson Island",
            "Ducie Island",
            "Oeno Island",
        ],
    ),
    ("Qatar", ROW, &[]),
    ("Réunion", ROW, &["Reunion"]),
    ("Rwanda", ROW, &["Rwanda, Republic of"]),
    ("Saint Helena", ROW, &["St Helena"]),
    ("Samoa", ROW, &[]),
    ("Sao Tome and Principe", ROW, &[]),
    ("Saudi Arabia", ROW, &[]),
    ("Senegal", ROW, &[]),
    ("Seychelles", ROW, &[]),
    ("Sierra Leone", ROW, &[]),
    ("Singapore", ROW, &[]),
    ("Solomon Islands", ROW, &[]),
    ("Somalia", ROW, &[]),
    ("South Africa", ROW, &[]),
    (
        "South Georgia and the South Sandwich Islands",
        ROW,
        &[
            "the south sandwich islands",
            "the sandwich islands",
            "South Georgia",
        ],
    ),
    (
        "South Korea",
        ROW,
        &["Korea", "Korea, Republic of", "Republic of Korea"],
    ),
    ("South Sudan", ROW, &[]),
    ("Sri Lanka", ROW, &[]),
    (
        "St Kitts and Nevis",
        ROW,
        &["Saint Kitts and Nevis", "Saint Kitts", "St Kitts"],
    ),
    ("St Lucia", ROW, &["Saint Lucia"]),
    (
        "St Vincent",
        ROW,
        &[
            "Saint Vincent",
            "St Vincent and the Grenadines",
            "Saint Vincent and the Grenadines",
        ],
    ),
    ("Sudan", ROW, &[]),
    ("Suriname", ROW, &[]),
    ("Syria", ROW, &[]),
    ("Taiwan", ROW, &["Republic of China"]),
    ("Tanzania", ROW, &[]),
    ("Thailand", ROW, &[]),
    ("The Bahamas", ROW, &["Bahamas"]),
    ("The Gambia", ROW, &["Gambia"]),
    ("Togo", ROW, &[]),
    ("Tonga", ROW, &[]),
    ("Trinidad and Tobago", ROW, &["Trinidad"]),
    ("Tristan da Cunha", ROW, &["Tristan"]),
    ("Tunisia", ROW, &[]),
    ("Turks and Caicos Islands", ROW, &[]),
    ("Tuvalu", ROW, &[]),
    ("Uganda", ROW, &[]),
    ("United Arab Emirates", ROW, &["UAE"]),
    (
        "United States",
        ROW,
        &[
            "USA",
            "US",
            "U.S.A.",
            "United States of America",
            "United States America",
            "United States Amercia",
            "United States of Amercia",
            "America",
            "Amercia",
            "Hawaii",
            "the united states of amercia",
        ],
    ),
    ("Uruguay", ROW, &[]),
    ("Vanuatu", ROW, &[]),
    ("Venezuela", ROW, &[]),
    ("Vietnam", ROW, &["Viet Nam"]),
    ("Yemen", ROW, &[]),
    ("Zambia", ROW, &[]),
    ("Zimbabwe", ROW, &[]),
];

/// `CountryMapping.make_key`: `&` and `+` become `and`, the characters `` _-'’,.()`` are
/// dropped, the rest lower-cased, and accents downgraded to ASCII (`SanitiseASCII.encode`) unless
/// a character has no ASCII form, in which case the un-downgraded key is used.
fn country_key(name: &str) -> String {
    let replaced = name.replace(['&', '+'], "and");
    let normalised: String = replaced
        .chars()
        .filter(|c| !" _-'\u{2019},.()".contains(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut ascii = String::with_capacity(normalised.len());
    for c in normalised.chars() {
        match ascii_fold(c) {
            Some(s) => ascii.push_str(s),
            None if c.is_ascii() => ascii.push(c),
            None => return normalised,
        }
    }
    ascii
}

/// The accented Latin letters `SanitiseASCII` downgrades (lower case only: keys are lower-cased
/// first). `None` for ASCII and for characters without an ASCII form.
fn ascii_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// `Country(name)`: looks the name up as given, then with `the `, `yr ` and `y ` in front (so
/// `Netherlands` finds `The Netherlands` and Welsh names with articles match).
#[must_use]
pub fn find_country(name: &str) -> Option<Country> {
    let key = country_key(name);
    if key.is_empty() {
        return None;
    }
    ["", "the", "yr", "y"]
        .iter()
        .find_map(|prefix| lookup_country_key(&format!("{prefix}{key}")))
}

fn lookup_country_key(key: &str) -> Option<Country> {
    COUNTRY_KEYS.get(key).copied()
}

/// Every country's name and synonyms by [`country_key`], built once; the
/// first country in [`COUNTRIES`] to claim a key keeps it.
static COUNTRY_KEYS: LazyLock<HashMap<String, Country>> = LazyLock::new(|| {
    let mut keys = HashMap::new();
    for (canonical, zone, synonyms) in COUNTRIES {
        let country = Country {
            canonical_name: canonical,
            zone: *zone,
        };
        for name in std::iter::once(canonical).chain(synonyms.iter()) {
            keys.entry(country_key(name)).or_insert(country);
        }
    }
    keys
});

// ---------------------------------------------------------------------------------------------
// Postcodes
// ---------------------------------------------------------------------------------------------

/// `normalise_postcode`: all whitespace removed, upper-cased.
#[must_use]
pub fn normalise_postcode(postcode: &str) -> String {
    postcode
        .chars()
        .filter(|c| !is_notify_whitespace(*c))
        .flat_map(char::to_uppercase)
        .collect()
}

/// `_is_a_real_uk_postcode`: the normalised postcode must fully match
/// `(ZONE)[0-9][0-9A-Z]?[0-9][A-BD-HJLNP-UW-Z]{2}` where ZONE is a UK postcode area.
#[must_use]
pub fn is_a_real_uk_postcode(postcode: &str) -> bool {
    let normalised = normalise_postcode(postcode);
    UK_POSTCODE_ZONES.iter().any(|zone| {
        normalised
            .strip_prefix(zone)
            .is_some_and(postcode_tail_matches)
    })
}

/// `[0-9][0-9A-Z]?[0-9][A-BD-HJLNP-UW-Z]{2}` anchored at both ends.
fn postcode_tail_matches(tail: &str) -> bool {
    let b = tail.as_bytes();
    let inward_letter = |c: u8| c.is_ascii_uppercase() && !b"CIKMOV".contains(&c);
    let ends_well = |rest: &[u8]| {
        rest.len() == 3
            && rest[0].is_ascii_digit()
            && inward_letter(rest[1])
            && inward_letter(rest[2])
    };
    match b.first() {
        Some(first) if first.is_ascii_digit() => {
            let rest = &b[1..];
            ends_well(rest)
                || (rest
                    .first()
                    .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
                    && ends_well(&rest[1..]))
        }
        _ => false,
    }
}

/// `format_postcode_for_printing`: normalised, with a space before the inward code (the last
/// three characters). Meant for postcodes that [`is_a_real_uk_postcode`] accepts.
#[must_use]
pub fn format_postcode_for_printing(postcode: &str) -> String {
    let normalised = normalise_postcode(postcode);
    let chars: Vec<char> = normalised.chars().collect();
    let split = chars.len().saturating_sub(3);
    let outward: String = chars[..split].iter().collect();
    let inward: String = chars[split..].iter().collect();
    format!("{outward} {inward}")
}

/// `format_postcode_or_none`: the printable postcode if it is a real UK postcode.
#[must_use]
pub fn format_postcode_or_none(postcode: &str) -> Option<String> {
    is_a_real_uk_postcode(postcode).then(|| format_postcode_for_printing(postcode))
}

// ---------------------------------------------------------------------------------------------
// Line normalisation (formatters.py)
// ---------------------------------------------------------------------------------------------

/// The `_lines` of `PostalAddress.__init__`: each line whitespace-normalised, trailing spaces
/// and commas removed, empty lines dropped, space before `,`/`.` removed. `[""]` when nothing is
/// left.
fn address_lines(raw: &str) -> Vec<String> {
    let lines: Vec<String> = py_splitlines(raw)
        .into_iter()
        .map(normalise_whitespace)
        .filter_map(|line| {
            let trimmed = line.trim_end_matches([' ', ',']);
            (!trimmed.is_empty()).then(|| remove_whitespace_before_punctuation(trimmed))
        })
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

// ---------------------------------------------------------------------------------------------
// BFPO
// ---------------------------------------------------------------------------------------------

/// `^\s*bfpo\s*(?:c\/o)?(?:\s*(\d+))?\s*$` on the lower-cased line: `None` if the line is not a
/// BFPO line, `Some(None)` for a bare `BFPO` line, `Some(Some(number))` with the number's digits.
fn parse_bfpo_line(line: &str) -> Option<Option<String>> {
    let lower = line.to_lowercase();
    let rest = lower.trim_start_matches(py_is_space).strip_prefix("bfpo")?;
    let rest = rest.trim_start_matches(py_is_space);
    let rest = rest.strip_prefix("c/o").unwrap_or(rest);
    let rest = rest.trim_start_matches(py_is_space);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(digits_end);
    if !tail.chars().all(py_is_space) {
        return None;
    }
    Some((!digits.is_empty()).then(|| digits.to_string()))
}

/// `_parse_and_extract_bfpo`: the number of the first numbered BFPO line (as Python's `int()`
/// would print it) and the lines without any BFPO line; no number and the lines unchanged if no
/// line carries a BFPO number.
fn parse_and_extract_bfpo(lines: &[String]) -> (Option<String>, Vec<String>) {
    let number = lines
        .iter()
        .find_map(|line| parse_bfpo_line(line).flatten());
    match number {
        None => (None, lines.to_vec()),
        Some(digits) => {
            let trimmed = digits.trim_start_matches('0');
            let number = if trimmed.is_empty() { "0" } else { trimmed };
            let rest = lines
                .iter()
                .filter(|line| parse_bfpo_line(line).is_none())
                .cloned()
                .collect();
            (Some(number.to_string()), rest)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// PostalAddress
// ---------------------------------------------------------------------------------------------

/// A letter's address as Notify parses it (`PostalAddress`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    raw_address: String,
    bfpo_number: Option<String>,
    country: Country,
    lines_without_country_or_bfpo: Vec<String>,
}

/// A valid address, as Notify keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAddress {
    /// `normalised_lines`: whitespace tidied, the postcode formatted for printing (`SW1A 1AA`),
    /// a BFPO line as `BFPO <n>` after the postcode, and a country line replaced by its canonical
    /// name (or dropped for a UK country name).
    pub lines: Vec<String>,
    /// `Some` for an international letter: the postage Notify stores instead of the template's.
    pub postage_zone: Option<International>,
    /// The formatted UK postcode, if the address has one.
    pub postcode: Option<String>,
    /// The BFPO number of a British Forces address.
    pub bfpo_number: Option<String>,
}

impl PostalAddress {
    /// `PostalAddress(raw_address)`: one address line per line of `raw`.
    #[must_use]
    pub fn new(raw: &str) -> Self {
        let lines = address_lines(raw);
        let (bfpo_number, lines_without_bfpo) = parse_and_extract_bfpo(&lines);
        let trailing_uk = trailing_uk_country_count(&lines_without_bfpo);
        let lines_to_truncate = trailing_uk.max(1);
        let last_country = lines_without_bfpo.last().and_then(|l| find_country(l));
        let (country, lines_without_country_or_bfpo) = match last_country {
            Some(country) => {
                let keep = lines_without_bfpo.len().saturating_sub(lines_to_truncate);
                (country, lines_without_bfpo[..keep].to_vec())
            }
            None => (COUNTRY_UK, lines_without_bfpo),
        };
        Self {
            raw_address: raw.to_string(),
            bfpo_number,
            country,
            lines_without_country_or_bfpo,
        }
    }

    /// `PostalAddress.from_personalisation`: lines `address_line_1`..`address_line_6`, then
    /// `address_line_7` if that key is present, otherwise `postcode`. Missing keys count as blank
    /// lines (and blank lines are dropped).
    #[must_use]
    pub fn from_personalisation(personalisation: &BTreeMap<String, String>) -> Self {
        let last_key = if personalisation.contains_key(ADDRESS_LINE_7_KEY) {
            ADDRESS_LINE_7_KEY
        } else {
            POSTCODE_KEY
        };
        let raw = ADDRESS_LINE_1_TO_6_KEYS
            .iter()
            .chain(std::iter::once(&last_key))
            .map(|key| personalisation.get(*key).map_or("", String::as_str))
            .collect::<Vec<_>>()
            .join("\n");
        Self::new(&raw)
    }

    /// The text this address was built from.
    #[must_use]
    pub fn raw_address(&self) -> &str {
        &self.raw_address
    }

    /// The country (the UK unless the last line names another country).
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }

    /// The postage zone of [`Self::country`].
    #[must_use]
    pub fn postage(&self) -> PostageZone {
        self.country.zone
    }

    /// Whether the letter goes abroad.
    #[must_use]
    pub fn international(&self) -> bool {
        self.postage() != PostageZone::UnitedKingdom
    }

    /// The BFPO number, for a British Forces Post Office address.
    #[must_use]
    pub fn bfpo_number(&self) -> Option<&str> {
        self.bfpo_number.as_deref()
    }

    #[must_use]
    pub fn is_bfpo_address(&self) -> bool {
        self.bfpo_number.is_some()
    }

    /// The formatted postcode, if the (non-international) address ends in a real UK postcode.
    #[must_use]
    pub fn postcode(&self) -> Option<String> {
        if self.international() {
            return None;
        }
        self.lines_without_country_or_bfpo
            .last()
            .and_then(|line| format_postcode_or_none(line))
    }

    /// `normalised_lines`.
    #[must_use]
    pub fn normalised_lines(&self) -> Vec<String> {
        let base = &self.lines_without_country_or_bfpo;
        let all_but_last = &base[..base.len().saturating_sub(1)];
        let mut lines: Vec<String> =
            match (&self.bfpo_number, self.international(), self.postcode()) {
                (Some(bfpo), true, _) => {
                    let mut l = base.clone();
                    l.push(format!("BFPO {bfpo}"));
                    l.push(self.country.canonical_name.to_string());
                    l
                }
                (Some(bfpo), false, Some(postcode)) => {
                    let mut l = all_but_last.to_vec();
                    l.push(postcode);
                    l.push(format!("BFPO {bfpo}"));
                    l
                }
                (Some(bfpo), false, None) => {
                    let mut l = base.clone();
                    l.push(format!("BFPO {bfpo}"));
                    l
                }
                (None, true, _) => {
                    let mut l = base.clone();
                    l.push(self.country.canonical_name.to_string());
                    l
                }
                (None, false, Some(postcode)) => {
                    let mut l = all_but_last.to_vec();
                    l.push(postcode);
                    l
                }
                (None, false, None) => base.clone(),
            };
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// `normalised`: the normalised lines joined with newlines.
    #[must_use]
    pub fn normalised(&self) -> String {
        self.normalised_lines().join("\n")
    }

    /// `as_single_line`: the normalised lines joined with `", "`.
    #[must_use]
    pub fn as_single_line(&self) -> String {
        self.normalised_lines().join(", ")
    }

    /// `line_count` (`len(normalised.splitlines())`).
    #[must_use]
    pub fn line_count(&self) -> usize {
        let normalised = self.normalised();
        py_splitlines(&normalised).len()
    }

    #[must_use]
    pub fn has_enough_lines(&self) -> bool {
        self.line_count() >= MIN_LINES
    }

    #[must_use]
    pub fn has_too_many_lines(&self) -> bool {
        self.line_count() > MAX_LINES
    }

    #[must_use]
    pub fn has_valid_postcode(&self) -> bool {
        self.postcode().is_some()
    }

    /// `has_valid_last_line`.
    #[must_use]
    pub fn has_valid_last_line(&self, allow_international: bool) -> bool {
        (allow_international && self.international() && !self.is_bfpo_address())
            || self.has_valid_postcode()
            || (self.is_bfpo_address() && !self.has_invalid_country_for_bfpo_address())
    }

    /// `has_invalid_characters`: a normalised line starts with one of
    /// [`INVALID_CHARACTERS_AT_START_OF_ADDRESS_LINE`].
    #[must_use]
    pub fn has_invalid_characters(&self) -> bool {
        self.normalised_lines().iter().any(|line| {
            line.chars()
                .next()
                .is_some_and(|c| INVALID_CHARACTERS_AT_START_OF_ADDRESS_LINE.contains(c))
        })
    }

    /// `has_no_fixed_abode_address`: a line that is just `NFA`, or `no fixed abode` /
    /// `no fixed address` anywhere (case-insensitive).
    #[must_use]
    pub fn has_no_fixed_abode_address(&self) -> bool {
        if self
            .normalised_lines()
            .iter()
            .any(|line| line.to_lowercase() == "nfa")
        {
            return true;
        }
        let lower = self.normalised().to_lowercase();
        lower.contains("no fixed abode") || lower.contains("no fixed address")
    }

    /// `has_invalid_country_for_bfpo_address`.
    #[must_use]
    pub fn has_invalid_country_for_bfpo_address(&self) -> bool {
        self.international() && self.is_bfpo_address()
    }

    /// `valid`.
    #[must_use]
    pub fn is_valid(&self, allow_international: bool) -> bool {
        self.validate(allow_international).is_ok()
    }

    /// notifications-api `validate_address`: the checks in Notify's order, the first failure
    /// reported. `allow_international` is whether the service has the `international_letters`
    /// permission.
    ///
    /// # Errors
    ///
    /// The first rule the address breaks, as an [`AddressError`] whose `Display` is Notify's
    /// message.
    pub fn validate(&self, allow_international: bool) -> Result<ValidAddress, AddressError> {
        if !self.has_enough_lines() {
            return Err(AddressError::NotEnoughLines);
        }
        if self.has_too_many_lines() {
            return Err(AddressError::TooManyLines);
        }
        if self.has_invalid_country_for_bfpo_address() {
            return Err(AddressError::CountryForBfpoAddress);
        }
        if !self.has_valid_last_line(allow_international) {
            return Err(if allow_international {
                AddressError::NotARealUkPostcodeOrCountry
            } else {
                AddressError::NotARealUkPostcode
            });
        }
        if self.has_invalid_characters() {
            return Err(AddressError::InvalidCharacters);
        }
        if self.has_no_fixed_abode_address() {
            return Err(AddressError::NoFixedAbode);
        }
        let postage_zone = match self.postage() {
            PostageZone::UnitedKingdom => None,
            PostageZone::Europe => Some(International::Europe),
            PostageZone::RestOfWorld => Some(International::RestOfWorld),
        };
        Ok(ValidAddress {
            lines: self.normalised_lines(),
            postage_zone,
            postcode: self.postcode(),
            bfpo_number: self.bfpo_number.clone(),
        })
    }

    /// `as_personalisation`: the normalised address spread over `address_line_1`..`address_line_7`
    /// and `postcode` (lines 1–6 from the start, the last line as both `address_line_7` and
    /// `postcode`; for BFPO addresses the postcode goes in line 6 and `postcode`, and the BFPO
    /// line in line 7). This is how Notify stores a letter's address.
    #[must_use]
    pub fn as_personalisation(&self) -> BTreeMap<String, String> {
        let lines = self.normalised_lines();
        let postcode = self.postcode();
        let bfpo_with_postcode = postcode.is_some() && self.is_bfpo_address();
        let offset = if bfpo_with_postcode { 2 } else { 1 };
        let mut out: BTreeMap<String, String> = ADDRESS_LINE_1_TO_6_KEYS
            .iter()
            .map(|k| ((*k).to_string(), String::new()))
            .collect();
        for (index, value) in lines[..lines.len().saturating_sub(offset)]
            .iter()
            .enumerate()
            .take(6)
        {
            out.insert(format!("address_line_{}", index + 1), value.clone());
        }
        let last = lines.last().cloned().unwrap_or_default();
        out.insert(ADDRESS_LINE_7_KEY.to_string(), last.clone());
        out.insert(POSTCODE_KEY.to_string(), last);
        if bfpo_with_postcode {
            let postcode = postcode.unwrap_or_default();
            out.insert("address_line_6".to_string(), postcode.clone());
            out.insert(POSTCODE_KEY.to_string(), postcode);
        } else if self.is_bfpo_address() {
            out.insert(POSTCODE_KEY.to_string(), String::new());
        }
        out
    }
}

/// `PostalAddress.trailing_uk_countries` counted: walking back from the last line, lines naming
/// the UK are counted, lines that are not countries are skipped, and the walk stops at another
/// country (see the module docs).
fn trailing_uk_country_count(lines: &[String]) -> usize {
    let mut count = 0;
    for line in lines.iter().rev() {
        match find_country(line) {
            Some(country) if country.zone == PostageZone::UnitedKingdom => count += 1,
            Some(_) => break,
            None => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(raw: &str) -> PostalAddress {
        PostalAddress::new(raw)
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn error_messages_are_notifys() {
        assert_eq!(
            AddressError::NotEnoughLines.to_string(),
            "Address must be at least 3 lines"
        );
        assert_eq!(
            AddressError::TooManyLines.to_string(),
            "Address must be no more than 7 lines"
        );
        assert_eq!(
            AddressError::CountryForBfpoAddress.to_string(),
            "The last line of a BFPO address must not be a country."
        );
        assert_eq!(
            AddressError::NotARealUkPostcode.to_string(),
            "Must be a real UK postcode"
        );
        assert_eq!(
            AddressError::NotARealUkPostcodeOrCountry.to_string(),
            "Last line of address must be a real UK postcode or another country"
        );
        assert_eq!(
            AddressError::InvalidCharacters.to_string(),
            "Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >"
        );
        assert_eq!(
            AddressError::NoFixedAbode.to_string(),
            "Must be a real address"
        );
    }

    #[test]
    fn country_detection() {
        let uk = "\n123 Example Street\nCity of Town\nSW1A 1AA\n";
        assert_eq!(addr(uk).country().canonical_name, UK);
        assert_eq!(
            addr("123 Example Street\nCity of Town\nSW1A 1AA\nUnited Kingdom")
                .country()
                .canonical_name,
            UK
        );
        assert_eq!(
            addr("123 Example Street\nCity of Town\nWales")
                .country()
                .canonical_name,
            UK
        );
        assert_eq!(
            addr("123 Example Straße\nDeutschland")
                .country()
                .canonical_name,
            "Germany"
        );
    }

    #[test]
    fn find_country_normalises_like_make_key() {
        let name = |s: &str| find_country(s).map(|c| c.canonical_name);
        assert_eq!(name("germany"), Some("Germany"));
        assert_eq!(name("  GERMANY "), Some("Germany"));
        assert_eq!(name("Côte d'Ivoire"), Some("Ivory Coast"));
        assert_eq!(name("Cote d’Ivoire"), Some("Ivory Coast"));
        assert_eq!(name("usa"), Some("United States"));
        assert_eq!(name("U.S.A."), Some("United States"));
        assert_eq!(name("Bosnia & Herzegovina"), Some("Bosnia and Herzegovina"));
        assert_eq!(name("Trinidad + Tobago"), Some("Trinidad and Tobago"));
        assert_eq!(name("Guinea Bissau"), Some("Guinea-Bissau"));
        // "the" prefix: Bahamas is stored as "The Bahamas"; "Netherlands" has both.
        assert_eq!(name("Bahamas"), Some("The Bahamas"));
        assert_eq!(name("the Netherlands"), Some("Netherlands"));
        assert_eq!(name("Guernsey"), Some(UK));
        assert_eq!(name("Myanmar"), Some("Myanmar (Burma)"));
        assert_eq!(name("City of Town"), None);
        assert_eq!(name("SW1A 1AA"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn every_country_name_and_synonym_finds_its_own_entry() {
        for (canonical, zone, synonyms) in COUNTRIES {
            for name in std::iter::once(canonical).chain(synonyms.iter()) {
                let found = find_country(name).map(|c| (c.canonical_name, c.zone));
                assert_eq!(found, Some((*canonical, *zone)), "{name}");
            }
        }
    }

    #[test]
    fn enough_and_too_many_lines() {
        assert!(!addr("").has_enough_lines());
        assert!(addr("123 Example Street\nCity of Town\nSW1A 1AA").has_enough_lines());
        // A UK country line is dropped, so this is two lines.
        assert!(!addr("123 Example Street\nCity of Town\nUnited Kingdom").has_enough_lines());
        assert!(!addr("123 Example Street\n\n\nCity of Town").has_enough_lines());
        assert!(addr("1\n2\n3\n4\n5\n6\n7\n8").has_enough_lines());

        assert!(!addr("").has_too_many_lines());
        assert!(
            !addr("Line 1\nLine 2\nLine 3\nLine 4\nLine 5\nLine 6\nLine 7").has_too_many_lines()
        );
        assert!(
            !addr("Line 1\n\nLine 2\n\nLine 3\n\nLine 4\n\nLine 5\n\nLine 6\n\nLine 7")
                .has_too_many_lines()
        );
        assert!(
            !addr("Line 1\nLine 2\nLine 3\nLine 4\nLine 5\nLine 6\nLine 7\nScotland")
                .has_too_many_lines()
        );
        assert!(
            addr("Line 1\nLine 2\nLine 3\nLine 4\nLine 5\nLine 6\nLine 7\nLine 8")
                .has_too_many_lines()
        );
    }

    #[test]
    fn postcode_extraction() {
        assert_eq!(addr("").postcode(), None);
        assert_eq!(
            addr("123 Example Street\nCity of Town\nSW1A 1AA")
                .postcode()
                .as_deref(),
            Some("SW1A 1AA")
        );
        assert_eq!(
            addr("123 Example Street\nCity of Town\nS W1 A 1 AA")
                .postcode()
                .as_deref(),
            Some("SW1A 1AA")
        );
        assert_eq!(addr("123 Example Straße\nDeutschland").postcode(), None);
        assert_eq!(
            addr("123 Example Straße\nSW1A 1AA\nDeutschland").postcode(),
            None
        );
    }

    #[test]
    fn invalid_characters_at_line_start() {
        assert!(!addr("").has_invalid_characters());
        assert!(!addr("1[23 Example Street)\nC@ity of Town\nSW1A 1AA").has_invalid_characters());
        assert!(addr("[123 Example Street\n(ity of Town\n]S W1 A 1 AA").has_invalid_characters());
        assert!(addr("123 Example Straße\nSW1A 1AA\n\\Deutschland").has_invalid_characters());
        assert!(addr(">123 Example Straße\nSW1A 1AA\nDeutschland").has_invalid_characters());
        assert!(addr("~123 Example Street\nCity of Town\nSW1 A 1 AA").has_invalid_characters());
        assert!(addr("\"Quoted\nCity of Town\nSW1A 1AA").has_invalid_characters());
    }

    #[test]
    fn no_fixed_abode() {
        assert!(!addr("").has_no_fixed_abode_address());
        assert!(!addr("123 Example Street\nNFA NFA2024\nSW1 A 1 AA").has_no_fixed_abode_address());
        assert!(
            addr("User with no Fixed Address,\nLondon\nSW1 A 1 AA").has_no_fixed_abode_address()
        );
        assert!(addr("A Person\nNFA\nSW1A 1AA").has_no_fixed_abode_address());
        assert!(addr("A Person\nNFA,\nSW1A 1AA").has_no_fixed_abode_address());
        assert!(addr("A Person\nno fixed Abode\nSW1A 1AA").has_no_fixed_abode_address());
        assert!(addr("A Person\nNO FIXED ADDRESS\nSW1A 1AA").has_no_fixed_abode_address());
        assert!(addr("nfa\nBerlin\nDeutschland").has_no_fixed_abode_address());
    }

    #[test]
    fn international_and_postage() {
        assert!(!addr("").international());
        assert!(!addr("123 Example Street\nCity of Town\nSW1A 1AA").international());
        assert!(!addr("123 Example Street\nCity of Town\nUnited Kingdom").international());
        assert!(!addr("123 Example Street\nCity of Town\nGuernsey").international());
        assert!(addr("123 Example Straße\nDeutschland").international());

        assert_eq!(addr("").postage(), PostageZone::UnitedKingdom);
        assert_eq!(
            addr("123 Example Street\nCity of Town\nScotland").postage(),
            PostageZone::UnitedKingdom
        );
        assert_eq!(
            addr("123 Example Straße\nDeutschland").postage(),
            PostageZone::Europe
        );
        assert_eq!(
            addr("123 Rue Example\nCôte d'Ivoire").postage(),
            PostageZone::RestOfWorld
        );
        assert_eq!(PostageZone::RestOfWorld.as_str(), "rest-of-world");
        assert_eq!(International::Europe.to_string(), "europe");
    }

    #[test]
    fn normalisation() {
        let a = addr(
            "\n        123 Example    St  .\n        City    of Town\n\n        S W1 A 1 AA\n",
        );
        assert_eq!(a.normalised(), "123 Example St.\nCity of Town\nSW1A 1AA");
        assert_eq!(
            a.as_single_line(),
            "123 Example St., City of Town, SW1A 1AA"
        );

        let a = addr(
            "123 Example St. \t  ,    \n, , ,  ,   ,     ,        ,\nCity of Town, Region,\nSW1A 1AA,,\n",
        );
        assert_eq!(
            a.normalised(),
            "123 Example St.\nCity of Town, Region\nSW1A 1AA"
        );

        let a = addr("\n  123  Example Straße\nDeutschland\n\n\n");
        assert_eq!(a.normalised(), "123 Example Straße\nGermany");
        assert_eq!(addr("").normalised(), "");
        assert_eq!(addr("a\u{a0}b\u{200b}c\u{202f}d").normalised(), "a bc d");
    }

    #[test]
    fn from_personalisation_variants() {
        let expected = "123 Example Street\nCity of Town\nSW1A 1AA";
        let cases = [
            map(&[
                ("address_line_1", "123 Example Street"),
                ("address_line_3", "City of Town"),
                ("address_line_4", ""),
                ("postcode", "SW1A1AA"),
                ("ignore me", "ignore me"),
            ]),
            map(&[
                ("address_line_1", "123 Example Street"),
                ("address_line_3", "City of Town"),
                ("address_line_4", "SW1A1AA"),
            ]),
            map(&[
                ("address_line_2", "123 Example Street"),
                ("address_line_5", "City of Town"),
                ("address_line_7", "SW1A1AA"),
            ]),
            map(&[
                ("address_line_1", "123 Example Street"),
                ("address_line_3", "City of Town"),
                ("address_line_7", "SW1A1AA"),
                ("postcode", "ignored if address line 7 provided"),
            ]),
        ];
        for case in &cases {
            assert_eq!(
                PostalAddress::from_personalisation(case).normalised(),
                expected
            );
        }
    }

    #[test]
    fn validate_in_notifys_order() {
        let v = |raw: &str, intl: bool| addr(raw).validate(intl);
        assert_eq!(
            v("Too short\nSW1A 1AA", true),
            Err(AddressError::NotEnoughLines)
        );
        assert_eq!(
            v("1\n2\n3\n4\n5\n6\n7\nSW1A 1AA", true),
            Err(AddressError::TooManyLines)
        );
        assert_eq!(
            v("International BFPO\nBFPO 1\nBF1 1AA\nFrance", true),
            Err(AddressError::CountryForBfpoAddress)
        );
        assert_eq!(
            v(
                "Overseas address\nService can’t send internationally\nGuinea-Bissau",
                false
            ),
            Err(AddressError::NotARealUkPostcode)
        );
        assert_eq!(
            v(
                "No postcode or country\nService can send internationally\n3",
                true
            ),
            Err(AddressError::NotARealUkPostcodeOrCountry)
        );
        assert_eq!(
            v(
                "Postcode and country\nService can’t send internationally\nSW1 1AA\nFrance",
                false
            ),
            Err(AddressError::NotARealUkPostcode)
        );
        assert_eq!(
            v("Valid\nExcept\n[For one character\nBhutan\n", true),
            Err(AddressError::InvalidCharacters)
        );
        assert_eq!(
            v("User\nNo fixed abode\nSW1 1AA\nX", false),
            Err(AddressError::NotARealUkPostcode)
        );
        assert_eq!(
            v("User\nNo fixed abode\nLondon\nSW1 1AA", false),
            Err(AddressError::NoFixedAbode)
        );
    }

    #[test]
    fn validate_returns_normalised_lines_and_postage() {
        let ok = addr("10 Downing Street\nLondon\nsw1a2aa").validate(false);
        assert_eq!(
            ok,
            Ok(ValidAddress {
                lines: vec![
                    "10 Downing Street".into(),
                    "London".into(),
                    "SW1A 2AA".into()
                ],
                postage_zone: None,
                postcode: Some("SW1A 2AA".into()),
                bfpo_number: None,
            })
        );

        let ok = addr("Overseas address\nService can send internationally\nGuinea-Bissau")
            .validate(true);
        let ok = ok.ok();
        assert_eq!(
            ok.as_ref().map(|a| a.postage_zone),
            Some(Some(International::RestOfWorld))
        );
        assert_eq!(
            ok.map(|a| a.lines.last().cloned()),
            Some(Some("Guinea-Bissau".to_string()))
        );

        let fr = addr("1 Rue de Rivoli\n75001 Paris\nfrance").validate(true);
        assert_eq!(
            fr.as_ref().map(|a| a.postage_zone),
            Ok(Some(International::Europe))
        );
        assert_eq!(
            fr.map(|a| a.lines),
            Ok(vec![
                "1 Rue de Rivoli".to_string(),
                "75001 Paris".to_string(),
                "France".to_string()
            ])
        );
    }

    #[test]
    fn valid_with_international_parameter() {
        let cases = [
            (
                "UK address\nService can’t send internationally\nSW1A 1AA",
                false,
                true,
            ),
            (
                "UK address\nService can send internationally\nSW1A 1AA",
                true,
                true,
            ),
            (
                "Overseas address\nService can’t send internationally\nGuinea-Bissau",
                false,
                false,
            ),
            (
                "Overseas address\nService can send internationally\nGuinea-Bissau",
                true,
                true,
            ),
            ("Overly long address\n2\n3\n4\n5\n6\n7\n8", true, false),
            ("Address too short\n2", true, false),
            ("House\nNo fixed abode\nFrance", false, false),
            (
                "No postcode or country\nService can’t send internationally\n3",
                false,
                false,
            ),
            (
                "No postcode or country\nService can send internationally\n3",
                true,
                false,
            ),
            (
                "Postcode and country\nService can’t send internationally\nSW1 1AA\nFrance",
                false,
                false,
            ),
            (
                "International BFPO\nWe don't expect (or accept) explicit countries for BFPO addresses\nBFPO 1\nBF1 1AA\nFrance",
                true,
                false,
            ),
        ];
        for (raw, intl, expected) in cases {
            assert_eq!(addr(raw).is_valid(intl), expected, "{raw}");
        }
        let chad = map(&[
            ("address_line_1", "A"),
            ("address_line_2", "B"),
            ("address_line_3", "Chad"),
        ]);
        assert!(!PostalAddress::from_personalisation(&chad).is_valid(false));
        assert!(PostalAddress::from_personalisation(&chad).is_valid(true));
    }

    #[test]
    fn uk_postcodes() {
        for (postcode, real) in [
            ("SW1 3EF", true),
            ("SW13EF", true),
            ("SE1 63EF", true),
            ("N5 1AA", true),
            ("SO14 6WB", true),
            ("so14 6wb", true),
            ("so14\u{a0}6wb", true),
            ("N5", false),
            ("SO144 6WB", false),
            ("SO14 6WBA", false),
            ("NF1 1AA", false),
            ("", false),
            ("Bad postcode", false),
            ("BFPO1234", false),
            ("BFPO C/O 1234", false),
            ("BFPO 1234", false),
            ("BFPO1", false),
            ("BFPO", false),
            ("BFPO12345", false),
            ("BF1 3AA", true),
            ("BF13AA", true),
            (" BF2 0FR ", true),
            ("GIR0AA", false),
            ("GX111AA", false),
            ("SW1A 1CA", false),
        ] {
            assert_eq!(is_a_real_uk_postcode(postcode), real, "{postcode}");
        }
    }

    #[test]
    fn postcode_normalising_and_formatting() {
        for (raw, normalised) in [
            ("SW1 3EF", "SW13EF"),
            ("sw13ef", "SW13EF"),
            ("Sw13ef", "SW13EF"),
            (" SW1    3EF  ", "SW13EF"),
        ] {
            assert_eq!(normalise_postcode(raw), normalised);
        }
        for (raw, printed) in [
            ("SW13EF", "SW1 3EF"),
            ("SW1 3EF", "SW1 3EF"),
            ("N5     3EF", "N5 3EF"),
            ("N53EF   ", "N5 3EF"),
            ("n53Ef", "N5 3EF"),
            ("n5 \u{a0} \t 3Ef", "N5 3EF"),
            ("SO146WB", "SO14 6WB"),
            ("GIR0AA", "GIR 0AA"),
            ("BF11AA", "BF1 1AA"),
            ("sw1a1aa", "SW1A 1AA"),
        ] {
            assert_eq!(format_postcode_for_printing(raw), printed);
        }
        assert_eq!(
            format_postcode_or_none("sw1a1aa").as_deref(),
            Some("SW1A 1AA")
        );
        assert_eq!(format_postcode_or_none("not a postcode"), None);
    }

    #[test]
    fn bfpo_addresses() {
        assert!(!addr("Mr X\nLondon\nSW1 1AA").is_bfpo_address());
        assert!(!addr("Mr X\nBF1 1AA").is_bfpo_address());
        assert!(addr("Mr X\nBFPO 1").is_bfpo_address());
        assert!(addr("Mr X\nBFPO C/O 1").is_bfpo_address());
        assert!(addr("Mr X\nBFPO 1\nBF1 1AA").is_bfpo_address());

        for (raw, number) in [
            ("Mr X\nLondon\nSW1 1AA", None),
            ("Mr X\nBFPO 1", Some("1")),
            ("Mr X\nBFPO 5432", Some("5432")),
            ("Mr X\nBFPO C/O 1", Some("1")),
            ("Mr X\nBFPO1", Some("1")),
            ("Mr X\nBFPOC/O1", Some("1")),
            ("Mr X\nBFPO 007", Some("7")),
            (
                "Mr X\nUnit 5\nBFPO\nBFPO 5432\nLondon\nBF1 1AA",
                Some("5432"),
            ),
        ] {
            assert_eq!(addr(raw).bfpo_number(), number, "{raw}");
        }

        for (raw, lines) in [
            ("Mr X\nBFPO 1", vec!["Mr X", "BFPO 1"]),
            ("Mr X\nBFPO 1\nBF1 1AA", vec!["Mr X", "BF1 1AA", "BFPO 1"]),
            ("Mr X\nBFPO\nBFPO 1", vec!["Mr X", "BFPO 1"]),
            (
                "Mr X\nbfpo\nBF1 1AA\nbfpo1",
                vec!["Mr X", "BF1 1AA", "BFPO 1"],
            ),
            (
                "Mr X\nbfpo\nbf11aa\nbfpo1",
                vec!["Mr X", "BF1 1AA", "BFPO 1"],
            ),
            (
                "International BFPO\nBFPO 1\nBF1 1AA\nusa",
                vec!["International BFPO", "BF1 1AA", "BFPO 1", "United States"],
            ),
        ] {
            assert_eq!(addr(raw).normalised_lines(), lines, "{raw}");
        }

        let ok = addr("Mr X\nUnit 1\nBFPO 123\nBF1 1AA").validate(false);
        assert_eq!(
            ok.map(|a| (a.lines, a.bfpo_number)),
            Ok((
                vec![
                    "Mr X".into(),
                    "Unit 1".into(),
                    "BF1 1AA".into(),
                    "BFPO 123".into()
                ],
                Some("123".to_string())
            ))
        );
        // A BFPO address needs no postcode.
        assert!(addr("Mr X\nUnit 1\nBFPO 123").is_valid(false));
    }

    #[test]
    fn as_personalisation_matches_notify() {
        let blank = |a: &PostalAddress| a.as_personalisation();
        let expect = |pairs: [(&str, &str); 8]| map(&pairs);
        assert_eq!(
            blank(&addr("")),
            expect([
                ("address_line_1", ""),
                ("address_line_2", ""),
                ("address_line_3", ""),
                ("address_line_4", ""),
                ("address_line_5", ""),
                ("address_line_6", ""),
                ("address_line_7", ""),
                ("postcode", ""),
            ])
        );
        assert_eq!(
            blank(&addr("123 Example Street\nCity of Town\nSW1A1AA")),
            expect([
                ("address_line_1", "123 Example Street"),
                ("address_line_2", "City of Town"),
                ("address_line_3", ""),
                ("address_line_4", ""),
                ("address_line_5", ""),
                ("address_line_6", ""),
                ("address_line_7", "SW1A 1AA"),
                ("postcode", "SW1A 1AA"),
            ])
        );
        assert_eq!(
            blank(&addr("One\nTwo\nThree\nFour\nFive\nSix\nSeven\nEight")),
            expect([
                ("address_line_1", "One"),
                ("address_line_2", "Two"),
                ("address_line_3", "Three"),
                ("address_line_4", "Four"),
                ("address_line_5", "Five"),
                ("address_line_6", "Six"),
                ("address_line_7", "Eight"),
                ("postcode", "Eight"),
            ])
        );
        assert_eq!(
            blank(&addr("Mx One\nBFPO\nBFPO 123\nBF1 1AA")),
            expect([
                ("address_line_1", "Mx One"),
                ("address_line_2", ""),
                ("address_line_3", ""),
                ("address_line_4", ""),
                ("address_line_5", ""),
                ("address_line_6", "BF1 1AA"),
                ("address_line_7", "BFPO 123"),
                ("postcode", "BF1 1AA"),
            ])
        );
        assert_eq!(
            blank(&addr("Mx One\nUnit 1\nBFPO\nBFPO 123")),
            expect([
                ("address_line_1", "Mx One"),
                ("address_line_2", "Unit 1"),
                ("address_line_3", ""),
                ("address_line_4", ""),
                ("address_line_5", ""),
                ("address_line_6", ""),
                ("address_line_7", "BFPO 123"),
                ("postcode", ""),
            ])
        );
    }

    #[test]
    fn trailing_uk_country_quirk_is_kept() {
        // Walking back, "SW1A 1AA" and "London" are skipped and "Wales" is counted, so two lines
        // are cut from the end (see the module docs).
        let a = addr("1 High St\nWales\nLondon\nSW1A 1AA\nUnited Kingdom");
        assert_eq!(a.normalised_lines(), ["1 High St", "Wales", "London"]);
        // The usual case: one trailing UK name is dropped and the postcode formatted.
        let a = addr("1 High St\nLondon\nsw1a1aa\nUK");
        assert_eq!(a.normalised_lines(), ["1 High St", "London", "SW1A 1AA"]);
        let a = addr("1 High St\nLondon\nSW1A 1AA\nEngland\nUnited Kingdom");
        assert_eq!(a.normalised_lines(), ["1 High St", "London", "SW1A 1AA"]);
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        for raw in ["BFPO 1", "United Kingdom", "France", "\n\n", ",,,", "BFPO"] {
            let a = addr(raw);
            let _ = a.validate(true);
            let _ = a.validate(false);
            let _ = a.as_personalisation();
        }
        assert_eq!(
            addr("France").validate(true),
            Err(AddressError::NotEnoughLines)
        );
    }
}
