"""The full-text index of each database: FTS5 over the analysed terms on SQLite, GIN over the tsvector on PostgreSQL."""

from django.db import migrations

SQLITE = [
    # External content: the rows live in library_searchdocument; triggers keep the index in step,
    # including when a test or an operator empties that table.
    """CREATE VIRTUAL TABLE library_fts USING fts5(
        title_terms, body_terms,
        content='library_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER library_fts_insert AFTER INSERT ON library_searchdocument BEGIN
        INSERT INTO library_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER library_fts_delete AFTER DELETE ON library_searchdocument BEGIN
        INSERT INTO library_fts(library_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER library_fts_update AFTER UPDATE ON library_searchdocument BEGIN
        INSERT INTO library_fts(library_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO library_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS library_fts_update",
    "DROP TRIGGER IF EXISTS library_fts_delete",
    "DROP TRIGGER IF EXISTS library_fts_insert",
    "DROP TABLE IF EXISTS library_fts",
]
POSTGRESQL = ["CREATE INDEX library_searchdocument_document_gin ON library_searchdocument USING gin (document)"]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS library_searchdocument_document_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
