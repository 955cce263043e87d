//! Cells a column's role cannot read ("12.3.4" as a score, "first" as a rank): read as missing,
//! never the end of a load, and reported as one warning per column with a count and examples.

/// One column's unreadable cells: its sheet, its header, what it holds ("a number"), and the
/// row and text of each cell.
type Column = (String, String, &'static str, Vec<(usize, String)>);

/// The unreadable cells of a load, by sheet and column, in the order they were met.
#[derive(Default)]
pub struct OddCells {
    columns: Vec<Column>,
}

/// How many cells each warning shows.
const EXAMPLES: usize = 3;

impl OddCells {
    /// Notes that the cell `text` on row `line` of column `header` in `sheet` could not be read
    /// as `expected` ("a number", "a rank").
    pub fn add(
        &mut self,
        sheet: &str,
        header: &str,
        expected: &'static str,
        line: usize,
        text: &str,
    ) {
        let cell = (line, text.trim().chars().take(40).collect());
        match self
            .columns
            .iter_mut()
            .find(|(s, h, _, _)| s == sheet && h == header)
        {
            Some((.., cells)) => cells.push(cell),
            None => self
                .columns
                .push((sheet.to_owned(), header.to_owned(), expected, vec![cell])),
        }
    }

    /// Adds another run's cells (a file read in parts).
    pub fn append(&mut self, other: Self) {
        for (sheet, header, expected, cells) in other.columns {
            for (line, text) in cells {
                self.add(&sheet, &header, expected, line, &text);
            }
        }
    }

    /// One warning per column: `cities.csv, column "总分": 2 cells are not a number and are read
    /// as missing: row 57 "12.3.4", row 60 "x"`.
    #[must_use]
    pub fn warnings(mut self) -> Vec<String> {
        self.columns
            .iter_mut()
            .map(|(sheet, header, expected, cells)| {
                cells.sort_by_key(|(line, _)| *line);
                let shown: Vec<String> = cells
                    .iter()
                    .take(EXAMPLES)
                    .map(|(line, text)| format!("row {line} \"{text}\""))
                    .collect();
                let more = cells.len().saturating_sub(EXAMPLES);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let (count, verb) = if cells.len() == 1 {
                    ("1 cell is".to_owned(), "is")
                } else {
                    (format!("{} cells are", cells.len()), "are")
                };
                format!(
                    "{sheet}, column \"{header}\": {count} not {expected} and {verb} read as missing: {}{more}",
                    shown.join(", ")
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_column_with_a_count_and_the_first_rows() {
        let mut odd = OddCells::default();
        odd.add("a.csv", "总分", "a number", 60, "x");
        odd.add("a.csv", "排名", "a rank", 3, "first");
        odd.add("a.csv", "总分", "a number", 57, " 12.3.4 ");
        let mut later = OddCells::default();
        for line in [70, 80] {
            later.add("a.csv", "总分", "a number", line, "?");
        }
        odd.append(later);
        assert_eq!(
            odd.warnings(),
            vec![
                "a.csv, column \"总分\": 4 cells are not a number and are read as missing: row 57 \"12.3.4\", row 60 \"x\", row 70 \"?\" and 1 more",
                "a.csv, column \"排名\": 1 cell is not a rank and is read as missing: row 3 \"first\"",
            ]
        );
    }
}
