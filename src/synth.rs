//! A deterministic synthetic corpus: scholarly prose in the citation forms of the grammar, with
//! reference lists, a manifest, and the citations each file holds (its ground truth).
//!
//! The same seed, number of documents and size give the same bytes on every machine. Every text
//! is built from templates whose citations the generator records as it writes them, with their
//! offsets, lines and fields exactly as `extract` reports them, so `truth.jsonl` is the expected
//! output of `citegraph extract` over the corpus (the `doc` field names the file relative to the
//! corpus directory).
//!
//! What the texts hold: parenthetical clusters with lead-ins, several years, year suffixes and
//! locators; narrative citations (possessives, "and colleagues", years and locators in the
//! bracket, further items after a ';'); years printed without brackets ("Posthuma and Nathan,
//! 2010, refer to"); yearless mentions of scholars cited elsewhere in the text; "ibid."; quoted
//! passages with a page bracket after them; stance sentences; dates and counts that are not
//! citations ("In 1998 the ILO", "(2,000 workers)", "(N = 2014)", "the 1990s"); surnames with
//! particles, hyphens, apostrophes and diacritics; organisations; a reference list at the end.
//! Half of the documents are laid out like PDF-extracted text: lines of 70 to 95 columns with a
//! blank line between every two, and page numbers on lines of their own.
//!
//! Documents cite each other: document `i` cites earlier documents chosen in proportion to a
//! Pareto-distributed fitness, and a shared pool of outside works chosen by a Zipf law, so the
//! citation graph has a heavy-tailed in-degree.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::citation::lexicon::{is_stop_word, PARTICLES};
use crate::citation::{Citation, CitationKind};
use crate::output::CitationRecord;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConfig {
    /// Number of documents.
    pub docs: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Approximate total size of the texts in bytes (each document ends after a paragraph, so
    /// the total comes out a little above).
    pub bytes: u64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        Self {
            docs: 100,
            seed: 1,
            bytes: 5 << 20,
        }
    }
}

/// One generated document with its ground truth.
#[derive(Debug, Clone)]
pub struct SynthDocument {
    /// File name inside the corpus directory ("000042.txt").
    pub file: String,
    /// The text as written to the file.
    pub text: String,
    /// The citations `extract` finds in it, in text order.
    pub citations: Vec<Citation>,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SynthSummary {
    /// Documents written.
    pub docs: usize,
    /// Bytes of text written.
    pub bytes: u64,
    /// Citation records in the ground truth.
    pub citations: u64,
}

// ---- random numbers ---------------------------------------------------------------------------

/// splitmix64: tiny, fast, and the same on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        // The bias of a modulo over 64 bits is far below what any template notices.
        usize::try_from(self.next() % (bound.max(1) as u64)).unwrap_or(0)
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let value = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        value
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Draws an index with probability proportional to weights, from their running sums.
fn draw(cumulative: &[f64], rng: &mut Rng) -> usize {
    let total = cumulative.last().copied().unwrap_or(0.0);
    let target = rng.unit() * total;
    cumulative
        .partition_point(|&c| c <= target)
        .min(cumulative.len().saturating_sub(1))
}

// ---- word tables --------------------------------------------------------------------------------

const NAME_STARTS: &[&str] = &[
    "Ash", "Bel", "Cor", "Dun", "Fen", "Gar", "Hal", "Kess", "Lind", "Mor", "Nyg", "Orm", "Pell",
    "Quen", "Ros", "Sten", "Tor", "Vel", "Wex", "Yar", "Zan", "Brom", "Cald", "Dreg", "Elm",
    "Falk", "Grim", "Hask", "Ingle", "Jarv", "Kell", "Lomb", "Marr", "Noll", "Osk", "Prid", "Rask",
    "Sorv", "Thal", "Ulv",
];
const NAME_ENDS: &[&str] = &[
    "by", "dell", "feld", "gren", "ham", "ington", "kamp", "ley", "mann", "ov", "quist", "sen",
    "stad", "ton", "wick", "ez", "elli", "ović", "ström", "ønsen", "é", "ard", "ecki", "inho",
    "ander", "ault", "eiro", "aker", "otti", "uzzi",
];
const DIACRITIC_STARTS: &[&str] = &[
    "Ång", "Çel", "Øver", "Łuk", "Ébr", "Müll", "Žel", "Śnie", "Ørn", "Ñañ",
];
const NAME_PARTICLES: &[&str] = &["van", "de", "von der", "da", "de la", "van der", "di"];
const ORGANISATIONS: &[&str] = &[
    "Clean Clothes Campaign/SOMO",
    "Fashion & Sourcing Network",
    "Ethical Trading Initiative",
    "Bureau of Labor Statistics",
    "Fair Wear Foundation",
    "Workers Rights Consortium",
];
const ACRONYMS: &[&str] = &["ILO", "OECD", "AFL-CIO", "ETI", "UNCTAD", "WTO", "ITUC"];

const OPENERS: &[&str] = &[
    "However, ",
    "Moreover, ",
    "Furthermore, ",
    "In contrast, ",
    "Thus ",
    "Indeed, ",
    "Still, ",
    "Nevertheless, ",
    "Similarly, ",
    "Therefore ",
    "",
    "",
    "",
];
const SUBJECTS: &[&str] = &[
    "codes of conduct",
    "private regulation",
    "social auditing",
    "labour inspection",
    "collective bargaining",
    "the cooperation paradigm",
    "lead firms",
    "first-tier suppliers",
    "industrial clusters",
    "multi-stakeholder initiatives",
    "framework agreements",
    "fair trade networks",
    "state enforcement",
    "buyer-driven chains",
    "local trade unions",
    "capability building",
    "sourcing practices",
    "purchasing prices",
];
const CAPITAL_SUBJECTS: &[&str] = &[
    "Codes of conduct",
    "Private regulation",
    "Social auditing",
    "Labour inspection",
    "Collective bargaining",
    "Lead firms",
    "Industrial clusters",
    "Framework agreements",
    "State enforcement",
    "Sourcing practices",
];
const VERBS: &[&str] = &[
    "have brought about",
    "rarely improve",
    "often undermine",
    "can strengthen",
    "seldom reach",
    "are said to foster",
    "tend to obscure",
    "depend on",
    "shape",
    "reinforce",
    "constrain",
    "only partly explain",
];
const OBJECTS: &[&str] = &[
    "working conditions in export factories",
    "the enabling rights of workers",
    "wages and working hours",
    "the bargaining power of suppliers",
    "compliance with labour standards",
    "social upgrading in developing countries",
    "the governance of global value chains",
    "freedom of association",
    "the distribution of gains along the chain",
    "health and safety on the shop floor",
    "the legitimacy of voluntary standards",
    "learning between buyers and suppliers",
];
const TAILS: &[&str] = &[
    "",
    "",
    " in the garment sector",
    " across the sourcing base",
    " over the last two decades",
    " in most of the cases studied",
    " at the level of the firm",
    " when buyers change suppliers often",
];
const REPORTING: &[&str] = &[
    "argues",
    "shows",
    "finds",
    "suggests",
    "observes",
    "contends",
    "notes",
    "maintains",
];
const REPORTING_PLURAL: &[&str] = &[
    "argue", "show", "find", "suggest", "observe", "contend", "note", "maintain",
];
const SUPPORT_CUES: &[&str] = &[
    "convincingly demonstrates",
    "rightly stresses",
    "provides strong evidence",
];
const CRITIQUE_CUES: &[&str] = &["overlooks", "fails to consider", "underestimates"];
const LEAD_INS: &[&str] = &[
    "e.g., ",
    "see ",
    "see also ",
    "cf. ",
    "for example ",
    "for a review, see ",
];
const LATER_LEAD_INS: &[&str] = &["see also ", "cf. ", "but see "];
const QUOTES: &[&str] = &[
    "labour is not a commodity",
    "a race to the bottom",
    "compliance without commitment",
    "the missing middle of the chain",
];
const HEADINGS: &[&str] = &[
    "Debates on private regulation",
    "Evidence from export sectors",
    "Rival explanations",
    "Methods and data",
    "Findings",
    "Discussion",
    "Conclusion",
];
const TITLE_WORDS: &[&str] = &[
    "Audits",
    "Labour",
    "Chains",
    "Governance",
    "Upgrading",
    "Clusters",
    "Suppliers",
    "Rights",
    "Standards",
    "Compliance",
    "Cooperation",
    "Regulation",
    "Power",
    "Networks",
    "Learning",
];
const JOURNALS: &[&str] = &[
    "Journal of Development Studies",
    "World Development",
    "Review of International Political Economy",
    "Business and Society",
    "Global Networks",
    "Industrial Relations Journal",
];

// ---- works ----------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WorkKind {
    Persons,
    Organisation,
    Acronym,
}

#[derive(Debug, Clone)]
struct Work {
    kind: WorkKind,
    /// Surnames (or the corporate name) as printed.
    authors: Vec<String>,
    /// Initials for the reference list, aligned with `authors`.
    initials: Vec<String>,
    /// "2009", "2015a", "forthcoming".
    year: String,
    title: String,
    /// A twin work: same authors and year digits with the next suffix letter.
    twin: Option<usize>,
}

impl Work {
    fn has_particle(&self) -> bool {
        self.authors[0].starts_with(char::is_lowercase)
    }
}

/// Everything shared by the documents of one corpus.
struct World {
    seed: u64,
    /// Outside works first, then one work per corpus document.
    works: Vec<Work>,
    outside: usize,
    /// Zipf running sums over the outside works.
    outside_weights: Vec<f64>,
    /// Fitness running sums over the corpus documents.
    doc_weights: Vec<f64>,
    doc_bytes: Vec<usize>,
    doc_pdf: Vec<bool>,
}

fn surname_pool(rng: &mut Rng, count: usize) -> Vec<String> {
    let forbidden: HashSet<String> = SUBJECTS
        .iter()
        .chain(OBJECTS)
        .chain(TITLE_WORDS)
        .chain(HEADINGS)
        .chain(QUOTES)
        .flat_map(|s| s.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let mut seen = HashSet::new();
    let mut pool = Vec::with_capacity(count);
    let mut attempts = 0usize;
    while pool.len() < count && attempts < count * 50 {
        attempts += 1;
        let base = |rng: &mut Rng| -> String {
            let start = if rng.chance(0.12) {
                *rng.pick(DIACRITIC_STARTS)
            } else {
                *rng.pick(NAME_STARTS)
            };
            format!("{start}{}", rng.pick(NAME_ENDS))
        };
        let roll = rng.unit();
        let name = if roll < 0.08 {
            format!("{}-{}", base(rng), base(rng))
        } else if roll < 0.13 {
            format!("{} {}", rng.pick(NAME_PARTICLES), base(rng))
        } else if roll < 0.16 {
            let rest = base(rng);
            format!("O’{rest}")
        } else if roll < 0.18 {
            format!("Mc{}", base(rng))
        } else {
            base(rng)
        };
        let folded = name.to_lowercase();
        if forbidden.contains(&folded)
            || is_stop_word(&name)
            || PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(&name))
            || !seen.insert(folded)
        {
            continue;
        }
        pool.push(name);
    }
    pool
}

fn initials(rng: &mut Rng) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTW";
    let first = char::from(*rng.pick(LETTERS));
    if rng.chance(0.3) {
        format!("{first}. {}.", char::from(*rng.pick(LETTERS)))
    } else {
        format!("{first}.")
    }
}

fn title(rng: &mut Rng) -> String {
    let words: Vec<&str> = (0..rng.range(2, 4))
        .map(|_| *rng.pick(TITLE_WORDS))
        .collect();
    format!(
        "{} and {}: {} in {}",
        words[0],
        words[1 % words.len()],
        rng.pick(CAPITAL_SUBJECTS),
        rng.pick(&[
            "Asia",
            "Global Value Chains",
            "Export Sectors",
            "Bangladesh"
        ])
    )
}

fn person_work(rng: &mut Rng, surnames: &[String], weights: &[f64], year: String) -> Work {
    let count = match rng.below(20) {
        0..=8 => 1,
        9..=14 => 2,
        15..=17 => 3,
        _ => rng.range(4, 6),
    };
    let mut authors: Vec<String> = Vec::with_capacity(count);
    while authors.len() < count {
        let name = surnames[draw(weights, rng)].clone();
        if !authors.contains(&name) {
            authors.push(name);
        }
    }
    let initials = authors.iter().map(|_| initials(rng)).collect();
    Work {
        kind: WorkKind::Persons,
        authors,
        initials,
        year,
        title: title(rng),
        twin: None,
    }
}

impl World {
    fn new(config: &SynthConfig) -> Self {
        let mut rng = Rng::new(config.seed, 0);
        let docs = config.docs.max(1);
        let surnames = surname_pool(&mut rng, 1500 + docs.min(20_000));
        // Prolific scholars: a Zipf law over surnames.
        let surname_weights = running_sums((0..surnames.len()).map(|k| zipf(k, 0.9)));
        let outside = (docs * 3).clamp(400, 60_000);
        let mut works: Vec<Work> = Vec::with_capacity(outside + docs + 16);
        while works.len() < outside {
            let roll = rng.unit();
            if roll < 0.03 {
                works.push(Work {
                    kind: WorkKind::Organisation,
                    authors: vec![(*rng.pick(ORGANISATIONS)).to_string()],
                    initials: vec![String::new()],
                    year: rng.range(1995, 2022).to_string(),
                    title: title(&mut rng),
                    twin: None,
                });
                continue;
            }
            if roll < 0.07 {
                works.push(Work {
                    kind: WorkKind::Acronym,
                    authors: vec![(*rng.pick(ACRONYMS)).to_string()],
                    initials: vec![String::new()],
                    year: rng.range(1995, 2022).to_string(),
                    title: title(&mut rng),
                    twin: None,
                });
                continue;
            }
            let digits = rng.range(1965, 2023).to_string();
            if roll < 0.11 {
                // Two works of the same authors and year: 2015a and 2015b.
                let first =
                    person_work(&mut rng, &surnames, &surname_weights, format!("{digits}a"));
                let mut second = first.clone();
                second.year = format!("{digits}b");
                second.title = title(&mut rng);
                let index = works.len();
                works.push(Work {
                    twin: Some(index + 1),
                    ..first
                });
                works.push(second);
                continue;
            }
            let year = match rng.below(100) {
                0 => "forthcoming".to_string(),
                1 => "in press".to_string(),
                2 => "n.d.".to_string(),
                _ => digits,
            };
            works.push(person_work(&mut rng, &surnames, &surname_weights, year));
        }
        let outside = works.len();
        let outside_weights = running_sums((0..outside).map(|k| zipf(k, 1.05)));
        let mut doc_weights = Vec::with_capacity(docs);
        let mut doc_factors = Vec::with_capacity(docs);
        let mut doc_pdf = Vec::with_capacity(docs);
        let mean = (config.bytes / docs as u64).max(2000);
        let mut total = 0.0;
        for index in 0..docs {
            // Documents appear in time order, so earlier ones can be cited by later ones.
            let year = 1990 + index * 33 / docs;
            let mut work = person_work(&mut rng, &surnames, &surname_weights, year.to_string());
            work.authors.truncate(3);
            work.initials.truncate(3);
            works.push(work);
            // Pareto fitness with shape 1.2: a few documents gather most citations.
            total += rng.unit().max(1e-9).powf(-1.0 / 1.2);
            doc_weights.push(total);
            doc_factors.push(0.5 + rng.unit());
            doc_pdf.push(rng.chance(0.5));
        }
        // Sizes vary from half to one and a half times the mean and add up to the total.
        let factor_sum: f64 = doc_factors.iter().sum();
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        #[allow(clippy::cast_sign_loss)]
        let doc_bytes: Vec<usize> = doc_factors
            .iter()
            .map(|f| (mean as f64 * docs as f64 * f / factor_sum) as usize)
            .collect();
        Self {
            seed: config.seed,
            works,
            outside,
            outside_weights,
            doc_weights,
            doc_bytes,
            doc_pdf,
        }
    }

    fn doc_work(&self, doc: usize) -> &Work {
        &self.works[self.outside + doc]
    }
}

fn zipf(rank: usize, exponent: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let rank = (rank + 1) as f64;
    rank.powf(-exponent)
}

fn running_sums(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut total = 0.0;
    weights
        .map(|w| {
            total += w;
            total
        })
        .collect()
}

// ---- one document -------------------------------------------------------------------------------

/// A citation recorded while writing, with offsets into the body (before line wrapping).
#[derive(Debug, Clone)]
struct Rec {
    start: usize,
    end: usize,
    kind: CitationKind,
    authors: Vec<String>,
    initials: Vec<Option<String>>,
    et_al: bool,
    year: Option<String>,
    locator: Option<String>,
    prefix: Option<String>,
    ibid: bool,
    bracket: Option<usize>,
}

/// How the authors of a work are printed in one citation.
struct Printed {
    authors: Vec<String>,
    initials: Vec<Option<String>>,
    et_al: bool,
}

struct Writer<'w> {
    world: &'w World,
    rng: Rng,
    body: String,
    records: Vec<Rec>,
    /// Index in `records` of the last dated citation (for "ibid.").
    last_dated: Option<usize>,
    /// Works this document cites (indices into `world.works`).
    cited: Vec<usize>,
    /// Works cited so far in the text, persons only (for yearless mentions).
    mentioned: Vec<usize>,
    /// Paragraph ranges of the body, for wrapping.
    paragraphs: Vec<(usize, usize)>,
}

impl<'w> Writer<'w> {
    fn push(&mut self, text: &str) {
        self.body.push_str(text);
    }

    fn at(&self) -> usize {
        self.body.len()
    }

    fn work(&self, index: usize) -> &'w Work {
        &self.world.works[index]
    }

    fn pick_work(&mut self) -> usize {
        self.cited[self.rng.below(self.cited.len())]
    }

    fn pick_person_work(&mut self, allow_particle: bool) -> Option<usize> {
        for _ in 0..16 {
            let index = self.pick_work();
            let work = self.work(index);
            if work.kind == WorkKind::Persons
                && work.year.starts_with(|c: char| c.is_ascii_digit())
                && (allow_particle || !work.has_particle())
            {
                return Some(index);
            }
        }
        None
    }

    /// Writes the authors of `work` and says how they were printed.
    fn names(&mut self, work: &Work, parenthetical: bool) -> Printed {
        let n = work.authors.len();
        let mut printed = Printed {
            authors: Vec::new(),
            initials: Vec::new(),
            et_al: false,
        };
        if work.kind != WorkKind::Persons {
            self.push(&work.authors[0]);
            printed.authors.push(work.authors[0].clone());
            printed.initials.push(None);
            return printed;
        }
        let with_initials = n == 1 && parenthetical && self.rng.chance(0.03);
        if with_initials {
            let initials = &work.initials[0];
            self.push(initials);
            self.push(" ");
            printed.initials.push(Some(initials.clone()));
        } else {
            printed.initials.push(None);
        }
        self.push(&work.authors[0]);
        printed.authors.push(work.authors[0].clone());
        match n {
            1 => {}
            2 => {
                let conj = if parenthetical && self.rng.chance(0.3) {
                    " & "
                } else {
                    " and "
                };
                self.push(conj);
                self.push(&work.authors[1]);
                printed.authors.push(work.authors[1].clone());
                printed.initials.push(None);
            }
            3 if self.rng.chance(0.3) => {
                self.push(", ");
                self.push(&work.authors[1]);
                let conj = if self.rng.chance(0.5) {
                    ", and "
                } else {
                    " and "
                };
                self.push(conj);
                self.push(&work.authors[2]);
                printed.authors.extend(work.authors[1..3].iter().cloned());
                printed.initials.extend([None, None]);
            }
            _ => {
                let form = if !parenthetical && self.rng.chance(0.15) {
                    " and colleagues"
                } else {
                    " et al."
                };
                self.push(form);
                printed.et_al = true;
            }
        }
        printed
    }

    fn record(&mut self, start: usize, end: usize, kind: CitationKind, printed: &Printed) -> Rec {
        Rec {
            start,
            end,
            kind,
            authors: printed.authors.clone(),
            initials: printed.initials.clone(),
            et_al: printed.et_al,
            year: None,
            locator: None,
            prefix: None,
            ibid: false,
            bracket: None,
        }
    }

    fn commit(&mut self, rec: Rec) {
        if rec.kind != CitationKind::Yearless {
            self.last_dated = Some(self.records.len());
        }
        self.records.push(rec);
    }

    fn note_mentioned(&mut self, work: usize) {
        if self.work(work).kind == WorkKind::Persons && !self.mentioned.contains(&work) {
            self.mentioned.push(work);
        }
    }

    fn locator(&mut self) -> Option<String> {
        match self.rng.below(12) {
            0 => Some(format!("p. {}", self.rng.range(2, 480))),
            1 => {
                let from = self.rng.range(2, 400);
                Some(format!("pp. {from}–{}", from + self.rng.range(1, 20)))
            }
            2 => Some(format!(":{}", self.rng.range(10, 480))),
            _ => None,
        }
    }

    /// Writes ", p. 3" or ": 237" after a year; returns the locator as reported.
    fn write_locator(&mut self, locator: &str) -> String {
        if let Some(page) = locator.strip_prefix(':') {
            self.push(": ");
            self.push(page);
            page.to_string()
        } else {
            self.push(", ");
            self.push(locator);
            locator.to_string()
        }
    }

    /// One bracket of one to four works: "(e.g., Locke et al., 2007, 2009; De Neve, 2009)".
    fn parenthetical(&mut self) {
        let open = self.at();
        self.push("(");
        let count = match self.rng.below(10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => self.rng.range(3, 4),
        };
        let mut prefix: Option<String> = None;
        let mut used: Vec<usize> = Vec::new();
        for position in 0..count {
            let index = self.pick_work();
            if used.contains(&index) {
                continue;
            }
            if position > 0 {
                self.push("; ");
            }
            let lead_in = if position == 0 && self.rng.chance(0.2) {
                Some(*self.rng.pick(LEAD_INS))
            } else if position > 0 && self.rng.chance(0.1) {
                Some(*self.rng.pick(LATER_LEAD_INS))
            } else {
                None
            };
            if let Some(lead_in) = lead_in {
                self.push(lead_in);
                let trimmed = lead_in.trim().trim_end_matches([',', ':', ';']).trim_end();
                prefix = Some(trimmed.to_string());
            }
            used.push(index);
            let work = self.work(index);
            let start = self.at();
            let printed = self.names(work, true);
            let corporate = work.kind == WorkKind::Organisation;
            let comma = corporate || self.rng.chance(0.6);
            self.push(if comma { ", " } else { " " });
            let mut template = self.record(start, start, CitationKind::Parenthetical, &printed);
            template.prefix.clone_from(&prefix);
            template.bracket = Some(open);
            let mut years: Vec<(String, usize)> = Vec::new();
            self.push(&work.year);
            years.push((work.year.clone(), self.at()));
            if let Some(twin) = work.twin.filter(|_| self.rng.chance(0.5)) {
                let separator = if self.rng.chance(0.5) { ", " } else { "," };
                self.push(separator);
                let letter = self.work(twin).year.chars().last().unwrap_or('b');
                self.body.push(letter);
                years.push((self.work(twin).year.clone(), self.at()));
                used.push(twin);
            } else if work.year.bytes().all(|b| b.is_ascii_digit()) && self.rng.chance(0.12) {
                // Another work of the same authors: "Locke et al., 2007, 2009".
                let later = work.year.parse::<usize>().unwrap_or(2000) + self.rng.range(1, 6);
                self.push(", ");
                self.push(&later.to_string());
                years.push((later.to_string(), self.at()));
            }
            let locator = self.locator();
            let count_years = years.len();
            for (k, (year, end)) in years.into_iter().enumerate() {
                let mut rec = template.clone();
                rec.year = Some(year);
                rec.end = end;
                if k + 1 == count_years {
                    if let Some(locator) = &locator {
                        rec.locator = Some(self.write_locator(locator));
                        rec.end = self.at();
                    }
                }
                self.commit(rec);
            }
            self.note_mentioned(index);
            if count == 1 && work.year.bytes().all(|b| b.is_ascii_digit()) && self.rng.chance(0.05)
            {
                // More years of the same work after a ';': "(Schmitz, 1998; 1999)".
                let later = work.year.parse::<usize>().unwrap_or(2000) + self.rng.range(1, 4);
                self.push("; ");
                self.push(&later.to_string());
                let mut rec = template.clone();
                rec.year = Some(later.to_string());
                rec.end = self.at();
                self.commit(rec);
            }
        }
        self.push(")");
    }

    /// "Gereffi (1994) proposes", "Locke et al.’s (2009) examples", "as Hughes (2007, p. 4)".
    /// The caller writes what comes before the subject (a sentence start or a lower-case word).
    fn narrative(&mut self, sentence_start: bool) -> bool {
        let Some(index) = self.pick_person_work(!sentence_start) else {
            return false;
        };
        let work = self.work(index);
        let start = self.at();
        let printed = self.names(work, false);
        if self.rng.chance(0.1) {
            let plural = printed.authors.len() > 1 && !printed.et_al;
            self.push(if plural || self.body.ends_with('s') {
                "’"
            } else {
                "’s"
            });
        }
        self.push(" ");
        let open = self.at();
        self.push("(");
        let mut template = self.record(start, start, CitationKind::Narrative, &printed);
        template.bracket = Some(open);
        self.push(&work.year);
        let mut years = vec![(work.year.clone(), self.at())];
        if work.year.bytes().all(|b| b.is_ascii_digit()) && self.rng.chance(0.1) {
            let later = work.year.parse::<usize>().unwrap_or(2000) + self.rng.range(1, 9);
            self.push(", ");
            self.push(&later.to_string());
            years.push((later.to_string(), self.at()));
        }
        let locator = self.locator().map(|l| self.write_locator(&l));
        let locator_end = self.at();
        let more = if self.rng.chance(0.05) {
            // "(2009; see also Locke 2013)".
            let other = self.pick_work();
            let other_work = self.work(other);
            self.push("; see also ");
            let start = self.at();
            let printed = self.names(other_work, true);
            // A corporate name needs its comma: "Fair Wear Foundation, 2014".
            self.push(if other_work.kind == WorkKind::Organisation {
                ", "
            } else {
                " "
            });
            self.push(&other_work.year);
            let mut rec = self.record(start, self.at(), CitationKind::Parenthetical, &printed);
            rec.year = Some(other_work.year.clone());
            rec.prefix = Some("see also".to_string());
            rec.bracket = Some(open);
            self.note_mentioned(other);
            Some(rec)
        } else {
            None
        };
        self.push(")");
        let close_end = self.at();
        let count = years.len();
        for (k, (year, year_end)) in years.into_iter().enumerate() {
            let mut rec = template.clone();
            rec.year = Some(year);
            rec.end = year_end;
            if k + 1 == count {
                rec.locator.clone_from(&locator);
                if more.is_none() {
                    rec.end = close_end;
                } else if locator.is_some() {
                    rec.end = locator_end;
                }
            }
            self.commit(rec);
        }
        if let Some(rec) = more {
            self.commit(rec);
        }
        self.note_mentioned(index);
        true
    }

    fn clause(&mut self) {
        let subject = *self.rng.pick(SUBJECTS);
        let verb = *self.rng.pick(VERBS);
        let object = *self.rng.pick(OBJECTS);
        let tail = *self.rng.pick(TAILS);
        let _ = write!(self.body, "{subject} {verb} {object}{tail}");
    }

    fn capital_clause(&mut self) {
        let opener = *self.rng.pick(OPENERS);
        self.push(opener);
        if opener.is_empty() {
            let subject = *self.rng.pick(CAPITAL_SUBJECTS);
            let verb = *self.rng.pick(VERBS);
            let object = *self.rng.pick(OBJECTS);
            let _ = write!(self.body, "{subject} {verb} {object}");
        } else {
            self.clause();
        }
    }

    /// One sentence. The mix is set so that a text holds about one citation per 450 bytes, as
    /// the articles of the shared corpus do (most sentences of an article cite nothing).
    fn sentence(&mut self) {
        match self.rng.below(280) {
            0..=29 => {
                // A claim and its sources.
                self.capital_clause();
                self.push(" ");
                self.parenthetical();
                self.push(".");
            }
            30..=41 => self.narrative_sentence(),
            42..=48 => {
                // A narrative citation inside the sentence.
                self.capital_clause();
                self.push(", as ");
                if self.narrative(false) {
                    let verb = *self.rng.pick(REPORTING);
                    let _ = write!(self.body, " {verb}.");
                } else {
                    self.push("expected.");
                }
            }
            49..=53 => self.stance(),
            54..=56 => self.unbracketed(),
            57..=61 => self.yearless(),
            62..=63 => self.quotation(),
            64..=65 => self.ibid(),
            66..=75 => self.not_a_citation(),
            76..=179 => {
                self.capital_clause();
                self.push(".");
            }
            _ => self.long_sentence(),
        }
    }

    /// A sentence of two clauses and no citation.
    fn long_sentence(&mut self) {
        self.capital_clause();
        let joiner = *self.rng.pick(&[
            ", while ",
            ", and ",
            "; in practice ",
            ", whereas ",
            ", since ",
        ]);
        self.push(joiner);
        self.clause();
        self.push(".");
    }

    /// A narrative citation opening the sentence: "Gereffi (1994) argues that ...".
    fn narrative_sentence(&mut self) {
        if self.narrative(true) {
            let verb = *self.rng.pick(REPORTING);
            let _ = write!(self.body, " {verb} that ");
            self.clause();
        } else {
            self.capital_clause();
        }
        self.push(".");
    }

    /// Support and critique cues around a narrative citation: "Gereffi (1994) convincingly
    /// demonstrates", "Locke (2013) overlooks", "Unlike Hughes (2007), we find".
    fn stance(&mut self) {
        match self.rng.below(3) {
            0 | 1 => {
                let cues = if self.rng.chance(0.5) {
                    SUPPORT_CUES
                } else {
                    CRITIQUE_CUES
                };
                if self.narrative(true) {
                    let cue = *self.rng.pick(cues);
                    let _ = write!(self.body, " {cue} that ");
                    self.clause();
                } else {
                    self.capital_clause();
                }
                self.push(".");
            }
            _ => {
                self.push("Unlike ");
                if self.narrative(false) {
                    self.push(", we find that ");
                    self.clause();
                    self.push(".");
                } else {
                    self.push("the others, we disagree.");
                }
            }
        }
    }

    /// "Posthuma and Nathan, 2010, refer to decent work".
    fn unbracketed(&mut self) {
        let Some(index) = self.pick_person_work(false) else {
            self.push("Little is known.");
            return;
        };
        let work = self.work(index);
        let start = self.at();
        let printed = self.names(work, true);
        self.push(", ");
        self.push(&work.year);
        let mut rec = self.record(start, self.at(), CitationKind::Narrative, &printed);
        rec.year = Some(work.year.clone());
        self.commit(rec);
        self.note_mentioned(index);
        let verb = if printed.authors.len() > 1 || printed.et_al {
            *self.rng.pick(REPORTING_PLURAL)
        } else {
            *self.rng.pick(REPORTING)
        };
        let _ = write!(self.body, ", {verb} that ");
        self.clause();
        self.push(".");
    }

    /// "As Schmitz and Nadvi argue, ..." about a scholar already cited with a year.
    fn yearless(&mut self) {
        let candidates: Vec<usize> = self
            .mentioned
            .iter()
            .copied()
            .filter(|&w| {
                let work = self.work(w);
                work.authors.len() <= 2 && !work.has_particle()
            })
            .collect();
        if candidates.is_empty() {
            self.capital_clause();
            self.push(".");
            return;
        }
        let index = *self.rng.pick(&candidates);
        let work = self.work(index);
        self.push("As ");
        let start = self.at();
        let printed = self.names(work, false);
        let rec = self.record(start, self.at(), CitationKind::Yearless, &printed);
        self.commit(rec);
        let verb = if printed.authors.len() > 1 {
            "argue"
        } else {
            "argues"
        };
        let _ = write!(self.body, " {verb}, ");
        self.clause();
        self.push(".");
    }

    /// A quotation with its page in a bracket of its own after a narrative citation.
    fn quotation(&mut self) {
        self.push("We agree with ");
        let before = self.records.len();
        if !self.narrative(false) {
            self.push("them.");
            return;
        }
        let quote = *self.rng.pick(QUOTES);
        let _ = write!(self.body, " that “{quote}” ");
        let page = self.rng.range(10, 480).to_string();
        let _ = write!(self.body, "({page}).");
        // The page goes to the last citation before it, when it has no locator.
        if let Some(last) = self.records.len().checked_sub(1).filter(|&l| l >= before) {
            if self.records[last].locator.is_none() {
                self.records[last].locator = Some(page);
            }
        }
    }

    /// "(ibid.)" or "(ibid., p. 4)" right after a parenthetical citation.
    fn ibid(&mut self) {
        self.capital_clause();
        self.push(" ");
        self.parenthetical();
        self.push(". It is ");
        let word = *self.rng.pick(&["advisory", "contested", "widely cited"]);
        self.push(word);
        self.push(" (");
        let start = self.at();
        self.push("ibid.");
        let locator = if self.rng.chance(0.4) {
            let page = format!("p. {}", self.rng.range(2, 300));
            self.push(", ");
            self.push(&page);
            Some(page)
        } else {
            None
        };
        let end = self.at();
        self.push(").");
        let Some(previous) = self.last_dated.map(|i| self.records[i].clone()) else {
            return;
        };
        let mut rec = previous;
        rec.start = start;
        rec.end = end;
        rec.kind = CitationKind::Parenthetical;
        rec.prefix = None;
        rec.locator = locator.or(rec.locator);
        rec.ibid = true;
        rec.bracket = None;
        self.commit(rec);
    }

    /// Dates, counts and cross-references that are not citations.
    fn not_a_citation(&mut self) {
        let year = self.rng.range(1970, 2022);
        match self.rng.below(7) {
            0 => {
                let _ = write!(self.body, "In {year} the ILO adopted a declaration.");
            }
            1 => {
                let _ = write!(
                    self.body,
                    "Some suppliers ({},000 workers) moved production.",
                    self.rng.range(2, 40)
                );
            }
            2 => {
                let _ = write!(self.body, "The sample (N = {year}) was large.");
            }
            3 => {
                let _ = write!(
                    self.body,
                    "During the {}0s trade grew (see Figure {}).",
                    self.rng.range(197, 201),
                    self.rng.range(1, 9)
                );
            }
            4 => {
                let _ = write!(
                    self.body,
                    "As shown earlier (Section {}), exports rose (in {year}).",
                    self.rng.range(2, 6)
                );
            }
            5 => {
                let _ = write!(self.body, "It happened (May {year}) in Dhaka.");
            }
            _ => {
                let _ = write!(self.body, "Orders grew ({year}).");
            }
        }
    }

    fn paragraph(&mut self, sentences: usize) {
        let start = self.at();
        for index in 0..sentences {
            if index > 0 {
                self.push(" ");
            }
            self.sentence();
        }
        self.paragraphs.push((start, self.at()));
        self.push("\n\n");
    }

    fn heading(&mut self, text: &str) {
        self.push(text);
        self.push("\n\n");
    }
}

/// Generates document `index` of the corpus of `world`.
fn generate_document(world: &World, index: usize) -> SynthDocument {
    let mut rng = Rng::new(world.seed, 1 + index as u64);
    // Works cited: some outside works and some earlier documents of the corpus. The reference
    // list takes about 130 bytes a work; the body makes up the rest of the document's size.
    let wanted = (world.doc_bytes[index] / 1300).clamp(8, 4000);
    let target = world.doc_bytes[index].saturating_sub(wanted * 130);
    let mut cited: Vec<usize> = Vec::with_capacity(wanted);
    let mut tries = 0;
    while cited.len() < wanted && tries < wanted * 20 {
        tries += 1;
        let work = if index > 0 && rng.chance(0.35) {
            world.outside + draw(&world.doc_weights[..index], &mut rng)
        } else {
            draw(&world.outside_weights, &mut rng)
        };
        if !cited.contains(&work) {
            cited.push(work);
        }
    }
    let me = world.doc_work(index);
    let mut writer = Writer {
        world,
        rng,
        body: String::with_capacity(target + 4096),
        records: Vec::new(),
        last_dated: None,
        cited,
        mentioned: Vec::new(),
        paragraphs: Vec::new(),
    };
    writer.heading(&me.title);
    writer.heading("Abstract");
    writer.paragraph(3);
    let mut section = 0;
    while writer.at() < target {
        if section == 0 || writer.rng.chance(0.12) {
            section += 1;
            let heading = if section == 1 {
                "Introduction"
            } else {
                *writer.rng.pick(HEADINGS)
            };
            writer.heading(&format!("{section} {heading}"));
        }
        let sentences = writer.rng.range(3, 9);
        writer.paragraph(sentences);
    }
    // The reference list: every work the text cites, twins included.
    let mut listed: Vec<usize> = writer.cited.clone();
    for &work in &writer.cited {
        if let Some(twin) = world.works[work].twin {
            listed.push(twin);
        }
    }
    listed.sort_unstable();
    listed.dedup();
    let mut entries: Vec<String> = listed
        .iter()
        .map(|&w| reference_entry(&world.works[w], &mut writer.rng))
        .collect();
    entries.sort();
    entries.dedup();
    writer.heading("References");
    let body_end = writer.at();
    for entry in &entries {
        writer.push(entry);
        writer.push("\n\n");
    }
    let pdf = world.doc_pdf[index];
    let Writer {
        body,
        records,
        paragraphs,
        mut rng,
        ..
    } = writer;
    let (text, insertions) = if pdf {
        wrap(&body, &paragraphs, body_end, &mut rng)
    } else {
        (body.clone(), Vec::new())
    };
    let map = |offset: usize| -> usize {
        let shift: usize = insertions
            .partition_point(|&(at, _)| at < offset)
            .checked_sub(1)
            .map_or(0, |i| insertions[i].1);
        offset + shift
    };
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let citations = records
        .into_iter()
        .map(|rec| {
            let start = map(rec.start);
            Citation {
                start,
                end: map(rec.end),
                line: line_starts.partition_point(|&s| s <= start),
                raw: crate::citation::scan::collapse_ws(&body[rec.start..rec.end]),
                kind: rec.kind,
                authors: rec.authors,
                initials: rec.initials,
                et_al: rec.et_al,
                year: rec.year,
                locator: rec.locator,
                prefix: rec.prefix,
                ibid: rec.ibid,
                bracket: rec.bracket.map(map),
                // The text before line breaks were put in: what normalisation gives back.
                norm_start: rec.start,
                norm_end: rec.end,
            }
        })
        .collect();
    SynthDocument {
        file: format!("{index:06}.txt"),
        text,
        citations,
    }
}

fn reference_entry(work: &Work, rng: &mut Rng) -> String {
    let mut entry = String::new();
    if work.kind == WorkKind::Persons {
        for (k, (surname, initials)) in work.authors.iter().zip(&work.initials).enumerate() {
            if k > 0 {
                entry.push_str(if k + 1 == work.authors.len() {
                    ", & "
                } else {
                    ", "
                });
            }
            let _ = write!(entry, "{surname}, {initials}");
        }
    } else {
        entry.push_str(&work.authors[0]);
        entry.push('.');
    }
    let _ = write!(
        entry,
        " ({}). {}. {}, {}({}), {}–{}.",
        work.year,
        work.title,
        rng.pick(JOURNALS),
        rng.range(1, 60),
        rng.range(1, 4),
        rng.range(1, 400),
        rng.range(401, 900)
    );
    entry
}

/// Lays out the paragraphs of `body` like PDF-extracted text: lines of 70 to 95 columns with a
/// blank line between every two, and a page number on a line of its own every 40 lines. Only
/// spaces inside paragraphs become line breaks, so no word is cut. Returns the text and, for
/// each inserted stretch, the body offset it replaces and the bytes added up to there.
fn wrap(
    body: &str,
    paragraphs: &[(usize, usize)],
    body_end: usize,
    rng: &mut Rng,
) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(body.len() + body.len() / 40);
    let mut insertions = Vec::new();
    let mut added = 0usize;
    let mut copied = 0usize;
    let mut lines = 0usize;
    let mut page = 1usize;
    for &(start, end) in paragraphs.iter().filter(|p| p.1 <= body_end) {
        let width = rng.range(70, 95);
        let mut line_start = start;
        let mut last_space: Option<usize> = None;
        let bytes = body.as_bytes();
        let mut at = start;
        while at < end {
            if bytes[at] == b' ' {
                last_space = Some(at);
            }
            if at - line_start >= width {
                if let Some(space) = last_space.filter(|&s| s > line_start) {
                    out.push_str(&body[copied..space]);
                    lines += 1;
                    let replacement = if lines % 40 == 0 {
                        // One to three digits: a four-digit line may be read as a year.
                        page = page % 998 + 1;
                        format!("\n\n{page}\n\n")
                    } else {
                        "\n\n".to_string()
                    };
                    out.push_str(&replacement);
                    added += replacement.len() - 1;
                    insertions.push((space, added));
                    copied = space + 1;
                    line_start = space + 1;
                    last_space = None;
                }
            }
            at += 1;
        }
    }
    out.push_str(&body[copied..]);
    (out, insertions)
}

/// Generates the documents `range` of a corpus (for tests and benchmarks that keep it in memory).
#[must_use]
pub fn generate(config: &SynthConfig) -> Vec<SynthDocument> {
    let world = World::new(config);
    (0..config.docs)
        .into_par_iter()
        .map(|index| generate_document(&world, index))
        .collect()
}

/// Writes a corpus to `out`: one text per document, `corpus.toml` (the manifest: who wrote each
/// document, in the format of the shared corpus), and `truth.jsonl` (the citations of every
/// document in the `extract` JSON Lines format, `doc` relative to `out`). Documents are
/// generated in parallel in batches and written in order, so memory stays bounded by a batch.
///
/// # Errors
/// Creating the directory or writing a file.
pub fn write_corpus(config: &SynthConfig, out: &Path) -> io::Result<SynthSummary> {
    fs::create_dir_all(out)?;
    let world = World::new(config);
    let mut truth = BufWriter::new(fs::File::create(out.join("truth.jsonl"))?);
    let mut manifest = BufWriter::new(fs::File::create(out.join("corpus.toml"))?);
    writeln!(
        manifest,
        "# Synthetic corpus written by `citegraph synth --docs {} --seed {} --size {}`.\n# Who wrote each document, so that a document and the citations of it by other documents\n# become one work in the graph.",
        config.docs, config.seed, config.bytes
    )?;
    let mut summary = SynthSummary::default();
    let batch = rayon::current_num_threads().max(1) * 4;
    let mut next = 0;
    while next < config.docs {
        let upto = (next + batch).min(config.docs);
        let documents: Vec<SynthDocument> = (next..upto)
            .into_par_iter()
            .map(|index| generate_document(&world, index))
            .collect();
        for (offset, document) in documents.iter().enumerate() {
            fs::write(out.join(&document.file), &document.text)?;
            for citation in &document.citations {
                serde_json::to_writer(&mut truth, &CitationRecord::new(&document.file, citation))?;
                truth.write_all(b"\n")?;
            }
            let work = world.doc_work(next + offset);
            writeln!(manifest, "\n[[document]]")?;
            writeln!(manifest, "file = {}", toml_string(&document.file))?;
            let authors: Vec<String> = work.authors.iter().map(|a| toml_string(a)).collect();
            writeln!(manifest, "authors = [{}]", authors.join(", "))?;
            writeln!(manifest, "year = {}", toml_string(&work.year))?;
            writeln!(manifest, "title = {}", toml_string(&work.title))?;
            summary.docs += 1;
            summary.bytes += document.text.len() as u64;
            summary.citations += document.citations.len() as u64;
        }
        next = upto;
    }
    truth.flush()?;
    manifest.flush()?;
    Ok(summary)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Parses a size such as "200M", "1G", "512K", "1.5G" or a plain number of bytes.
///
/// # Errors
/// A message when the text is not a size.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let upper = upper.trim_end_matches("IB").trim_end_matches('B');
    let (number, unit) = match upper.chars().last() {
        Some('K') => (&upper[..upper.len() - 1], 1u64 << 10),
        Some('M') => (&upper[..upper.len() - 1], 1 << 20),
        Some('G') => (&upper[..upper.len() - 1], 1 << 30),
        _ => (upper, 1),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {trimmed:?} (try 200M or 1G)"))?;
    if !(value.is_finite() && value > 0.0) {
        return Err(format!("not a size: {trimmed:?}"));
    }
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    #[allow(clippy::cast_sign_loss)]
    Ok((value * unit as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("200M"), Ok(200 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1.5K"), Ok(1536));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-1M").is_err());
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let config = SynthConfig {
            docs: 3,
            seed: 7,
            bytes: 30_000,
        };
        let a = generate(&config);
        let b = generate(&config);
        let c = generate(&SynthConfig { seed: 8, ..config });
        assert_eq!(
            a.iter().map(|d| &d.text).collect::<Vec<_>>(),
            b.iter().map(|d| &d.text).collect::<Vec<_>>()
        );
        assert_ne!(a[0].text, c[0].text);
    }
}
