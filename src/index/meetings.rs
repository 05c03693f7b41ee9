//! The meetings of a collection, grouped when several articles report the same
//! one (same kind, body or name words, ordinal and date).

use std::collections::HashMap;

use crate::outline::Outline;
use crate::text::key;

/// One meeting across the articles that report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingGroup {
    /// The fullest name seen.
    pub name: String,
    pub kind: String,
    /// Normalised date, when known.
    pub date: Option<String>,
    /// (article, meeting index within its outline).
    pub reports: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct MeetingIndex {
    pub groups: Vec<MeetingGroup>,
    by_key: HashMap<String, usize>,
}

/// What makes two reports the same meeting: kind, ordinal, term, date, and the
/// organising body (or the name's words when there is none).
fn group_key(m: &crate::outline::Meeting) -> Option<String> {
    let date = m.date.as_ref()?.first;
    let who = m.body.as_deref().map(key).unwrap_or_else(|| key(&m.name));
    Some(format!(
        "{}|{}|{}|{}|{}",
        key(&m.kind),
        m.ordinal.as_deref().map(key).unwrap_or_default(),
        m.term.as_deref().map(key).unwrap_or_default(),
        date.iso(),
        who
    ))
}

impl MeetingIndex {
    pub fn build<'a>(outlines: impl IntoIterator<Item = &'a Outline>) -> MeetingIndex {
        let mut idx = MeetingIndex::default();
        for (a, o) in outlines.into_iter().enumerate() {
            idx.add(a, o);
        }
        idx
    }

    pub fn add(&mut self, a: usize, o: &Outline) {
        for (mi, m) in o.meetings.iter().enumerate() {
            let key = group_key(m);
            let existing = key.as_ref().and_then(|k| self.by_key.get(k).copied());
            let g = match existing {
                Some(g) => g,
                None => {
                    self.groups.push(MeetingGroup {
                        name: m.name.clone(),
                        kind: m.kind.clone(),
                        date: m.date.as_ref().map(|d| d.normalized()),
                        reports: Vec::new(),
                    });
                    let g = self.groups.len() - 1;
                    if let Some(k) = key {
                        self.by_key.insert(k, g);
                    }
                    g
                }
            };
            let group = &mut self.groups[g];
            if m.name.chars().count() > group.name.chars().count() {
                group.name = m.name.clone();
            }
            group.reports.push((a, mi));
        }
    }

    /// Groups by number of reports, then date, newest first.
    pub fn ranked(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.groups.len()).collect();
        v.sort_by(|&a, &b| {
            let (x, y) = (&self.groups[a], &self.groups[b]);
            y.reports
                .len()
                .cmp(&x.reports.len())
                .then(y.date.cmp(&x.date))
        });
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Date;
    use crate::outline::{Meeting, MeetingDate};

    fn meeting(name: &str, day: u8) -> Outline {
        Outline {
            meetings: vec![Meeting {
                kind: "hội nghị".into(),
                name: name.into(),
                ordinal: Some("lần thứ 5".into()),
                body: Some("Ban Chấp hành Đảng bộ tỉnh Sông Lam".into()),
                term: None,
                date: Some(MeetingDate {
                    first: Date {
                        year: Some(2025),
                        month: 3,
                        day,
                    },
                    last: None,
                    part_of_day: None,
                    text: String::new(),
                }),
                place: None,
                chairs: Vec::new(),
                online: false,
                connection_points: None,
                main: true,
                span: 0..0,
            }],
            ..Outline::default()
        }
    }

    #[test]
    fn same_meeting_in_two_articles_is_one_group() {
        let a = meeting("Hội nghị lần thứ 5", 14);
        let b = meeting("Hội nghị lần thứ 5 Ban Chấp hành Đảng bộ tỉnh Sông Lam", 14);
        let c = meeting("Hội nghị lần thứ 5", 15);
        let idx = MeetingIndex::build([&a, &b, &c]);
        assert_eq!(idx.groups.len(), 2);
        assert_eq!(idx.groups[0].reports, [(0, 0), (1, 0)]);
        assert_eq!(
            idx.groups[0].name,
            "Hội nghị lần thứ 5 Ban Chấp hành Đảng bộ tỉnh Sông Lam"
        );
    }
}
