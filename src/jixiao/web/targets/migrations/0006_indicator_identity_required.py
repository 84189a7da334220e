# ruff: noqa
import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("targets", "0005_indicator_identities")]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, verbose_name="identity"),
        ),
        migrations.AlterField(
            model_name="historicalindicator",
            name="uid",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, verbose_name="identity"),
        ),
    ]
