//! The placeholder language of narrative texts: `{name}`, `{name.part}`, `{name:style}`,
//! optional segments `[[ … ]]` and inline lists `<<list|item|separator>>`.

/// One piece of a parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Printed as is.
    Literal(String),
    /// `{name}`, `{name.part}`, `{name:style}`.
    Var {
        /// `name` or `name.part`.
        name: String,
        /// The style after `:`.
        style: Option<String>,
    },
    /// `[[ … ]]`: printed only when every placeholder directly in it has a value.
    Optional(Vec<Node>),
    /// `<<list|item|separator>>`: the item text once per list item, joined.
    Join {
        /// The list's name.
        list: String,
        /// The text printed per item.
        item: Vec<Node>,
        /// Printed between items.
        separator: String,
    },
}

/// A parsed text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Text(pub(crate) Vec<Node>);

/// What a text's placeholders are looked up in.
pub(crate) trait Lookup {
    /// The printed value of a placeholder; `None` when it has none (missing or empty).
    fn value(&self, name: &str, style: Option<&str>) -> Option<String>;
    /// The items of a list, each a scope of its own on top of this one.
    fn items(&self, list: &str) -> Option<Vec<Box<dyn Lookup + '_>>>;
}

impl Text {
    /// Parses a text; malformed markup (an unclosed `{`, `[[` or `<<`) is an error naming what
    /// is unclosed.
    pub(crate) fn try_parse(s: &str) -> Result<Text, String> {
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        let nodes = parse_until(&chars, &mut i, &[])?;
        if i < chars.len() {
            return Err(format!(
                "unexpected `{}`",
                chars.get(i).copied().unwrap_or(' ')
            ));
        }
        Ok(Text(nodes))
    }

    /// Parses a text, taking malformed markup literally.
    pub(crate) fn parse(s: &str) -> Text {
        Text::try_parse(s).unwrap_or_else(|_| Text(vec![Node::Literal(s.to_string())]))
    }

    /// Renders the text; placeholders without a value print nothing.
    pub(crate) fn render(&self, scope: &dyn Lookup) -> String {
        render(&self.0, scope).0
    }

    /// Every placeholder and list name, with the lists each sits inside (outermost first).
    pub(crate) fn names(&self) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        collect(&self.0, &mut Vec::new(), &mut out);
        out
    }
}

fn collect(nodes: &[Node], lists: &mut Vec<String>, out: &mut Vec<(String, Vec<String>)>) {
    for n in nodes {
        match n {
            Node::Literal(_) => {}
            Node::Var { name, .. } => out.push((name.clone(), lists.clone())),
            Node::Optional(inner) => collect(inner, lists, out),
            Node::Join { list, item, .. } => {
                out.push((format!("<<{list}"), lists.clone()));
                lists.push(list.clone());
                collect(item, lists, out);
                lists.pop();
            }
        }
    }
}

fn starts(chars: &[char], i: usize, pat: &str) -> bool {
    pat.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k) == Some(&c))
}

/// Parses until one of `stops` (not consumed) or the end.
fn parse_until(chars: &[char], i: &mut usize, stops: &[&str]) -> Result<Vec<Node>, String> {
    let mut nodes = Vec::new();
    let mut lit = String::new();
    while let Some(&c) = chars.get(*i) {
        if stops.iter().any(|s| starts(chars, *i, s)) {
            break;
        }
        let flush = |lit: &mut String, nodes: &mut Vec<Node>| {
            if !lit.is_empty() {
                nodes.push(Node::Literal(core::mem::take(lit)));
            }
        };
        if c == '{' {
            flush(&mut lit, &mut nodes);
            let end = chars
                .get(*i + 1..)
                .and_then(|rest| rest.iter().position(|x| *x == '}'))
                .ok_or("unclosed `{`")?;
            let inner: String = chars
                .get(*i + 1..*i + 1 + end)
                .unwrap_or(&[])
                .iter()
                .collect();
            let (name, style) = match inner.split_once(':') {
                Some((n, s)) => (n.trim().to_string(), Some(s.trim().to_string())),
                None => (inner.trim().to_string(), None),
            };
            if name.is_empty() || name.contains(['{', '[', '<']) {
                return Err(format!("malformed placeholder `{{{inner}}}`"));
            }
            nodes.push(Node::Var { name, style });
            *i += end + 2;
        } else if starts(chars, *i, "[[") {
            flush(&mut lit, &mut nodes);
            *i += 2;
            let inner = parse_until(chars, i, &["]]"])?;
            if !starts(chars, *i, "]]") {
                return Err("unclosed `[[`".to_string());
            }
            *i += 2;
            nodes.push(Node::Optional(inner));
        } else if starts(chars, *i, "<<") {
            flush(&mut lit, &mut nodes);
            *i += 2;
            let list: String = read_to(chars, i, '|').ok_or("unclosed `<<`: expected `|`")?;
            let item = parse_until(chars, i, &["|", ">>"])?;
            let separator = if starts(chars, *i, "|") {
                *i += 1;
                let mut s = String::new();
                while let Some(&c) = chars.get(*i) {
                    if starts(chars, *i, ">>") {
                        break;
                    }
                    s.push(c);
                    *i += 1;
                }
                s
            } else {
                String::new()
            };
            if !starts(chars, *i, ">>") {
                return Err("unclosed `<<`".to_string());
            }
            *i += 2;
            nodes.push(Node::Join {
                list: list.trim().to_string(),
                item,
                separator,
            });
        } else {
            lit.push(c);
            *i += 1;
        }
    }
    if !lit.is_empty() {
        nodes.push(Node::Literal(lit));
    }
    Ok(nodes)
}

/// Reads up to `stop` (consumed); `None` when it never comes.
fn read_to(chars: &[char], i: &mut usize, stop: char) -> Option<String> {
    let rest = chars.get(*i..)?;
    let end = rest.iter().position(|c| *c == stop)?;
    let s: String = rest.get(..end)?.iter().collect();
    *i += end + 1;
    Some(s)
}

/// The rendered text, and whether every placeholder directly in it had a value.
fn render(nodes: &[Node], scope: &dyn Lookup) -> (String, bool) {
    let mut out = String::new();
    let mut complete = true;
    for n in nodes {
        match n {
            Node::Literal(s) => out.push_str(s),
            Node::Var { name, style } => match scope.value(name, style.as_deref()) {
                Some(v) if !v.is_empty() => out.push_str(&v),
                _ => complete = false,
            },
            Node::Optional(inner) => {
                let (s, ok) = render(inner, scope);
                if ok {
                    out.push_str(&s);
                }
            }
            Node::Join {
                list,
                item,
                separator,
            } => {
                let items = scope.items(list).unwrap_or_default();
                if items.is_empty() {
                    complete = false;
                }
                let parts: Vec<String> = items.iter().map(|s| render(item, s.as_ref()).0).collect();
                out.push_str(&parts.join(separator));
            }
        }
    }
    (out, complete)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Map(BTreeMap<&'static str, &'static str>);
    impl Lookup for Map {
        fn value(&self, name: &str, _: Option<&str>) -> Option<String> {
            self.0.get(name).map(|s| s.to_string())
        }
        fn items(&self, list: &str) -> Option<Vec<Box<dyn Lookup + '_>>> {
            (list == "xs").then(|| {
                vec![
                    Box::new(Map(BTreeMap::from([("x", "1")]))) as Box<dyn Lookup>,
                    Box::new(Map(BTreeMap::from([("x", "2")]))),
                ]
            })
        }
    }

    #[test]
    fn optional_segments_and_lists() {
        let m = Map(BTreeMap::from([("a", "A"), ("e", "")]));
        let t = Text::try_parse("{a}[[，{b}]][[，{a}]][[!{e}]]：<<xs|{x}|、>>。").unwrap();
        assert_eq!(t.render(&m), "A，A：1、2。");
        assert!(Text::try_parse("{a").is_err());
        assert!(Text::try_parse("[[{a}").is_err());
        assert!(Text::try_parse("<<xs|{x}").is_err());
    }
}
