//! One transaction on the server, with the connection's prepared
//! statements and errors turned into the store's (see [`super::error`]).
//!
//! Not the place to start: [`super::PgStore`] opens one for each read or
//! write; the table modules take a `&mut Db`.

use std::collections::HashMap;

use policydiff_store::{Error, Result};
use postgres::types::ToSql;
use postgres::{Row, Statement, Transaction};

/// Statements prepared on one connection, by their SQL (each prepared once
/// per connection: a statement costs a round trip to prepare).
pub(crate) type Statements = HashMap<String, Statement>;

/// A transaction, its connection's statements and the library's location.
pub(crate) struct Db<'a> {
    pub(crate) tx: Transaction<'a>,
    statements: &'a mut Statements,
    location: &'a str,
}

impl<'a> Db<'a> {
    pub(crate) fn new(
        tx: Transaction<'a>,
        statements: &'a mut Statements,
        location: &'a str,
    ) -> Self {
        Db {
            tx,
            statements,
            location,
        }
    }

    /// The store's error for a failed request.
    pub(crate) fn err(&self, e: postgres::Error) -> Error {
        crate::error::error(self.location, e)
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(st) = self.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = self
            .tx
            .prepare(sql)
            .map_err(|e| crate::error::error(self.location, e))?;
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    /// All rows of a query.
    pub(crate) fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let st = self.statement(sql)?;
        self.tx.query(&st, params).map_err(|e| self.err(e))
    }

    /// The one row of a query.
    pub(crate) fn one(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Row> {
        let st = self.statement(sql)?;
        self.tx.query_one(&st, params).map_err(|e| self.err(e))
    }

    /// The row of a query, if any.
    pub(crate) fn opt(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        let st = self.statement(sql)?;
        self.tx.query_opt(&st, params).map_err(|e| self.err(e))
    }

    /// Run a statement; the number of rows it changed.
    pub(crate) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let st = self.statement(sql)?;
        self.tx.execute(&st, params).map_err(|e| self.err(e))
    }

    /// Run statements without parameters (one round trip).
    pub(crate) fn batch(&mut self, sql: &str) -> Result<()> {
        self.tx.batch_execute(sql).map_err(|e| self.err(e))
    }

    /// End the transaction, keeping its changes.
    pub(crate) fn commit(self) -> Result<()> {
        let location = self.location;
        self.tx
            .commit()
            .map_err(|e| crate::error::error(location, e))
    }
}

/// A column that does not hold what the schema says.
pub(crate) fn bad_column(e: postgres::Error) -> Error {
    Error::Other(format!("the library holds an unexpected value: {e}"))
}

/// Read column `i` of `row`.
pub(crate) fn get<'r, T: postgres::types::FromSql<'r>>(row: &'r Row, i: usize) -> Result<T> {
    row.try_get(i).map_err(bad_column)
}
