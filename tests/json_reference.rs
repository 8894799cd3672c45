//! The budget JSON format reference: `schema/budget.schema.json` (JSON Schema 2020-12) and
//! `docs/budget-json.md` (generated from it), checked against the crate's serde types by
//! behaviour, so neither can drift from what `yusuan` reads and writes:
//!
//! - the complete example (`schema/complete-example.json`) builds, validates, and uses every
//!   field the schema lists;
//! - every field the crate writes for the shipped budgets is in the schema;
//! - an unknown field anywhere is rejected by both; a required field is required by both; an
//!   optional one is never reported missing by the crate;
//! - every shipped budget validates; every readable sample the crate refuses to read is refused
//!   by the schema at the same field path;
//! - the Markdown reference is the schema rendered (`YUSUAN_BLESS=1` rewrites it).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};
use yusuan::budget::{DepartmentBudget, ReadError, read_json};

const SCHEMA: &str = include_str!("../schema/budget.schema.json");
const COMPLETE: &str = include_str!("../schema/complete-example.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).unwrap()
}

/// The schema's instance paths (`/lines/0/amount`) in the crate's form (`lines[0].amount`).
fn crate_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    if out.is_empty() { ".".to_string() } else { out }
}

fn schema_errors(v: &Value) -> Vec<String> {
    validator()
        .iter_errors(v)
        .map(|e| crate_path(&e.instance_path().to_string()))
        .collect()
}

fn crate_reads(v: &Value) -> Result<(), ReadError> {
    read_json(serde_json::to_string(v).unwrap().as_bytes()).map(|_| ())
}

/// Resolves a `$ref` to `#/$defs/NAME`.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            &root["$defs"][name]
        }
        None => node,
    }
}

/// The schema object (an object node with `properties`) an instance object matches, for
/// `oneOf` the alternative whose required key is present.
fn object_node<'a>(
    root: &'a Value,
    node: &'a Value,
    inst: &Map<String, Value>,
) -> Option<&'a Value> {
    let node = resolve(root, node);
    if node.get("properties").is_some() {
        return Some(node);
    }
    node.get("oneOf")?.as_array()?.iter().find_map(|alt| {
        let alt = resolve(root, alt);
        let req = alt.get("required")?.as_array()?;
        req.iter()
            .all(|k| k.as_str().is_some_and(|k| inst.contains_key(k)))
            .then_some(alt)
    })
}

/// Walks an instance along the schema, calling `visit(path, schema object, instance object)`
/// for every instance object that a schema object with `properties` describes.
/// What [`walk`] calls for each described object: its path, schema object and instance.
type Visit<'v, 'a> = dyn FnMut(&str, &'a Value, &Map<String, Value>) + 'v;

fn walk<'a>(root: &'a Value, node: &'a Value, inst: &Value, path: &str, visit: &mut Visit<'_, 'a>) {
    let node = resolve(root, node);
    match inst {
        Value::Object(m) => {
            if let Some(obj) = object_node(root, node, m) {
                visit(path, obj, m);
                for (k, v) in m {
                    if let Some(p) = obj["properties"].get(k) {
                        walk(root, p, v, &format!("{path}/{k}"), visit);
                    }
                }
            } else if let Some(ap) = node.get("additionalProperties").filter(|a| a.is_object()) {
                for (k, v) in m {
                    walk(root, ap, v, &format!("{path}/{k}"), visit);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = node.get("items").filter(|i| i.is_object()) {
                for (i, v) in items.iter().enumerate() {
                    walk(root, item, v, &format!("{path}/{i}"), visit);
                }
            }
        }
        _ => {}
    }
}

/// Every (schema object, property) pair reachable from the root, by the object's title and the
/// property name.
fn all_properties(root: &Value) -> BTreeSet<(String, String)> {
    fn go(
        root: &Value,
        node: &Value,
        out: &mut BTreeSet<(String, String)>,
        seen: &mut BTreeSet<String>,
    ) {
        let node = resolve(root, node);
        let key = node.to_string();
        if !seen.insert(key) {
            return;
        }
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            let title = node["title"].as_str().unwrap_or("?").to_string();
            for (k, v) in props {
                out.insert((title.clone(), k.clone()));
                go(root, v, out, seen);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(child) = node.get(key).filter(|c| c.is_object()) {
                go(root, child, out, seen);
            }
        }
        if let Some(alts) = node.get("oneOf").and_then(Value::as_array) {
            for a in alts {
                go(root, a, out, seen);
            }
        }
    }
    let mut out = BTreeSet::new();
    go(root, root, &mut out, &mut BTreeSet::new());
    out
}

fn shipped_budgets() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let v = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            out.push((p.display().to_string(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 7, "{} budgets", out.len());
    out
}

#[test]
fn the_complete_example_builds_validates_and_uses_every_field() {
    let root = schema();
    let example: Value = serde_json::from_str(COMPLETE).unwrap();
    let budget: DepartmentBudget = serde_json::from_str(COMPLETE).unwrap();
    assert!(budget.lines().len() > 10);
    assert_eq!(schema_errors(&example), Vec::<String>::new());
    let mut used = BTreeSet::new();
    walk(&root, &root, &example, "", &mut |_, obj, inst| {
        let title = obj["title"].as_str().unwrap_or("?").to_string();
        for k in inst.keys() {
            used.insert((title.clone(), k.clone()));
        }
    });
    let unused: Vec<_> = all_properties(&root).difference(&used).cloned().collect();
    assert!(
        unused.is_empty(),
        "fields the complete example never uses: {unused:?}"
    );
}

#[test]
fn every_field_the_crate_writes_is_in_the_schema() {
    let root = schema();
    let mut written = 0;
    for (file, v) in shipped_budgets().into_iter().chain([(
        "complete".to_string(),
        serde_json::from_str(COMPLETE).unwrap(),
    )]) {
        let budget: DepartmentBudget = serde_json::from_value(v).unwrap();
        let out = serde_json::to_value(&budget).unwrap();
        assert_eq!(
            schema_errors(&out),
            Vec::<String>::new(),
            "{file} as written"
        );
        walk(&root, &root, &out, "", &mut |path, obj, inst| {
            for k in inst.keys() {
                written += 1;
                assert!(
                    obj["properties"].get(k).is_some(),
                    "{file}: {path}/{k} not in the schema"
                );
            }
        });
    }
    assert!(written > 1000, "{written} fields written");
}

#[test]
fn unknown_and_missing_fields_are_judged_alike() {
    let root = schema();
    let example: Value = serde_json::from_str(COMPLETE).unwrap();
    let mut objects: Vec<(String, Value)> = Vec::new();
    walk(&root, &root, &example, "", &mut |path, obj, inst| {
        objects.push((path.to_string(), obj.clone()));
        let _ = inst;
    });
    // One object per distinct schema object is enough: the first place each occurs.
    let mut seen = BTreeSet::new();
    objects.retain(|(_, o)| seen.insert(o.to_string()));
    assert!(objects.len() >= 20, "{} objects", objects.len());
    for (path, obj) in &objects {
        let mut with_unknown = example.clone();
        let target = with_unknown
            .pointer_mut(path)
            .unwrap()
            .as_object_mut()
            .unwrap();
        target.insert("zz_unknown".into(), Value::Bool(true));
        let schema_err = schema_errors(&with_unknown);
        assert!(
            !schema_err.is_empty(),
            "schema accepts an unknown field at {path}"
        );
        match crate_reads(&with_unknown) {
            // An externally tagged enum (`fund`, `use`, `category`) with a second key is refused
            // as a malformed value rather than as an unknown field; refused either way.
            Err(ReadError::Json { path: at, .. }) => {
                assert!(
                    at.starts_with(&crate_path(path)) || path.is_empty(),
                    "{path}: refused at {at}"
                )
            }
            other => panic!("crate accepts an unknown field at {path}: {other:?}"),
        }
        let required: BTreeSet<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let present: Vec<String> = example
            .pointer(path)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for k in present {
            let mut without = example.clone();
            without
                .pointer_mut(path)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&k);
            let read = crate_reads(&without);
            let schema_ok = schema_errors(&without).is_empty();
            if required.contains(k.as_str()) {
                assert!(!schema_ok, "{path}/{k}: schema accepts it missing");
                assert!(
                    read.is_err(),
                    "{path}/{k}: required by the schema, read by the crate without it"
                );
            } else {
                assert!(
                    schema_ok,
                    "{path}/{k}: optional, yet the schema refuses it missing"
                );
                assert!(
                    !matches!(&read, Err(ReadError::Json { source, .. }) if source.to_string().contains("missing field")),
                    "{path}/{k}: optional in the schema, required by the crate: {read:?}"
                );
            }
        }
    }
}

#[test]
fn shipped_budgets_validate_and_refused_samples_fail_at_the_same_path() {
    for (file, v) in shipped_budgets() {
        assert_eq!(schema_errors(&v), Vec::<String>::new(), "{file}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/invalid");
    let mut compared = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let Ok(v) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        match read_json(&bytes) {
            Err(ReadError::Json { path, .. }) => {
                let schema_paths = schema_errors(&v);
                assert!(
                    schema_paths.contains(&path),
                    "{}: crate says {path}, schema {schema_paths:?}",
                    p.display()
                );
                compared += 1;
            }
            Err(other) => panic!("{}: {other}", p.display()),
            Ok(_) => {
                // A readable file that breaks a budget rule: the schema (structure only) accepts it.
                assert_eq!(schema_errors(&v), Vec::<String>::new(), "{}", p.display());
            }
        }
    }
    assert!(compared >= 3, "{compared} refused samples compared");
}

#[test]
fn schema_violations_are_reported_at_the_schema_path() {
    let example: Value = serde_json::from_str(COMPLETE).unwrap();
    let cases: [(&str, Value); 5] = [
        ("/lines/3/amount", Value::from(12.5)),
        ("/lines/0/source", Value::from("本级财政")),
        ("/department/year", Value::from("2026")),
        ("/projects/0/start", Value::from(20260101)),
        ("/assets/vehicles/0/count", Value::from(-1)),
    ];
    for (pointer, bad) in cases {
        let mut v = example.clone();
        *v.pointer_mut(pointer).unwrap() = bad;
        let want = crate_path(pointer);
        let schema_paths = schema_errors(&v);
        assert!(
            schema_paths.contains(&want),
            "{pointer}: schema says {schema_paths:?}"
        );
        match crate_reads(&v) {
            Err(ReadError::Json { path, .. }) => assert_eq!(path, want, "{pointer}"),
            other => panic!("{pointer}: {other:?}"),
        }
    }
    // A value of the wrong form where the format has one of several (`oneOf`: `fund`, `use`,
    // `category`): the schema names the field, the crate the field and the variant it tried.
    for (pointer, bad) in [
        ("/carry_overs/0/fund", Value::from("fiscal")),
        (
            "/performance/projects/0/indicators/0/category",
            Value::from("output"),
        ),
    ] {
        let mut v = example.clone();
        *v.pointer_mut(pointer).unwrap() = bad;
        let want = crate_path(pointer);
        assert!(schema_errors(&v).contains(&want), "{pointer}");
        match crate_reads(&v) {
            Err(ReadError::Json { path, .. }) => {
                assert!(path.starts_with(&want), "{pointer}: crate says {path}")
            }
            other => panic!("{pointer}: {other:?}"),
        }
    }
}

/// Renders the schema as the Markdown reference.
fn reference_markdown(root: &Value) -> String {
    let mut out = String::from(
        "# The budget JSON format\n\n\
         <!-- Generated from schema/budget.schema.json by tests/json_reference.rs \
         (YUSUAN_BLESS=1 cargo test --test json_reference). Do not edit by hand. -->\n\n",
    );
    out.push_str(root["description"].as_str().unwrap_or(""));
    out.push_str(
        "\n\nThe schema itself is `schema/budget.schema.json` (JSON Schema 2020-12, for editors \
         and other languages); `schema/complete-example.json` is a budget that uses every field. \
         Amounts are strings in 元; codes are strings of digits.\n",
    );
    let mut queue: Vec<(String, Value)> = vec![("(document)".to_string(), root.clone())];
    let mut done = BTreeSet::new();
    while let Some((path, node)) = queue.pop() {
        let node = resolve(root, &node).clone();
        let alts: Vec<Value> = match node.get("oneOf").and_then(Value::as_array) {
            Some(a) => a.iter().map(|x| resolve(root, x).clone()).collect(),
            None => vec![node.clone()],
        };
        for obj in alts {
            let Some(props) = obj.get("properties").and_then(Value::as_object) else {
                continue;
            };
            if !done.insert(obj.to_string()) {
                continue;
            }
            out.push_str(&format!(
                "\n## `{path}`: {}\n\n{}\n\n| field | type | required | 中文名 | meaning | example |\n|---|---|---|---|---|---|\n",
                obj["title"].as_str().unwrap_or(""),
                obj["description"].as_str().unwrap_or("")
            ));
            let required: BTreeSet<&str> = obj
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut children = Vec::new();
            for (k, p) in props {
                let r = resolve(root, p);
                let title = p
                    .get("title")
                    .or(r.get("title"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let desc = p
                    .get("description")
                    .or(r.get("description"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let example = p
                    .get("examples")
                    .or(r.get("examples"))
                    .and_then(|e| e.get(0))
                    .map(|e| format!("`{e}`"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "| `{k}` | {} | {} | {title} | {} | {example} |\n",
                    type_name(root, p),
                    if required.contains(k.as_str()) {
                        "yes"
                    } else {
                        "no"
                    },
                    desc.replace('|', "\\|")
                ));
                let child_path = if path == "(document)" {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let inner = match r.get("items").filter(|i| i.is_object()) {
                    Some(i) => (format!("{child_path}[]"), i.clone()),
                    None => (child_path, r.clone()),
                };
                children.push(inner);
            }
            children.reverse();
            queue.extend(children);
        }
    }
    out.push_str(
        "\n## Value types\n\n| name | type | 中文名 | meaning | form | example |\n|---|---|---|---|---|---|\n",
    );
    if let Some(defs) = root["$defs"].as_object() {
        for (name, d) in defs.iter().filter(|(_, d)| d.get("properties").is_none()) {
            let form = match (d.get("pattern"), d.get("enum")) {
                (Some(p), _) => format!("`{}`", p.as_str().unwrap_or("")),
                (None, Some(e)) => format!("one of {} keys", e.as_array().map_or(0, Vec::len)),
                _ => String::new(),
            };
            out.push_str(&format!(
                "| `{name}` | {} | {} | {} | {form} | {} |\n",
                d.get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("one of several forms"),
                d["title"].as_str().unwrap_or(""),
                d["description"].as_str().unwrap_or("").replace('|', "\\|"),
                d.get("examples")
                    .and_then(|e| e.get(0))
                    .map(|e| format!("`{e}`"))
                    .unwrap_or_default(),
            ));
        }
    }
    out
}

fn type_name(root: &Value, node: &Value) -> String {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let target = resolve(root, node);
        return match target.get("type").and_then(Value::as_str) {
            Some("string") if target.get("enum").is_some() => format!("{name} (string key)"),
            Some("string") => format!("{name} (string)"),
            _ => name.to_string(),
        };
    }
    match node.get("type").and_then(Value::as_str) {
        Some("array") => match node.get("items").filter(|i| i.is_object()) {
            Some(i) => format!("array of {}", type_name(root, i)),
            None => "array".to_string(),
        },
        Some("string") if node.get("enum").is_some() => "string key".to_string(),
        Some(t) => t.to_string(),
        None => "one of several forms".to_string(),
    }
}

#[test]
fn the_markdown_reference_is_the_schema_rendered() {
    let md = reference_markdown(&schema());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/budget-json.md");
    if std::env::var_os("YUSUAN_BLESS").is_some() {
        std::fs::write(&path, &md).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == md,
        "docs/budget-json.md is stale: YUSUAN_BLESS=1 cargo test --test json_reference"
    );
    for field in [
        "`amount`",
        "`carry_over`",
        "`three_public`",
        "`use`",
        "`fund`",
        "`procurement`",
    ] {
        assert!(md.contains(field), "{field}");
    }
}
