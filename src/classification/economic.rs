//! 支出经济分类科目: the departmental (部门) and government (政府) economic classifications.

use serde::{Deserialize, Serialize};

use super::{Catalogue, Code, CodeSystem, Level, code_type_impls};

/// 部门预算支出经济分类科目: a departmental economic classification code.
///
/// Every `EconomicCode` is a well-formed 3-digit 类 (`301`…`399`) or 5-digit 款 (`30101`), with
/// no `00` 款. Budget lines are kept at 款 level. Seven-digit local sub-items that some regions
/// print (Beijing's `3021101`, Chongqing's `3010201`) are not codes of this system.
///
/// ```
/// use yusuan::classification::{EconomicCode, MappingBasis};
/// let travel = EconomicCode::parse("30211")?;
/// assert_eq!(travel.class().to_string(), "302");
/// assert_eq!(
///     travel.government_code(MappingBasis::Organ).map(|g| g.to_string()),
///     Some("50201".to_string())
/// );
/// # Ok::<(), yusuan::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EconomicCode(u32);

code_type_impls!(
    EconomicCode,
    CodeSystem::DepartmentEconomic,
    "a 部门预算支出经济分类 code of 3 or 5 digits such as \"30101\""
);

/// 政府预算支出经济分类科目: a government economic classification code.
///
/// Every `GovEconomicCode` is a well-formed 3-digit 类 (`501`…`599`) or 5-digit 款 (`50101`),
/// with no `00` 款.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GovEconomicCode(u32);

code_type_impls!(
    GovEconomicCode,
    CodeSystem::GovernmentEconomic,
    "a 政府预算支出经济分类 code of 3 or 5 digits such as \"50101\""
);

macro_rules! two_level_methods {
    ($ty:ident) => {
        impl $ty {
            /// 类 or 款.
            pub fn level(self) -> Level {
                Code::level(self)
            }

            /// The 类 (first three digits).
            pub fn class(self) -> $ty {
                Code::class(self)
            }

            /// The 类 of a 款, or `None` for a 类.
            pub fn parent(self) -> Option<$ty> {
                Code::parent(self)
            }

            /// Whether `self` is the 类 of `other`.
            pub fn is_ancestor_of(self, other: $ty) -> bool {
                Code::is_ancestor_of(self, other)
            }
        }
    };
}
two_level_methods!(EconomicCode);
two_level_methods!(GovEconomicCode);

/// 单位性质 for the 部门→政府 mapping: 机关 and 事业单位 map the same 部门 款 to different
/// 政府 款 (a 机关's 30101 基本工资 is 50101 工资奖金津补贴; a 事业单位's is 50501 工资福利支出).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MappingBasis {
    /// 机关: administrative organs (行政单位), the 501–504 classes.
    #[strum(to_string = "机关")]
    Organ,
    /// 事业单位: public institutions, whose running costs are 505/506 对事业单位补助.
    #[strum(to_string = "事业单位")]
    PublicInstitution,
}

// The 部门 款 → 政府 款 mapping, pair by pair, with where each pair comes from.
//
// Sources (nothing is filled in from memory):
// - The disclosures that print both classifications on one row (copies in tests/data/disclosures,
//   checked pair by pair by tests/economic_mapping.rs): 14 烟台市信访局 2026 (split columns
//   `301 | 01 | … | 501 | 01 | …`; a 部门 of one 机关 and one 事业单位, 烟台市信访事务服务中心), 16
//   西安市信访局 2026 (`30101 | … | 50101 | …`; its only 预算单位 is 本级（机关）), 22 北京市统计局 2026
//   (`功能 | 50101-… | 30101-…`, whose 7-digit local sub-items 3021101, 3021202, 3021503 stand for
//   their 款 30211, 30212, 30215). A row's unit kind is the 政府 class where that decides it
//   (501–504 机关, 505–506 事业单位); for a 509 row, the kind the document's other rows give its
//   functional code (22: 2010501 行政运行 and 2080501 行政单位离退休 are 机关 rows, 2010503 机关服务
//   and 2010550 事业运行 are 事业单位 rows), or the document's only unit kind (16).
// - reference/domain.md §A3 (shared project notes): a provincial 一体化 importer hard-codes the 事业单位
//   mapping 301xx→50501, 302xx→50502, 30301→50905, 30304→50901, 30308→50902, other 303xx→50999,
//   310xx→50601.
//
// A pair is encoded when a source gives it and no source gives another 政府 款 for the same 部门 款
// and unit kind. One disagreement is left out: for 事业单位, §A3 sends 30302, 30305, 30307 and
// 30309 to 50999, but 14 prints its 303 rows once for its 机关 and its 事业单位 together (30302 →
// 50905, the others → 50901). Its 事业单位离退休 (2080502, 6.80 万元 of 人员支出) is 303 money (every
// 301 row of both units is accounted for under other functional codes) and not its 30399 row
// (0.29 万元, which is exactly the 303 part of 2014050 事业运行): so a 事业单位's money in at least one
// of the four 款 is printed under 50905 or 50901, and which one cannot be told from the figures.

const BY_14_16_22: &str = "printed on one row by disclosures 14, 16 and 22";
const BY_14_16_22_MIXED: &str =
    "printed on one row by disclosures 16 and 22; 14 prints it for its 机关 and 事业单位 together";
const BY_16_22: &str = "printed on one row by disclosures 16 and 22";
const BY_16: &str = "printed on one row by disclosure 16";
const BY_22: &str = "printed on one row by disclosure 22";
const BY_22_MIXED: &str =
    "printed on one row by disclosure 22; 14 prints it for its 机关 and 事业单位 together";
const BY_22_3021101: &str = "printed on one row by disclosures 14, 16 and 22 (22 as its local \
                             sub-item 3021101)";
const BY_22_3021202: &str = "printed on one row by disclosure 22, as its local sub-item 3021202";
const BY_22_3021503: &str = "printed on one row by disclosure 22, as its local sub-item 3021503";

/// 部门 款 → 政府 款 for 机关, each pair with its provenance; sorted by 部门 款. Every pair is
/// printed on a 机关 row by the disclosures named; §A3 gives no 机关 rule.
const ORGAN_PAIRS: &[(u32, u32, &str)] = &[
    (30101, 50101, BY_14_16_22),
    (30102, 50101, BY_14_16_22),
    (30103, 50101, BY_14_16_22),
    (30107, 50199, BY_16),
    (30108, 50102, BY_14_16_22),
    (30109, 50102, BY_14_16_22),
    (30110, 50102, BY_14_16_22),
    (30111, 50102, BY_14_16_22),
    (30112, 50102, BY_14_16_22),
    (30113, 50103, BY_14_16_22),
    (30199, 50199, BY_16_22),
    (30201, 50201, BY_14_16_22),
    (30202, 50201, BY_16_22),
    (30204, 50201, BY_22),
    (30205, 50201, BY_14_16_22),
    (30206, 50201, BY_14_16_22),
    (30207, 50201, BY_14_16_22),
    (30208, 50201, BY_14_16_22),
    (30209, 50201, BY_14_16_22),
    (30211, 50201, BY_22_3021101),
    (30212, 50207, BY_22_3021202),
    (30213, 50209, BY_14_16_22),
    (30214, 50201, BY_16_22),
    (30215, 50202, BY_22_3021503),
    (30216, 50203, BY_16_22),
    (30217, 50206, BY_14_16_22),
    (30226, 50205, BY_14_16_22),
    (30227, 50205, BY_16_22),
    (30228, 50201, BY_14_16_22),
    (30231, 50208, BY_16_22),
    (30239, 50201, BY_14_16_22),
    (30299, 50299, BY_14_16_22),
    (30301, 50905, BY_16_22),
    (30302, 50905, BY_14_16_22_MIXED),
    (30304, 50901, BY_22),
    (30305, 50901, BY_14_16_22_MIXED),
    (30307, 50901, BY_22_MIXED),
    (30309, 50901, BY_14_16_22_MIXED),
    (30399, 50999, BY_14_16_22_MIXED),
    (30999, 50499, BY_22),
    (31002, 50306, BY_16_22),
    (31007, 50306, BY_22),
];

const A3_301: &str = "§A3 importer rule 301xx→50501";
const A3_301_14_22: &str =
    "§A3 importer rule 301xx→50501; printed on one row by disclosures 14 and 22";
const A3_301_14: &str = "§A3 importer rule 301xx→50501; printed on one row by disclosure 14";
const A3_301_22: &str = "§A3 importer rule 301xx→50501; printed on one row by disclosure 22";
const A3_302: &str = "§A3 importer rule 302xx→50502";
const A3_302_14_22: &str =
    "§A3 importer rule 302xx→50502; printed on one row by disclosures 14 and 22";
const A3_302_14: &str = "§A3 importer rule 302xx→50502; printed on one row by disclosure 14";
const A3_302_22: &str = "§A3 importer rule 302xx→50502; printed on one row by disclosure 22";
const A3_303: &str = "§A3 importer rule other 303xx→50999";
const A3_310: &str = "§A3 importer rule 310xx→50601";

/// 部门 款 → 政府 款 for 事业单位 where a source names the 款, each with its provenance; sorted by
/// 部门 款. The other 款 of 301, 302, 303 and 310 follow [`INSTITUTION_CLASS_RULES`].
const INSTITUTION_PAIRS: &[(u32, u32, &str)] = &[
    (30101, 50501, A3_301_14_22),
    (30102, 50501, A3_301_14_22),
    (30103, 50501, A3_301_14),
    (30107, 50501, A3_301_14_22),
    (30108, 50501, A3_301_14_22),
    (30109, 50501, A3_301_22),
    (30110, 50501, A3_301_14_22),
    (30111, 50501, A3_301_14),
    (30112, 50501, A3_301_14_22),
    (30113, 50501, A3_301_14_22),
    (30201, 50502, A3_302_14_22),
    (30202, 50502, A3_302_22),
    (30205, 50502, A3_302_14),
    (30206, 50502, A3_302_14),
    (30207, 50502, A3_302_22),
    (30209, 50502, A3_302_14),
    (
        30211,
        50502,
        "§A3 importer rule 302xx→50502; printed on one row by disclosures 14 and 22 (22 as its \
         local sub-item 3021101)",
    ),
    (30213, 50502, A3_302_22),
    (30214, 50502, A3_302_22),
    (30216, 50502, A3_302_22),
    (30226, 50502, A3_302_14_22),
    (30227, 50502, A3_302_22),
    (30228, 50502, A3_302_14_22),
    (30231, 50502, A3_302_22),
    (30239, 50502, A3_302_22),
    (30299, 50502, A3_302_14_22),
    (30301, 50905, "§A3 importer rule 30301→50905"),
    (30304, 50901, "§A3 importer rule 30304→50901"),
    (30308, 50902, "§A3 importer rule 30308→50902"),
    (
        30399,
        50999,
        "§A3 importer rule other 303xx→50999; printed on one row by disclosure 22 (2010503 机关服务 \
         and 2010550 事业运行)",
    ),
    (
        31002,
        50601,
        "§A3 importer rule 310xx→50601; printed on one row by disclosure 22 (2010550 事业运行)",
    ),
];

/// 部门 类 → 政府 款 for the 事业单位 款 that [`INSTITUTION_PAIRS`] does not name: (类, 政府 款,
/// 款 left unmapped, provenance). 303 leaves out the four 款 on which §A3 and disclosure 14
/// disagree (see the comment at the top of the tables).
const INSTITUTION_CLASS_RULES: &[(u32, u32, &[u32], &str)] = &[
    (301, 50501, &[], A3_301),
    (302, 50502, &[], A3_302),
    (303, 50999, &[30302, 30305, 30307, 30309], A3_303),
    (310, 50601, &[], A3_310),
];

/// The pair listed for `department` in a table sorted by 部门 款.
fn listed(table: &[(u32, u32, &'static str)], department: u32) -> Option<(u32, &'static str)> {
    table
        .binary_search_by_key(&department, |&(d, _, _)| d)
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, g, p)| (g, p))
}

/// The class rule covering `department` for 事业单位, unless the 款 is left out of it.
fn institution_class_rule(department: u32) -> Option<(u32, &'static str)> {
    INSTITUTION_CLASS_RULES
        .iter()
        .find(|&&(class, _, except, _)| class == department / 100 && !except.contains(&department))
        .map(|&(_, g, _, p)| (g, p))
}

impl EconomicCode {
    /// The 政府预算支出经济分类 款 this 部门 款 is reported under, for a unit of the given kind;
    /// `None` for a 类 or where no mapping is known.
    ///
    /// Only mappings with a source are encoded: pairs printed on one row by published
    /// disclosures, and the 事业单位 rules of a provincial 一体化 importer. See
    /// [`EconomicCode::government_mapping`] for a pair's provenance.
    #[must_use]
    pub fn government_code(self, basis: MappingBasis) -> Option<GovEconomicCode> {
        self.government_mapping(basis).map(|(g, _)| g)
    }

    /// 部门→政府经济分类对应: the 政府 款 this 部门 款 maps to for the given unit kind, with the
    /// provenance of the pair; `None` for a 类 or where no mapping is known.
    ///
    /// The provenance names the disclosures that print the pair on one row, or the importer
    /// rule it follows (`§A3`, see the crate's domain notes).
    ///
    /// ```
    /// use yusuan::classification::{EconomicCode, MappingBasis};
    /// let (gov, source) = EconomicCode::parse("30308")?
    ///     .government_mapping(MappingBasis::PublicInstitution)
    ///     .expect("30308 has a known 事业单位 mapping");
    /// assert_eq!(gov.to_string(), "50902");
    /// assert!(source.contains("§A3"));
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    #[must_use]
    pub fn government_mapping(
        self,
        basis: MappingBasis,
    ) -> Option<(GovEconomicCode, &'static str)> {
        if self.level() != Level::Section {
            return None;
        }
        let found = match basis {
            MappingBasis::Organ => listed(ORGAN_PAIRS, self.0),
            MappingBasis::PublicInstitution => {
                listed(INSTITUTION_PAIRS, self.0).or_else(|| institution_class_rule(self.0))
            }
        };
        found.map(|(g, p)| (GovEconomicCode(g), p))
    }

    /// 部门→政府经济分类对应表: every 款 of `edition` whose 政府 款 is known for the unit kind,
    /// in code order, each with its 政府 款 and the provenance of the pair.
    ///
    /// A 款 of the edition without a known mapping is left out; 类 are never listed.
    ///
    /// ```
    /// use yusuan::classification::{Catalogue, EconomicCode, MappingBasis};
    /// let table: Vec<_> =
    ///     EconomicCode::mapping_table(MappingBasis::Organ, Catalogue::builtin()).collect();
    /// let (dept, gov, _) = table[0];
    /// assert_eq!((dept.to_string(), gov.to_string()), ("30101".into(), "50101".into()));
    /// ```
    pub fn mapping_table(
        basis: MappingBasis,
        edition: &Catalogue,
    ) -> impl Iterator<Item = (EconomicCode, GovEconomicCode, &'static str)> + '_ {
        edition
            .entries_of::<EconomicCode>()
            .filter_map(move |(code, _)| code.government_mapping(basis).map(|(g, p)| (code, g, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_table(table: &[(u32, u32, &str)], classes: &[u32]) {
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "not sorted");
        for &(d, g, p) in table {
            assert_eq!(EconomicCode::new(d).unwrap().level(), Level::Section);
            assert_eq!(GovEconomicCode::new(g).unwrap().level(), Level::Section);
            assert!(
                classes.contains(&(g / 100)),
                "{d} → {g}: class of the wrong unit kind"
            );
            assert!(!p.is_empty());
        }
    }

    #[test]
    fn organ_mapping_is_sorted_and_valid() {
        check_table(ORGAN_PAIRS, &[501, 502, 503, 504, 509]);
    }

    #[test]
    fn institution_mapping_is_sorted_and_valid() {
        check_table(INSTITUTION_PAIRS, &[505, 506, 509]);
        for &(class, g, except, _) in INSTITUTION_CLASS_RULES {
            assert_eq!(EconomicCode::new(class).unwrap().level(), Level::Class);
            assert_eq!(GovEconomicCode::new(g).unwrap().level(), Level::Section);
            for &e in except {
                assert_eq!(e / 100, class);
                assert!(
                    listed(INSTITUTION_PAIRS, e).is_none(),
                    "{e} is both listed and left out"
                );
            }
        }
        // A listed pair of a class with a rule agrees with the rule, except where §A3 names the
        // 款 itself (30301, 30304, 30308).
        for &(d, g, _) in INSTITUTION_PAIRS {
            if let Some((rule, _)) = institution_class_rule(d) {
                assert!(g == rule || [30301, 30304, 30308].contains(&d), "{d} → {g}");
            }
        }
    }

    #[test]
    fn the_disputed_institution_items_stay_unmapped() {
        for d in [30302, 30305, 30307, 30309] {
            let code = EconomicCode::new(d).unwrap();
            assert_eq!(code.government_code(MappingBasis::PublicInstitution), None);
            assert!(code.government_code(MappingBasis::Organ).is_some());
        }
    }
}

crate::vocabulary::from_str_by_name!(MappingBasis => "mapping basis (对应关系依据)");
