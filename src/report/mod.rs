//! Present a [`crate::compare::Comparison`]: terminal text, JSON, HTML.
