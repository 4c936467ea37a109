"""docs/tables.md is generated from warehouse/schema.sql and must match it."""

from __future__ import annotations

import duckdb

from flows.reference import TABLES_MD, schema_tables, tables_markdown
from transforms import settings


def test_tables_md_is_up_to_date():
    expected = tables_markdown(schema_tables(settings.SCHEMA_SQL.read_text()))
    assert TABLES_MD.read_text() == expected, "docs/tables.md is stale: run `python -m flows.reference`"


def test_reference_has_every_table_and_column_duckdb_creates():
    con = duckdb.connect()
    con.execute(settings.SCHEMA_SQL.read_text())
    actual = {}
    for table, column, data_type in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "order by table_name, ordinal_position").fetchall():
        actual.setdefault(table, []).append((column, data_type))
    con.close()
    parsed = {t.name: [(c.name, c.type) for c in t.columns] for t in schema_tables(settings.SCHEMA_SQL.read_text())}
    assert parsed == actual
    # warehouse_meta is the warehouse's own bookkeeping (schema version), not a published table.
    assert set(parsed) == set(settings.WAREHOUSE_TABLES) | {"warehouse_meta"}


def test_every_table_has_a_grain_and_every_column_a_meaning():
    for table in schema_tables(settings.SCHEMA_SQL.read_text()):
        assert table.grain.startswith("one row per"), table.name
        assert [c.name for c in table.columns if not c.comment] == [], table.name


def test_keys_and_nullability_come_from_the_ddl():
    given = """
-- things: one row per thing.
create table if not exists things (
    thing_id  varchar primary key,  -- the key
    name      varchar not null,     -- a name | with a pipe
    note      varchar               -- optional
);
"""
    (table,) = schema_tables(given)
    assert table.grain == "one row per thing."
    assert [(c.name, c.type, c.nullable, c.key) for c in table.columns] == [
        ("thing_id", "VARCHAR", False, True), ("name", "VARCHAR", False, False), ("note", "VARCHAR", True, False)]
    assert "| name | VARCHAR | no | a name \\| with a pipe |" in tables_markdown([table])
