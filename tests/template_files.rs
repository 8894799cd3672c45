//! Template files as a user saves them: a byte-order mark is skipped, invalid UTF-8 is named by
//! its byte offset.

use yusuan::disclosure::{Template, TemplateErrorKind};

const SEED_TEMPLATE: &str = include_str!("../src/disclosure/templates/xinjiang_2026.toml");

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-template-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SEED_TEMPLATE.as_bytes());
    let with_bom = Template::from_path(temp_file("bom.toml", &bytes)).unwrap();
    assert_eq!(
        with_bom,
        Template::from_toml("plain", SEED_TEMPLATE).unwrap()
    );
    let text = format!("\u{feff}{SEED_TEMPLATE}");
    assert_eq!(
        Template::from_toml("bom", &text).unwrap(),
        Template::xinjiang_2026()
    );
}

#[test]
fn invalid_utf8_is_named_by_its_byte_offset() {
    let mut bytes = SEED_TEMPLATE.as_bytes().to_vec();
    let offset = SEED_TEMPLATE.find("name").unwrap();
    bytes.insert(offset, 0xFF);
    let path = temp_file("broken.toml", &bytes);
    let err = Template::from_path(&path).unwrap_err();
    assert_eq!(err.kind, TemplateErrorKind::Format);
    assert_eq!(err.file, path.display().to_string());
    assert_eq!(
        err.message,
        format!("the file is not UTF-8: invalid byte at offset {offset}")
    );
}
