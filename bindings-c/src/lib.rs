//! C bindings
