"""The latest versions' index under a condition that implies the public queries' (latest and
done), so that the site's years, counts and generation read the index alone (an index-only
scan of 126 pages at 26,000 publications, instead of every wide row)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0010_unit_document_labels'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='publication',
            name='publication_latest_year',
        ),
        migrations.AddIndex(
            model_name='publication',
            index=models.Index(condition=models.Q(('latest', True), ('render_state', 'done')), fields=['year', 'department_code', 'id'], name='publication_latest_done'),
        ),
    ]
