"""Indexes for the public index and its search by department name.

The search (`department_name__icontains`, i.e. UPPER(name) LIKE UPPER('%…%')) can use no B-tree:
on PostgreSQL a trigram GIN index over the same expression serves it. SQLite has neither the
extension nor GIN, so there the index is skipped and the search scans the table as before.
"""
from django.db import migrations, models

TRIGRAM_INDEX = "publication_name_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # The expression and the condition are those of the search's query, or the planner ignores it.
    schema_editor.execute(
        f"CREATE INDEX {TRIGRAM_INDEX} ON workflow_publication "
        "USING gin ((UPPER(department_name::text)) gin_trgm_ops) WHERE render_state = 'done'"
    )


def drop_trigram_index(apps, schema_editor):
    """The extension stays: something else may use it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0003_render_state'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='publication',
            index=models.Index(condition=models.Q(('render_state', 'done')), fields=['year', 'department_code'], name='publication_public_year'),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
