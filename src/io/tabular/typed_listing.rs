//! The listing of a decoded row group's ordinary rows read straight from its typed columns: a
//! row with a name, a year (or an id) and cells its columns hold as expected becomes its record
//! as [`Part::read_row`] would make it, without going through each cell's text. Any other row
//! (a missing name or id, a rank or year to parse, an infinite total) is left to `read_row`.

use super::{ByCode, Columns, Part, is_missing};
use crate::io::mapping::Role;
use crate::io::text_column::TextColumn;
use crate::io::typed_rows::{TypedColumn, TypedGroup};
use crate::model::compact_column::CompactColumn;
use crate::model::{Rank, RecordInput};

/// Where the rows' year comes from.
enum YearFrom<'g> {
    /// A column of whole numbers.
    Column(&'g [Option<i64>]),
    /// The sheet's year (from the file name).
    Sheet(i32),
}

/// Where the rows' given rank comes from.
enum RankFrom<'g> {
    /// Column `column`, text held as a dictionary: each place's rank as read once ([`ByCode`]).
    Coded {
        column: usize,
        ranks: &'g TextColumn,
    },
    /// A column of whole numbers: places.
    Places(&'g [Option<i64>]),
}

/// Where the rows' total comes from.
enum TotalFrom<'g> {
    Floats(&'g CompactColumn),
    Integers(&'g [Option<i64>]),
}

/// How a group's listing columns are read, when each is of a kind read here.
pub(super) struct Plan<'g> {
    name: &'g TextColumn,
    id: Option<&'g TextColumn>,
    year: YearFrom<'g>,
    province: Option<(usize, &'g TextColumn)>,
    rank: Option<RankFrom<'g>>,
    total: Option<TotalFrom<'g>>,
}

impl<'g> Plan<'g> {
    /// The plan for `group` read with `columns` (values deferred: its listing columns only),
    /// or `None` when a listing column is of a kind left to [`Part::read_row`]: a name, id or
    /// province column that is not clean text, a year or rank written as text, a column role
    /// given twice.
    pub(super) fn of(columns: &Columns, group: &'g TypedGroup) -> Option<Self> {
        if group.columns.len() != columns.header_fields.len() || !columns.tagged_years.is_empty() {
            return None;
        }
        let clean = |column: usize| match group.columns.get(column) {
            Some(TypedColumn::Texts(v)) if v.is_clean() => Some(v),
            _ => None,
        };
        let (mut name, mut id, mut year, mut province, mut rank, mut total) =
            (None, None, None, None, None, None);
        for &column in &columns.listing {
            let once = match columns.roles.get(column)? {
                Role::Name => name.replace(clean(column)?).is_none(),
                Role::Id => id.replace(clean(column)?).is_none(),
                Role::Province => province.replace((column, clean(column)?)).is_none(),
                Role::Year => match group.columns.get(column)? {
                    TypedColumn::Integers(v) => year.replace(YearFrom::Column(v)).is_none(),
                    _ => return None,
                },
                Role::Rank => rank
                    .replace(match group.columns.get(column)? {
                        TypedColumn::Texts(v) if v.dictionary_len() > 0 => {
                            RankFrom::Coded { column, ranks: v }
                        }
                        TypedColumn::Integers(v) => RankFrom::Places(v),
                        _ => return None,
                    })
                    .is_none(),
                Role::Total => total
                    .replace(match group.columns.get(column)? {
                        TypedColumn::Floats(v) => TotalFrom::Floats(v),
                        TypedColumn::Integers(v) => TotalFrom::Integers(v),
                        _ => return None,
                    })
                    .is_none(),
                _ => return None,
            };
            if !once {
                return None;
            }
        }
        // A row is not a note (one filled cell) when its name and its year or id are there.
        let year = match (year, columns.year) {
            (Some(column), _) => column,
            (None, Some(sheet)) if id.is_some() => YearFrom::Sheet(sheet),
            _ => return None,
        };
        Some(Self {
            name: name?,
            id,
            year,
            province,
            rank,
            total,
        })
    }
}

impl<'g> Part<'g> {
    /// Reads row `row` (at `line`) of the group `plan` was made for into its record, as
    /// [`Part::read_row`] would; false, having changed nothing, when the row is not one read
    /// here.
    pub(super) fn read_listed(
        &mut self,
        plan: &Plan<'g>,
        columns: &Columns,
        line: usize,
        row: usize,
    ) -> bool {
        let Some(listed) = self.listed_cells(plan, row) else {
            return false;
        };
        let Listed {
            name,
            id,
            year,
            province,
            province_code,
            given_rank,
            total,
        } = listed;
        let mut record = self.scratch.take().unwrap_or_else(|| {
            RecordInput::empty(
                0,
                None,
                None,
                (columns.capacities, columns.indicators, columns.extras),
            )
        });
        record.clear_listing();
        record.given_rank = given_rank;
        record.total = total;
        let province_number = self.province_number_of(province, province_code);
        let (entity, first) =
            self.entity(line, id, std::borrow::Cow::Borrowed(name), province_number);
        let own_province = (!province.is_empty() && province_number != first.province)
            .then(|| std::sync::Arc::<str>::from(province));
        record.set_province(own_province);
        record.entity = entity;
        self.add(columns, line, 0, year, &record);
        self.scratch = Some(record);
        true
    }

    /// Row `row`'s listing cells as `plan` reads them; `None` for a row left to
    /// [`Part::read_row`].
    fn listed_cells(&self, plan: &Plan<'g>, row: usize) -> Option<Listed<'g>> {
        let name = plan.name.get(row).filter(|n| !is_missing(n))?;
        let id = match plan.id {
            Some(ids) => Some(ids.get(row).filter(|i| !is_missing(i))?),
            None => None,
        };
        let year = match plan.year {
            YearFrom::Column(years) => years
                .get(row)
                .copied()
                .flatten()
                .and_then(|y| i32::try_from(y).ok())
                .filter(|y| crate::io::values::YEARS.contains(y))?,
            YearFrom::Sheet(year) => year,
        };
        let (province, province_code) = match plan.province {
            Some((column, provinces)) => (
                provinces.get(row).unwrap_or(""),
                provinces.code(row).map(|code| (column, code as usize)),
            ),
            None => ("", None),
        };
        let given_rank = match &plan.rank {
            None => None,
            // A place whose rank has been read (its first row goes through `read_row`).
            Some(RankFrom::Coded { column, ranks }) => {
                let code = ranks.code(row)? as usize;
                (*self.by_code.ranks.get(*column)?.get(code)?)?
            }
            Some(RankFrom::Places(places)) => match places.get(row).copied().flatten() {
                None => None,
                Some(place) => Some(Rank::Exact(u32::try_from(place).ok().filter(|&p| p >= 1)?)),
            },
        };
        let total = match &plan.total {
            None => None,
            Some(TotalFrom::Floats(totals)) => match totals.get(row) {
                // Noted as an odd cell by `read_row`.
                Some(x) if x.is_infinite() => return None,
                Some(x) if !x.is_nan() => Some(x),
                _ => None,
            },
            #[expect(clippy::cast_precision_loss, reason = "a total as a double")]
            Some(TotalFrom::Integers(totals)) => {
                totals.get(row).copied().flatten().map(|x| x as f64)
            }
        };
        Some(Listed {
            name,
            id,
            year,
            province,
            province_code,
            given_rank,
            total,
        })
    }

    /// The run's number for `province` (a cell at its dictionary place `code`, when held as
    /// one), numbered if new; a place's number is found once.
    pub(super) fn province_number_of(
        &mut self,
        province: &str,
        code: Option<(usize, usize)>,
    ) -> usize {
        let known = code
            .and_then(|(column, code)| self.by_code.provinces.get(column)?.get(code))
            .filter(|&&number| number != ByCode::UNKNOWN);
        if let Some(&number) = known {
            return number as usize;
        }
        let (number, (), _) = self.provinces.get_or_insert(province, || ());
        if let (Some((column, code)), Ok(number)) = (code, u32::try_from(number)) {
            let provinces = &mut self.by_code.provinces;
            *ByCode::entry(provinces, column, code, ByCode::UNKNOWN) = number;
        }
        number
    }
}

/// A row's listing cells.
struct Listed<'g> {
    name: &'g str,
    id: Option<&'g str>,
    year: i32,
    province: &'g str,
    province_code: Option<(usize, usize)>,
    given_rank: Option<Rank>,
    total: Option<f64>,
}
