//! The stance rules case by case: minimal texts with the claims and citation stances they must
//! give. Citations are built by hand (no extractor needed).

use citegraph::citation::{Citation, CitationKind};
use citegraph::claims::{
    Analysis, Analyzer, Document, HolderKind, MentionKind, Stance, WorkStance,
};

/// A citation of `raw`, found in `text` (its first occurrence).
fn cite(
    text: &str,
    raw: &str,
    authors: &[&str],
    et_al: bool,
    year: Option<&str>,
    kind: CitationKind,
) -> Citation {
    let start = text
        .find(raw)
        .expect("the citation text is in the test text");
    Citation {
        start,
        end: start + raw.len(),
        line: text[..start].matches('\n').count() + 1,
        raw: raw.to_string(),
        kind,
        authors: authors.iter().map(|a| (*a).to_string()).collect(),
        initials: vec![None; authors.len()],
        et_al,
        year: year.map(str::to_string),
        locator: None,
        prefix: None,
        ibid: false,
        bracket: None,
        norm_start: 0,
        norm_end: 0,
    }
}

fn analyse(text: &str, citations: &[Citation]) -> Analysis {
    Analyzer::default().analyse(&Document {
        name: "case.txt",
        key: "Case 2020",
        text,
        citations,
    })
}

/// (paradigm, stance, holder) of every claim.
fn facts(analysis: &Analysis) -> Vec<(String, Stance, String)> {
    analysis
        .claims
        .iter()
        .map(|c| (c.paradigm.clone(), c.stance, c.holder.clone()))
        .collect()
}

fn fact(paradigm: &str, stance: Stance, holder: &str) -> (String, Stance, String) {
    (paradigm.to_string(), stance, holder.to_string())
}

#[test]
fn authors_voice_with_negated_support() {
    let text = "We argue that the steps urged by the cooperation paradigm are unlikely to shift bargaining power.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
    let claim = &analysis.claims[0];
    assert_eq!(claim.holder_kind, HolderKind::Document);
    assert_eq!(claim.cue, "unlikely to");
    assert_eq!(claim.rule, "failure");
    assert_eq!(claim.line, 1);
    // The record serialises with the fields of the claims format, in order.
    let json = serde_json::to_string(claim).unwrap();
    assert!(
        json.starts_with(r#"{"doc":"case.txt","line":1,"sentence":"We argue that"#),
        "{json}"
    );
    for field in [
        r#""paradigm":"cooperation""#,
        r#""stance":"critiques""#,
        r#""holder_kind":"document""#,
        r#""holder":"Case 2020""#,
        r#""cue":"unlikely to""#,
        r#""confidence":"#,
    ] {
        assert!(json.contains(field), "{field} in {json}");
    }
}

#[test]
fn back_reference_to_the_paradigm_named_last_in_the_paragraph() {
    let text = "Buyers introduced codes of conduct in the 1990s. This model has brought about limited improvements.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
    assert_eq!(analysis.claims[0].mention_kind, MentionKind::BackReference);
    assert_eq!(analysis.claims[0].mention, "This model");
    assert_eq!(analysis.claims[0].cue, "limited improvements");
}

#[test]
fn a_back_reference_does_not_cross_a_paragraph() {
    let text = "Buyers introduced codes of conduct in the 1990s.\n\nThis model has brought about limited improvements.\n";
    assert_eq!(facts(&analyse(text, &[])), []);
}

#[test]
fn narrative_citation_holds_the_claim() {
    let text =
        "Barrientos (2013) also notes that private social auditing fails to protect workers.";
    let citations = [cite(
        text,
        "Barrientos (2013)",
        &["Barrientos"],
        false,
        Some("2013"),
        CitationKind::Narrative,
    )];
    let analysis = analyse(text, &citations);
    assert_eq!(
        facts(&analysis),
        [fact("compliance", Stance::Critiques, "Barrientos 2013")]
    );
    assert_eq!(analysis.claims[0].holder_kind, HolderKind::Work);
}

#[test]
fn according_to_a_parenthetical_citation() {
    let text = "According to (Locke, 2013), capacity building is promising.";
    let citations = [cite(
        text,
        "Locke, 2013",
        &["Locke"],
        false,
        Some("2013"),
        CitationKind::Parenthetical,
    )];
    let analysis = analyse(text, &citations);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Supports, "Locke 2013")]
    );
    // Led by "according to", the citation holds the claim as firmly as a narrative one.
    assert!(
        analysis.claims[0].confidence > 0.9,
        "{}",
        analysis.claims[0].confidence
    );
}

#[test]
fn a_parenthetical_citation_backs_with_lower_confidence() {
    let text = "Capacity building is promising (Locke, 2013).";
    let citations = [cite(
        text,
        "Locke, 2013",
        &["Locke"],
        false,
        Some("2013"),
        CitationKind::Parenthetical,
    )];
    let analysis = analyse(text, &citations);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Supports, "Locke 2013")]
    );
    assert!(analysis.claims[0].confidence < 0.9);
}

#[test]
fn the_main_clause_of_a_concession_decides() {
    let text = "Although Locke found improvements in some factories, codes of conduct are flawed.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
    assert_eq!(analysis.claims[0].cue, "flawed");
}

#[test]
fn a_contrast_concedes_what_precedes_it() {
    let text = "Social audits brought some improvements, but they remain window-dressing.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn comparison_splits_the_stance() {
    let text = "Public labour inspection is more effective than private social auditing.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [
            fact("compliance", Stance::Critiques, "Case 2020"),
            fact("public_regulation", Stance::Supports, "Case 2020")
        ]
    );
}

#[test]
fn preference_without_a_cue() {
    let text = "Governments should act through cooperative private-public partnerships rather than through social audits.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [
            fact("compliance", Stance::Critiques, "Case 2020"),
            fact("cooperation", Stance::Supports, "Case 2020")
        ]
    );
}

#[test]
fn a_privative_takes_no_stance() {
    let text = "The lack of labour inspection is a serious problem for workers.";
    assert_eq!(facts(&analyse(text, &[])), []);
}

#[test]
fn a_hedge_lowers_confidence_but_keeps_direction() {
    let plain = analyse("Capacity building is promising.", &[]);
    let hedged = analyse("Capacity building may be promising.", &[]);
    assert_eq!(facts(&plain), facts(&hedged));
    assert!(hedged.claims[0].confidence < plain.claims[0].confidence);
}

#[test]
fn negation_cancels_a_critique_cue() {
    assert_eq!(
        facts(&analyse(
            "Codes of conduct are not flawed in this respect.",
            &[]
        )),
        []
    );
}

#[test]
fn an_aim_is_not_an_achievement() {
    assert_eq!(
        facts(&analyse(
            "Codes of conduct were designed to be effective.",
            &[]
        )),
        []
    );
    assert_eq!(
        facts(&analyse(
            "Multi-stakeholder initiatives overcome the shortcomings of audits.",
            &[]
        )),
        []
    );
}

#[test]
fn a_paradigm_named_as_the_setting_takes_no_stance() {
    let text = "We find little evidence that capacity building works in global value chains.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_back_reference_prefers_the_paradigm_named_with_its_noun() {
    let text = "We weigh the cooperation paradigm for CSR in global value chains. This paradigm is unlikely to change who holds power.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_discredited_paradigm_is_critiqued() {
    let text = "Years of audits have discredited the compliance paradigm as a lone remedy.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn cutting_a_harm_is_no_critique() {
    let text = "We show that lean production cut labour violations by a fifth.";
    let facts = facts(&analyse(text, &[]));
    assert!(
        facts
            .iter()
            .all(|(_, stance, _)| *stance != Stance::Critiques),
        "{facts:?}"
    );
}

#[test]
fn a_named_case_is_not_the_paradigm() {
    let text = "Wages fell in the Agra leather cluster, a serious problem.";
    assert_eq!(facts(&analyse(text, &[])), []);
}

#[test]
fn neglect_critiques_the_research_that_neglects() {
    let text = "Workers have been given far less attention in cluster research.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("clusters", Stance::Critiques, "Case 2020")]
    );
    let topic_only = "The regulatory role of the state, like labour law, has been understudied.";
    assert_eq!(facts(&analyse(topic_only, &[])), []);
}

#[test]
fn a_custom_lexicon_replaces_the_default() {
    let lexicon = citegraph::claims::Lexicon::from_toml(
        "version = 1\n[[paradigm]]\nid = \"x\"\nlabel = \"X\"\nphrases = [\"codes of conduct\"]\n",
    )
    .unwrap();
    let analysis = Analyzer::with_lexicon(lexicon).analyse(&Document {
        name: "case.txt",
        key: "Case 2020",
        text: "Codes of conduct are flawed.",
        citations: &[],
    });
    assert_eq!(
        facts(&analysis),
        [fact("x", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_question_claims_nothing() {
    let text = "Can capacity building bring about sustained improvements for workers?";
    assert_eq!(facts(&analyse(text, &[])), []);
    // The same words asserted are a claim.
    let asserted = "Capacity building brought about sustained improvements for workers.";
    assert_eq!(
        facts(&analyse(asserted, &[])),
        [fact("cooperation", Stance::Supports, "Case 2020")]
    );
}

#[test]
fn what_follows_whether_is_asked_not_asserted() {
    let agenda = "Future studies should examine whether supplier training has been successful.";
    assert_eq!(facts(&analyse(agenda, &[])), []);
    let gap = "We know little about whether or not success with lean production can be repeated.";
    assert_eq!(facts(&analyse(gap, &[])), []);
    // A doubt before "whether" still counts.
    let doubt = "It remains unclear whether codes of conduct raise wages.";
    assert_eq!(
        facts(&analyse(doubt, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn the_necessity_of_research_is_no_claim_about_its_topic() {
    let text = "It is necessary to examine how mutual gains spread between sectors.";
    assert_eq!(facts(&analyse(text, &[])), []);
    let claim = "Mutual gains are necessary for sustained compliance.";
    assert_eq!(
        facts(&analyse(claim, &[])),
        [fact("cooperation", Stance::Supports, "Case 2020")]
    );
}

#[test]
fn a_counterfactual_concedes_and_a_negated_verb_negates_its_object() {
    let text = "Even were social audits to become effective, nothing in the compliance model ensures a fair share of the benefits for workers.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_failure_verb_negates_the_rest_of_its_clause() {
    // Without the rule, "improvements" would count against "unlikely to".
    let text = "Capacity building is unlikely to raise wages enough to bring about improvements in working conditions.";
    let analysis = analyse(text, &[]);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
    assert!(
        analysis.claims[0].confidence >= 0.8,
        "{}",
        analysis.claims[0].confidence
    );
    let little = "Supplier training does little, if anything, to change how buyers set prices.";
    assert_eq!(
        facts(&analyse(little, &[])),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_paradigm_named_as_a_school_of_thought_is_no_setting() {
    // "in the cooperation paradigm" means "by the paradigm"; "in global value chains" is the
    // place of the claim.
    let text = "The measures proposed in the cooperation paradigm are unlikely to change power relations in global value chains.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_cue_tied_by_of_or_a_possessive_is_about_that_paradigm_only() {
    let text = "Reformers advocated the cooperation paradigm because of the shortcomings of the compliance model.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
    let possessive = "Buyers turned to capacity building because of the compliance model's flaws.";
    assert_eq!(
        facts(&analyse(possessive, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn describing_what_a_paradigm_holds_is_no_stance() {
    let relative = "This view is reflected in the cooperation paradigm, in which effective monitoring cannot be left to buyers alone.";
    assert_eq!(facts(&analyse(relative, &[])), []);
    let premise =
        "The cooperation paradigm predicts that improved management leads to higher compliance.";
    assert_eq!(facts(&analyse(premise, &[])), []);
    // A study of the paradigm is no paradigm speaking.
    let study = "Studies of supplier training suggest that it is effective.";
    assert_eq!(
        facts(&analyse(study, &[])),
        [fact("cooperation", Stance::Supports, "Case 2020")]
    );
}

#[test]
fn a_goal_or_a_topic_is_no_achievement() {
    let goal = "Brands collaborate with NGOs on issues such as improving capacity building.";
    assert_eq!(facts(&analyse(goal, &[])), []);
    let back =
        "Capacity building may be infeasible beyond a few suppliers chosen for this benefit.";
    assert_eq!(
        facts(&analyse(back, &[])),
        [fact("cooperation", Stance::Critiques, "Case 2020")]
    );
    // A pointing-back cue tied to a paradigm still counts.
    let tied = "In light of these limitations of social auditing, buyers changed course.";
    assert_eq!(
        facts(&analyse(tied, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_name_in_the_lexicon_matches_only_as_a_name() {
    // "Better Work" is the ILO programme; "better work conditions" are common words.
    let common = "Long-term relationships are crucial for better work conditions.";
    assert_eq!(facts(&analyse(common, &[])), []);
    let name = "Better Work has been effective in Cambodia.";
    assert_eq!(
        facts(&analyse(name, &[])),
        [fact("intl_orgs", Stance::Supports, "Case 2020")]
    );
}

#[test]
fn a_struggle_for_something_is_a_topic() {
    let topic = "Lean production may be where headway in the struggle for better work is made.";
    assert_eq!(
        facts(&analyse(topic, &[])),
        [fact("cooperation", Stance::Supports, "Case 2020")]
    );
    let critique = "Fair trade producers face their own struggles.";
    assert_eq!(
        facts(&analyse(critique, &[])),
        [fact("fair_trade", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn agreeing_with_the_point_above_takes_its_stance() {
    let text = "Labour inspection is more effective than private social audits. Smith (2014), writing on Brazil, underscores the above point.";
    let citations = [cite(
        text,
        "Smith (2014)",
        &["Smith"],
        false,
        Some("2014"),
        CitationKind::Narrative,
    )];
    let analysis = analyse(text, &citations);
    let endorsed: Vec<_> = analysis
        .claims
        .iter()
        .filter(|c| c.rule == "endorsement")
        .map(|c| (c.paradigm.clone(), c.stance, c.holder.clone()))
        .collect();
    assert_eq!(
        endorsed,
        [
            fact("compliance", Stance::Critiques, "Smith 2014"),
            fact("public_regulation", Stance::Supports, "Smith 2014")
        ]
    );
    let challenged = "Labour inspection is effective. Smith (2014) challenges this view.";
    let citations = [cite(
        challenged,
        "Smith (2014)",
        &["Smith"],
        false,
        Some("2014"),
        CitationKind::Narrative,
    )];
    assert_eq!(
        facts(&analyse(challenged, &citations)),
        [
            fact("public_regulation", Stance::Supports, "Case 2020"),
            fact("public_regulation", Stance::Critiques, "Smith 2014")
        ]
    );
}

#[test]
fn a_view_others_are_said_to_hold_is_reported_not_asserted() {
    let text = "Codes of conduct have been touted as a successful way to protect workers.";
    assert_eq!(facts(&analyse(text, &[])), []);
}

#[test]
fn the_failure_of_something_else_is_no_critique_of_the_paradigm() {
    let text = "The failure of the “Fair Shoes Program” put back the prospects of the cluster.";
    assert_eq!(facts(&analyse(text, &[])), []);
    let paradigm = "The failure of the compliance model put back the prospects of workers.";
    assert_eq!(
        facts(&analyse(paradigm, &[])),
        [fact("compliance", Stance::Critiques, "Case 2020")]
    );
}

#[test]
fn a_paradigm_coordinated_into_a_setting_is_a_setting() {
    let text = "Research on labour inspection in particular industries and clusters suggests that it is more effective than private social audits.";
    assert_eq!(
        facts(&analyse(text, &[])),
        [
            fact("compliance", Stance::Critiques, "Case 2020"),
            fact("public_regulation", Stance::Supports, "Case 2020")
        ]
    );
}

#[test]
fn their_research_is_held_by_the_works_cited_before() {
    let text = "Locke has studied brands for years (Locke, 2013). Looking at one brand's suppliers, their research finds gains from lean production.";
    let citations = [cite(
        text,
        "Locke, 2013",
        &["Locke"],
        false,
        Some("2013"),
        CitationKind::Parenthetical,
    )];
    let analysis = analyse(text, &citations);
    assert_eq!(
        facts(&analysis),
        [fact("cooperation", Stance::Supports, "Locke 2013")]
    );
    assert_eq!(analysis.claims[0].holder_kind, HolderKind::Work);
}

#[test]
fn events_and_relations_are_no_critique() {
    let crisis = "The financial crisis reached capacity building projects in 2009.";
    assert_eq!(facts(&analyse(crisis, &[])), []);
    let dependency =
        "The cooperation paradigm mirrors relational chains, characterized by mutual dependency.";
    assert_eq!(facts(&analyse(dependency, &[])), []);
}

/// Stance toward cited works, scite's supporting / contrasting / mentioning.
#[test]
fn stance_toward_cited_works() {
    let cases: &[(&str, &str, WorkStance)] = &[
        (
            "Locke et al.’s (2009) examples do not necessarily reflect conditions elsewhere.",
            "Locke et al.’s (2009)",
            WorkStance::Critiques,
        ),
        (
            "Our findings are consistent with Barrientos (2013).",
            "Barrientos (2013)",
            WorkStance::Supports,
        ),
        (
            "In contrast to Nadvi (1999), we find no collective efficiency.",
            "Nadvi (1999)",
            WorkStance::Critiques,
        ),
        (
            "Codes of conduct were introduced in the 1990s (Locke, 2013).",
            "Locke, 2013",
            WorkStance::Neutral,
        ),
        (
            "Our rates were lower than those reported by Pyke (2010).",
            "Pyke (2010)",
            WorkStance::Critiques,
        ),
    ];
    for (text, raw, expected) in cases {
        let citations = [cite(
            text,
            raw,
            &["X"],
            false,
            Some("2000"),
            CitationKind::Narrative,
        )];
        let analysis = analyse(text, &citations);
        assert_eq!(analysis.citations.len(), 1, "{text}");
        assert_eq!(
            analysis.citations[0].stance, *expected,
            "{text}: {:?}",
            analysis.citations[0]
        );
    }
}

/// A cue is tied to its own citation in a sentence citing several works.
#[test]
fn each_cue_is_tied_to_its_target() {
    let text = "Our results agree with Smith (2001) but contradict Jones (2003).";
    let citations = [
        cite(
            text,
            "Smith (2001)",
            &["Smith"],
            false,
            Some("2001"),
            CitationKind::Narrative,
        ),
        cite(
            text,
            "Jones (2003)",
            &["Jones"],
            false,
            Some("2003"),
            CitationKind::Narrative,
        ),
    ];
    let analysis = analyse(text, &citations);
    let stances: Vec<WorkStance> = analysis.citations.iter().map(|c| c.stance).collect();
    assert_eq!(stances, [WorkStance::Supports, WorkStance::Critiques]);
}

#[test]
fn citations_with_bad_offsets_are_reported_and_nothing_panics() {
    let text = "Codes of conduct are flawed (Ünal, 2001). É.";
    let mut bad = cite(
        text,
        "Ünal, 2001",
        &["Ünal"],
        false,
        Some("2001"),
        CitationKind::Parenthetical,
    );
    bad.start += 1; // inside a multi-byte character
    let far = Citation {
        start: 10_000,
        end: 10_010,
        ..bad.clone()
    };
    let backwards = Citation {
        start: 20,
        end: 5,
        ..bad.clone()
    };
    let analysis = analyse(text, &[bad, far, backwards]);
    assert_eq!(analysis.citations.len(), 3);
    for weird in ["", "\n\n\n", "(((", "é́́", "“”‘’", "a.b.c.d.", "\u{0}\u{1}"] {
        let _ = analyse(weird, &[]);
    }
}
