//! Stage 4: the outline tree of a 公文 from its numbering markers.

pub mod marker;
