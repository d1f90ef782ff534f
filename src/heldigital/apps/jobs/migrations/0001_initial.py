from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ScheduledRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("job", models.CharField(max_length=80, verbose_name="job")),
                ("slot", models.DateTimeField(verbose_name="period start")),
                ("enqueued_at", models.DateTimeField(verbose_name="enqueued")),
                ("task_id", models.CharField(max_length=64, verbose_name="task id")),
            ],
            options={
                "verbose_name": "scheduled run",
                "verbose_name_plural": "scheduled runs",
                "constraints": [models.UniqueConstraint(fields=("job", "slot"), name="jobs_run_once")],
            },
        ),
    ]
