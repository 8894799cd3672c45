//! 支出经济分类科目: the departmental (部门) and government (政府) economic classifications.

use serde::{Deserialize, Serialize};

use super::{Code, CodeSystem, Level, code_type_impls};

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

/// 部门 款 → 政府 款 for 机关, as printed side by side in the disclosures that show both
/// classifications: 14 烟台市信访局 2026 (基本支出表 with 部门/政府 columns), 16 西安市信访局 2026,
/// 22 北京市统计局 2026 (its 7-digit sub-items 3021101, 3021202, 3021503 give 30211, 30212, 30215).
/// Only pairs seen there are listed; other 款 have no known mapping.
const ORGAN_MAPPING: &[(u32, u32)] = &[
    (30101, 50101), // 14 16 22
    (30102, 50101), // 14 16 22
    (30103, 50101), // 14 16 22
    (30107, 50199), // 16
    (30108, 50102), // 14 16 22
    (30109, 50102), // 14 16 22
    (30110, 50102), // 14 16 22
    (30111, 50102), // 14 16 22
    (30112, 50102), // 14 16 22
    (30113, 50103), // 14 16 22
    (30199, 50199), // 16 22
    (30201, 50201), // 14 16 22
    (30202, 50201), // 16 22
    (30204, 50201), // 22
    (30205, 50201), // 14 16 22
    (30206, 50201), // 14 16 22
    (30207, 50201), // 14 16 22
    (30208, 50201), // 14 16 22
    (30209, 50201), // 14 16 22
    (30211, 50201), // 14 16 22
    (30212, 50207), // 22 (3021202)
    (30213, 50209), // 14 16 22
    (30214, 50201), // 16 22
    (30215, 50202), // 22 (3021503)
    (30216, 50203), // 16 22
    (30217, 50206), // 14 16 22
    (30226, 50205), // 14 16 22
    (30227, 50205), // 16 22
    (30228, 50201), // 14 16 22
    (30231, 50208), // 16 22
    (30239, 50201), // 14 16 22
    (30299, 50299), // 14 16 22
    (30301, 50905), // 16 22
    (30302, 50905), // 14 16 22
    (30304, 50901), // 22
    (30305, 50901), // 14 16 22
    (30307, 50901), // 14 22
    (30309, 50901), // 14 16 22
    (30399, 50999), // 14 16 22
    (30999, 50499), // 22
    (31002, 50306), // 16 22
    (31007, 50306), // 22
];

/// 部门 类 → 政府 款 for 事业单位: every 301 款 is 50501 and every 302 款 50502 (seen for each
/// 301/302 款 in 14 and 22), 310 is 50601 (31002 in 22; the same rule is hard-coded in a
/// provincial 一体化 importer, see reference/domain.md §A3). 303 uses the 509 class, which does
/// not depend on the unit kind, so it follows [`ORGAN_MAPPING`].
const INSTITUTION_CLASS_MAPPING: &[(u32, u32)] = &[(301, 50501), (302, 50502), (310, 50601)];

impl EconomicCode {
    /// The 政府预算支出经济分类 款 this 部门 款 is reported under, for a unit of the given kind;
    /// `None` for a 类 or where no mapping is known (only mappings seen in published disclosures
    /// are encoded; see the source for each pair's provenance).
    pub fn government_code(self, basis: MappingBasis) -> Option<GovEconomicCode> {
        if self.level() != Level::Section {
            return None;
        }
        let class = self.0 / 100;
        let by_item = || {
            ORGAN_MAPPING
                .binary_search_by_key(&self.0, |&(d, _)| d)
                .ok()
                .and_then(|i| ORGAN_MAPPING.get(i))
                .map(|&(_, g)| GovEconomicCode(g))
        };
        match basis {
            MappingBasis::Organ => by_item(),
            MappingBasis::PublicInstitution => {
                if class == 303 {
                    return by_item();
                }
                INSTITUTION_CLASS_MAPPING
                    .iter()
                    .find(|&&(c, _)| c == class)
                    .map(|&(_, g)| GovEconomicCode(g))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_mapping_is_sorted_and_valid() {
        assert!(ORGAN_MAPPING.windows(2).all(|w| w[0].0 < w[1].0));
        for &(d, g) in ORGAN_MAPPING {
            EconomicCode::new(d).unwrap();
            GovEconomicCode::new(g).unwrap();
        }
    }
}
