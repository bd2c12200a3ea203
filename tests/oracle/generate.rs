//! Random documents in every input format, built from pieces of French
//! prose with typography faults, markup, catalogue syntax, mixed line ends,
//! byte order marks and invisible characters. Deterministic: one seed gives
//! one document.

/// A small deterministic random generator (xorshift64*): the oracle needs
/// no dependency and a failing seed replays exactly.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Plain,
    /// Markdown.
    Markdown,
    /// A gettext catalogue.
    Po,
    /// One JSON Lines record whose `text` field is checked.
    JsonLine,
    /// An XLIFF 1.2 file: sources and targets.
    Xliff,
    /// Android string resources.
    Android,
    /// A JSON resource file (nested objects of strings).
    JsonResource,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] = [
        Format::Plain,
        Format::Markdown,
        Format::Po,
        Format::JsonLine,
        Format::Xliff,
        Format::Android,
        Format::JsonResource,
    ];
}

/// Words, faults and signs of French and machine-translated text.
const PROSE: &[&str] = &[
    "le",
    "la",
    "les",
    "une",
    "un",
    "Etat",
    "État",
    "Lundi",
    "gouvernement",
    "Paris",
    "Maison",
    "il",
    "elle",
    "est",
    "ce",
    "que",
    "qu'",
    "qu’",
    "d'",
    "l'",
    "l’",
    "coeur",
    "2ème",
    "1st",
    "12,500",
    "1,000.50",
    "50",
    "%",
    "5km",
    "$49",
    "100 €",
    "March",
    "2025",
    "3:30",
    "PM",
    "etc",
    "aujourd’hui",
    "https://exemple.fr/a_b?c=1",
    "moi@exemple.fr",
    "10:30",
    "3,5",
    "the",
    "and",
    "with",
    "C’est",
    "d’une",
    "con",
    "conne",
    ";",
    ":",
    "!",
    "?",
    "?!",
    "...",
    "..",
    ",",
    ".",
    "…",
    "«",
    "»",
    "«!",
    "“",
    "”",
    "‘",
    "’",
    "‹",
    "›",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "-",
    "–",
    "—",
    " - ",
    " ",
    " ",
    " ",
    "  ",
    "\u{00A0}",
    "\u{202F}",
    "\u{2009}",
    "\t",
    "\u{200B}",
    "\u{00AD}",
    "\u{FEFF}",
    "\u{2060}",
    "e\u{301}",
    "Ã©",
    "â€™",
    "Mr",
    "e.g.",
    "%d",
    "%s",
    "%1$s",
    "{0}",
    "<b>",
    "</b>",
    "*",
    "_",
    "`",
    "#",
    "<div",
    "&amp;",
    "\\",
    "{{ x }}",
];

/// Pieces of markup inside a Markdown paragraph.
const INLINE: &[&str] = &[
    "*{}*",
    "**{}**",
    "_{}_",
    "`{}`",
    "[{}](https://exemple.fr/un_lien?a=1)",
    "![{}](image.png \"titre\")",
    "<https://exemple.fr/x>",
    "<span>{}</span>",
    "{{ page.titre }}",
    "{% if x %}{}{% endif %}",
    "\\*{}",
    "&eacute;{}",
    "$x^2$",
    "~~{}~~",
    "[^1]",
];

/// French sentences, some well written, some not.
const SENTENCES: &[&str] = &[
    "Il a dit : « oui ».",
    "Il dit \"bonjour\" !",
    "Le rapport , publié lundi, est clair.",
    "C'est l'Etat qui decide .",
    "Les résultats sont “bons”.",
    "Nous avons vu 3 films ce week-end!",
    "Voir https://exemple.fr pour plus d’informations.",
    "Le prix est de $49 ou 12,500 euros.",
    "qu'il vienne, qu'elle parte.",
    "C’est d’une con.",
    "Il dit «!»",
    "La réunion est à 10:30 AM.",
    "Bonjour: le monde",
    "Elle est arrivée le 1st March.",
];

/// Line ends, mostly `\n`.
fn eol(rng: &mut Rng, usual: &'static str) -> &'static str {
    match rng.below(12) {
        0 => "\r\n",
        1 => "\r",
        _ => usual,
    }
}

/// A run of prose on one line.
pub fn prose(rng: &mut Rng, max_pieces: usize) -> String {
    let mut out = String::new();
    if rng.one_in(2) {
        out.push_str(rng.pick(SENTENCES));
    }
    for _ in 0..rng.below(max_pieces + 1) {
        if !out.is_empty() && rng.one_in(2) {
            out.push(' ');
        }
        out.push_str(rng.pick(PROSE));
    }
    out
}

/// One document of `format`.
pub fn document(rng: &mut Rng, format: Format) -> String {
    match format {
        Format::Plain => plain(rng),
        Format::Markdown => markdown(rng),
        Format::Po => po(rng),
        Format::JsonLine => json_line(rng),
        Format::Xliff => xliff(rng),
        Format::Android => android(rng),
        Format::JsonResource => json_resource(rng),
    }
}

fn plain(rng: &mut Rng) -> String {
    let usual = if rng.one_in(4) { "\r\n" } else { "\n" };
    let mut out = String::new();
    if rng.one_in(8) {
        out.push('\u{FEFF}');
    }
    for _ in 0..rng.below(6) + 1 {
        out.push_str(&prose(rng, 12));
        out.push_str(eol(rng, usual));
        if rng.one_in(3) {
            out.push_str(eol(rng, usual));
        }
    }
    out
}

fn inline(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(4) + 1 {
        if rng.one_in(2) {
            out.push_str(&prose(rng, 5));
        } else {
            let template = rng.pick(INLINE);
            out.push_str(&template.replace("{}", &prose(rng, 3)));
        }
        out.push(' ');
    }
    out.trim_end().to_string()
}

fn markdown(rng: &mut Rng) -> String {
    let usual = if rng.one_in(5) { "\r\n" } else { "\n" };
    let mut out = String::new();
    if rng.one_in(5) {
        out.push('\u{FEFF}');
    }
    if rng.one_in(3) {
        let (fence, sep) = if rng.one_in(4) {
            ("+++", " = ")
        } else {
            ("---", ": ")
        };
        let nl = eol(rng, usual);
        out.push_str(&format!(
            "{fence}{nl}title{sep}\"{}\"{nl}tags{sep}[a, b]{nl}note{sep}{}{nl}{fence}{nl}{nl}",
            prose(rng, 4).replace(['"', '\\'], ""),
            prose(rng, 4).replace(['"', '\\', '\r', '\n'], ""),
        ));
    }
    for _ in 0..rng.below(7) + 1 {
        let nl = eol(rng, usual);
        let block = match rng.below(12) {
            0 => format!("{} {}", "#".repeat(rng.below(3) + 1), inline(rng)),
            1 => {
                let fence = rng.pick(&["```", "~~~", "````"]);
                let info = rng.pick(&["", "rust", "text"]);
                format!(
                    "{fence}{info}{nl}{}{nl}{}{nl}{fence}",
                    prose(rng, 8),
                    prose(rng, 8)
                )
            }
            2 => format!("    {}", prose(rng, 8)),
            3 => format!("<div>{nl}{}{nl}</div>", prose(rng, 6)),
            4 => format!("<!-- {} -->", prose(rng, 4).replace("--", "")),
            5 => format!("- {}{nl}- {}", inline(rng), inline(rng)),
            6 => format!("1. {}{nl}2. {}", inline(rng), inline(rng)),
            7 => format!("> {}{nl}> {}", inline(rng), inline(rng)),
            8 => format!(
                "| {} | {} |{nl}|---|---|{nl}| {} | {} |",
                prose(rng, 2).replace('|', ""),
                prose(rng, 2).replace('|', ""),
                inline(rng).replace('|', ""),
                prose(rng, 3).replace('|', "")
            ),
            9 => format!(
                "{}{}",
                rng.pick(&["\u{200B}", "\u{FEFF}", " "]),
                "<div>x</div>"
            ),
            10 => "***".to_string(),
            _ => format!("{}{nl}{}", inline(rng), inline(rng)),
        };
        out.push_str(&block);
        out.push_str(nl);
        if !rng.one_in(5) {
            out.push_str(nl);
        }
    }
    out
}

/// Escapes `text` for a C string of a catalogue.
fn c_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// The content of a translation, escaped, with placeholders and escapes.
fn translation(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(4) + 1 {
        match rng.below(6) {
            0 => out.push_str(rng.pick(&["%s", "%d", "%1$s", "%(nom)s", "{0}", "%%", "%.2f"])),
            1 => out.push_str(rng.pick(&["\\n", "\\\"", "\\t", "\\\\"])),
            2 => out.push_str(
                rng.pick(&["<b>", "</b>", "<a href=\"x\">"])
                    .replace('"', "\\\"")
                    .as_str(),
            ),
            _ => out.push_str(&c_escape(&prose(rng, 5))),
        }
        if rng.one_in(2) {
            out.push(' ');
        }
    }
    out
}

/// Splits escaped string content into strings, never inside an escape.
fn split_strings(rng: &mut Rng, content: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    let mut backslashes = 0;
    for (i, c) in content.char_indices() {
        if backslashes % 2 == 0 && i > 0 && rng.one_in(6) {
            cuts.push(i);
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for cut in cuts {
        parts.push(content[from..cut].to_string());
        from = cut;
    }
    parts.push(content[from..].to_string());
    parts
}

/// A field: keyword then its strings, on one line, continuation lines or
/// both.
fn field(rng: &mut Rng, keyword: &str, content: &str, nl: &str) -> String {
    let strings = split_strings(rng, content);
    let mut out = keyword.to_string();
    if strings.len() > 1 && rng.one_in(2) {
        out.push_str(" \"\"");
    }
    for (i, s) in strings.iter().enumerate() {
        // The first string follows its keyword; the others go on the same
        // line now and then.
        if (i == 0 && !out.ends_with("\"\"")) || rng.one_in(3) {
            out.push(' ');
        } else {
            out.push_str(nl);
        }
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
    out.push_str(nl);
    out
}

fn po(rng: &mut Rng) -> String {
    let nl = if rng.one_in(6) { "\r\n" } else { "\n" };
    let mut out = String::new();
    if rng.one_in(8) {
        out.push('\u{FEFF}');
    }
    if rng.one_in(2) {
        out.push_str(&format!(
            "msgid \"\"{nl}msgstr \"\"{nl}\"Content-Type: text/plain; charset=UTF-8\\n\"{nl}\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"{nl}{nl}"
        ));
    }
    for n in 0..rng.below(5) + 1 {
        if rng.one_in(3) {
            out.push_str(&format!(
                "# {}{nl}",
                prose(rng, 3).replace(['\r', '\n'], "")
            ));
        }
        if rng.one_in(3) {
            out.push_str(&format!("#: src/main.c:{n}{nl}"));
        }
        let format_flag = rng.one_in(2);
        if format_flag {
            out.push_str(&format!(
                "#, {}{nl}",
                rng.pick(&["c-format", "python-format", "fuzzy, c-format"])
            ));
        }
        if rng.one_in(6) {
            out.push_str(&format!(
                "#~ msgid \"old {n}\"{nl}#~ msgstr \"{}\"{nl}{nl}",
                translation(rng)
            ));
            continue;
        }
        if rng.one_in(4) {
            out.push_str(&format!("msgctxt \"ctx {n}\"{nl}"));
        }
        let content = translation(rng);
        // With a format flag, msgfmt wants the placeholders of the msgid
        // in the translation: use the translation's own as the msgid.
        let id = format!("id {n} {}", content);
        out.push_str(&field(rng, "msgid", &id, nl));
        if rng.one_in(3) {
            out.push_str(&field(rng, "msgid_plural", &id, nl));
            out.push_str(&field(rng, "msgstr[0]", &content, nl));
            out.push_str(&field(rng, "msgstr[1]", &content, nl));
        } else {
            out.push_str(&field(rng, "msgstr", &content, nl));
        }
        out.push_str(nl);
    }
    out
}

/// A JSON Lines record with a `text` string field.
fn json_line(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(3) + 1 {
        text.push_str(&prose(rng, 8));
        if rng.one_in(3) {
            text.push('\n');
        }
    }
    let mut literal = serde_json::to_string(&text).expect("a string serialises");
    if rng.one_in(3) {
        // Escape the non-ASCII characters as `\uXXXX`.
        let mut escaped = String::new();
        for c in literal.chars() {
            if c.is_ascii() || rng.one_in(2) {
                escaped.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    escaped.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        literal = escaped;
    }
    let head = format!("{{\"id\": {}, \"text\": ", rng.below(1000));
    let note = serde_json::to_string(&prose(rng, 4)).expect("a string serialises");
    format!("{head}{literal}, \"note\": {note}}}")
}

/// Escapes `text` for XML character data.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The content of an XML string: prose, references, inline codes,
/// placeholders, CDATA.
fn xml_content(rng: &mut Rng, codes: &[&str]) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(4) + 1 {
        match rng.below(7) {
            0 => out.push_str(rng.pick(codes)),
            1 => out.push_str(rng.pick(&["&amp;", "&#160;", "&lt;", "&#xA0;", "&quot;"])),
            2 => out.push_str(rng.pick(&["%s", "%1$d", "{0}", "%d"])),
            3 => out.push_str(&format!("<![CDATA[{}]]>", prose(rng, 3).replace("]]>", ""))),
            _ => out.push_str(&xml_escape(&prose(rng, 5))),
        }
        if rng.one_in(2) {
            out.push(' ');
        } else if rng.one_in(4) {
            // A text wrapped in the XML, as tools write long ones.
            out.push_str("\n        ");
        }
    }
    out
}

fn xliff(rng: &mut Rng) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\"><body>\n",
    );
    let codes = [
        "<x id=\"1\"/>",
        "<g id=\"2\">mot</g>",
        "<ph id=\"3\">&lt;br/&gt;</ph>",
        "<bpt id=\"4\">&lt;b&gt;</bpt>gras<ept id=\"4\">&lt;/b&gt;</ept>",
    ];
    for i in 0..rng.below(4) + 1 {
        let source = xml_content(rng, &codes);
        let target = if rng.one_in(5) {
            source.clone()
        } else {
            xml_content(rng, &codes)
        };
        let translate = if rng.one_in(6) {
            " translate=\"no\""
        } else {
            ""
        };
        let space = if rng.one_in(5) {
            " xml:space=\"preserve\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<trans-unit id=\"{i}\"{translate}{space}>\n  <source>{source}</source>\n  <target>{target}</target>\n  <note>{}</note>\n</trans-unit>\n",
            xml_escape(&prose(rng, 3))
        ));
    }
    out + "</body></file></xliff>\n"
}

fn android(rng: &mut Rng) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources xmlns:xliff=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
    );
    let codes = [
        "<xliff:g id=\"n\">%1$s</xliff:g>",
        "<b>gras</b>",
        "\\'",
        "\\\"",
        "\\n",
        "\\u00A0",
        "%%",
        "\"",
    ];
    for i in 0..rng.below(4) + 1 {
        let content = xml_content(rng, &codes).replace('\'', "\\'");
        match rng.below(4) {
            0 => out.push_str(&format!(
                "    <plurals name=\"p{i}\">\n        <item quantity=\"one\">{content}</item>\n        <item quantity=\"other\">{}</item>\n    </plurals>\n",
                xml_content(rng, &codes).replace('\'', "\\'")
            )),
            1 => out.push_str(&format!("    <string name=\"s{i}\" translatable=\"false\">{content}</string>\n")),
            _ => out.push_str(&format!("    <string name=\"s{i}\">{content}</string>\n")),
        }
    }
    out + "</resources>\n"
}

fn json_resource(rng: &mut Rng) -> String {
    let mut out = String::from("{\n");
    let n = rng.below(4) + 1;
    for i in 0..n {
        let mut text = prose(rng, 6);
        match rng.below(5) {
            0 => text.push_str(" {{name}}"),
            1 => {
                text = format!(
                    "{{count, plural, one {{# {text}}} other {{# {}}}}}",
                    prose(rng, 3)
                )
            }
            2 => text.push_str(" <b>{0}</b>!"),
            _ => {}
        }
        let literal = serde_json::to_string(&text).expect("a string serialises");
        let value = if rng.one_in(3) {
            format!("{{\"inner\": {literal}, \"n\": {i}}}")
        } else {
            literal
        };
        let comma = if i + 1 < n { "," } else { "" };
        out.push_str(&format!("  \"key {i}\": {value}{comma}\n"));
    }
    out + "}\n"
}
