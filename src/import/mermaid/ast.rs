//! The parsed flowchart: nodes, subgraphs, edges and styling lines, with their positions.

/// A 1-based line and column in the imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The shape a node is drawn with: a hint of what it is (`[(...)]` is a database).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `id` alone, or `[text]`.
    Rectangle,
    /// `(text)`.
    Rounded,
    /// `([text])`.
    Stadium,
    /// `[[text]]`.
    Subroutine,
    /// `[(text)]`: a database.
    Cylinder,
    /// `((text))`.
    Circle,
    /// `(((text)))`.
    DoubleCircle,
    /// `{text}`: a decision.
    Rhombus,
    /// `{{text}}`.
    Hexagon,
    /// `>text]`.
    Asymmetric,
    /// `[/text/]`, `[\text\]`, `[/text\]`, `[\text/]`.
    Parallelogram,
}

/// A node of the flowchart.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The Mermaid id, e.g. `DBCluster`.
    pub id: String,
    /// The label with `<br/>` turned into line breaks, if one was given.
    pub label: Option<String>,
    /// Its shape.
    pub shape: Shape,
    /// Index of the subgraph it was first mentioned in.
    pub parent: Option<usize>,
    /// Where it was first mentioned.
    pub pos: Pos,
    /// Classes from `class` lines and `:::name`.
    pub classes: Vec<String>,
}

/// A `subgraph … end` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Subgraph {
    /// The Mermaid id (the title when none is given).
    pub id: String,
    /// The title.
    pub title: String,
    /// Index of the enclosing subgraph.
    pub parent: Option<usize>,
    /// Where `subgraph` is written.
    pub pos: Pos,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// `-->`, `---`.
    Solid,
    /// `-.->`, `-.-`.
    Dotted,
    /// `==>`, `===`.
    Thick,
}

/// An edge (one link of a chain such as `A --> B --> C`).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Mermaid id of the start.
    pub from: String,
    /// Mermaid id of the end.
    pub to: String,
    /// Line style.
    pub stroke: Stroke,
    /// Whether it has an arrowhead at `to`.
    pub arrow: bool,
    /// Whether it has an arrowhead at `from` too (`<-->`).
    pub both_ways: bool,
    /// Its label, if any.
    pub label: Option<String>,
    /// Where the link is written.
    pub pos: Pos,
}

/// A `%% daedalus …` comment: exact kinds written by Daedalus's own Mermaid export, so that a
/// round trip keeps what Mermaid cannot say.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    /// `node`, `container` or `edge`.
    pub what: String,
    /// The id it is about (a Mermaid id, or `from>to#n` for the n-th edge between two nodes).
    pub target: String,
    /// `key=value` pairs.
    pub fields: Vec<(String, String)>,
    /// Where it is written.
    pub pos: Pos,
}

/// A parsed flowchart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    /// `TB`, `TD`, `BT`, `LR` or `RL`.
    pub direction: String,
    /// Nodes in order of first mention.
    pub nodes: Vec<Node>,
    /// Subgraphs in order of appearance.
    pub subgraphs: Vec<Subgraph>,
    /// Edges in order.
    pub edges: Vec<Edge>,
    /// `style ID css` lines: (id, css).
    pub styles: Vec<(String, String)>,
    /// `classDef name css` lines.
    pub class_defs: Vec<(String, String)>,
    /// Daedalus hints.
    pub hints: Vec<Hint>,
    /// Lines read but without meaning for the model (`linkStyle`, `click`, …).
    pub ignored: Vec<(Pos, String)>,
}
