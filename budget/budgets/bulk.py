"""Writing many rows of one table at once, without holding them all in memory.

On PostgreSQL the rows stream into the table with COPY: one statement, no SQL text per row and
no model instance per row, the database's own pace (the import of a 100,000-line file and the
generated data of bench/scale.py). Elsewhere (SQLite) they go through bulk_create a batch at a
time, so that only one batch of model instances exists at once.

Like bulk_create, neither sends signals: no history row per row (see revisions.py).
"""
from itertools import islice

from django.db import connections, router

BATCH = 2000


def insert_rows(model, fields, rows):
    """Insert `rows`, tuples of values in the order of `fields` (attnames such as "budget_id")."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        copy_rows(connection, model, fields, rows)
        return
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        model._default_manager.bulk_create([model(**dict(zip(fields, row))) for row in batch])


def copy_rows(connection, model, fields, rows):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # Django's errors (IntegrityError…) as for any other statement: COPY bypasses execute().
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
