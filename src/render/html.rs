//! The HTML report: one self-contained file (inline CSS and SVG; no script, no font, no
//! request to the network), every text from the corpus escaped.
//!
//! Text is escaped by [`escape`]: `&`, `<`, `>`, `"`, `'` become entities (so `</script>`,
//! `]]>` and markup print as text), control characters other than line break and tab become
//! their visible symbol (see [`super::quote::visible`]), everything else, non-ASCII included,
//! is kept. The only markup not built here is Graphviz's SVG, embedded after [`inline_svg`]
//! has cut its XML prologue and refused anything active in it.

use std::fmt::Write as _;
use std::path::Path;

use super::diagram::{Evidence, NodeKind};
use super::dot::DotDiagram;
use super::export::{svg_of, ExportConfig, ExportError};
use super::graphviz::RenderError;
use super::prune::Cut;
use super::quote::{number, visible};
use super::report::{paradigm_stances, work_stances, Finding, Report, Stance};
use super::style::{GREEN, VERMILION};
use crate::output::write_atomically;

/// `text` safe as HTML text and as a quoted attribute value.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            c => out.push(visible(c)),
        }
    }
    out
}

/// The `<svg>` element of Graphviz's SVG output, ready to sit inside HTML: the XML declaration,
/// doctype (which names a DTD on the network) and comments before `<svg` are cut. `None` when
/// there is no `<svg` element or the SVG holds anything active (script, event handler, foreign
/// object, link to elsewhere), which Graphviz never writes for our DOT.
#[must_use]
pub fn inline_svg(svg: &str) -> Option<&str> {
    let start = svg.find("<svg")?;
    let end = svg.rfind("</svg>")? + "</svg>".len();
    let element = svg.get(start..end)?;
    let lower = element.to_ascii_lowercase();
    let active = [
        "<script",
        "<foreignobject",
        "<iframe",
        "<object",
        "<embed",
        "<image",
        "<use",
        "<!doctype",
        "<!entity",
        "javascript:",
        " on",
        "href=",
        "@import",
        "url(",
    ];
    // Graphviz writes event-handler-like words only inside text, which is escaped, so " on"
    // is checked on attribute position only.
    let has_active = active.iter().any(|needle| {
        if *needle == " on" {
            attribute_names(&lower).any(|name| name.starts_with("on"))
        } else {
            lower.contains(needle)
        }
    });
    (!has_active).then_some(element)
}

/// The attribute names of every tag in `markup` (lowercase input).
fn attribute_names(markup: &str) -> impl Iterator<Item = &str> {
    markup.split('<').skip(1).flat_map(|tag| {
        let inside = tag.split('>').next().unwrap_or("");
        let mut names = Vec::new();
        let mut in_quotes = false;
        let mut word_start = None;
        for (index, c) in inside.char_indices() {
            if c == '"' {
                in_quotes = !in_quotes;
                continue;
            }
            if in_quotes {
                continue;
            }
            match c {
                '=' => {
                    if let Some(start) = word_start.take() {
                        names.push(&inside[start..index]);
                    }
                }
                c if c.is_whitespace() => word_start = Some(index + c.len_utf8()),
                _ => {}
            }
        }
        names
    })
}

/// A small HTML writer: static tag and attribute names, every text escaped.
struct Html {
    out: String,
    open: Vec<&'static str>,
}

impl Html {
    fn new() -> Self {
        Self {
            out: String::with_capacity(64 * 1024),
            open: Vec::new(),
        }
    }

    fn open(&mut self, tag: &'static str, attributes: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            let _ = write!(self.out, " {name}=\"{}\"", escape(value));
        }
        self.out.push('>');
        self.open.push(tag);
        self
    }

    fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.open.pop() {
            let _ = write!(self.out, "</{tag}>");
            if matches!(
                tag,
                "p" | "li"
                    | "tr"
                    | "table"
                    | "section"
                    | "ul"
                    | "ol"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "figure"
                    | "details"
                    | "nav"
                    | "header"
                    | "footer"
                    | "div"
            ) {
                self.out.push('\n');
            }
        }
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(text));
        self
    }

    fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attributes).text(text).close()
    }

    /// Markup written by this module (static) or checked by [`inline_svg`].
    fn trusted(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// The report's style sheet: a readable single column, print-friendly, the map's colours.
fn style_sheet() -> String {
    format!(
        "body{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a;background:#fff;\
overflow-wrap:anywhere}}\
h1{{font-size:1.6rem;margin-bottom:.2rem}}h2{{margin-top:2.2rem;border-bottom:1px solid #ccc}}\
h3{{margin-top:1.6rem}}table{{border-collapse:collapse;margin:.6rem 0}}\
th,td{{border:1px solid #d0d0d0;padding:.25rem .5rem;text-align:left;vertical-align:top}}\
th{{background:#f3f3f3}}td.num{{text-align:right;font-variant-numeric:tabular-nums}}\
.meta{{color:#555}}.loc{{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;\
color:#333;white-space:nowrap}}figure{{margin:1rem 0;overflow-x:auto}}\
figure svg{{max-width:100%;height:auto}}figcaption{{color:#444;font-size:.9rem}}\
.side{{margin:.6rem 0 1rem;padding-left:.8rem}}\
.supporters{{border-left:4px solid {GREEN}}}.critics{{border-left:4px dashed {VERMILION}}}\
.holder{{font-weight:600}}ol.evidence{{margin:.2rem 0 .6rem}}ol.evidence li{{margin:.2rem 0}}\
mark{{background:#fdf0b3}}.missing{{padding:1rem;border:2px dashed #999;background:#fafafa}}\
.severity-error{{color:{VERMILION};font-weight:600}}.severity-warning{{color:#8a5a00}}\
@media print{{body{{margin:0;max-width:none}}figure{{overflow:visible}}}}"
    )
}

/// The argument map as drawn, or why it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapDrawing {
    /// Graphviz's SVG output (checked by [`inline_svg`] when embedded).
    Svg(String),
    /// No drawing, and why (e.g. Graphviz missing).
    Missing(String),
}

/// The HTML of `report`, with the argument map drawn as `map`; `cut` says what the map leaves
/// out. Pure: the same arguments give the same bytes.
#[must_use]
pub fn report_html(report: &Report, map: &MapDrawing, cut: Option<&Cut>) -> String {
    let mut html = Html::new();
    html.trusted("<!DOCTYPE html>\n");
    html.open("html", &[("lang", "en")]);
    html.open("head", &[]);
    html.trusted("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.element("title", &[], &report.title);
    html.open("style", &[]).trusted(&style_sheet()).close();
    html.close();
    html.open("body", &[]);
    header(&mut html, report);
    argument_map(&mut html, report, map, cut);
    paradigms(&mut html, report);
    works(&mut html, report);
    rankings(&mut html, report);
    corpus(&mut html, report);
    findings(&mut html, report.findings.as_deref());
    notes(&mut html, &report.notes);
    html.finish() + "\n"
}

/// "1 document", "3 documents".
fn counted(count: usize, singular: &str) -> String {
    if count == 1 {
        format!("1 {singular}")
    } else {
        format!("{count} {singular}s")
    }
}

fn header(html: &mut Html, report: &Report) {
    html.open("header", &[]);
    html.element("h1", &[], &report.title);
    let documents = report.corpus.documents.len();
    let citations: usize = report.corpus.documents.iter().map(|d| d.citations).sum();
    let claims: usize = report.corpus.documents.iter().map(|d| d.claims).sum();
    let paradigms = report
        .argument_map
        .nodes
        .iter()
        .filter(|node| node.kind == NodeKind::Paradigm)
        .count();
    html.element(
        "p",
        &[("class", "meta")],
        &format!(
            "{}, {} of {}, {} taking a stance toward {}. Made by citegraph {}: every edge of \
             the map and every stance below names the file and line it was read from.",
            counted(documents, "document"),
            counted(citations, "citation"),
            counted(report.corpus.cited_works, "distinct work"),
            counted(claims, "sentence"),
            counted(paradigms, "paradigm"),
            env!("CARGO_PKG_VERSION"),
        ),
    );
    html.open("nav", &[]);
    html.open("ul", &[]);
    for (anchor, title) in [
        ("#map", "Argument map"),
        ("#paradigms", "Supporters and critics of each paradigm"),
        ("#works", "Stances toward cited works"),
        ("#rankings", "Top works by metric"),
        ("#corpus", "Corpus"),
        ("#check", "Citation check"),
    ] {
        html.open("li", &[])
            .element("a", &[("href", anchor)], title)
            .close();
    }
    html.close().close().close();
}

fn corpus(html: &mut Html, report: &Report) {
    html.open("section", &[("id", "corpus")]);
    html.element("h2", &[], "Corpus");
    html.open("table", &[]);
    html.open("tr", &[]);
    for heading in [
        "File",
        "Authors",
        "Year",
        "Title",
        "Citations",
        "References",
        "Stances",
    ] {
        html.element("th", &[], heading);
    }
    html.close();
    for document in &report.corpus.documents {
        html.open("tr", &[]);
        html.open("td", &[])
            .element("span", &[("class", "loc")], &document.file)
            .close();
        html.element("td", &[], &document.authors.join(", "));
        html.element("td", &[], document.year.as_deref().unwrap_or(""));
        html.element("td", &[], document.title.as_deref().unwrap_or(""));
        for count in [document.citations, document.references, document.claims] {
            html.element("td", &[("class", "num")], &count.to_string());
        }
        html.close();
    }
    html.close().close();
}

fn argument_map(html: &mut Html, report: &Report, map: &MapDrawing, cut: Option<&Cut>) {
    html.open("section", &[("id", "map")]);
    html.element("h2", &[], "Argument map");
    html.open("figure", &[]);
    match map {
        MapDrawing::Svg(svg) => match inline_svg(svg) {
            Some(element) => {
                html.trusted(element);
            }
            None => {
                html.element(
                    "p",
                    &[("class", "missing")],
                    "The drawing Graphviz made was not embedded: it was not plain SVG.",
                );
            }
        },
        MapDrawing::Missing(why) => {
            html.element(
                "p",
                &[("class", "missing")],
                &format!("The map was not drawn: {why}"),
            );
        }
    }
    html.element(
        "figcaption",
        &[],
        &format!(
            "Paradigms are boxes on the right, labelled with how many holders support and \
             critique them; analysed documents are folded pages, cited works ellipses sized by {}. \
             Green solid arrows: supports; vermilion dashed lines ending in a bar: critiques; gray \
             dotted: mentions. Line width and the numbers on lines count the sentences of \
             evidence. Rest the pointer on a line to read its sentences with file and line.",
            report.argument_map.size_metric
        ),
    );
    html.close();
    if let Some(cut) = cut {
        html.element(
            "p",
            &[("class", "meta")],
            &format!("Pruned: {}.", cut.summary()),
        );
        html.open("details", &[]);
        html.element(
            "summary",
            &[],
            &format!(
                "The {} nodes not shown, best ranked first",
                cut.cut_nodes.len()
            ),
        );
        html.open("ol", &[]);
        for node in &cut.cut_nodes {
            let value = node
                .value
                .map(|v| format!(" — {} {}", cut.rank_by, number(v, 4)))
                .unwrap_or_default();
            html.element(
                "li",
                &[],
                &format!("{} ({}){value}", node.label, node.kind.name()),
            );
        }
        html.close().close();
    }
    html.close();
}

/// One evidence sentence: file:line, then the sentence with its cue marked.
fn evidence_item(html: &mut Html, evidence: &Evidence) {
    html.open("li", &[]);
    html.element("span", &[("class", "loc")], &evidence.location());
    html.text(" ");
    html.open("q", &[]);
    let cue_at = evidence
        .cue
        .as_deref()
        .filter(|cue| !cue.is_empty())
        .and_then(|cue| {
            evidence
                .text
                .find(cue)
                .map(|start| (start, start + cue.len()))
        });
    match cue_at {
        Some((start, end)) => {
            html.text(&evidence.text[..start]);
            html.element("mark", &[], &evidence.text[start..end]);
            html.text(&evidence.text[end..]);
        }
        None => {
            html.text(&evidence.text);
        }
    }
    html.close();
    if let (Some(cue), None) = (evidence.cue.as_deref(), cue_at) {
        html.element("span", &[("class", "meta")], &format!(" (cue: {cue})"));
    }
    html.close();
}

fn stance_block(html: &mut Html, stance: &Stance<'_>, show_target: bool) {
    html.open("div", &[]);
    html.element("span", &[("class", "holder")], stance.holder);
    let target = if show_target {
        format!(" → {} ({})", stance.target, stance.target_kind.name())
    } else {
        String::new()
    };
    html.element(
        "span",
        &[("class", "meta")],
        &format!(
            " ({}){target} — {} sentence{}",
            stance.holder_kind.name(),
            number(stance.weight, 2),
            if (stance.weight - 1.0).abs() < f64::EPSILON {
                ""
            } else {
                "s"
            }
        ),
    );
    html.open("ol", &[("class", "evidence")]);
    for evidence in &stance.evidence {
        evidence_item(html, evidence);
    }
    html.close();
    html.close();
}

fn paradigms(html: &mut Html, report: &Report) {
    html.open("section", &[("id", "paradigms")]);
    html.element("h2", &[], "Supporters and critics of each paradigm");
    let paradigms = paradigm_stances(&report.argument_map);
    if paradigms.is_empty() {
        html.element("p", &[], "The argument map has no paradigm.");
    }
    for paradigm in &paradigms {
        html.element("h3", &[], paradigm.label);
        html.element(
            "p",
            &[("class", "meta")],
            &format!(
                "Supported by {} · critiqued by {}",
                paradigm.supporters.len(),
                paradigm.critics.len()
            ),
        );
        for (class, title, side) in [
            ("side supporters", "Supporters", &paradigm.supporters),
            ("side critics", "Critics", &paradigm.critics),
        ] {
            html.open("div", &[("class", class)]);
            html.element("h4", &[], title);
            if side.is_empty() {
                html.element("p", &[("class", "meta")], "None found.");
            }
            for stance in side {
                stance_block(html, stance, false);
            }
            html.close();
        }
    }
    html.close();
}

fn works(html: &mut Html, report: &Report) {
    html.open("section", &[("id", "works")]);
    html.element("h2", &[], "Stances toward cited works");
    let (critiques, supports) = work_stances(&report.argument_map);
    if critiques.is_empty() && supports.is_empty() {
        html.element(
            "p",
            &[],
            "No document supports or critiques a cited work in the map.",
        );
    }
    for (class, title, side) in [
        ("side critics", "Critiques", &critiques),
        ("side supporters", "Support", &supports),
    ] {
        if side.is_empty() {
            continue;
        }
        html.open("div", &[("class", class)]);
        html.element("h4", &[], title);
        for stance in side {
            stance_block(html, stance, true);
        }
        html.close();
    }
    html.close();
}

fn rankings(html: &mut Html, report: &Report) {
    html.open("section", &[("id", "rankings")]);
    html.element("h2", &[], "Top works by metric");
    if report.rankings.is_empty() {
        html.element("p", &[], "No metric was computed.");
    }
    for ranking in &report.rankings {
        html.element("h3", &[], &ranking.title);
        html.open("table", &[]);
        html.open("tr", &[]);
        for heading in ["#", "Node", "Kind", ranking.metric.as_str()] {
            html.element("th", &[], heading);
        }
        html.close();
        for (rank, row) in ranking.rows.iter().enumerate() {
            html.open("tr", &[]);
            html.element("td", &[("class", "num")], &(rank + 1).to_string());
            html.element("td", &[], &row.label);
            html.element("td", &[], row.kind.name());
            html.element("td", &[("class", "num")], &number(row.value, 4));
            html.close();
        }
        html.close();
    }
    html.close();
}

fn findings(html: &mut Html, findings: Option<&[Finding]>) {
    html.open("section", &[("id", "check")]);
    html.element("h2", &[], "Citation check");
    match findings {
        None => {
            html.element("p", &[], "The citation check was not run.");
        }
        Some([]) => {
            html.element("p", &[], "The citation check found no problem.");
        }
        Some(findings) => {
            let mut sorted: Vec<&Finding> = findings.iter().collect();
            sorted.sort_by(|a, b| {
                (&a.file, a.line, a.severity, &a.kind, &a.message)
                    .cmp(&(&b.file, b.line, b.severity, &b.kind, &b.message))
            });
            html.element(
                "p",
                &[("class", "meta")],
                &format!("{}.", counted(sorted.len(), "problem")),
            );
            html.open("table", &[]);
            html.open("tr", &[]);
            for heading in ["Where", "Severity", "Check", "Problem", "As printed"] {
                html.element("th", &[], heading);
            }
            html.close();
            for finding in sorted {
                let location = match finding.line {
                    Some(line) => format!("{}:{line}", finding.file),
                    None => finding.file.clone(),
                };
                html.open("tr", &[]);
                html.open("td", &[])
                    .element("span", &[("class", "loc")], &location)
                    .close();
                let class = format!("severity-{}", finding.severity.name());
                html.element("td", &[("class", &class)], finding.severity.name());
                html.element("td", &[], &finding.kind);
                html.element("td", &[], &finding.message);
                html.element("td", &[], finding.text.as_deref().unwrap_or(""));
                html.close();
            }
            html.close();
        }
    }
    html.close();
}

fn notes(html: &mut Html, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    html.open("section", &[("id", "notes")]);
    html.element("h2", &[], "Notes");
    html.open("ul", &[]);
    for note in notes {
        html.element("li", &[], note);
    }
    html.close().close();
}

/// What writing the report did.
#[derive(Debug)]
pub struct ReportOutcome {
    /// The DOT the map was drawn from.
    pub dot: DotDiagram,
    /// Why the map is not drawn, when it is not.
    pub problem: Option<RenderError>,
    /// Lines for the user (standard error): what was cut, engine fallback, Graphviz problems.
    pub messages: Vec<String>,
}

/// Draws the argument map with Graphviz (as configured; no file besides `path` is written) and
/// writes the report to `path` atomically. A map that cannot be drawn is explained in the
/// report and in the messages; the report is written all the same.
///
/// # Errors
/// [`ExportError`] when the argument map is invalid or the report cannot be written.
pub fn write_report(
    path: &Path,
    report: &Report,
    config: &ExportConfig,
) -> Result<ReportOutcome, ExportError> {
    let outcome = svg_of(&report.argument_map, config)?;
    let name = path.display();
    let mut messages: Vec<String> = outcome
        .messages
        .iter()
        .map(|message| format!("{name}: {message}"))
        .collect();
    if let Some(cut) = &outcome.dot.cut {
        messages.insert(0, format!("{name}: argument map {}", cut.summary()));
    }
    let (map, problem) = match outcome.svg {
        Ok(svg) => (MapDrawing::Svg(svg), None),
        Err(problem) => {
            messages.push(format!("{name}: the argument map was not drawn: {problem}"));
            (MapDrawing::Missing(problem.to_string()), Some(problem))
        }
    };
    let html = report_html(report, &map, outcome.dot.cut.as_ref());
    write_atomically(path, |out| out.write_all(html.as_bytes())).map_err(|source| {
        ExportError::Write {
            path: path.to_path_buf(),
            source,
        }
    })?;
    Ok(ReportOutcome {
        dot: outcome.dot,
        problem,
        messages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_table() {
        let cases = [
            ("plain", "plain"),
            ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
            (r#"say "hi" it's"#, "say &quot;hi&quot; it&#39;s"),
            ("</script><script>", "&lt;/script&gt;&lt;script&gt;"),
            ("]]>", "]]&gt;"),
            (r"back\slash", r"back\slash"),
            ("bell\u{7} nul\u{0} cr\r\n", "bell\u{2407} nul\u{2400} cr\n"),
            ("Zandén ☃ 東京", "Zandén ☃ 東京"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
    }

    #[test]
    fn svg_is_cut_from_its_prologue_and_refused_when_active() {
        let graphviz = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
                        \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- Generated -->\n\
                        <svg width=\"8pt\"><g id=\"node1\" class=\"node\"><title>a</title>\
                        <text>on &lt;script&gt;</text></g></svg>\n";
        let inline = inline_svg(graphviz).unwrap_or_default();
        assert!(inline.starts_with("<svg width"));
        assert!(inline.ends_with("</svg>"));
        for active in [
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=\"x()\"></svg>",
            "<svg><a href=\"https://example.org\"></a></svg>",
            "<svg><foreignObject></foreignObject></svg>",
            "<svg><g style=\"fill:url(http://x)\"></g></svg>",
        ] {
            assert_eq!(inline_svg(active), None, "{active}");
        }
        assert_eq!(inline_svg("no svg here"), None);
    }
}
