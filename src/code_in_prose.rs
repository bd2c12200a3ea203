//! Code written inside prose: command-line options (`--help`, `-o`,
//! `--time=MOT`), identifiers joined by `_`, `::`, `$`, `=` or `@`
//! (`config_path`, `$HOME`, `std::fs`), paths (`/etc/hosts`,
//! `src/main.rs`), globs (`*.tar.gz`), file names (`config.toml`), dotted
//! names (`os.path.join`, `Example.Org`), format directives (`%s`, `%08x`,
//! `%1$s`), brace lists (`{s,S,b}`), calls (`main()`), query terms
//! (`?terme`) and references to manual pages (`connect(2)`).
//!
//! The tokenizer makes each of them one [`crate::tokenize::TokenKind::Code`]
//! token, so no rule reads the words inside as French or English, and the
//! linter drops the findings that fall inside one. A candidate is a run of
//! characters between white space, without the punctuation around it that
//! belongs to the sentence (`(--help)`, `« $HOME »`, `config.toml.`).

use crate::span::Span;
use crate::tokenize::is_quote_char;
use rustc_hash::FxHashSet;

/// File extensions that make `name.ext` a file name.
const EXTENSIONS: &[&str] = &[
    "a", "bash", "bz2", "c", "cc", "cfg", "conf", "cpp", "css", "csv", "deb", "dll", "exe", "gif",
    "go", "gz", "h", "hpp", "htm", "html", "ini", "java", "jpeg", "jpg", "js", "json", "jsonl",
    "lock", "log", "md", "mo", "o", "pdf", "php", "pl", "png", "po", "pot", "py", "rb", "rpm",
    "rs", "sh", "so", "sql", "svg", "tar", "tgz", "toml", "ts", "tsv", "txt", "xml", "xz", "yaml",
    "yml", "zip", "zsh",
];

/// Top-level domains that make `Name.Tld` a host name in any case.
const DOMAINS: &[&str] = &[
    "be", "ca", "ch", "com", "de", "dev", "eu", "fr", "gouv", "info", "io", "lu", "net", "org",
];

/// The longest run read as code, in bytes.
const MAX_RUN: usize = 256;

/// Bytes that can make a run code; a run without any is never read.
fn is_trigger(b: u8) -> bool {
    matches!(
        b,
        b'_' | b'$'
            | b'='
            | b'@'
            | b'/'
            | b'\\'
            | b':'
            | b'*'
            | b'%'
            | b'-'
            | b'.'
            | b'{'
            | b'('
            | b'?'
            | b'>'
            | b'&'
            | b'|'
            | b','
    )
}

/// Characters around a run that belong to the sentence, not to the code:
/// quotation marks and spaces on either side ([`is_quote_char`]).
fn is_quote_or_space(c: char) -> bool {
    is_quote_char(c) || c.is_whitespace()
}

/// Characters that end a sentence after a run: its punctuation, closing
/// quotation marks, spaces.
fn is_trailing_mark(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…') || is_quote_or_space(c)
}

/// The spans of code in `text`, in order and without overlap.
pub fn spans(text: &str) -> Vec<Span> {
    spans_with::<true>(text)
}

/// [`spans`], with or without the shortcut for a sentence's final mark
/// (a test holds both to the same spans).
fn spans_with<const SHORTCUT: bool>(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(offset) = bytes[pos..].iter().position(|&b| is_trigger(b)) else {
            break;
        };
        let i = pos + offset;
        // A comma makes code only between two characters (`s,m,h`); a
        // comma before a space is the sentence's.
        if bytes[i] == b',' && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            pos = i + 1;
            continue;
        }
        // A sentence's `.`, `:` or `?` before a space or the end: no
        // trigger since `pos`, so the run is a word and its mark, which
        // trimming leaves without a trigger (no code), and it ends here.
        if SHORTCUT
            && matches!(bytes[i], b'.' | b':' | b'?')
            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
        {
            pos = i + 1;
            continue;
        }
        // Runs end at any white space, the no-break ones included.
        let start = text[pos..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(pos, |(p, c)| pos + p + c.len_utf8());
        let end = text[i..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(bytes.len(), |(p, _)| i + p);
        // Code in prose is short; the bound keeps the cost linear.
        let short = end - start <= MAX_RUN;
        let run = text[start..end]
            .trim_matches(is_quote_or_space)
            .trim_end_matches([',', ';', ':', '!', '?']);
        // Code holds a trigger (each test of `is_code` asks for one): the
        // trimmed run of a sentence's last word (`fin.` → `fin`) is no code
        // without being tested.
        let is_code_run = |s: &Span| {
            short && bytes[s.range()].iter().any(|&b| is_trigger(b)) && is_code(&text[s.range()])
        };
        if short && is_repeated_placeholder(run) {
            let from = start + text[start..end].find(run).unwrap_or(0);
            out.push(Span::new(from, from + run.len()));
        } else if let Some(span) = trim(text, start, end).filter(is_code_run) {
            out.push(quoted(bytes, span));
        }
        pos = end;
    }
    out
}

/// `span` with the straight quotes right around it (`"~/.viminfo"`,
/// `'$HOME'`): code quoted as code is written, whose marks are the
/// code's, not a quotation of the sentence.
fn quoted(bytes: &[u8], span: Span) -> Span {
    match (
        span.start.checked_sub(1).map(|i| bytes[i]),
        bytes.get(span.end),
    ) {
        (Some(open @ (b'"' | b'\'')), Some(&close)) if open == close => {
            Span::new(span.start - 1, span.end + 1)
        }
        _ => span,
    }
}

/// The run `text[start..end]` without the marks of the sentence around it:
/// opening and closing quotation marks, final punctuation, unbalanced
/// brackets, and brackets around the whole run (`(--help).`).
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    let mut run = &text[start..end];
    let mut start = start;
    loop {
        let first = run.chars().next()?;
        let last = run.chars().next_back()?;
        let wrapped = run.len() > 1 && matches!((first, last), ('(', ')') | ('[', ']'));
        if wrapped {
            run = &run[1..run.len() - 1];
            start += 1;
            continue;
        }
        let unbalanced_open = match first {
            '(' => !run.contains(')'),
            '[' => !run.contains(']'),
            _ => false,
        };
        if is_quote_or_space(first) || unbalanced_open {
            run = &run[first.len_utf8()..];
            start += first.len_utf8();
            continue;
        }
        let unbalanced_close = match last {
            ')' => run.matches('(').count() < run.matches(')').count(),
            ']' => run.matches('[').count() < run.matches(']').count(),
            _ => false,
        };
        // `$?` and `$!` are shell variables, not a question.
        let variable = run[..run.len() - last.len_utf8()].ends_with('$');
        if (is_trailing_mark(last) && !variable) || unbalanced_close {
            run = &run[..run.len() - last.len_utf8()];
            continue;
        }
        return Some(Span::new(start, start + run.len()));
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the byte at `i` has an identifier byte on each side.
fn joins(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes.get(i + 1).is_some_and(|&b| is_ident_byte(b)) && is_ident_byte(bytes[i - 1])
}

/// Whether the run (trimmed, without white space) is code.
pub fn is_code(run: &str) -> bool {
    let bytes = run.as_bytes();
    if !bytes.iter().any(u8::is_ascii_alphanumeric) {
        // Shell variables without letters: `$?`, `$!`, `$$`.
        return matches!(bytes, [b'$', b'?' | b'!' | b'#' | b'@' | b'*' | b'$']);
    }
    is_option(bytes)
        || is_format_directive(run)
        || bytes.starts_with(b"?") && bytes.get(1).is_some_and(u8::is_ascii_alphabetic)
        || has_joiner(bytes)
        || is_path(bytes)
        || is_glob(bytes)
        || is_brace_list(bytes)
        || is_dotted(run)
        || is_manual_reference(bytes)
        || is_comma_list(bytes)
        || is_extension(run)
        || is_format_pattern(bytes)
        || is_header_name(bytes)
}

/// A C header or a file named in angle brackets (`<stdio.h>`,
/// `<sys/types.h>`).
fn is_header_name(bytes: &[u8]) -> bool {
    let Some(inner) = bytes.strip_prefix(b"<").and_then(|b| b.strip_suffix(b">")) else {
        return false;
    };
    inner.first().is_some_and(u8::is_ascii_alphabetic)
        && inner.iter().any(|&b| matches!(b, b'.' | b'/'))
        && inner
            .iter()
            .all(|&b| is_ident_byte(b) || matches!(b, b'.' | b'/' | b'-' | b'+'))
}

/// A placeholder of a synopsis that may be repeated: a bracketed group or
/// a name in capitals followed by `...` (`[OPTION]...`, `FICHIER...`,
/// `[fichier...]`).
fn is_repeated_placeholder(run: &str) -> bool {
    let inner = run.strip_suffix(']').unwrap_or(run);
    let Some(stem) = inner.strip_suffix("...") else {
        return false;
    };
    let bracketed = run.starts_with('[') || stem.ends_with(']');
    let stem = stem.trim_end_matches(']').trim_start_matches('[');
    let capitals = stem.len() >= 2
        && stem.bytes().any(|b| b.is_ascii_uppercase())
        && stem
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'));
    capitals || bracketed && !stem.is_empty() && !stem.contains(' ')
}

/// Three items or more joined by commas without spaces (`s,m,h,d`,
/// `euser,ruser,suser`, `pid,wchan:14,comm`, `apt-get(8),apt.conf(5)`):
/// values of an option, or references. Two words glued by a comma are a
/// missing space.
fn is_comma_list(bytes: &[u8]) -> bool {
    let items: Vec<&[u8]> = bytes.split(|&b| b == b',').collect();
    // Numbers grouped by commas (`12,500,000`) are prose.
    items.len() >= 3
        && items
            .iter()
            .any(|item| item.iter().any(u8::is_ascii_alphabetic))
        && items.iter().all(|item| {
            !item.is_empty()
                && item.len() <= 16
                && (is_manual_reference(item)
                    || item.iter().all(|&b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b':' | b'.')
                    }))
        })
}

/// A file extension on its own: `.deb`, `.tar`, `.md`.
fn is_extension(run: &str) -> bool {
    run.strip_prefix('.')
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// A pattern of a date or time format: letters repeated, joined by `:`,
/// `-`, `/` or `.` (`HH:MM`, `H:MM:SS`, `YYYY-MM-DD`, `JJ/MM/AAAA`).
fn is_format_pattern(bytes: &[u8]) -> bool {
    let parts: Vec<&[u8]> = bytes
        .split(|&b| matches!(b, b':' | b'-' | b'/' | b'.'))
        .collect();
    parts.len() >= 2
        && parts.iter().any(|p| p.len() >= 2)
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 4
                && p[0].is_ascii_uppercase()
                && p.iter().all(|&b| b == p[0])
        })
}

/// A reference to a manual page: a name and its section in brackets
/// (`connect(2)`, `sources.list(5)`, `mount.cifs(8)`, `SUM(1)`,
/// `printf(3p)`).
fn is_manual_reference(bytes: &[u8]) -> bool {
    let Some(open) = bytes.iter().position(|&b| b == b'(') else {
        return false;
    };
    let (name, section) = bytes.split_at(open);
    let name_ok = name.first().is_some_and(u8::is_ascii_alphabetic)
        && name
            .iter()
            .all(|&b| is_ident_byte(b) || matches!(b, b'.' | b'-' | b'+'));
    let section_ok = match section {
        [b'(', digit, rest @ .., b')'] => {
            (b'1'..=b'9').contains(digit)
                && rest.len() <= 3
                && rest.iter().all(u8::is_ascii_lowercase)
        }
        _ => false,
    };
    name_ok && section_ok
}

/// The names of the manual pages `text` refers to (`tar(1)`, `GREP(1)` in
/// a page's running head), in lowercase: the programs and files the text
/// is about, which it also names as bare words (`lancer tar`).
pub fn manual_names(text: &str) -> FxHashSet<String> {
    let bytes = text.as_bytes();
    let mut names = FxHashSet::default();
    for open in memchr::memchr_iter(b'(', bytes) {
        let start = bytes[..open]
            .iter()
            .rposition(|&b| !(is_ident_byte(b) || matches!(b, b'.' | b'-' | b'+')))
            .map_or(0, |p| p + 1);
        let Some(close) = bytes[open..].iter().take(6).position(|&b| b == b')') else {
            continue;
        };
        if start < open && is_manual_reference(&bytes[start..=open + close]) {
            names.insert(text[start..open].to_ascii_lowercase());
        }
    }
    names
}

/// The programs `text` cites, in lowercase: the manual pages it refers to
/// ([`manual_names`]) and the commands its synopsis lines start with
/// ([`crate::prose::synopsis_commands`]); a bare word naming one of them is
/// a program, not English.
pub fn cited_programs(text: &str) -> FxHashSet<String> {
    let mut names = manual_names(text);
    names.extend(crate::prose::synopsis_commands(text).map(str::to_ascii_lowercase));
    names
}

/// `--help`, `--time=MOT`, `-o`, `-rf`.
fn is_option(bytes: &[u8]) -> bool {
    if let Some(rest) = bytes.strip_prefix(b"--") {
        return rest.first().is_some_and(u8::is_ascii_alphanumeric)
            && rest
                .iter()
                .take_while(|&&b| b != b'=')
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    }
    match bytes.strip_prefix(b"-") {
        Some([one]) => one.is_ascii_alphabetic(),
        // Long options with one dash (`find -name`, `gcc -static`).
        Some(rest) if rest.len() >= 4 => {
            rest[0].is_ascii_lowercase()
                && rest.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                })
        }
        Some(rest @ [_, _] | rest @ [_, _, _]) => {
            rest.iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && rest.iter().any(u8::is_ascii_lowercase)
        }
        _ => false,
    }
}

/// A format directive at the start of the run or after a sign, as the
/// gettext view reads them ([`crate::prose::po::placeholder_len`]): `%s`,
/// `%08x`, `%-5.2f`, `%lu`, `%1$s`, `%(nom)s`, `%pB`. `50%` is a
/// percentage, and a directive glued to more lowercase letters (`%sous`)
/// is a word.
fn is_format_directive(run: &str) -> bool {
    let bytes = run.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && crate::prose::po::placeholder_len(&run[i..]).is_some_and(|len| {
                // The kernel's `%pB`-style extensions go on with letters.
                bytes[i + len - 1] == b'p'
                    || bytes.get(i + len).is_none_or(|b| !b.is_ascii_lowercase())
            })
    })
}

/// `_`, `::`, `$NAME`, `=`, `@`, `->`, `=>`, `&&`, `||`, `()` joining code.
fn has_joiner(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| {
        matches!(
            w,
            b"::" | b"->" | b"=>" | b"&&" | b"||" | b"==" | b"!=" | b"()"
        )
    }) || bytes.iter().enumerate().any(|(i, &b)| match b {
        b'_' => {
            joins(bytes, i)
                || (i == 0
                    && bytes
                        .get(1)
                        .is_some_and(|&n| n == b'_' || n.is_ascii_alphabetic()))
        }
        b'$' => bytes.get(i + 1).is_some_and(|&n| {
            n.is_ascii_alphabetic()
                || matches!(n, b'_' | b'{' | b'(')
                || (matches!(n, b'?' | b'!' | b'#' | b'@' | b'*' | b'$') && i + 2 == bytes.len())
                || (n == b'0' && bytes.get(i + 2) == Some(&b'x'))
        }),
        b'=' => i > 0 && i + 1 < bytes.len(),
        b'@' => bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric),
        b'\\' => bytes
            .get(i + 1)
            .is_some_and(|&n| n.is_ascii_alphanumeric() || n == b'\\'),
        _ => false,
    })
}

/// `/etc/hosts`, `./configure`, `~/notes`, `src/main.rs`, `a/b/c`.
fn is_path(bytes: &[u8]) -> bool {
    let rooted = [b"/".as_slice(), b"./", b"../", b"~/"]
        .iter()
        .any(|p| bytes.starts_with(p) && bytes.len() > p.len());
    // A hidden folder: `.git/shallow`, `.config/app`.
    let hidden = bytes.len() > 2
        && bytes[0] == b'.'
        && bytes[1].is_ascii_alphanumeric()
        && bytes.contains(&b'/');
    if rooted || hidden {
        return bytes[1..].iter().any(u8::is_ascii_alphanumeric);
    }
    let slashes = bytes.iter().filter(|&&b| b == b'/').count();
    if slashes == 0 {
        return false;
    }
    let has_letter = bytes.iter().any(u8::is_ascii_alphabetic);
    let last = bytes.rsplit(|&b| b == b'/').next().unwrap_or_default();
    has_letter
        && (slashes >= 2
            || last.contains(&b'.') && std::str::from_utf8(last).is_ok_and(is_file_name))
}

/// `*.md`, `**/*.rs`, `fichier.*`.
fn is_glob(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| matches!(w, b"*." | b".*" | b"*/" | b"/*" | b"**"))
}

/// `{s,S,b}`, `{nom}`.
fn is_brace_list(bytes: &[u8]) -> bool {
    bytes.len() > 2 && bytes.first() == Some(&b'{') && bytes.last() == Some(&b'}')
}

/// `name.ext` with a known extension.
fn is_file_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && stem
            .bytes()
            .all(|b| is_ident_byte(b) || matches!(b, b'-' | b'.'))
        && EXTENSIONS.contains(&ext)
}

/// `os.path.join`, `*.tar.gz`, `config.toml`, `Example.Org`,
/// `user.name`; not `U.S.A`, `1.2.3` or a missing space (`fin.Le`,
/// `fin.le`: two French words).
fn is_dotted(run: &str) -> bool {
    if !run.contains('.') {
        return false;
    }
    let parts: Vec<&str> = run.split('.').collect();
    let identifiers = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| is_ident_byte(b) || b == b'-'));
    if !identifiers {
        return false;
    }
    if parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if parts.len() >= 3 {
        return !parts.iter().all(|p| p.len() == 1);
    }
    let last = parts[parts.len() - 1];
    // `safe.directory`, `user.name`: a key of a configuration, in lowercase,
    // where one side at least is no French word.
    let key = parts.iter().all(|p| {
        p.len() >= 2
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
    }) && parts.iter().any(|p| crate::lexicon::french(p).is_none());
    key || is_file_name(run) || DOMAINS.iter().any(|d| last.eq_ignore_ascii_case(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn options_identifiers_and_paths_are_code() {
        assert_eq!(
            found("Lancez ls --all ou -o fichier, puis --time=MOT."),
            vec!["--all", "-o", "--time=MOT"]
        );
        assert_eq!(
            found("Les unités s,m,h,d et les champs euser,ruser,suser ; pas rouge,vert."),
            vec!["s,m,h,d", "euser,ruser,suser"]
        );
        assert_eq!(
            found(
                "Lancez ps -eo pid,wchan:14,comm puis lisez apt-get(8),apt.conf(5),dpkg(1) ; pas 1,5,7 ni fin.Le,a."
            ),
            vec!["-eo", "pid,wchan:14,comm", "apt-get(8),apt.conf(5),dpkg(1)"]
        );
        assert_eq!(
            found("Ouvrez \"~/.viminfo\" ou '$HOME', pas \"oui\"."),
            vec!["\"~/.viminfo\"", "'$HOME'"]
        );
        assert_eq!(
            found("Les paquets .deb et le dépôt .git/shallow, pas .Le ni .toto."),
            vec![".deb", ".git/shallow"]
        );
        assert_eq!(
            found("Un budget de 12,500,000 $ et 1,2,3 partout."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("Au format HH:MM ou YYYY-MM-DD, pas à 10:30 ni en A-B."),
            vec!["HH:MM", "YYYY-MM-DD"]
        );
        assert_eq!(
            found("Lancez stat [OPTION]... FICHIER... ou [fichier...], et puis... non."),
            vec!["[OPTION]...", "FICHIER...", "[fichier...]"]
        );
        assert_eq!(
            found("Avec find -name ou -newer, pas - tiret ni -Non."),
            vec!["-name", "-newer"]
        );
        assert_eq!(
            found("La variable config_path et $HOME, puis std::fs (voir /etc/hosts)."),
            vec!["config_path", "$HOME", "std::fs", "/etc/hosts"]
        );
        assert_eq!(
            found("Voir connect(2), sources.list(5) et SUM(1), pas la note(a) ni (1)."),
            vec!["connect(2)", "sources.list(5)", "SUM(1)"]
        );
        assert_eq!(
            found("Voir (cf. <names.h>) et <sys/types.h>, pas <b> ni <3."),
            vec!["<names.h>", "<sys/types.h>"]
        );
        assert_eq!(
            found("Réglez user.name et safe.directory, pas fin.le texte."),
            vec!["user.name", "safe.directory"]
        );
        assert_eq!(
            found("Les fichiers *.tar.gz, config.toml et src/main.rs ; Example.Org."),
            vec!["*.tar.gz", "config.toml", "src/main.rs", "Example.Org"]
        );
        assert_eq!(
            found("Écrivez %s ou %08x, %1$s et %(nom)s ; mov $0x10 ; {s,S,b} ; main() ; ?terme"),
            vec![
                "%s", "%08x", "%1$s", "%(nom)s", "$0x10", "{s,S,b}", "main()", "?terme"
            ]
        );
    }

    /// Every run `is_code` accepts holds a trigger byte, which `spans`
    /// asks of a run before testing it.
    #[test]
    fn code_holds_a_trigger() {
        let runs = [
            "--all",
            "-o",
            "%s",
            "%08x",
            "?terme",
            "a::b",
            "a->b",
            "x=>y",
            "a&&b",
            "a||b",
            "a==b",
            "a!=b",
            "main()",
            "config_path",
            "__init",
            "$HOME",
            "$?",
            "a=b",
            "@user",
            "\\n",
            "/etc",
            "./a",
            "../a",
            "~/a",
            "src/main.rs",
            "*.rs",
            "{a,b}",
            "user.name",
            "config.toml",
            "exemple.fr",
            "a.b.cd",
        ];
        for run in runs {
            assert!(is_code(run), "{run}");
            assert!(run.bytes().any(is_trigger), "{run}");
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["examples", "tests/corpus/clean"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("text folder") {
                let text =
                    std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
                for run in text.split_whitespace() {
                    assert!(!is_code(run) || run.bytes().any(is_trigger), "{run}");
                }
            }
        }
    }

    /// The shortcut for a sentence's final mark finds the spans the full
    /// reading of each run finds, on the project's texts and on marks
    /// after code.
    #[test]
    fn the_final_mark_shortcut_finds_the_same_spans() {
        let mut texts = crate::test_texts::project_texts();
        texts.push(
            "Voir --help. Puis $? : fin. a.b? x:y: ... [MOT]... MOT... f(x). ~/.bashrc.".into(),
        );
        let mut found = 0;
        for text in &texts {
            let want = spans_with::<false>(text);
            found += want.len();
            assert_eq!(spans(text), want, "{text}");
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn prose_is_not_code() {
        for text in [
            "Il a-t-il dit et/ou fait 50 % à 50km/h, 24/7 le 10/03/2025 ?",
            "C’est fini.Le jour suivant, l’U.S.A. et la version 1.2.3 ; 50% des gens.",
            "Un mot-clé, l’arc-en-ciel -- un tiret - et $15 000 ou 3,5 $.",
            "Qui ? Quoi ! Fin… « Oui » (voir plus haut) [sic] *important*",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn the_marks_of_the_sentence_stay_outside() {
        assert_eq!(found("(--help)"), vec!["--help"]);
        assert_eq!(found("(voir --help)."), vec!["--help"]);
        assert_eq!(found("(--help)."), vec!["--help"]);
        assert_eq!(found("« $HOME »."), vec!["$HOME"]);
        assert_eq!(found("«\u{A0}config.toml\u{A0}»,"), vec!["config.toml"]);
        assert_eq!(found("appelez main()."), vec!["main()"]);
    }

    #[test]
    fn manual_names_are_the_pages_referred_to() {
        let mut names: Vec<String> =
            manual_names("GREP(1)   Commandes   GREP(1)\nVoir tar(1), mount.cifs(8) et printf(3p), pas la note(a) ni (1) ni f(x).")
                .into_iter()
                .collect();
        names.sort();
        assert_eq!(names, vec!["grep", "mount.cifs", "printf", "tar"]);
    }
}
