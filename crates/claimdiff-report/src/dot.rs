use std::{
    collections::BTreeMap,
    fmt,
    io::Write,
    path::PathBuf,
    process::{Command, Stdio},
};

use claimdiff_core::{ClaimGraph, Node, Report, Verdict};
use petgraph::{
    dot::{Config, Dot},
    graph::{DiGraph, NodeIndex},
    visit::NodeRef,
};

use crate::{
    error::{Error, Result},
    model::{attribution, collapse, value_words},
    options::RenderOptions,
};

/// A node of the drawn graph: its kind and its label.
struct DrawNode {
    kind: Kind,
    label: String,
}

#[derive(Clone, Copy)]
enum Kind {
    Document,
    Entity,
    Event,
    Claim,
    Time,
}

/// An edge of the drawn graph: a claim-graph edge, or a finding between two claims.
enum DrawEdge {
    Graph(&'static str),
    Finding {
        id: String,
        verdict: Verdict,
        /// Within a finding that sets several values against each other: two claims of the same
        /// value.
        same: bool,
    },
}

impl fmt::Display for DrawNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl fmt::Display for DrawEdge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DrawEdge::Graph(kind) => f.write_str(kind),
            DrawEdge::Finding { id, verdict, .. } => write!(f, "{id} {}", verdict.as_str()),
        }
    }
}

/// A DOT quoted string's contents: backslashes and quotes escaped, line breaks as `\n`, labels cut
/// at 60 characters.
fn quote(s: &str) -> String {
    let s = collapse(s).trim().to_string();
    let cut: String = if s.chars().count() > 60 {
        let mut t: String = s.chars().take(59).collect();
        t.push('…');
        t
    } else {
        s
    };
    let mut out = String::with_capacity(cut.len() + 2);
    for ch in cut.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            _ => out.push(ch),
        }
    }
    out
}

/// Several label lines, each escaped, joined by DOT's `\n`.
fn lines(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| quote(p))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflict => "red",
        Verdict::Compatible => "orange",
        Verdict::Agreement => "green",
    }
}

/// The claim graph of the report in DOT, findings drawn as coloured edges between their claims.
pub(crate) fn dot(report: &Report) -> String {
    let cg = ClaimGraph::build(report);
    let g = cg.graph();
    let mut draw: DiGraph<DrawNode, DrawEdge> = DiGraph::new();
    let mut map = BTreeMap::new();
    let mut claim_nodes: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for n in g.node_indices() {
        let Some(node) = g.node_weight(n) else {
            continue;
        };
        let (kind, label) = match node {
            Node::Document(id) => {
                let d = report.documents.iter().find(|d| &d.id == id);
                let source = d.and_then(|d| d.source.as_deref()).unwrap_or("");
                let label = if source.is_empty() || source == id {
                    lines(&[id])
                } else {
                    lines(&[source, &format!("({id})")])
                };
                (Kind::Document, label)
            }
            Node::Entity(id) => {
                let name = report.entity(id).map_or(id.as_str(), |e| e.name.as_str());
                (Kind::Entity, lines(&[name]))
            }
            Node::Event(id) => {
                let label = report.event(id).map_or("", |e| e.label.as_str());
                (Kind::Event, lines(&[id, label]))
            }
            Node::Claim(id) => {
                let label = match report.claim(id) {
                    Some(c) => {
                        let head = format!("{}: {}", c.attribute, value_words(c));
                        let who = attribution(c);
                        lines(&[&head, &who, &format!("[{id}]")])
                    }
                    None => lines(&[id]),
                };
                (Kind::Claim, label)
            }
            Node::Time(t) => (Kind::Time, lines(&[t])),
        };
        let i = draw.add_node(DrawNode { kind, label });
        if let Node::Claim(id) = node {
            claim_nodes.insert(id.as_str(), i);
        }
        map.insert(n, i);
    }
    for e in g.edge_indices() {
        let (Some((a, b)), Some(w)) = (g.edge_endpoints(e), g.edge_weight(e)) else {
            continue;
        };
        if let (Some(&a), Some(&b)) = (map.get(&a), map.get(&b)) {
            draw.add_edge(a, b, DrawEdge::Graph(w.as_str()));
        }
    }
    // Findings are not edges of the claim graph: draw each as edges between its claims. Claims
    // with the same value are chained as agreeing; the groups of different values are chained in
    // the finding's colour.
    for f in &report.findings {
        let mut groups: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for id in &f.claims {
            let (Some(&n), Some(c)) = (claim_nodes.get(id.as_str()), report.claim(id)) else {
                continue;
            };
            let key = format!(
                "{}{}",
                if c.negated { "not " } else { "" },
                c.value.normalized_string()
            );
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().push(n);
        }
        let same = groups.len() > 1;
        for key in &order {
            for pair in groups
                .get(key)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .windows(2)
            {
                draw.add_edge(
                    pair[0],
                    pair[1],
                    DrawEdge::Finding {
                        id: f.id.clone(),
                        verdict: if same { Verdict::Agreement } else { f.verdict },
                        same,
                    },
                );
            }
        }
        let heads: Vec<NodeIndex> = order
            .iter()
            .filter_map(|k| groups.get(k).and_then(|g| g.first().copied()))
            .collect();
        for pair in heads.windows(2) {
            draw.add_edge(
                pair[0],
                pair[1],
                DrawEdge::Finding {
                    id: f.id.clone(),
                    verdict: f.verdict,
                    same: false,
                },
            );
        }
    }

    let node_attrs = |_: &DiGraph<DrawNode, DrawEdge>, n: (NodeIndex, &DrawNode)| {
        let w = n.weight();
        let style = match w.kind {
            Kind::Document => r##"shape=box, style="filled,rounded", fillcolor="#dbe9f6""##,
            Kind::Entity => r##"shape=ellipse, style=filled, fillcolor="#eeeeee""##,
            Kind::Event => r##"shape=diamond, style=filled, fillcolor="#fff2cc""##,
            Kind::Claim => r##"shape=note, style=filled, fillcolor="#ffffff""##,
            Kind::Time => "shape=plain",
        };
        format!("label=\"{}\", {style} ", w.label)
    };
    let edge_attrs = |_: &DiGraph<DrawNode, DrawEdge>,
                      e: petgraph::graph::EdgeReference<'_, DrawEdge>| {
        match e.weight() {
            DrawEdge::Graph(kind) => {
                format!("label=\"{kind}\", color=\"#888888\", fontcolor=\"#666666\" ")
            }
            DrawEdge::Finding { id, verdict, same } => {
                let c = verdict_color(*verdict);
                let (what, style) = if *same {
                    ("same value", "dashed")
                } else {
                    (verdict.as_str(), "bold")
                };
                format!(
                    "label=\"{} {what}\", color={c}, fontcolor={c}, style={style}, penwidth=2.5, dir=none, constraint=false ",
                    quote(id),
                )
            }
        }
    };
    let body = Dot::with_attr_getters(
        &draw,
        &[
            Config::NodeNoLabel,
            Config::EdgeNoLabel,
            Config::GraphContentOnly,
        ],
        &edge_attrs,
        &node_attrs,
    );
    format!(
        "digraph claimdiff {{\n    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.3, ranksep=0.6]\n    \
         node [fontname=\"Helvetica\", fontsize=10]\n    edge [fontname=\"Helvetica\", fontsize=8]\n{body}}}\n"
    )
}

/// Renders DOT as SVG through Graphviz.
pub(crate) fn svg(dot: &str, opts: &RenderOptions) -> Result<String> {
    let program = opts
        .dot_program
        .clone()
        .unwrap_or_else(|| PathBuf::from("dot"));
    let io = |source: std::io::Error| Error::DotIo {
        program: program.clone(),
        source,
    };
    let mut child = match Command::new(&program)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::DotNotFound { program })
        }
        Err(e) => return Err(io(e)),
    };
    // Write on a thread while `wait_with_output` reads, so that large graphs cannot deadlock.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = dot.as_bytes().to_vec();
        std::thread::spawn(move || stdin.write_all(&input))
    });
    let output = child.wait_with_output().map_err(io)?;
    let written = writer.map(|w| w.join());
    if !output.status.success() {
        return Err(Error::DotFailed {
            program,
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    if let Some(Ok(Err(e))) = written {
        return Err(io(e));
    }
    String::from_utf8(output.stdout)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}
