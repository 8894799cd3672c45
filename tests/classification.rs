//! Classification codes, the 部门→政府 mapping and catalogue loading.

use proptest::prelude::*;
use yusuan::Error;
use yusuan::classification::{
    Catalogue, CodeSystem, EconomicCode, FunctionalCode, GovEconomicCode, Level, MappingBasis,
};
use yusuan::error::{CatalogueError, CodeError};

#[test]
fn error_messages_name_the_input_and_why() {
    let cases: [(&str, Result<FunctionalCode, Error>, &str); 6] = [
        (
            "2060x01",
            "2060x01".parse(),
            r#"invalid 支出功能分类 code "2060x01": non-digit character 'x' at position 5"#,
        ),
        (
            "20601011",
            "20601011".parse(),
            r#"invalid 支出功能分类 code "20601011": 8 digits; 支出功能分类 codes have 3 (类), 5 (款) or 7 (项)"#,
        ),
        (
            "999",
            "999".parse(),
            r#"invalid 支出功能分类 code "999": class 999 is outside 支出功能分类 (classes 201 to 299)"#,
        ),
        (
            "20600",
            "20600".parse(),
            r#"invalid 支出功能分类 code "20600": segment 款 at digits 4-5 is 00; 款 and 项 run from 01 to 99"#,
        ),
        (
            "2060100",
            "2060100".parse(),
            r#"invalid 支出功能分类 code "2060100": segment 项 at digits 6-7 is 00; 款 and 项 run from 01 to 99"#,
        ),
        (
            "",
            "".parse(),
            r#"invalid 支出功能分类 code "": the code is empty"#,
        ),
    ];
    for (input, got, message) in cases {
        assert_eq!(got.unwrap_err().to_string(), message, "{input}");
    }
    assert_eq!(
        EconomicCode::parse("3021101").unwrap_err().to_string(),
        r#"invalid 部门预算支出经济分类 code "3021101": 7 digits; 部门预算支出经济分类 codes have 3 (类) or 5 (款)"#
    );
    assert_eq!(
        EconomicCode::parse("50101").unwrap_err().to_string(),
        r#"invalid 部门预算支出经济分类 code "50101": class 501 is outside 部门预算支出经济分类 (classes 301 to 399)"#
    );
    assert_eq!(
        GovEconomicCode::parse("300").unwrap_err().to_string(),
        r#"invalid 政府预算支出经济分类 code "300": class 300 is outside 政府预算支出经济分类 (classes 501 to 599)"#
    );
    assert!(matches!(
        FunctionalCode::new(2_060_100),
        Err(Error::InvalidCode {
            reason: CodeError::ZeroSegment { segment: "项", .. },
            ..
        })
    ));
    // Unknown to the catalogue: well formed, but not listed.
    assert_eq!(
        Catalogue::builtin()
            .functional("2060188")
            .unwrap_err()
            .to_string(),
        r#"支出功能分类 code 2060188 is not in catalogue edition "2026"; did you mean 2060199 其他科学技术管理事务支出, 2060102 一般行政管理事务, 2060101 行政运行?"#
    );
}

#[test]
fn hierarchy_comes_from_the_digits() {
    let item = FunctionalCode::parse("2060702").unwrap();
    assert_eq!(item.level(), Level::Item);
    assert_eq!(
        item.section(),
        Some(FunctionalCode::parse("20607").unwrap())
    );
    assert_eq!(item.parent().and_then(|p| p.parent()), Some(item.class()));
    assert_eq!(item.class().parent(), None);
    assert!(item.class().is_ancestor_of(item));
    assert!(!item.is_ancestor_of(item));
    assert!(!FunctionalCode::parse("20604").unwrap().is_ancestor_of(item));
    let e = EconomicCode::parse("30231").unwrap();
    assert_eq!(
        (e.level(), e.class().to_string()),
        (Level::Section, "302".to_string())
    );
    assert_eq!(format!("{item:?}"), "FunctionalCode(2060702)");
    assert_eq!(Level::Item.to_string(), "项");
    assert_eq!(
        CodeSystem::GovernmentEconomic.to_string(),
        "政府预算支出经济分类"
    );
}

#[test]
fn builtin_catalogue_knows_the_seed_and_the_class_list_it_prints() {
    let c = Catalogue::builtin();
    let classes: Vec<_> = c
        .entries_of::<FunctionalCode>()
        .filter(|(code, _)| code.level() == Level::Class)
        .collect();
    // The seed's 表1 lists 30 classes (201…234 without 218, 225, 226, 228).
    assert_eq!(classes.len(), 30);
    assert_eq!(
        classes.first().map(|(c, n)| (c.to_string(), *n)),
        Some(("201".into(), "一般公共服务支出"))
    );
    assert_eq!(
        classes.last().map(|(c, n)| (c.to_string(), *n)),
        Some(("234".into(), "抗疫特别国债安排的支出"))
    );
    let science = FunctionalCode::parse("206").unwrap();
    let sections: Vec<String> = c
        .children(science)
        .map(|(code, _)| code.to_string())
        .collect();
    // The 206 款 printed in 2026 disclosures (tests/data/catalogue/catalogue-2026-mined.tsv),
    // less 20638 "首都图书馆", a Beijing unit's name beside a project code.
    assert_eq!(
        sections,
        [
            "20601", "20602", "20603", "20604", "20605", "20607", "20608", "20609", "20699"
        ]
    );
    let popular = FunctionalCode::parse("20607").unwrap();
    let items: Vec<String> = c
        .children(popular)
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    assert_eq!(items, ["2060702 科普活动", "2060799 其他科学技术普及支出"]);
    // The whole 部门 economic 款 list of 2026: 301 has 13 款, 302 has 26.
    let count = |class: &str| c.children(EconomicCode::parse(class).unwrap()).count();
    assert_eq!(
        (count("301"), count("302"), count("303"), count("310")),
        (13, 26, 12, 16)
    );
    assert_eq!(
        c.name(EconomicCode::parse("30227").unwrap()),
        Some("委托业务费")
    );
    assert_eq!(
        c.name(GovEconomicCode::parse("50205").unwrap()),
        Some("委托业务费")
    );
}

#[test]
fn structural_only_is_an_explicit_opt_in() {
    let s = Catalogue::structural_only("no official list");
    assert!(s.is_structural_only());
    let code = s.functional("2999999").unwrap();
    assert_eq!(s.name(code), None);
    assert_eq!(s.with_name(code).to_string(), "2999999");
    assert!(s.functional("2999x99").is_err());
    assert!(!Catalogue::builtin().contains(code));
}

#[test]
fn tsv_loading_reports_the_line_and_why() {
    let ok = Catalogue::from_tsv(
        "湖北 2026",
        "code\tname\n# comment\n\n206\t科学技术支出\n20601\t科学技术管理事务\t来源\n301\t工资福利支出\r\n",
    )
    .unwrap();
    assert_eq!(ok.len(), 3);
    assert_eq!(ok.edition(), "湖北 2026");
    let err = |text: &str| match Catalogue::from_tsv("e", text).unwrap_err() {
        Error::InvalidCatalogue { line, reason, .. } => (line, reason),
        other => panic!("{other:?}"),
    };
    assert_eq!(err("206 科学技术支出\n"), (1, CatalogueError::MissingTab));
    assert_eq!(err("206\t\n"), (1, CatalogueError::EmptyName));
    assert!(matches!(
        err("206\tx\n2060x\ty\n"),
        (2, CatalogueError::BadCode(CodeError::NonDigit { .. }))
    ));
    assert!(matches!(
        err("106\t税收收入\n"),
        (
            1,
            CatalogueError::BadCode(CodeError::WrongClass { class: 106, .. })
        )
    ));
    assert_eq!(
        err("206\ta\n206\tb\n"),
        (
            2,
            CatalogueError::Duplicate {
                code: "206".into(),
                first_line: 1
            }
        )
    );
    assert_eq!(
        err("206\ta\n2060101\t行政运行\n"),
        (
            2,
            CatalogueError::Orphan {
                code: "2060101".into(),
                parent: "20601".into()
            }
        )
    );
    assert_eq!(
        Catalogue::from_tsv("e", "206\t科学技术支出\n206\tx\n")
            .unwrap_err()
            .to_string(),
        "catalogue \"e\", line 2: code 206 is listed again (first on line 1) (line text \"206\\tx\")"
    );
}

#[test]
fn government_mapping_depends_on_the_unit_kind() {
    let map = |d: &str, b| {
        EconomicCode::parse(d)
            .unwrap()
            .government_code(b)
            .map(|g| g.to_string())
    };
    assert_eq!(map("30101", MappingBasis::Organ).as_deref(), Some("50101"));
    assert_eq!(
        map("30101", MappingBasis::PublicInstitution).as_deref(),
        Some("50501")
    );
    assert_eq!(map("30231", MappingBasis::Organ).as_deref(), Some("50208"));
    assert_eq!(
        map("30231", MappingBasis::PublicInstitution).as_deref(),
        Some("50502")
    );
    // 30302 for a 事业单位: the 一体化 importer (domain.md §A3) says 50999, while disclosure 14
    // prints its 303 rows once for its 机关 and 事业单位 together with 50905/50901; left unmapped.
    assert_eq!(map("30302", MappingBasis::PublicInstitution), None);
    assert_eq!(map("30302", MappingBasis::Organ).as_deref(), Some("50905"));
    assert_eq!(
        map("30308", MappingBasis::PublicInstitution).as_deref(),
        Some("50902")
    );
    assert_eq!(
        map("31002", MappingBasis::PublicInstitution).as_deref(),
        Some("50601")
    );
    assert_eq!(map("39999", MappingBasis::Organ), None);
    assert_eq!(map("301", MappingBasis::Organ), None);
    // Every mapped target exists in the built-in catalogue.
    let c = Catalogue::builtin();
    for (code, _) in c.entries_of::<EconomicCode>() {
        for basis in [MappingBasis::Organ, MappingBasis::PublicInstitution] {
            if let Some(g) = code.government_code(basis) {
                assert!(c.contains(g), "{code} → {g} ({basis})");
            }
        }
    }
}

#[test]
fn serde_uses_code_strings() {
    let code = FunctionalCode::parse("2060101").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"2060101\"");
    assert_eq!(
        serde_json::from_str::<FunctionalCode>("\"2060101\"").unwrap(),
        code
    );
    assert!(serde_json::from_str::<FunctionalCode>("2060101").is_err());
    let e = serde_json::from_str::<EconomicCode>("\"3021101\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("7 digits"), "{e}");
}

fn every_catalogue_code() -> Vec<String> {
    let c = Catalogue::builtin();
    let mut all: Vec<String> = c
        .entries_of::<FunctionalCode>()
        .map(|(x, _)| x.to_string())
        .collect();
    all.extend(c.entries_of::<EconomicCode>().map(|(x, _)| x.to_string()));
    all.extend(
        c.entries_of::<GovEconomicCode>()
            .map(|(x, _)| x.to_string()),
    );
    all
}

proptest! {
    #[test]
    fn every_catalogue_code_round_trips(i in 0usize..10_000) {
        let all = every_catalogue_code();
        let text = &all[i % all.len()];
        let round = match CodeSystem::of_digits(text) {
            Some(CodeSystem::Functional) => FunctionalCode::parse(text).map(|c| c.to_string()),
            Some(CodeSystem::DepartmentEconomic) => EconomicCode::parse(text).map(|c| c.to_string()),
            _ => GovEconomicCode::parse(text).map(|c| c.to_string()),
        };
        prop_assert_eq!(round.as_deref(), Ok(text.as_str()));
    }

    #[test]
    fn every_well_formed_code_round_trips(class in 1u32..=99, a in 1u32..=99, b in 1u32..=99) {
        let f = FunctionalCode::new((200 + class) * 10_000 + a * 100 + b).unwrap();
        prop_assert_eq!(f.to_string().parse::<FunctionalCode>().unwrap(), f);
        prop_assert_eq!(f.class().as_u32(), 200 + class);
        let e = EconomicCode::new((300 + class) * 100 + a).unwrap();
        prop_assert_eq!(e.to_string().parse::<EconomicCode>().unwrap(), e);
        let g = GovEconomicCode::new((500 + class) * 100 + a).unwrap();
        prop_assert_eq!(g.to_string().parse::<GovEconomicCode>().unwrap(), g);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        for r in [
            FunctionalCode::parse(&s).map(|c| c.to_string()),
            EconomicCode::parse(&s).map(|c| c.to_string()),
            GovEconomicCode::parse(&s).map(|c| c.to_string()),
        ] {
            match r {
                Ok(text) => prop_assert_eq!(text, s.clone()),
                Err(Error::InvalidCode { input, .. }) => prop_assert_eq!(input, s.clone()),
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
        let _ = Catalogue::builtin().functional(&s);
        let _ = Catalogue::from_tsv("fuzz", &s);
    }

    #[test]
    fn digit_text_never_panics(s in "[0-9]{0,12}", n in any::<u32>()) {
        let _ = FunctionalCode::parse(&s);
        let _ = EconomicCode::parse(&s);
        let _ = FunctionalCode::new(n);
        let _ = GovEconomicCode::new(n);
        let _ = Catalogue::from_tsv("fuzz", &format!("{s}\tname\n"));
    }
}
