//! Screens that read across cases or sources: 役割の目安, 地域課題, 出典, 使い方.

pub(crate) mod community;
pub(crate) mod guide;
pub(crate) mod matrix;
pub(crate) mod sources;
