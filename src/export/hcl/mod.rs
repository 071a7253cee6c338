//! Terraform files built with hcl-rs: blocks and expressions as data, formatted by the library,
//! then made `terraform fmt`-clean and given their comments by [`fmt`].
//!
//! hcl-rs drops comments, so a comment is carried through formatting as a placeholder
//! attribute (`__daedalus_comment = N`) that [`fmt::finish`] turns back into `# text`.

pub mod fmt;

use hcl::expr::{Expression, FuncCall, Object, ObjectKey, TemplateExpr, Traversal, Variable};
use hcl::format::{Format, Formatter};
use hcl::{Block, Identifier, Structure};

use super::ExportError;
use super::names::comment_text;

/// Key of the placeholder attribute that stands for a comment line until formatting is done.
pub(crate) const COMMENT_KEY: &str = "__daedalus_comment";

/// A block under construction: `resource "aws_vpc" "vpc" { ... }`.
#[derive(Debug, Clone)]
pub struct B {
    ident: String,
    labels: Vec<String>,
    body: Vec<Structure>,
    comments: Vec<String>,
}

/// A reference or other expression written as HCL source: `aws_vpc.vpc.id`, `var.region`.
/// Dotted identifiers are built directly; anything else is parsed by hcl-rs.
pub fn r(src: &str) -> Expression {
    let mut parts = src.split('.');
    let simple = src
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        && !src.starts_with(|c: char| c.is_ascii_digit());
    if simple && let Some(first) = parts.next() {
        let var = Variable::unchecked(first);
        let rest: Vec<&str> = parts.collect();
        if rest.is_empty() {
            return Expression::Variable(var);
        }
        let mut t = Traversal::builder(var);
        for p in rest {
            t = if p.chars().all(|c| c.is_ascii_digit()) {
                t.index(p.parse::<u64>().unwrap_or_default())
            } else {
                t.attr(Identifier::unchecked(p))
            };
        }
        return Expression::Traversal(Box::new(t.build()));
    }
    match src.parse::<Expression>() {
        Ok(e) => e,
        // Generated sources always parse; a failure is a bug, kept visible in the output and
        // caught by the parse-back tests rather than hidden.
        Err(e) => Expression::String(format!("daedalus: unparsable expression {src:?}: {e}")),
    }
}

/// A quoted template string, e.g. `t("${local.name}-db")`. The text is used as is: it must not
/// contain user text (ids are fine).
pub fn t(template: &str) -> Expression {
    if template.contains("${") {
        Expression::TemplateExpr(Box::new(TemplateExpr::QuotedString(template.to_owned())))
    } else {
        Expression::String(template.to_owned())
    }
}

/// A plain string value (escaped by hcl-rs, `${` included).
pub fn s(text: impl Into<String>) -> Expression {
    Expression::String(text.into())
}

/// A function call `name(args...)`.
pub fn call(name: &str, args: Vec<Expression>) -> Expression {
    let mut f = FuncCall::builder(Identifier::unchecked(name));
    for a in args {
        f = f.arg(a);
    }
    Expression::FuncCall(Box::new(f.build()))
}

/// An object `{ key = value, ... }` with identifier keys where the key is one.
pub fn obj<K: AsRef<str>>(items: Vec<(K, Expression)>) -> Expression {
    let mut o: Object<ObjectKey, Expression> = Object::new();
    for (k, v) in items {
        let k = k.as_ref();
        let key = if is_ident(k) {
            ObjectKey::Identifier(Identifier::unchecked(k))
        } else {
            ObjectKey::Expression(Expression::String(k.to_owned()))
        };
        o.insert(key, v);
    }
    Expression::Object(o)
}

/// A list of expressions.
pub fn list(items: Vec<Expression>) -> Expression {
    Expression::Array(items)
}

/// A list of plain strings.
pub fn strs<I, S>(items: I) -> Expression
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Expression::Array(items.into_iter().map(|x| s(x)).collect())
}

fn is_ident(k: &str) -> bool {
    k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl B {
    /// A block `ident "label" ... { }`.
    pub fn new(ident: &str, labels: &[&str]) -> Self {
        Self {
            ident: ident.to_owned(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            body: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// `resource "kind" "name" { }`.
    pub fn resource(kind: &str, name: &str) -> Self {
        Self::new("resource", &[kind, name])
    }

    /// `data "kind" "name" { }`.
    pub fn data(kind: &str, name: &str) -> Self {
        Self::new("data", &[kind, name])
    }

    /// Adds `key = value`.
    pub fn a(mut self, key: &str, value: impl Into<Expression>) -> Self {
        self.body.push(Structure::Attribute(hcl::Attribute::new(
            Identifier::unchecked(key),
            value.into(),
        )));
        self
    }

    /// Adds `key = <expression source>` (see [`r`]).
    pub fn e(self, key: &str, src: &str) -> Self {
        self.a(key, r(src))
    }

    /// Adds `key = value` when `value` is set.
    pub fn opt(self, key: &str, value: Option<impl Into<Expression>>) -> Self {
        match value {
            Some(v) => self.a(key, v),
            None => self,
        }
    }

    /// Adds a nested block.
    pub fn b(mut self, block: B) -> Self {
        self.body.push(Structure::Block(block.build()));
        self
    }

    /// Adds nested blocks.
    pub fn bs(mut self, blocks: impl IntoIterator<Item = B>) -> Self {
        for b in blocks {
            self.body.push(Structure::Block(b.build()));
        }
        self
    }

    /// Adds a comment line at this point of the body.
    pub fn comment(mut self, text: &str) -> Self {
        let n = self.comments.len();
        self.comments.push(comment_text(text, 400));
        // The placeholder's number is local to the block; `TfFile` renumbers when it renders.
        self.body.push(Structure::Attribute(hcl::Attribute::new(
            Identifier::unchecked(COMMENT_KEY),
            Expression::Number((n as u64).into()),
        )));
        self
    }

    /// Adds a Checkov skip comment (`# checkov:skip=CHECK:reason`) for a design decision a
    /// scanner flags, with the reason.
    pub fn skip(self, check: &str, reason: &str) -> Self {
        self.comment(&format!("checkov:skip={check}:{reason}"))
    }

    /// The finished block. Comments are dropped here (use [`TfFile::push`] to keep them).
    pub fn build(self) -> Block {
        let mut b = Block::builder(Identifier::unchecked(self.ident));
        for l in self.labels {
            b = b.add_label(l);
        }
        let mut body = self.body;
        if !self.comments.is_empty() {
            body.retain(|s| !matches!(s, Structure::Attribute(a) if a.key.as_str() == COMMENT_KEY));
        }
        b.add_structures(body).build()
    }

    fn into_parts(self) -> (Block, Vec<String>) {
        let mut b = Block::builder(Identifier::unchecked(self.ident));
        for l in self.labels {
            b = b.add_label(l);
        }
        (b.add_structures(self.body).build(), self.comments)
    }
}

/// One `.tf` file: top-level blocks, each with optional comment lines above it.
#[derive(Debug, Clone, Default)]
pub struct TfFile {
    header: Vec<String>,
    items: Vec<(Vec<String>, B)>,
}

impl TfFile {
    /// An empty file whose first lines are `header` (as comments).
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| comment_text(h, 400)).collect(),
            items: Vec::new(),
        }
    }

    /// Appends a block.
    pub fn push(&mut self, block: B) {
        self.items.push((Vec::new(), block));
    }

    /// Appends a block with comment lines above it.
    pub fn push_commented(&mut self, comments: &[String], block: B) {
        self.items.push((
            comments.iter().map(|c| comment_text(c, 400)).collect(),
            block,
        ));
    }

    /// Whether the file has no blocks.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The file's text, `terraform fmt`-clean.
    ///
    /// # Errors
    /// [`ExportError::Format`] if hcl-rs cannot format a block.
    ///
    /// # Complexity
    /// O(size of the output).
    pub fn render(self, file: &str) -> Result<String, ExportError> {
        let mut out = String::new();
        for h in &self.header {
            out.push_str("# ");
            out.push_str(h);
            out.push('\n');
        }
        let mut fmt = Formatter::builder().prefer_ident_keys(true).build_vec();
        for (above, block) in self.items {
            if !out.is_empty() {
                out.push('\n');
            }
            for c in &above {
                out.push_str("# ");
                out.push_str(c);
                out.push('\n');
            }
            let (block, comments) = block.into_parts();
            let text = block
                .format_string(&mut fmt)
                .map_err(|e| ExportError::Format {
                    file: file.to_owned(),
                    message: e.to_string(),
                })?;
            out.push_str(&fmt::replace_comments(&text, &comments));
        }
        Ok(fmt::finish(&out))
    }
}
