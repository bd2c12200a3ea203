//! Chunks on top of the tags: noun phrases, subjects and attributes.
