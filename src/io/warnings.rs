//! Load warnings grouped for reading: the warnings of one kind in one file (the same message but
//! for its row, names and numbers) become one line with the count and the first rows, so that a
//! file with hundreds of repeats says so in a line.

/// How many rows a grouped line names.
const ROWS_SHOWN: usize = 3;

/// `warnings` with the ones of one kind in one file folded into one line each, in the order of
/// each kind's first warning. A kind met once keeps its line as it is.
#[must_use]
pub fn grouped(warnings: &[String]) -> Vec<String> {
    let mut groups: Vec<(String, Vec<(String, &str)>)> = Vec::new();
    let mut lines: Vec<Option<usize>> = Vec::new();
    for warning in warnings {
        let Some((file, row, message)) = split(warning) else {
            lines.push(None);
            continue;
        };
        let key = format!("{file}\u{1f}{}", kind(message));
        let group = groups
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| {
                groups.push((key, Vec::new()));
                lines.push(Some(groups.len() - 1));
                groups.len() - 1
            });
        groups[group].1.push((row.to_owned(), message));
    }
    let mut out = Vec::new();
    let mut plain = warnings.iter().filter(|w| split(w).is_none());
    for line in lines {
        match line {
            None => out.extend(plain.next().cloned()),
            Some(g) => {
                let members = &groups[g].1;
                let file = groups[g].0.split('\u{1f}').next().unwrap_or_default();
                if let [(row, message)] = members.as_slice() {
                    out.push(format!("{file}, row {row}: {message}"));
                    continue;
                }
                let rows: Vec<&str> = members
                    .iter()
                    .take(ROWS_SHOWN)
                    .map(|(row, _)| row.as_str())
                    .collect();
                let more = members.len().saturating_sub(ROWS_SHOWN);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                out.push(format!(
                    "{file}, {} rows ({}{more}): {}",
                    members.len(),
                    rows.join(", "),
                    members[0].1
                ));
            }
        }
    }
    out
}

/// A warning's file, row and message: `"cities.csv, row 12: …"`.
fn split(warning: &str) -> Option<(&str, &str, &str)> {
    let (head, message) = warning.split_once(": ")?;
    let (file, row) = head.rsplit_once(", row ")?;
    row.bytes()
        .all(|b| b.is_ascii_digit())
        .then_some((file, row, message))
}

/// The message with its quoted texts and numbers blanked: what makes two warnings one kind.
fn kind(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut in_number = false;
    for c in message.chars() {
        if c == '"' {
            if !quoted {
                out.push('"');
            }
            quoted = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_of_one_kind_in_one_file_become_one_line_with_the_first_rows() {
        let warnings: Vec<String> = [
            "a.csv, row 3: empty row skipped",
            "a.csv, row 9: \"North\" is listed twice in 2023; the first row is kept",
            "a.csv, row 40: empty row skipped",
            "2023: the ranks skip places (2 found: 5 → 7)",
            "a.csv, row 41: empty row skipped",
            "a.csv, row 50: empty row skipped",
            "b.csv, row 3: empty row skipped",
            "a.csv, row 60: \"South\" is listed twice in 2022; the first row is kept",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            grouped(&warnings),
            [
                "a.csv, 4 rows (3, 40, 41 and 1 more): empty row skipped",
                "a.csv, 2 rows (9, 60): \"North\" is listed twice in 2023; the first row is kept",
                "2023: the ranks skip places (2 found: 5 → 7)",
                "b.csv, row 3: empty row skipped",
            ]
        );
    }

    #[test]
    fn warnings_of_different_kinds_stay_apart() {
        let warnings: Vec<String> = [
            "x.csv, row 2: a note, not a record, skipped: \"注\"",
            "x.csv, row 3: empty row skipped",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(grouped(&warnings), warnings);
    }
}
