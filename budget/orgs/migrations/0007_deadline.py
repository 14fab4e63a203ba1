"""Deadline, moved here from the bureau app (bureau/0002 renamed its table to orgs_deadline)."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0006_financebureau_template"),
        ("bureau", "0002_deadline_to_orgs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Deadline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='预算年度')),
                        ('submit_by', models.DateField(verbose_name='报送截止日期')),
                        ('approved_on', models.DateField(blank=True, help_text='填写后，公开截止日期默认为批复后 20 日', null=True, verbose_name='预算批复日期')),
                        ('publish_by', models.DateField(blank=True, null=True, verbose_name='公开截止日期')),
                        ('bureau', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deadlines', to='orgs.financebureau', verbose_name='财政部门')),
                    ],
                    options={
                        'verbose_name': '报送与公开截止日期',
                        'verbose_name_plural': '报送与公开截止日期',
                        'constraints': [models.UniqueConstraint(fields=('bureau', 'year'), name='deadline_one_per_bureau_year'), models.CheckConstraint(condition=models.Q(('publish_by__isnull', True), ('publish_by__gte', models.F('submit_by')), _connector='OR'), name='deadline_publish_after_submit')],
                    },
                ),
            ],
        ),
    ]
