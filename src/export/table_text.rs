//! The table as text: CSV (UTF-8 with BOM, for Excel) and TSV for the clipboard, with headers.

use crate::model::{ColumnId, Dataset, ExternalColumns, NameStyle, Year};
use crate::strings::Strings;

/// What to write: the rows and columns as the table shows them.
pub struct TableText<'a> {
    pub data: &'a Dataset,
    pub year: &'a Year,
    /// Record indices, in the order shown.
    pub rows: &'a [usize],
    pub columns: &'a [ColumnId],
    pub names: NameStyle,
    pub strings: &'a Strings,
    /// The what-if columns' values, when the table shows them.
    pub external: Option<&'a ExternalColumns>,
}

impl TableText<'_> {
    /// The heads of the columns, in the table's language.
    #[must_use]
    pub fn header(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|&c| self.strings.column_title(c, self.data, self.names))
            .collect()
    }

    /// The text of column `index` for `record`, as the table shows it.
    #[must_use]
    pub fn cell(&self, record: usize, index: usize) -> String {
        let c = self.columns[index];
        match self.external {
            Some(external) if c.is_external() => external.text(c, record),
            _ => c.text(self.data, self.year, record, self.names),
        }
    }

    fn cells(&self, record: usize) -> Vec<String> {
        self.columns
            .iter()
            .map(|&c| match self.external {
                Some(external) if c.is_external() => external.text(c, record),
                _ => c.text(self.data, self.year, record, self.names),
            })
            .collect()
    }

    /// CSV with a byte-order mark (so Excel reads the Chinese as UTF-8), a header row, and
    /// CRLF line ends. Fields with commas, quotes or line breaks are quoted; formulas are made
    /// inert ([`super::cells`]).
    #[must_use]
    pub fn csv(&self) -> String {
        self.csv_as(false)
    }

    /// As [`TableText::csv`], with cells that start like a formula written as they are when
    /// `keep_formulas` (`rankscope table --keep-formulas`).
    #[must_use]
    pub fn csv_as(&self, keep_formulas: bool) -> String {
        let mut out = String::from('\u{feff}');
        let line = |fields: Vec<String>| {
            fields
                .iter()
                .map(|f| csv_field_as(f, keep_formulas))
                .collect::<Vec<_>>()
                .join(",")
                + "\r\n"
        };
        out.push_str(&line(self.header()));
        for &record in self.rows {
            out.push_str(&line(self.cells(record)));
        }
        out
    }

    /// Tab-separated text with a header row, as spreadsheets paste it. Tabs and line breaks
    /// inside a field become spaces; formulas are made inert ([`super::cells`]).
    #[must_use]
    pub fn tsv(&self) -> String {
        let line = |fields: Vec<String>| {
            fields
                .iter()
                .map(|f| super::cells::tsv_field(f))
                .collect::<Vec<_>>()
                .join("\t")
                + "\n"
        };
        let mut out = line(self.header());
        for &record in self.rows {
            out.push_str(&line(self.cells(record)));
        }
        out
    }
}

use super::cells::csv_field_as;
