//! Finding an entity by what a user types: an exact id or name, else a part of a name that only
//! one entity has; otherwise the entities it could mean, for a "did you mean" message.

use super::Dataset;

/// Why a typed name picks no single entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoMatch {
    /// Several entities' names hold the text: these, in dataset order.
    Ambiguous(Vec<usize>),
    /// No name holds it: the closest names, closest first (at most three; empty when none is
    /// near).
    NotFound(Vec<usize>),
}

/// The entity `text` names: an exact id, Chinese or English name (case-insensitive for Latin
/// letters), else the one entity whose id or a name contains it.
///
/// # Errors
/// [`NoMatch`] with the candidates or the closest names.
pub fn match_entity(data: &Dataset, text: &str) -> Result<usize, NoMatch> {
    let text = text.trim();
    if let Some(entity) = data.find_entity(text) {
        return Ok(entity);
    }
    let wanted = text.to_lowercase();
    let names = |e: &super::Entity| {
        [
            e.id.to_lowercase(),
            e.zh.to_lowercase(),
            e.en.to_lowercase(),
        ]
    };
    let containing: Vec<usize> = data
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !wanted.is_empty() && names(e).iter().any(|n| n.contains(&wanted)))
        .map(|(i, _)| i)
        .collect();
    match containing.len() {
        1 => return Ok(containing[0]),
        n if n > 1 => return Err(NoMatch::Ambiguous(containing)),
        _ => {}
    }
    let mut scored: Vec<(usize, usize)> = data
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let distance = names(e)
                .iter()
                .filter(|n| !n.is_empty())
                .map(|n| distance(n, &wanted))
                .min()?;
            // Near: at most a third of the typed text's characters differ.
            (distance * 3 <= wanted.chars().count().max(3)).then_some((distance, i))
        })
        .collect();
    scored.sort_unstable();
    Err(NoMatch::NotFound(
        scored.into_iter().take(3).map(|(_, i)| i).collect(),
    ))
}

/// The edit distance (Levenshtein, by characters) between `a` and `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::generate_sample;

    #[test]
    fn a_part_of_one_name_finds_it_and_a_part_of_several_lists_them() {
        let data = generate_sample();
        let guangzhou = data.find_entity("广东广州科学城").expect("listed");
        assert_eq!(match_entity(&data, "广州科学城"), Ok(guangzhou));
        assert_eq!(match_entity(&data, " 广东广州科学城 "), Ok(guangzhou));
        match match_entity(&data, "上海") {
            Err(NoMatch::Ambiguous(list)) => assert!(list.len() > 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_misspelt_name_suggests_the_closest() {
        let data = generate_sample();
        let guangzhou = data.find_entity("广东广州科学城").expect("listed");
        match match_entity(&data, "广东广洲科学城") {
            Err(NoMatch::NotFound(near)) => assert_eq!(near.first(), Some(&guangzhou)),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            match_entity(&data, "Atlantis"),
            Err(NoMatch::NotFound(Vec::new()))
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
