"""The latest-version flag: the newest done version of each budget, read by the public site
through a partial index instead of an anti-join over every version (NOT EXISTS a newer one)."""
from django.db import migrations, models
from django.db.models import Exists, OuterRef


def flag_latest(apps, schema_editor):
    """The newest done version of every budget, found once as the public site used to."""
    Publication = apps.get_model("workflow", "Publication")
    done = Publication.objects.filter(render_state="done")
    newer = done.filter(budget_id=OuterRef("budget_id"), version__gt=OuterRef("version"))
    done.filter(~Exists(newer)).update(latest=True)


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0008_publication_template_unit_documents'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='latest',
            field=models.BooleanField(default=False, editable=False, verbose_name='最新公开版本'),
        ),
        migrations.RunPython(flag_latest, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name='publication',
            index=models.Index(condition=models.Q(('latest', True)), fields=['year', 'department_code', 'id'], name='publication_latest_year'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.UniqueConstraint(condition=models.Q(('latest', True)), fields=('budget',), name='publication_one_latest'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.CheckConstraint(condition=models.Q(('latest', False), ('render_state', 'done'), _connector='OR'), name='publication_latest_is_done'),
        ),
    ]
