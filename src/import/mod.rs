//! Importers: topologies from other formats (Mermaid flowcharts in Markdown documents).

pub mod mermaid;
