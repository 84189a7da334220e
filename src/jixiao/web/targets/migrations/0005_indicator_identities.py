# ruff: noqa
"""Gives every stored indicator its identity (a data migration apart from the schema changes around it, so
that PostgreSQL never alters a table with row updates pending in the same transaction)."""

import uuid

from django.db import migrations, models


def give_identities(apps, schema_editor):
    """One identity per indicator; a row of a later version with the same levels and name as one of the
    version before it is the same indicator (the rows were copied when the table was adjusted)."""
    Indicator = apps.get_model("targets", "Indicator")
    Historical = apps.get_model("targets", "HistoricalIndicator")
    TargetTable = apps.get_model("targets", "TargetTable")
    previous: dict[int, dict[tuple, uuid.UUID]] = {}
    for table in TargetTable.objects.order_by("project_id", "version").only("pk", "project_id"):
        known = previous.get(table.project_id, {})
        rows = list(Indicator.objects.filter(table_id=table.pk).order_by("position"))
        current: dict[tuple, uuid.UUID] = {}
        for row in rows:
            key = (row.level1, row.level2, row.name)
            row.uid = known.pop(key, None) or uuid.uuid4()
            current.setdefault(key, row.uid)
        Indicator.objects.bulk_update(rows, ["uid"], batch_size=500)
        previous[table.project_id] = current
    by_id = dict(Indicator.objects.values_list("pk", "uid"))
    records = list(Historical.objects.filter(uid__isnull=True).only("history_id", "id"))
    for record in records:
        record.uid = by_id.get(record.id) or uuid.uuid4()
    Historical.objects.bulk_update(records, ["uid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("targets", "0004_content_from_model")]

    operations = [migrations.RunPython(give_identities, migrations.RunPython.noop)]
