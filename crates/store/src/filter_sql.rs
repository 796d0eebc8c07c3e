//! The library's filters (region, level, year) as SQL conditions, in the
//! two dialects the stores speak. A list binds every filter (an unset one
//! as NULL: one statement for any filter); a search scope binds only the
//! filters set. Both are written from one definition of each filter.

/// The SQL a condition is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `?1`, `instr`.
    Sqlite,
    /// `$1`, `strpos`.
    Postgres,
}

impl Dialect {
    /// Placeholder number `n`.
    fn placeholder(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("?{n}"),
            Dialect::Postgres => format!("${n}"),
        }
    }

    /// The test that placeholder `p` is unset. PostgreSQL cannot infer the
    /// type of a parameter seen only there, so it is cast to text.
    fn is_null(self, p: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{p} IS NULL"),
            Dialect::Postgres => format!("{p}::text IS NULL"),
        }
    }
}

/// One filter of the library's lists and search scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    /// Part of the province or of the city.
    Region,
    /// The level's name ([`policydiff_model::Level::as_str`]).
    Level,
    /// The year of the issue date, four digits.
    Year,
}

impl Filter {
    /// Every filter, in the order a list binds them.
    const ALL: [Filter; 3] = [Filter::Region, Filter::Level, Filter::Year];

    /// The condition that the documents table aliased `x` passes this
    /// filter, its value bound at placeholder `p`.
    pub(crate) fn condition(self, x: &str, p: &str, dialect: Dialect) -> String {
        let find = match dialect {
            Dialect::Sqlite => "instr",
            Dialect::Postgres => "strpos",
        };
        match self {
            Filter::Region => format!(
                "({find}(coalesce({x}.province, ''), {p}) > 0 OR {find}(coalesce({x}.city, ''), {p}) > 0)"
            ),
            Filter::Level => format!("{x}.level = {p}"),
            Filter::Year => format!("substr({x}.date, 1, 4) = {p}"),
        }
    }
}

/// The condition of a list on the documents table aliased `x`: region,
/// level and year bound at placeholders `first`, `first + 1` and
/// `first + 2` (see [`crate::backend::ListArgs`]), each passing when unset.
pub fn list_condition(x: &str, first: usize, dialect: Dialect) -> String {
    Filter::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = dialect.placeholder(first + i);
            format!(
                "({} OR {})",
                dialect.is_null(&p),
                f.condition(x, &p, dialect)
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The condition of the filters set, `(filter, _)` in `parts`, bound at
/// placeholders from `first` in their order.
pub(crate) fn scope_condition<'a>(
    parts: impl IntoIterator<Item = &'a Filter>,
    x: &str,
    first: usize,
    dialect: Dialect,
) -> String {
    parts
        .into_iter()
        .enumerate()
        .map(|(i, f)| f.condition(x, &dialect.placeholder(first + i), dialect))
        .collect::<Vec<_>>()
        .join(" AND ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_binds_every_filter_and_passes_the_unset_ones() {
        let sqlite = list_condition("x", 1, Dialect::Sqlite);
        assert!(sqlite.starts_with("(?1 IS NULL OR (instr(coalesce(x.province, ''), ?1) > 0"));
        assert!(sqlite.contains("(?2 IS NULL OR x.level = ?2)"));
        assert!(sqlite.ends_with("(?3 IS NULL OR substr(x.date, 1, 4) = ?3)"));
        let pg = list_condition("d", 1, Dialect::Postgres);
        assert!(pg.contains("($2::text IS NULL OR d.level = $2)"));
        assert!(pg.contains("strpos(coalesce(d.city, ''), $1) > 0"));
    }

    #[test]
    fn a_scope_binds_only_the_filters_set_in_order() {
        let c = scope_condition(&[Filter::Level, Filter::Year], "x", 4, Dialect::Sqlite);
        assert_eq!(c, "x.level = ?4 AND substr(x.date, 1, 4) = ?5");
    }
}
