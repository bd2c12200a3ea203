//! `coquille analyze`: every sentence's tokens with the reading the tagger
//! chose, as CoNLL-U (to compare with a treebank) or as JSON Lines (one
//! object per token, with its byte span in the original file).

use super::args::{AnalyzeArgs, AnalyzeFormat};
use super::pipeline::read_input;
use super::walk::Input;
use super::{EXIT_ERROR, error};
use crate::document::Document;
use crate::lexicon::{Gender, Number, VerbForm};
use crate::settings::Settings;
use crate::tagger::{self, TokenReading, Upos};
use serde::Serialize;
use std::io::{self, Write};

/// Runs `coquille analyze`.
pub fn run(args: &AnalyzeArgs) -> u8 {
    let input = match &args.path {
        Some(p) if p.as_os_str() != "-" => Input::File(p.clone()),
        _ => Input::Stdin,
    };
    let source = match read_input(&input, None, None) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let settings = Settings::default();
    let doc = Document::new(&source, &settings);
    super::print_quietly(|out| {
        let mut out = io::BufWriter::new(out);
        write(&doc, args.format, &mut out).and_then(|()| out.flush())
    })
}

/// The UD features of a reading (`Gender=Fem|Number=Sing`), `_` if none.
pub fn feats(r: &TokenReading) -> String {
    feats_of(r.gender, r.number, r.person, r.verb_form)
}

fn feats_of(
    gender: Option<Gender>,
    number: Option<Number>,
    person: Option<u8>,
    verb_form: Option<VerbForm>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    match gender {
        Some(Gender::Masculine) => parts.push("Gender=Masc".into()),
        Some(Gender::Feminine) => parts.push("Gender=Fem".into()),
        _ => {}
    }
    match number {
        Some(Number::Singular) => parts.push("Number=Sing".into()),
        Some(Number::Plural) => parts.push("Number=Plur".into()),
        _ => {}
    }
    if let Some(p) = person {
        parts.push(format!("Person={p}"));
    }
    match verb_form {
        Some(VerbForm::Finite) => parts.push("VerbForm=Fin".into()),
        Some(VerbForm::Infinitive) => parts.push("VerbForm=Inf".into()),
        Some(VerbForm::PastParticiple) => {
            parts.push("Tense=Past".into());
            parts.push("VerbForm=Part".into());
        }
        Some(VerbForm::PresentParticiple) => {
            parts.push("Tense=Pres".into());
            parts.push("VerbForm=Part".into());
        }
        Some(VerbForm::None) | None => {}
    }
    if parts.is_empty() {
        "_".into()
    } else {
        parts.join("|")
    }
}

/// One syntactic word of a sentence: a token, or a part of a contraction.
#[derive(Debug, Serialize)]
struct Part {
    id: usize,
    form: String,
    lemma: String,
    upos: &'static str,
    feats: String,
}

/// One token of the JSON output.
#[derive(Debug, Serialize)]
struct TokenOut<'a> {
    sentence: usize,
    /// The CoNLL-U ID: `3`, or `3-4` for a contraction.
    id: String,
    form: &'a str,
    lemma: String,
    upos: &'static str,
    feats: String,
    confidence: f32,
    /// Byte offsets in the original file.
    start: usize,
    end: usize,
    /// The two words of a contraction.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<Part>,
}

/// The words a contraction stands for, numbered from `id`.
fn contraction(form: &str, r: &TokenReading, id: usize) -> Option<Vec<Part>> {
    let second = r.fused?;
    let (a, b) = tagger::contraction_parts(form)?;
    let (gender, number) = (r.gender, r.number);
    let (first_form, second_form) = if form.chars().next().is_some_and(char::is_uppercase) {
        let mut first = a.to_string();
        if let Some(c) = first.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        (first, b.to_string())
    } else {
        (a.to_string(), b.to_string())
    };
    let lemma_b = match b {
        "les" => "le",
        "lesquels" | "lesquelles" => "lequel",
        other => other,
    };
    Some(vec![
        Part {
            id,
            form: first_form,
            lemma: a.to_string(),
            upos: r.upos.name(),
            feats: "_".into(),
        },
        Part {
            id: id + 1,
            form: second_form,
            lemma: lemma_b.to_string(),
            upos: second.name(),
            feats: feats_of(gender, number, None, None),
        },
    ])
}

/// Writes the analysis of `doc` in `format`.
fn write(doc: &Document, format: AnalyzeFormat, out: &mut dyn Write) -> io::Result<()> {
    for (s, range) in doc.sentences().iter().enumerate() {
        let readings = doc.sentence_readings(s);
        let mut id = 1;
        let mut rows = Vec::new();
        for (i, r) in range.clone().zip(readings) {
            let Some(r) = r else { continue };
            let form = doc.token_text(i);
            let parts = contraction(form, r, id).unwrap_or_default();
            let ids = if parts.is_empty() {
                id.to_string()
            } else {
                format!("{}-{}", id, id + 1)
            };
            let span = doc.prose().to_source(doc.tokens()[i].span());
            let lemma = match r.upos {
                Upos::Punct | Upos::Sym | Upos::Num => form.to_string(),
                _ => r.lemma(form).into_owned(),
            };
            id += parts.len().max(1);
            rows.push(TokenOut {
                sentence: s + 1,
                id: ids,
                form,
                lemma,
                upos: r.upos.name(),
                feats: feats(r),
                confidence: (r.confidence * 1000.0).round() / 1000.0,
                start: span.start,
                end: span.end,
                parts,
            });
        }
        if rows.is_empty() {
            continue;
        }
        match format {
            AnalyzeFormat::Json => {
                for row in &rows {
                    serde_json::to_writer(&mut *out, row).map_err(io::Error::other)?;
                    writeln!(out)?;
                }
            }
            AnalyzeFormat::Conllu => {
                let first = doc.tokens()[range.start].span();
                let last = doc.tokens()[range.end - 1].span();
                let text = doc.slice(first.cover(last));
                let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                writeln!(out, "# sent_id = {}", s + 1)?;
                writeln!(out, "# text = {text}")?;
                for row in &rows {
                    if row.parts.is_empty() {
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}\t_\t{}\t_\t_\t_\t_",
                            row.id, row.form, row.lemma, row.upos, row.feats
                        )?;
                    } else {
                        writeln!(out, "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_", row.id, row.form)?;
                        for p in &row.parts {
                            writeln!(
                                out,
                                "{}\t{}\t{}\t{}\t_\t{}\t_\t_\t_\t_",
                                p.id, p.form, p.lemma, p.upos, p.feats
                            )?;
                        }
                    }
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
