//! The caseload: the case list, one case's page and step navigation, import, the samples,
//! and the calendar of every case's due dates.

pub(crate) mod calendar;
pub(crate) mod case_list;
pub(crate) mod case_page;
pub(crate) mod import;
pub(crate) mod samples;
