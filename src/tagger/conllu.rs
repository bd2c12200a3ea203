//! A reader of CoNLL-U treebanks, for training and measuring the tagger:
//! each sentence as the surface tokens a tokenizer sees, with their gold
//! class (`NOUN`, `VERB:Fin`, `ADP+DET` for a contraction).

/// One surface token of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldToken {
    /// The form as written.
    pub form: String,
    /// The gold class: the UPOS (with `:VerbForm` for verbs and
    /// auxiliaries), or the parts' UPOS joined with `+` for a contraction.
    pub class: String,
    /// The UPOS of each syntactic word it stands for (two for `du`).
    pub upos: Vec<String>,
    /// The FEATS column of each syntactic word.
    pub feats: Vec<String>,
}

/// One treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSentence {
    /// The `# text =` comment.
    pub text: String,
    /// Its surface tokens.
    pub tokens: Vec<GoldToken>,
}

/// The value of feature `name` in a FEATS column (`Gender=Fem|Number=Sing`).
pub fn feature<'f>(feats: &'f str, name: &str) -> Option<&'f str> {
    feats
        .split('|')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The class the tagger learns for a word of UPOS `upos` and features
/// `feats`: the UPOS, with the verb form for verbs and auxiliaries (`Fin`,
/// `Inf`, `Part` for a past participle, `PresPart` for a present one).
pub fn class_of(upos: &str, feats: &str) -> String {
    match (upos, feature(feats, "VerbForm")) {
        ("VERB" | "AUX", Some("Part")) if feature(feats, "Tense") == Some("Pres") => {
            format!("{upos}:PresPart")
        }
        ("VERB" | "AUX", Some(form @ ("Fin" | "Inf" | "Part"))) => format!("{upos}:{form}"),
        _ => upos.to_string(),
    }
}

/// Reads the sentences of a CoNLL-U text. Lines it does not understand
/// are skipped.
pub fn parse(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut sentence = GoldSentence::default();
    // The last syntactic word of the contraction being read.
    let mut fused_until = 0usize;
    for line in text.lines() {
        if line.is_empty() {
            if !sentence.tokens.is_empty() {
                out.push(std::mem::take(&mut sentence));
            }
            fused_until = 0;
            continue;
        }
        if let Some(t) = line.strip_prefix("# text = ") {
            sentence.text = t.to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            continue;
        }
        if let Some((_, last)) = cols[0].split_once('-') {
            fused_until = last.parse().unwrap_or(0);
            sentence.tokens.push(GoldToken {
                form: cols[1].to_string(),
                class: String::new(),
                upos: Vec::new(),
                feats: Vec::new(),
            });
            continue;
        }
        if cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0].parse().unwrap_or(0);
        if id != 0 && id <= fused_until {
            if let Some(t) = sentence.tokens.last_mut() {
                if !t.class.is_empty() {
                    t.class.push('+');
                }
                t.class.push_str(cols[3]);
                t.upos.push(cols[3].to_string());
                t.feats.push(cols[5].to_string());
            }
            continue;
        }
        sentence.tokens.push(GoldToken {
            form: cols[1].to_string(),
            class: class_of(cols[3], cols[5]),
            upos: vec![cols[3].to_string()],
            feats: vec![cols[5].to_string()],
        });
    }
    if !sentence.tokens.is_empty() {
        out.push(sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_contractions_and_verb_forms() {
        let text = "# text = Il parle du chat.\n\
            1\tIl\til\tPRON\t_\tNumber=Sing|Person=3\t2\tnsubj\t_\t_\n\
            2\tparle\tparler\tVERB\t_\tMood=Ind|VerbForm=Fin\t0\troot\t_\t_\n\
            3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n\
            3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n\
            4\tle\tle\tDET\t_\tGender=Masc\t5\tdet\t_\t_\n\
            5\tchat\tchat\tNOUN\t_\tGender=Masc\t2\tobl\t_\t_\n\
            6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "Il parle du chat.");
        let classes: Vec<&str> = s[0].tokens.iter().map(|t| t.class.as_str()).collect();
        assert_eq!(classes, ["PRON", "VERB:Fin", "ADP+DET", "NOUN", "PUNCT"]);
        assert_eq!(s[0].tokens[2].form, "du");
        assert_eq!(feature("Gender=Masc|Number=Sing", "Number"), Some("Sing"));
    }
}
