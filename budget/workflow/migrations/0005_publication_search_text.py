"""The public search by name, short name and code: the publications' search text and its index.

The search (`search_text LIKE '%…%'`) can use no B-tree: on PostgreSQL a trigram GIN index
serves it, replacing the one over UPPER(department_name) that the name-only search used.
SQLite has neither, so there the search scans the table.
"""
from django.db import migrations, models


def search_text(*, code, name, short_name):
    """budget/orgs/names.py as it was when this migration was written (a migration stays as it is)."""
    return " ".join("".join(part.split()).upper() for part in (name, short_name, code))

OLD_INDEX = "publication_name_trgm"
INDEX = "publication_search_trgm"


def fill_search_text(apps, schema_editor):
    Publication = apps.get_model("workflow", "Publication")
    publications = list(Publication.objects.only("department_code", "department_name", "department_short_name"))
    for publication in publications:
        publication.search_text = search_text(code=publication.department_code, name=publication.department_name,
                                              short_name=publication.department_short_name)
    Publication.objects.bulk_update(publications, ["search_text"], batch_size=2000)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # The condition is the public site's (done publications only), or the planner ignores the index.
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON workflow_publication USING gin (search_text gin_trgm_ops) "
        "WHERE render_state = 'done'"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(
        f"CREATE INDEX {OLD_INDEX} ON workflow_publication "
        "USING gin ((UPPER(department_name::text)) gin_trgm_ops) WHERE render_state = 'done'"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0004_public_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="department_short_name",
            field=models.CharField(blank=True, max_length=50, verbose_name="部门简称"),
        ),
        migrations.AddField(
            model_name="publication",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=180, verbose_name="查找用名称"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
