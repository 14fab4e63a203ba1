"""ShownYear: a year's count of shown budgets and the sum of their latest versions' ids, kept
up to date as versions are published, so that the public site's years, counts and generation
read a row per year instead of counting every latest version. Filled here from the flags."""
from django.db import migrations, models
from django.db.models import Count, Sum


def count_every_year(apps, schema_editor):
    """As workflow.models.count_shown counts a year, for every year with a latest version."""
    Publication = apps.get_model("workflow", "Publication")
    ShownYear = apps.get_model("workflow", "ShownYear")
    rows = (Publication.objects.filter(latest=True, render_state="done").values("year")
            .annotate(count=Count("id"), ids=Sum("id")).order_by("year"))
    ShownYear.objects.bulk_create([ShownYear(year=row["year"], count=row["count"], ids=row["ids"]) for row in rows])


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0011_latest_index_read_alone'),
    ]

    operations = [
        migrations.CreateModel(
            name='ShownYear',
            fields=[
                ('year', models.PositiveSmallIntegerField(primary_key=True, serialize=False, verbose_name='预算年度')),
                ('count', models.PositiveIntegerField(default=0, verbose_name='公开预算数')),
                ('ids', models.BigIntegerField(default=0, verbose_name='最新版本编号之和')),
            ],
            options={
                'verbose_name': '公开年度',
                'verbose_name_plural': '公开年度',
                'ordering': ['-year'],
            },
        ),
        migrations.RunPython(count_every_year, migrations.RunPython.noop, elidable=False),
    ]
