//! A deterministic corpus generator for benchmarks: articles built from the
//! bundled ones, of any total size.
//!
//! Each generated article takes random paragraphs of the bundled articles,
//! shuffles their sentences (and now and then borrows a sentence from
//! another paragraph), spells some names another way, gives each article a
//! few invented names, and changes a letter in a small share of longer words
//! so that the vocabulary grows with the corpus as a real one does (about
//! 100 000 words at 100 MB). The same seed gives the same bytes, always.
//!
//! Generated corpora are written to `benches/data/` (ignored by git) with
//! `cargo bench --bench gen_corpus`; they are never committed.

#![allow(dead_code)]

use std::path::Path;

use dossier::core::Corpus;

/// A small, fast, seeded pseudo-random generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }
}

/// Other spellings of names in the bundled articles.
const SPELLINGS: &[(&str, &[&str])] = &[
    ("Pashinyan", &["Pashinian", "Pachinian"]),
    ("Aliyev", &["Aliev", "Aliyew"]),
    ("Stepanakert", &["Khankendi", "Stepanakerd"]),
    ("Karabakh", &["Karabagh", "Qarabağ"]),
    ("Peskov", &["Peskow"]),
    ("Lavrov", &["Lawrow"]),
    ("Zakharova", &["Sacharowa"]),
    ("Yerevan", &["Erevan", "Jerewan"]),
];

const SYLLABLES: &[&str] = &[
    "ka", "ra", "ba", "na", "li", "vo", "sha", "an", "yan", "ev", "ov", "zer", "mi", "ta", "gor",
    "du", "kho", "ser", "pe", "lu", "ak", "ert", "is", "ma", "dze", "ya", "ni", "ko",
];

/// An invented capitalised name of 2–4 syllables.
fn invented_name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// Changes one letter of a word (a rare word or a typo in the source).
fn mutate(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    let i = 1 + rng.below(chars.len() - 1);
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    chars
        .iter()
        .enumerate()
        .map(|(j, &c)| {
            if j == i {
                letters[rng.below(26)] as char
            } else {
                c
            }
        })
        .collect()
}

/// The sentences of every bundled passage, passage by passage.
fn source_paragraphs() -> Vec<Vec<String>> {
    let corpus = Corpus::bundled();
    let mut out = Vec::new();
    for a in &corpus.articles {
        for p in &a.passages {
            let s: Vec<String> = a
                .sentences(p)
                .iter()
                .map(|r| a.text[r.clone()].to_string())
                .collect();
            if !s.is_empty() {
                out.push(s);
            }
        }
    }
    out
}

/// Rewrites one sentence: other spellings, the article's invented names in
/// place of some capitalised words, and the odd changed letter.
fn vary(sentence: &str, names: &[String], rng: &mut Rng, out: &mut String) {
    for (i, word) in sentence.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            out.push_str(word);
            continue;
        }
        let replacement = if let Some((_, alts)) = SPELLINGS.iter().find(|s| s.0 == core) {
            rng.chance(300)
                .then(|| alts[rng.below(alts.len())].to_string())
        } else if core.chars().next().is_some_and(char::is_uppercase)
            && core.len() > 4
            && i > 0
            && rng.chance(60)
        {
            Some(names[rng.below(names.len())].clone())
        } else if core.len() >= 5 && core.is_ascii() && rng.chance(6) {
            Some(mutate(core, rng))
        } else {
            None
        };
        match replacement {
            Some(r) => out.push_str(&word.replacen(core, &r, 1)),
            None => out.push_str(word),
        }
    }
}

/// Generated articles, `(file name, contents)`, of about `target_bytes` in
/// total, for `seed`.
pub fn generate(target_bytes: usize, seed: u64) -> Vec<(String, String)> {
    let paragraphs = source_paragraphs();
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    let mut total = 0;
    let mut n = 0;
    while total < target_bytes {
        n += 1;
        let names: Vec<String> = (0..12).map(|_| invented_name(&mut rng)).collect();
        let mut text = format!(
            "---\nid: gen-{n:05}\ntitle: {} and {}: report {n}\n---\n",
            names[0], names[1]
        );
        let count = 15 + rng.below(30);
        for _ in 0..count {
            let src = &paragraphs[rng.below(paragraphs.len())];
            let mut order: Vec<&String> = src.iter().collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            if rng.chance(200) {
                let other = &paragraphs[rng.below(paragraphs.len())];
                order.push(&other[rng.below(other.len())]);
            }
            text.push('\n');
            for (i, s) in order.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                vary(s, &names, &mut rng, &mut text);
            }
            text.push('\n');
            if total + text.len() >= target_bytes {
                break;
            }
        }
        total += text.len();
        files.push((format!("gen-{n:05}.txt"), text));
    }
    files
}

/// A corpus of about `target_bytes`, parsed in memory.
pub fn corpus(target_bytes: usize, seed: u64) -> Corpus {
    let articles = generate(target_bytes, seed)
        .iter()
        .filter_map(|(name, text)| dossier::core::Article::parse(name, text, None))
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
        origin: dossier::core::corpus::Origin::Bundled,
        entities_toml: None,
        content_hashes: Default::default(),
    }
}

/// Writes a generated corpus of about `target_bytes` into `dir` (created;
/// existing generated files are replaced).
pub fn write_corpus(dir: &Path, target_bytes: usize, seed: u64) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let files = generate(target_bytes, seed);
    for (name, text) in &files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(files.len())
}

/// Sizes in MB given as arguments (others are ignored, such as the
/// `--bench` cargo passes), or `default` when there are none.
pub fn sizes_from_args(default: &[usize]) -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        default.to_vec()
    } else {
        sizes
    }
}

/// The seed every benchmark uses.
pub const SEED: u64 = 0x0d05_51e7;

/// One mebibyte.
pub const MB: usize = 1 << 20;
