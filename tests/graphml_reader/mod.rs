//! A small GraphML reader for the tests, on quick-xml's pull parser: keys, graph data, nodes
//! and edges with their data as text, exactly as an XML parser sees them (entities resolved).
#![allow(dead_code)]

use std::collections::BTreeMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// A `<key>` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// `for`: graph, node or edge.
    pub domain: String,
    /// `attr.name`.
    pub name: String,
    /// `attr.type`.
    pub kind: String,
}

/// A node or an edge: its XML attributes and its data by attribute name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// XML attributes (`id`, `source`, `target`).
    pub attributes: BTreeMap<String, String>,
    /// `<data>` values by the `attr.name` of their key.
    pub data: BTreeMap<String, String>,
}

impl Element {
    /// An XML attribute.
    pub fn attribute(&self, name: &str) -> &str {
        self.attributes.get(name).map_or("", String::as_str)
    }

    /// A data value parsed as a double.
    pub fn double(&self, name: &str) -> Option<f64> {
        self.data.get(name).map(|value| {
            value
                .parse()
                .unwrap_or_else(|_| panic!("{name} = {value:?} is not a double"))
        })
    }
}

/// A parsed GraphML document.
#[derive(Debug, Clone, Default)]
pub struct GraphMl {
    /// Keys by id.
    pub keys: BTreeMap<String, Key>,
    /// `edgedefault` of the graph.
    pub edge_default: String,
    /// Graph data by attribute name.
    pub graph: BTreeMap<String, String>,
    /// Nodes in document order.
    pub nodes: Vec<Element>,
    /// Edges in document order.
    pub edges: Vec<Element>,
}

impl GraphMl {
    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Element> {
        self.nodes.iter().find(|node| node.attribute("id") == id)
    }
}

fn attributes(start: &BytesStart<'_>) -> BTreeMap<String, String> {
    start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.expect("well-formed attribute");
            let value = attribute
                .normalized_value(XmlVersion::Explicit1_0)
                .expect("attribute value");
            (attribute.key.as_ref().to_string(), value.into_owned())
        })
        .collect()
}

/// Parses `text`, panicking with the position on malformed XML or an undeclared key, and
/// checking that every data value of a declared `int` or `double` key parses as one.
pub fn parse(text: &str) -> GraphMl {
    let mut reader = Reader::from_str(text);
    let mut document = GraphMl::default();
    let mut current: Option<(String, Element)> = None;
    let mut data_key: Option<String> = None;
    let mut data_text = String::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|error| panic!("at {}: {error}", reader.buffer_position()));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let name = start.name().as_ref().to_string();
                let attrs = attributes(&start);
                match name.as_str() {
                    "key" => {
                        document.keys.insert(
                            attrs["id"].clone(),
                            Key {
                                domain: attrs["for"].clone(),
                                name: attrs["attr.name"].clone(),
                                kind: attrs["attr.type"].clone(),
                            },
                        );
                    }
                    "graph" => document.edge_default = attrs["edgedefault"].clone(),
                    "node" | "edge" => {
                        current = Some((
                            name,
                            Element {
                                attributes: attrs,
                                data: BTreeMap::new(),
                            },
                        ));
                    }
                    "data" => {
                        data_key = Some(attrs["key"].clone());
                        data_text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(text) if data_key.is_some() => {
                data_text.push_str(&text.xml10_content());
            }
            Event::GeneralRef(reference) if data_key.is_some() => {
                if let Some(c) = reference.resolve_char_ref().expect("character reference") {
                    data_text.push(c);
                } else {
                    let name = reference.xml10_content();
                    let resolved = resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"));
                    data_text.push_str(resolved);
                }
            }
            Event::End(end) => {
                let name = end.name().as_ref().to_string();
                match name.as_str() {
                    "data" => {
                        let key_id = data_key.take().expect("data open");
                        let key = document
                            .keys
                            .get(&key_id)
                            .unwrap_or_else(|| panic!("data of undeclared key {key_id}"))
                            .clone();
                        match key.kind.as_str() {
                            "int" => {
                                assert!(data_text.parse::<i64>().is_ok(), "{key_id}: {data_text}")
                            }
                            "double" => {
                                assert!(data_text.parse::<f64>().is_ok(), "{key_id}: {data_text}");
                            }
                            _ => {}
                        }
                        match &mut current {
                            Some((domain, element)) => {
                                assert_eq!(&key.domain, domain, "key {key_id} used on a {domain}");
                                element.data.insert(key.name, data_text.clone());
                            }
                            None => {
                                assert_eq!(key.domain, "graph", "key {key_id} outside its domain");
                                document.graph.insert(key.name, data_text.clone());
                            }
                        }
                    }
                    "node" | "edge" => {
                        let (domain, element) = current.take().expect("element open");
                        if domain == "node" {
                            document.nodes.push(element);
                        } else {
                            document.edges.push(element);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    document
}
