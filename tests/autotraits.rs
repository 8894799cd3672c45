//! Every public type is `Send + Sync` (and `Unpin`), so budgets can cross threads.

fn assert_auto<T: Send + Sync + Unpin + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_auto::<yusuan::Amount>();
    assert_auto::<yusuan::Change>();
    assert_auto::<yusuan::Unit>();
    assert_auto::<yusuan::amount::Ratio>();
    assert_auto::<yusuan::amount::Direction>();
    assert_auto::<yusuan::FunctionalCode>();
    assert_auto::<yusuan::EconomicCode>();
    assert_auto::<yusuan::GovEconomicCode>();
    assert_auto::<yusuan::Catalogue>();
    assert_auto::<yusuan::classification::MappingBasis>();
    assert_auto::<yusuan::FundingSource>();
    assert_auto::<yusuan::FundType>();
    assert_auto::<yusuan::funding::FundingGroup>();
    assert_auto::<yusuan::funding::IncomeLabel>();
    assert_auto::<yusuan::Error>();
    assert_auto::<yusuan::budget::DepartmentBudget>();
    assert_auto::<yusuan::budget::DepartmentBudgetBuilder>();
    assert_auto::<yusuan::budget::Rejected>();
    assert_auto::<yusuan::budget::ValidationErrors>();
    assert_auto::<yusuan::budget::Violation>();
    assert_auto::<yusuan::budget::ReadError>();
    assert_auto::<yusuan::budget::Line>();
    assert_auto::<yusuan::budget::KindTotals>();
    assert_auto::<yusuan::budget::YearOnYear>();
    assert_auto::<yusuan::disclosure::Template>();
    assert_auto::<yusuan::disclosure::TemplateError>();
    assert_auto::<yusuan::disclosure::Table>();
    assert_auto::<yusuan::disclosure::Section>();
    assert_auto::<yusuan::disclosure::Disclosure<'static>>();
    assert_auto::<yusuan::performance::PerformanceTargets>();
    assert_auto::<yusuan::performance::Indicator>();
    assert_auto::<yusuan::audit::Report>();
    assert_auto::<yusuan::audit::Finding>();
}
