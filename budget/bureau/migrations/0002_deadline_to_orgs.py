"""The Deadline model moves to orgs beside the bureau it belongs to (the backup, in ops, can then
read it); its table is renamed and its rows kept."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("bureau", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name="deadline", table="orgs_deadline")],
            state_operations=[migrations.DeleteModel(name="deadline")],
        ),
    ]
