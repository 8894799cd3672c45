//! The built-in 2026 edition against the codes printed in real 2026 disclosures, and a custom
//! edition travelling with a budget through JSON, views, tables, narrative and the auditor.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::DeserializeSeed;
use yusuan::budget::{BudgetSeed, DepartmentBudget};
use yusuan::classification::{
    AnyCode, Catalogue, CodeSystem, EconomicCode, FunctionalCode, NameMatch, Recognised,
};
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

/// Codes printed in ~200 real 2026 disclosures (copy of shared/reference; see the .md beside it).
const MINED: &str = include_str!("data/catalogue/catalogue-2026-mined.tsv");
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");
const BUILTIN_TSV: &str = include_str!("../src/classification/data/2026.tsv");

struct MinedRow<'a> {
    code: &'a str,
    name: &'a str,
    docs: u32,
}

fn mined() -> Vec<MinedRow<'static>> {
    MINED
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            MinedRow {
                code: f[1],
                name: f[3],
                docs: f[4].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn every_code_printed_by_two_documents_is_in_the_builtin_edition() {
    let c = Catalogue::builtin();
    let rows = mined();
    assert_eq!(rows.len(), 914, "the mined list's README counts 914 rows");
    let mut checked = 0;
    let mut problems = Vec::new();
    for r in rows.iter().filter(|r| r.docs >= 2) {
        let code = AnyCode::parse(r.code).unwrap();
        match c.any_name_match(code, r.name) {
            Some(_) => checked += 1,
            None => problems.push(format!(
                "{} {} ({} documents): built-in has {:?}",
                r.code,
                r.name,
                r.docs,
                c.any_name(code)
            )),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The mined list's README: 240 rows rest on one document, so 674 on two or more. One of
    // them, 2040101, needs its 款 20401, which no document prints: the edition names it as its
    // 项 (the file says so in its provenance column).
    assert_eq!(checked, 674);
}

#[test]
fn single_document_codes_are_in_unless_their_name_breaks_the_parent_chain() {
    let c = Catalogue::builtin();
    let single: Vec<_> = mined().into_iter().filter(|r| r.docs == 1).collect();
    assert_eq!(single.len(), 240);
    let absent: Vec<&str> = single
        .iter()
        .filter(|r| c.any_name(AnyCode::parse(r.code).unwrap()).is_none())
        .map(|r| r.code)
        .collect();
    // Each is listed with its reason in the edition file's header ("Mined codes left out").
    for code in &absent {
        assert!(
            BUILTIN_TSV
                .lines()
                .any(|l| l.starts_with(&format!("#   {code} "))),
            "{code} left out without a note"
        );
    }
    assert_eq!(absent.len(), 15, "{absent:?}");
    // Real 项 of a printed 款 are in even when one document prints them.
    assert_eq!(
        c.name(FunctionalCode::parse("2010101").unwrap()),
        Some("行政运行")
    );
    assert_eq!(
        c.name(FunctionalCode::parse("20101").unwrap()),
        Some("人大事务")
    );
}

#[test]
fn printed_variants_resolve_to_their_code_as_aliases() {
    let c = Catalogue::builtin();
    let science = FunctionalCode::parse("206").unwrap();
    let seed = c.find_child(Some(science), "技术与开发").unwrap();
    assert_eq!(seed.code, FunctionalCode::parse("20604").unwrap());
    assert_eq!(seed.matched, NameMatch::Alias);
    // 154 documents print 303 对个人和家庭的补助, 23 drop the 的.
    let transfers = EconomicCode::parse("303").unwrap();
    assert_eq!(
        c.name_match(transfers, "对个人和家庭补助"),
        Some(NameMatch::Alias)
    );
    assert_eq!(
        c.name_match(transfers, "对个人和家庭的补助"),
        Some(NameMatch::Name)
    );
    // Spacing from wrapped cells and half-width brackets do not matter.
    assert_eq!(
        c.name_match(
            FunctionalCode::parse("20103").unwrap(),
            "政府办公厅(室)及相关 机构事务"
        ),
        Some(NameMatch::Name)
    );
    // Fragments cut at a line break are not aliases.
    assert_eq!(
        c.name_match(
            FunctionalCode::parse("2010399").unwrap(),
            "其他政府办公厅（室）及相关机"
        ),
        None
    );
}

#[test]
fn names_without_codes_map_under_their_parent() {
    let c = Catalogue::builtin();
    let petitions = FunctionalCode::parse("20140").unwrap();
    let run = c.find_child(Some(petitions), "行政运行").unwrap();
    assert_eq!(run.code.to_string(), "2014001");
    // The same name under another 款 is another code.
    let stats = FunctionalCode::parse("20105").unwrap();
    assert_eq!(
        c.find_child(Some(stats), "行政运行")
            .unwrap()
            .code
            .to_string(),
        "2010501"
    );
    assert_eq!(
        c.find_child(None::<FunctionalCode>, "科学技术支出")
            .unwrap()
            .code
            .to_string(),
        "206"
    );
    assert!(c.find_child(Some(petitions), "不存在的科目").is_none());
    let children: Vec<String> = c.children(petitions).map(|(k, _)| k.to_string()).collect();
    assert!(
        children.iter().all(|k| k.starts_with("20140")),
        "{children:?}"
    );
    assert!(children.contains(&"2014001".to_string()));
}

#[test]
fn unknown_codes_suggest_their_nearest_siblings() {
    let c = Catalogue::builtin();
    // 20140's listed 项, from the edition file itself.
    let siblings: Vec<u32> = BUILTIN_TSV
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|k| k.len() == 7 && k.starts_with("20140"))
        .map(|k| k.parse().unwrap())
        .collect();
    let unknown = (2_014_001..=2_014_099)
        .find(|v| !siblings.contains(v))
        .unwrap();
    let mut by_distance = siblings.clone();
    by_distance.sort_by_key(|s| (s.abs_diff(unknown), *s));
    let err = c.functional(&unknown.to_string()).unwrap_err().to_string();
    let first = by_distance[0].to_string();
    assert!(err.contains("did you mean"), "{err}");
    assert!(err.contains(&first), "{err} should suggest {first}");
    // A code under an unlisted 款 suggests the listed 款 of its 类.
    assert!(!c.contains(FunctionalCode::parse("20188").unwrap()));
    let err = c.functional("2018801").unwrap_err().to_string();
    assert!(err.contains("did you mean 201"), "{err}");
}

#[test]
fn local_sub_items_are_recognised_not_unknown() {
    let c = Catalogue::builtin();
    // Printed by 19 (Chongqing) and 22 (Beijing) under their 款.
    for (sub, of) in [
        ("3010201", "30102"),
        ("3010303", "30103"),
        ("3021101", "30211"),
    ] {
        assert_eq!(
            c.recognise(sub).unwrap(),
            Recognised::LocalExtension {
                digits: sub.parse().unwrap(),
                of: AnyCode::parse(of).unwrap()
            }
        );
    }
    // A sub-item of an unlisted 款 is unknown; a functional 项 is a listed code, not a sub-item.
    assert!(!c.contains(EconomicCode::parse("30188").unwrap()));
    assert!(matches!(
        c.recognise("3018801"),
        Err(yusuan::Error::UnknownCode { .. })
    ));
    assert!(matches!(
        c.recognise("2010101").unwrap(),
        Recognised::Listed(AnyCode::Functional(_))
    ));
    assert!(matches!(
        c.recognise("121"),
        Err(yusuan::Error::InvalidCode { .. })
    ));
}

#[test]
fn editions_diff_by_code_and_name() {
    let old = Catalogue::from_tsv(
        "first",
        include_str!("../tools/catalogue/2026-first-edition.tsv"),
    )
    .unwrap();
    let new = Catalogue::builtin();
    let diff = old.diff(new);
    // Independently: the codes of each file.
    let codes = |text: &str| -> BTreeMap<String, String> {
        text.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].to_string(), f[1].to_string())
            })
            .collect()
    };
    let (a, b) = (
        codes(include_str!("../tools/catalogue/2026-first-edition.tsv")),
        codes(BUILTIN_TSV),
    );
    let added = b.keys().filter(|k| !a.contains_key(*k)).count();
    let removed = a.keys().filter(|k| !b.contains_key(*k)).count();
    let renamed: Vec<_> = a
        .iter()
        .filter(|(k, n)| b.get(*k).is_some_and(|m| m != *n))
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(diff.added.len(), added);
    assert_eq!(diff.removed.len(), removed);
    assert_eq!(removed, 0, "every row of the first edition is kept");
    assert_eq!(
        diff.renamed
            .iter()
            .map(|(c, _, _)| c.to_string())
            .collect::<Vec<_>>(),
        renamed
    );
    // The mined list's README names the two renames: 503 and 50601 lose their "（一）".
    assert_eq!(renamed, ["503", "50601"]);
    assert!(
        diff.to_string()
            .contains("~ 503 机关资本性支出（一） → 机关资本性支出")
    );
    assert!(old.diff(&old).is_empty());
}

/// The built-in edition plus one 项 it lacks: 2060110 科技政策研究 (a province's own item).
fn provincial_edition() -> Arc<Catalogue> {
    let text = format!("{BUILTIN_TSV}\n2060110\t科技政策研究\t\tprovincial\n");
    Arc::new(Catalogue::from_tsv("某省 2026", &text).unwrap())
}

/// The seed budget with its 2060799 item moved to 2060110, naming the provincial edition.
fn provincial_json() -> String {
    assert!(SEED_JSON.contains("\"catalogue\": \"2026\""));
    SEED_JSON
        .replace("\"2060799\"", "\"2060110\"")
        .replace("reason.item.2060799", "reason.item.2060110")
        .replace("\"catalogue\": \"2026\"", "\"catalogue\": \"某省 2026\"")
}

fn read_with(edition: &Arc<Catalogue>, json: &str) -> DepartmentBudget {
    BudgetSeed::new([Arc::clone(edition)])
        .deserialize(&mut serde_json::Deserializer::from_str(json))
        .unwrap()
}

#[test]
fn a_custom_edition_travels_with_its_budget() {
    let edition = provincial_edition();
    let item = FunctionalCode::parse("2060110").unwrap();
    assert!(!Catalogue::builtin().contains(item));
    let budget = read_with(&edition, &provincial_json());
    assert_eq!(budget.catalogue_edition(), "某省 2026");
    assert_eq!(budget.catalogue().name(item), Some("科技政策研究"));
    budget.check_invariants().unwrap();
    assert!(budget.lines().iter().any(|l| l.functional() == item));

    // JSON round trip: the JSON names the edition, and reading it back gives an equal budget.
    let written = serde_json::to_string_pretty(&budget).unwrap();
    assert!(
        written.contains("\"catalogue\": \"某省 2026\""),
        "{written}"
    );
    let again = read_with(&edition, &written);
    assert_eq!(again, budget);

    // A builder taken from the budget keeps its edition.
    let rebuilt = budget.to_builder().build().unwrap();
    assert_eq!(rebuilt, budget);

    // Tables and narrative print that edition's name of the item.
    let disclosure = Disclosure::new(&budget, Template::xinjiang_2026());
    let tables: String = disclosure
        .tables(Rounding::Faithful)
        .iter()
        .map(render::tsv)
        .collect();
    assert!(
        tables.contains("科技政策研究"),
        "tables do not name 2060110"
    );
    let narrative: String = disclosure
        .narrative()
        .iter()
        .flat_map(|s| s.paragraphs.iter().cloned())
        .collect();
    assert!(
        narrative.contains("科技政策研究"),
        "narrative does not name 2060110"
    );
}

#[test]
fn the_same_json_without_its_edition_is_rejected_naming_it() {
    let err = serde_json::from_str::<DepartmentBudget>(&provincial_json())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("names catalogue edition \"某省 2026\" but is checked against \"2026\""),
        "{err}"
    );
    assert!(err.contains("budget.catalogue_edition"), "{err}");
    // Supplying the built-in edition under the wrong name does not help either.
    let other = Arc::new(Catalogue::from_tsv("另一省 2026", BUILTIN_TSV).unwrap());
    let seed = BudgetSeed::new([other]);
    assert!(
        seed.deserialize(&mut serde_json::Deserializer::from_str(&provincial_json()))
            .is_err()
    );
    // And the seed, naming no edition, is read against the built-in one and names it on writing.
    let seed_budget: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    assert_eq!(seed_budget.catalogue_edition(), "2026");
    assert!(
        serde_json::to_string(&seed_budget)
            .unwrap()
            .starts_with("{\"catalogue\":\"2026\",")
    );
}

#[test]
fn the_auditor_reads_codes_against_the_edition_it_is_given() {
    let edition = provincial_edition();
    let budget = read_with(&edition, &provincial_json());
    let text: String = Disclosure::new(&budget, Template::xinjiang_2026())
        .tables(Rounding::Footing)
        .iter()
        .map(render::tsv)
        .collect();
    let unknown = |c: &Catalogue| {
        yusuan::audit::audit(&text, c)
            .findings
            .iter()
            .filter(|f| f.rule == "code.unknown")
            .count()
    };
    assert_eq!(unknown(&edition), 0);
    assert!(unknown(Catalogue::builtin()) > 0);
    assert_eq!(
        CodeSystem::of_digits("2060110"),
        Some(CodeSystem::Functional)
    );
}
