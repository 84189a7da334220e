"""抽评: which reports a sample draws (reproducible from its seed), and the bureau's re-scoring with the gap."""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.scoring.numbers import ZERO, fmt
from jixiao.web.yearly.models import Report, ReportStatus, Sample, SampleItem, TaskKind, YearTask
from jixiao.web.yearly.services import FillError, scores

__all__ = ["draw", "draw_sample", "rescore"]

DEFAULT_SHARE = Decimal(15)


def draw(ids: Sequence[int], share: Decimal, seed: int) -> list[int]:
    """``share`` percent of ``ids`` (rounded up, at least one when there are any), drawn with ``seed``: the same
    ids, share and seed always draw the same reports, whatever order the ids come in."""
    if not ids:
        return []
    if not Decimal(0) < share <= Decimal(100):
        raise ValueError("the share is a percent above 0 and at most 100")
    count = min(len(ids), max(1, math.ceil(len(ids) * share / 100)))
    return sorted(random.Random(seed).sample(sorted(ids), count))


def draw_sample(
    task: YearTask, *, user: Any, share: Decimal = DEFAULT_SHARE, seed: int | None = None, picked: Sequence[int] = ()
) -> Sample:
    if task.kind != TaskKind.SELF_EVALUATION:
        raise FillError("only self-evaluation tasks are sampled")
    eligible = list(
        task.reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]).values_list("pk", flat=True)
    )
    if picked:
        chosen = sorted(set(picked) & set(eligible))
        seed = None
    else:
        seed = secrets.randbits(48) if seed is None else seed
        chosen = draw(eligible, share, seed)
    if not chosen:
        raise FillError("no submitted self-evaluation to sample")
    with transaction.atomic():
        sample = Sample.objects.create(task=task, share=share, seed=seed, created_by=user)
        for report in Report.objects.filter(pk__in=chosen):
            SampleItem.objects.create(sample=sample, report=report, unit_total=report.content.get("total_score") or "")
    return sample


def rescore(item: SampleItem, data: Mapping[str, str]) -> SampleItem:
    """The bureau's 核查分数 (``row-<i>-score``, ``execution-score``; a blank keeps the unit's) and its total."""
    from jixiao.web.yearly.checking import checked_score

    table = item.report.core()
    computed = scores(table)
    rows: dict[str, str] = {}
    total = ZERO
    for i, (ind, row) in enumerate(zip(table.indicators, computed.rows, strict=True)):
        points = row.points if row.points is not None else ZERO
        value = checked_score(data, f"row-{i}-score", points, ind.name or str(i + 1))
        if value is not None:
            rows[str(i)] = fmt(value)
        else:
            value = Decimal(ind.score) if ind.score else ZERO
        total += value
    execution = ZERO
    if table.execution:
        points = computed.execution.points if computed.execution is not None else ZERO
        line = table.execution[0]
        checked = checked_score(data, "execution-score", points, line.label or "预算执行")
        execution = checked if checked is not None else Decimal(line.score) if line.score else ZERO
    total += execution
    item.scores = {"rows": rows, "execution": fmt(execution)}
    item.bureau_total = fmt(total)
    item.save()
    return item


def gap(item: SampleItem) -> Decimal | None:
    if not item.bureau_total or not item.unit_total:
        return None
    return Decimal(item.bureau_total) - Decimal(item.unit_total)
