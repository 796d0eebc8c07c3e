//! Parse a web page, giving up on one nested too deeply.
//!
//! html5ever walks its stack of open elements for many start tags, so its
//! work grows with the number of elements times their depth: 100,000
//! nested `<div>`s (a 1 MB page) took 32 s. [`parse`] feeds the page to the
//! parser a piece at a time through [`DepthSink`], scraper's tree sink that
//! also notes the depth of each node it places, and stops once that passes
//! the limit. Real pages nest a few dozen deep.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// Markup handed to the parser at a time, in bytes: the depth is checked
/// after each piece.
const PIECE: usize = 16 * 1024;

/// The page's tree, or `Err` with the depth reached once it passed `limit`.
pub(crate) fn parse(page: &str, limit: usize) -> Result<Html, usize> {
    let sink = DepthSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        deepest: Cell::new(0),
        limit,
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut rest = page;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (piece, after) = rest.split_at(end);
        parser.process(StrTendril::from_slice(piece));
        let deepest = parser.tokenizer.sink.sink.deepest.get();
        if deepest > limit {
            return Err(deepest);
        }
        rest = after;
    }
    // The last piece was checked in the loop.
    Ok(parser.finish())
}

/// scraper's tree sink, noting the deepest node placed (ancestors counted
/// up to one past the limit, so a check costs at most that).
struct DepthSink {
    inner: HtmlTreeSink,
    deepest: Cell<usize>,
    limit: usize,
}

impl DepthSink {
    /// Note the depth of a node just placed (text adds none).
    fn note(&self, placed: Option<NodeId>) {
        if let Some(id) = placed {
            let html = self.inner.0.borrow();
            let depth = html
                .tree
                .get(id)
                .map_or(0, |n| n.ancestors().take(self.limit + 1).count());
            if depth > self.deepest.get() {
                self.deepest.set(depth);
            }
        }
    }
}

/// The node a child places, if it is a node.
fn node_of(child: &NodeOrText<NodeId>) -> Option<NodeId> {
    match child {
        NodeOrText::AppendNode(id) => Some(*id),
        NodeOrText::AppendText(_) => None,
    }
}

impl TreeSink for DepthSink {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let placed = node_of(&child);
        self.inner.append(parent, child);
        self.note(placed);
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }
    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let placed = node_of(&new_node);
        self.inner.append_before_sibling(sibling, new_node);
        self.note(placed);
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number)
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(
        &self,
        location: &NodeId,
        template: &NodeId,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option)
    }
}
