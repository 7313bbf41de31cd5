"""Backup and restore with the database's own tools (docs/deployment.md §7) lose no row.

On PostgreSQL: ``pg_dump -Fc`` of the test database, ``pg_restore`` into a new database on the same
server. On SQLite, the same with its online backup API into a new file. Both run, neither skips.
"""

import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees only committed rows


def row_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def postgres_tool(name: str) -> str:
    """The newest PostgreSQL client tool of this name; a missing one is an error, never a skip."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    assert candidates, f"{name} is not installed (scripts/test-services.sh installs PostgreSQL)"
    return str(candidates[-1])


def restore_postgres_copy(tmp_path) -> dict[str, int]:
    """Dump the test database, restore the dump into a fresh database, and count its rows."""
    database = connection.settings_dict
    server = ["--host", database["HOST"] or "127.0.0.1", "--port", str(database["PORT"] or 5432)]
    server += ["--username", database["USER"]]
    tool_env = {"PGPASSWORD": database["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    dump = tmp_path / "omstilling.dump"
    fresh = f"{database['NAME']}_restored"

    def run(tool, *arguments):
        subprocess.run([postgres_tool(tool), *server, *arguments], env=tool_env, check=True, capture_output=True)  # noqa: S603

    run("pg_dump", "-Fc", "--no-owner", f"--file={dump}", database["NAME"])
    run("dropdb", "--if-exists", fresh)
    run("createdb", fresh)
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh}", str(dump))
        with psycopg.connect(
            host=server[1], port=server[3], user=database["USER"], password=database["PASSWORD"] or None, dbname=fresh
        ) as restored:
            return row_counts(restored.cursor(), connection.introspection.table_names())
    finally:
        run("dropdb", fresh)


def restore_sqlite_copy(tmp_path) -> dict[str, int]:
    """Copy the test database with SQLite's online backup into a new file, and count its rows."""
    copy_path = tmp_path / "omstilling-backup.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy_path) as copy:
        connection.connection.backup(copy)
    with sqlite3.connect(copy_path) as restored:
        return row_counts(restored.cursor(), connection.introspection.table_names())


def test_a_restored_backup_has_every_row_of_every_table(world, tmp_path):
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        original = row_counts(cursor, tables)
    assert original["portfolio_initiative"] >= 1
    assert original["benefits_benefit"] >= 1
    assert original["accounts_user"] >= 5

    if connection.vendor == "postgresql":
        restored = restore_postgres_copy(tmp_path)
    else:
        assert connection.vendor == "sqlite"
        restored = restore_sqlite_copy(tmp_path)

    assert restored == original
