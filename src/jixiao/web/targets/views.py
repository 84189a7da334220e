"""Target-table pages. Views only declare; the work is in services, importing, convert and the core."""

from __future__ import annotations

import logging
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from jixiao.model import TargetTable as CoreTable
from jixiao.web.core.views import ObjectListView, ObjectView, RestrictedViewMixin
from jixiao.web.organisations.models import Organisation
from jixiao.web.organisations.scopes import visible_units
from jixiao.web.reviews.models import ReviewComment, Transition
from jixiao.web.targets import convert, exporting, importing
from jixiao.web.targets.choices import Severity, TableStatus
from jixiao.web.targets.diffing import diff_tables, shown
from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS
from jixiao.web.targets.filtersets import TargetTableFilterSet
from jixiao.web.targets.forms import (
    EDITABLE_INDICATOR_FIELDS,
    IndicatorFormSet,
    NewTableForm,
    TargetTableForm,
    TargetTableImportForm,
)
from jixiao.web.targets.forms.model_forms import INDICATOR_MAIN_FIELDS, initial_row
from jixiao.web.targets.layout import layout_rows
from jixiao.web.targets.mixins import FilingUnitsMixin
from jixiao.web.targets.models import Finding, Indicator, TargetTable
from jixiao.web.targets.permissions import ACTIONS, allowed
from jixiao.web.targets.services import (
    EditConflict,
    RowInput,
    check_content,
    create_version,
    find_project,
    save_content,
)
from jixiao.web.targets.tables import TargetTableTable

_TABLE_BASE = TargetTable.objects.select_related("unit", "project")


def table_actions(user: Any, table: TargetTable) -> dict[str, bool]:
    """Which buttons the page shows: the same policy that guards the POSTs."""
    return {action: allowed(user, action, table) for action in ACTIONS}


class DashboardView(RestrictedViewMixin, TemplateView):
    template_name = "targets/dashboard.html"
    queryset = _TABLE_BASE

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        current = self.get_restricted_queryset("view").filter(is_current=True)
        editable = self.get_restricted_queryset("submit")  # filers and unit approvers: what they can still send
        context["my_drafts"] = list(editable.filter(status=TableStatus.DRAFT).order_by("-updated")[:20])
        context["returned"] = list(editable.filter(status=TableStatus.RETURNED).order_by("-updated")[:20])
        context["awaiting_review"] = list(self.get_restricted_queryset("review").order_by("updated")[:50])
        by_status = dict(current.order_by().values_list("status").annotate(n=Count("pk")))
        context["status_counts"] = [(label, value, by_status.get(value, 0)) for value, label in TableStatus.choices]
        sums = current.aggregate(error=Sum("error_count"), warning=Sum("warning_count"), info=Sum("info_count"))
        context["severity_counts"] = [(label, value, sums.get(value) or 0) for value, label in Severity.choices]
        return context


class TargetTableListView(ObjectListView):
    # only the columns the list shows: the wide text columns (purpose, goals) stay on disk
    queryset = _TABLE_BASE.filter(is_current=True).only(
        "pk",
        "year",
        "version",
        "status",
        "error_count",
        "warning_count",
        "updated",
        "unit_id",
        "project_id",
        "unit__name",
        "unit__path",
        "project__code",
        "project__name",
    )
    filterset_class = TargetTableFilterSet
    table_class = TargetTableTable
    template_name = "targets/targettable_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = context.get("filter")
        if filterset is not None:  # offer only the units the user can see (rendered by a plain loop: fast)
            units = visible_units(self.request.user).only("pk", "name", "code")
            filterset.form.fields["unit"].queryset = units
            chosen = str(self.request.GET.get("unit", ""))
            # a bureau reaches hundreds of units: the options are joined here (escaped) rather than by a template loop
            context["unit_options"] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (pk, mark_safe(" selected") if str(pk) == chosen else "", f"{code} {name}".strip())
                    for pk, code, name in units.values_list("pk", "code", "name")
                ),
            )
            context["status_choices"] = TableStatus.choices
            year = str(self.request.GET.get("year", ""))
            if chosen.isdigit() and year.isdigit():  # a unit's whole year can be bound into one document
                context.update(bound_unit=chosen, bound_year=year)
        context["can_review"] = self.get_restricted_queryset("review").exists()
        context.update(self.light_rendering(context["table"]))
        return context

    def row_values(self, t: TargetTable) -> dict[str, Any]:
        """Plain strings for one list row: the template only prints them (no lookups, no per-row tags)."""
        return {
            "pk": str(t.pk),
            "code": t.project.code,
            "name": t.project.name,
            "unit": t.unit.name,
            "year": str(t.year),
            "version": str(t.version),
            "status": t.status,
            "status_label": self.status_labels.get(t.status, t.status),
            "errors": t.error_count,
            "warnings": str(t.warning_count),
            "updated": timezone.localtime(t.updated).strftime("%Y-%m-%d %H:%M"),
        }

    def light_rendering(self, table: Any) -> dict[str, Any]:
        """Headers (with sort links) and the page's records for a hand-written template.

        django-tables2 still filters, sorts and paginates; its per-cell rendering cost about 8 ms per row, so
        the rows are written by ``targets/inc/targettable_rows.html`` from the records themselves.
        """
        self.status_labels = {value: str(label) for value, label in TableStatus.choices}
        params = self.request.GET.copy()
        params.pop("page", None)
        headers = []
        for column in table.columns:
            if column.name == "pk":
                continue
            order = ""
            if column.is_ordered:
                order = "desc" if column.order_by_alias.is_descending else "asc"
            params["sort"] = column.order_by_alias.next
            headers.append(
                {"name": column.name, "label": column.header, "url": "?" + params.urlencode(), "order": order}
            )
        params = self.request.GET.copy()
        page = table.page

        def page_url(number: int) -> str:
            params["page"] = str(number)
            return "?" + params.urlencode()

        return {
            "headers": headers,
            "records": [self.row_values(row.record) for row in page.object_list],
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else None,
            "next_url": page_url(page.next_page_number()) if page.has_next() else None,
        }


class TargetTableView(ObjectView):
    """The table in the official layout, findings marked on the rows they concern."""

    queryset = _TABLE_BASE
    template_name = "targets/targettable.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        table = self.object
        indicators = list(Indicator.objects.filter(table=table).order_by("position"))
        findings = list(Finding.objects.filter(table=table).order_by("indicator_position", "code"))
        comments = list(ReviewComment.objects.filter(table=table).select_related("author", "resolved_by", "indicator"))
        context.update(
            rows=layout_rows(indicators, findings, comments),
            table_findings=[f for f in findings if f.indicator_position is None],
            table_comments=[c for c in comments if c.indicator_id is None],
            open_comments=[c for c in comments if not c.resolved],
            spending=list(table.spending_points.all()),
            transitions=list(Transition.objects.filter(table=table).select_related("user")),
            versions=list(
                TargetTable.objects.filter(project_id=table.project_id)
                .only("pk", "version", "status", "is_current")
                .order_by("version")
            ),
            can=table_actions(self.request.user, table),
        )
        return context


class TargetTableEditView(ObjectView):
    """Header fields and the indicator rows; saves under an optimistic lock and re-runs the rules."""

    queryset = _TABLE_BASE
    action = "change"
    template_name = "targets/targettable_edit.html"
    http_method_names: ClassVar[list[str]] = ["get", "post"]  # type: ignore[misc]

    def initial_rows(self) -> list[dict[str, Any]]:
        return [initial_row(row) for row in Indicator.objects.filter(table=self.object).order_by("position")]

    def render_page(self, form: TargetTableForm, formset: Any, *, status: int = 200) -> HttpResponse:
        table = self.object
        findings = list(Finding.objects.filter(table=table))
        row_findings: dict[int, list[Finding]] = {}
        for finding in findings:
            if finding.indicator_id is not None:
                row_findings.setdefault(finding.indicator_id, []).append(finding)
        comments = list(ReviewComment.objects.filter(table=table, resolved=False).select_related("author"))
        row_comments: dict[int, list[ReviewComment]] = {}
        for comment in comments:
            if comment.indicator_id is not None:
                row_comments.setdefault(comment.indicator_id, []).append(comment)
        rows = []
        for row_form in formset.forms:
            raw_id = row_form["row_id"].value()
            row_id = int(raw_id) if raw_id not in (None, "") else -1
            rows.append(
                {"form": row_form, "findings": row_findings.get(row_id, []), "comments": row_comments.get(row_id, [])}
            )
        by_field: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.indicator_id is None:
                by_field.setdefault(_header_field(finding.field), []).append(finding)
        header_rows = [(bound, by_field.pop(bound.name, [])) for bound in form.visible_fields()]
        context = self.get_context_data(
            form=form,
            formset=formset,
            rows=rows,
            header_rows=header_rows,
            table_findings=[f for fs in by_field.values() for f in fs],
            table_comments=[c for c in comments if c.indicator_id is None],
            level1_choices=level_choices(self.object)[0],
            level2_choices=level_choices(self.object)[1],
            main_labels=[_label(f) for f in INDICATOR_MAIN_FIELDS],
        )
        template = (
            "targets/inc/indicator_rows.html"
            if getattr(self.request, "htmx", False) and self.request.POST.get("op")
            else self.template_name
        )
        return render(self.request, template, context, status=status)

    def get_object(self) -> Any:
        """A save posted after the table left draft is answered with the conflict page (what was typed kept)."""
        if self.request.method == "POST":
            from django.shortcuts import get_object_or_404

            return get_object_or_404(self.get_restricted_queryset("view"), pk=self.kwargs["pk"])
        return super().get_object()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TargetTableForm(instance=self.object)
        formset = IndicatorFormSet(initial=self.initial_rows(), prefix="rows")
        return self.render_page(form, formset)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TargetTableForm(request.POST, instance=TargetTable.objects.get(pk=self.object.pk))
        formset = IndicatorFormSet(request.POST, prefix="rows")
        if not allowed(request.user, "change", self.object):
            import copy

            as_draft = copy.copy(self.object)
            as_draft.status = TableStatus.DRAFT
            if not request.POST.get("lock_version") or not allowed(request.user, "change", as_draft):
                raise PermissionDenied  # not this user's to edit at all: the plain refusal
            form.is_valid(), formset.is_valid()
            typed = [RowInput(values={f: row.data.get(row.add_prefix(f), "") for f in EDITABLE_INDICATOR_FIELDS})
                     for row in formset.forms]  # fmt: skip
            return self.conflict(EditConflict(self.object, -1), form, typed)
        op = request.POST.get("op", "")
        if op:  # add / remove / move a row: re-render the rows as edited, nothing is saved yet
            return self.render_page(form, self.rearranged(formset, op))
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, _("Please correct the marked fields."))
            return self.render_page(form, formset, status=400)
        rows, _indexes = edited_rows(formset)
        try:
            table = save_content(
                self.object,
                header=form.header_values(),
                rows=rows,
                user=request.user,
                expected_lock=form.cleaned_data["lock_version"],
                reason=request.POST.get("reason", "").strip() or _("edited on the web"),
            )
        except EditConflict as conflict:
            return self.conflict(conflict, form, rows)
        messages.success(
            request,
            _("Saved. The review rules were run again: %(errors)d errors, %(warnings)d warnings.")
            % {"errors": table.error_count, "warnings": table.warning_count},
        )
        return redirect("targets:targettable_edit", pk=table.pk)

    def rearranged(self, formset: Any, op: str) -> Any:
        """The formset's current values with one row added, removed or moved (for htmx and for plain POSTs)."""
        data = []
        for row in formset.forms:
            row.is_valid()
            values = {f: row.data.get(row.add_prefix(f), "") for f in ("row_id", *EDITABLE_INDICATOR_FIELDS)}
            data.append(values)
        verb, _sep, arg = op.partition(":")
        index = int(arg) if arg.isdigit() else -1
        if verb == "add":
            template = data[index] if 0 <= index < len(data) else (data[-1] if data else {})
            new = {"row_id": "", "level1": template.get("level1", ""), "level2": template.get("level2", "")}
            data.insert(index + 1 if 0 <= index < len(data) else len(data), new)
        elif verb == "remove" and 0 <= index < len(data):
            data.pop(index)
        elif verb == "up" and 0 < index < len(data):
            data[index - 1], data[index] = data[index], data[index - 1]
        elif verb == "down" and 0 <= index < len(data) - 1:
            data[index + 1], data[index] = data[index], data[index + 1]
        return IndicatorFormSet(initial=data, prefix="rows")

    def conflict(self, conflict: EditConflict, form: TargetTableForm, rows: list[RowInput]) -> HttpResponse:
        theirs = conflict.table
        theirs.refresh_from_db()
        their_rows = list(Indicator.objects.filter(table=theirs).order_by("position"))
        history = theirs.history.order_by("-history_date").select_related("history_user").first()
        labels = {s.column: s.label for s in TABLE_SPECS}
        context: dict[str, Any] = {
            "object": theirs,
            "mine_header": form.header_values(),
            "mine_rows": [r.values for r in rows],
            "their_rows": their_rows,
            "their_user": history.history_user if history else None,
            "their_date": history.history_date if history else None,
            "header_fields": [(name, labels[name]) for name in form.header_values() if name != "annual_goals"],
            "indicator_fields": EDITABLE_INDICATOR_FIELDS,
            # the table was submitted (or moved on) meanwhile: no edit is possible now, whatever its lock version
            "left_draft": not allowed(self.request.user, "change", theirs),
        }
        context["header_rows"] = [
            (label, shown(context["mine_header"].get(name)), shown(getattr(theirs, name)))
            for name, label in context["header_fields"]
        ]
        return render(self.request, "targets/targettable_conflict.html", context, status=409)


class TargetTableCheckView(ObjectView):
    """The findings of the edit page's unsaved content, placed beside their fields and rows (htmx, while typing)."""

    queryset = _TABLE_BASE
    action = "change"
    template_name = "targets/inc/live_findings.html"
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TargetTableForm(request.POST, instance=self.object)
        formset = IndicatorFormSet(request.POST, prefix="rows")
        if not (form.is_valid() and formset.is_valid()):  # a field being typed is not valid yet: nothing to say
            return HttpResponse(status=204)
        rows, indexes = edited_rows(formset)
        findings = check_content(self.object, header=form.header_values(), rows=rows)
        by_field: dict[str, list[Any]] = {name: [] for name in form.fields if name != "lock_version"}
        by_row: dict[int, list[Any]] = {i: [] for i in range(len(formset.forms))}
        rest = []
        for finding in findings:
            if finding.indicator is not None and finding.indicator < len(indexes):
                by_row[indexes[finding.indicator]].append(finding)
            elif _header_field(finding.field) in by_field:
                by_field[_header_field(finding.field)].append(finding)
            else:
                rest.append(finding)
        context = {"by_field": by_field, "by_row": by_row, "rest": rest}
        return render(request, self.template_name, context)


def edited_rows(formset: Any) -> tuple[list[RowInput], list[int]]:
    """The rows to store (deleted and blank new rows left out) and each one's index in the formset."""
    rows, indexes = [], []
    for index, row in enumerate(formset.forms):
        if not row.cleaned_data.get("DELETE") and not _blank_new_row(row):
            rows.append(RowInput(values=row.row_values(), id=row.cleaned_data.get("row_id")))
            indexes.append(index)
    return rows, indexes


def _blank_new_row(row: Any) -> bool:
    """An added row left empty is not an indicator (nor is a new row holding only its inherited levels)."""
    data = row.cleaned_data
    return not data.get("row_id") and not any((data.get(f) or "").strip() for f in ("name", "description", "value"))


_COLUMN_OF = {spec.path: spec.column for spec in TABLE_SPECS}


def _identity(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _header_field(field: str | None) -> str:
    """A finding's field ("funds.total", "annual_goals[0]", "year") as the edit form's field name."""
    if not field:
        return ""
    path = field.split("[", 1)[0]
    return _COLUMN_OF.get(path, path)


def _label(column: str) -> str:
    return str(next(s.label for s in INDICATOR_SPECS if s.column == column))


def level_choices(table: TargetTable | None = None) -> tuple[list[str], list[str]]:
    """The level-1 and level-2 names of the rule profile the table's bureau chose for its year, else the server's
    (offered as suggestions while typing)."""
    from jixiao.rules.profiles import load_profile
    from jixiao.web.organisations.models import rule_profile_for

    name = settings.JIXIAO_RULE_PROFILE
    if table is not None:
        name = rule_profile_for(table.unit, table.year, name)
    profile = load_profile(name)
    level2 = list(dict.fromkeys(name for names in profile.level2.values() for name in names))
    return list(profile.level1), level2


# the history page shows changes of every stored field of the model
_TABLE_TRACKED = ("status", "is_current", *(s.column for s in TABLE_SPECS))
_INDICATOR_TRACKED = ("position", *(s.column for s in INDICATOR_SPECS))


def changes_between(records: Any, fields: tuple[str, ...], model: Any) -> dict[int, list[tuple[str, Any, Any]]]:
    """For each history record, the tracked fields that differ from the previous record of the same object.

    Computed from the records already loaded (no query per record, unlike ``diff_against``).
    """
    previous: dict[int, Any] = {}
    result: dict[int, list[tuple[str, Any, Any]]] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        if before is not None and record.history_type == "~":
            result[record.history_id] = [
                (
                    str(model._meta.get_field(f).verbose_name),
                    _shown(model, f, getattr(before, f)),
                    _shown(model, f, getattr(record, f)),
                )
                for f in fields
                if getattr(before, f) != getattr(record, f)
            ]
        previous[record.id] = record
    return result


def _shown(model: Any, field: str, value: Any) -> Any:
    """A stored value as people read it (choice labels instead of codes, JSON instead of Python reprs)."""
    choices = dict(model._meta.get_field(field).flatchoices)
    return choices.get(value, value) if choices else shown(value)


class TargetTableHistoryView(ObjectView):
    """Every step and change of every version of the project, with user, time and reason."""

    queryset = _TABLE_BASE
    template_name = "targets/targettable_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        table = self.object
        versions = list(
            TargetTable.objects.filter(project_id=table.project_id)
            .restrict(self.request.user, "view")
            .order_by("version")
        )
        version_ids = [v.pk for v in versions]
        events: list[dict[str, Any]] = []
        only = _identity(self.request.GET.get("indicator", ""))  # one indicator's history, across versions
        transitions = Transition.objects.filter(table_id__in=version_ids).select_related("user", "table")
        for t in transitions if only is None else []:
            events.append(
                {
                    "at": t.at,
                    "user": t.user,
                    "kind": "transition",
                    "version": t.table.version,
                    "what": t.get_action_display(),
                    "detail": t.remark,
                    "request": t.request_id[:8],
                    "status": t.to_status,
                }
            )
        table_history = list(
            TargetTable.history.filter(id__in=version_ids if only is None else [])
            .select_related("history_user")
            .order_by("history_date")
        )
        table_changes = changes_between(table_history, _TABLE_TRACKED, TargetTable)
        for h in table_history:
            events.append(
                {
                    "at": h.history_date,
                    "user": h.history_user,
                    "kind": "table",
                    "version": h.version,
                    "what": _("table %(type)s") % {"type": h.get_history_type_display()},
                    "detail": h.history_change_reason or "",
                    "request": h.request_id[:8],
                    "changes": table_changes.get(h.history_id, []),
                    "status": h.status,
                }
            )
        version_of = {v.pk: v.version for v in versions}
        indicator_records = Indicator.history.filter(table_id__in=version_ids)
        if only is not None:
            indicator_records = indicator_records.filter(uid=only)
        indicator_history = list(indicator_records.select_related("history_user").order_by("history_date"))
        indicator_changes = changes_between(indicator_history, _INDICATOR_TRACKED, Indicator)
        for h in indicator_history:
            events.append(
                {
                    "at": h.history_date,
                    "user": h.history_user,
                    "kind": "indicator",
                    "version": version_of.get(h.table_id),
                    "what": _("indicator %(type)s: %(name)s")
                    % {"type": h.get_history_type_display(), "name": h.name or ""},
                    "detail": h.history_change_reason or "",
                    "request": h.request_id[:8],
                    "changes": indicator_changes.get(h.history_id, []),
                    "status": "",
                    "identity": h.uid,
                }
            )
        comments = ReviewComment.history.filter(table_id__in=version_ids)
        if only is not None:
            comments = comments.filter(indicator_id__in={h.id for h in indicator_history})
        for h in comments.select_related("history_user").order_by("history_date"):
            events.append(
                {
                    "at": h.history_date,
                    "user": h.history_user,
                    "kind": "comment",
                    "version": version_of.get(h.table_id),
                    "what": _("comment: %(text)s") % {"text": h.text[:80]},
                    "detail": h.history_change_reason or "",
                    "request": h.request_id[:8],
                    "status": "",
                }
            )
        events.sort(key=lambda e: (e["at"], {"transition": 1}.get(e["kind"], 0)))
        context.update(events=events, versions=versions, only_indicator=only)
        return context


class TargetTableDiffView(ObjectView):
    """Differences between this version and another of the same project (``?other=<pk>``)."""

    queryset = _TABLE_BASE
    template_name = "targets/targettable_diff.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        table = self.object
        versions = list(
            TargetTable.objects.filter(project_id=table.project_id)
            .restrict(self.request.user, "view")
            .order_by("version")
        )
        other_id = self.request.GET.get("other")
        other = next((v for v in versions if str(v.pk) == other_id), None)
        if other is None:
            other = next((v for v in reversed(versions) if v.version < table.version), None) or table
        old, new = (other, table) if other.version <= table.version else (table, other)
        context.update(versions=versions, old=old, new=new, diff=diff_tables(old, new))
        return context


class TargetTableExportView(RestrictedViewMixin, View):
    """JSON export (jixiao/1) of one table (``pk``) or a selection (``?pk=1&pk=2``)."""

    queryset = TargetTable.objects.select_related("unit")

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        ids = [pk] if pk is not None else [int(v) for v in request.GET.getlist("pk") if v.isdigit()]
        tables = list(
            self.get_restricted_queryset("view")
            .filter(pk__in=ids)
            .prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("position")), "spending_points"
            )
            .order_by("pk")
        )
        if not tables or (pk is not None and len(tables) != 1):
            return JsonResponse({"detail": "not found"}, status=404)
        document = convert.document_for(tables)
        response = HttpResponse(document.to_json(), content_type="application/json; charset=utf-8")
        name = f"jixiao-table-{pk}.json" if pk is not None else "jixiao-selection.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _with_rows(queryset: Any) -> Any:
    return queryset.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("position")), "spending_points"
    )


class TargetTableDownloadView(RestrictedViewMixin, View):
    """One table (``pk``) or a selection (``?pk=1&pk=2``) as a file: ``?format=docx|xlsx|pdf|html|csv|json&layout=``.

    A selection becomes one file (the writers' ``bind``: one bound Word/PDF document, one workbook, one CSV).
    The layout defaults to the region of the tables' units, else ``national``.
    """

    queryset = TargetTable.objects.select_related("unit", "project")

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        ids = [pk] if pk is not None else [int(v) for v in request.GET.getlist("pk") if v.isdigit()]
        tables = list(_with_rows(self.get_restricted_queryset("view").filter(pk__in=ids)).order_by("pk"))
        if not tables or (pk is not None and len(tables) != 1):
            raise Http404
        try:
            choice = exporting.export_request(
                request.GET,
                default_format="docx",
                fallback_layout=exporting.default_layout(list({t.unit_id: t.unit for t in tables}.values())),
            )
        except exporting.ExportRequestError as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        if pk is not None:
            table = tables[0]
            document = convert.document_for(tables)
            stem = f"{table.project.name or table.project.code or table.pk}-v{table.version}"
            fallback = f"jixiao-table-{table.pk}-v{table.version}"
        else:
            document = exporting.selection_document(tables, name="jixiao-selection")
            stem = _("%(n)d tables") % {"n": len(tables)}
            fallback = f"jixiao-selection-{len(tables)}"
        if choice.format in exporting.BACKGROUND_FORMATS:
            params = exporting.job_params(choice, stem=stem, fallback=fallback, ids=[t.pk for t in tables])
            return _export_job(request, params)
        return exporting.render(document, choice, stem, fallback=fallback, tables=tables, request=request)


def _export_job(request: HttpRequest, params: dict[str, Any]) -> HttpResponse:
    """The export made by a background job; its page shows the progress, then the download or the reason."""
    from jixiao.web.jobs.services import create_job

    return redirect("jobs:job", pk=create_job("export", request.user, params).pk)


class DepartmentYearExportView(RestrictedViewMixin, View):
    """A department's (or unit's) whole year as one bound document: ``?unit=<organisation>&year=&format=docx|pdf``,
    made by a background job (the answer is the job's page).

    第一部分 the department narrative (the web app stores none yet, so the part is left out), 第二部分 the current
    approved or published version of every project of the organisation and the units below it that the user may
    see (a project with none gives its current version, and the file is marked 草稿 / 审核中).
    """

    queryset = TargetTable.objects.select_related("unit", "project")

    def get(self, request: HttpRequest) -> HttpResponse:
        unit_id, year = request.GET.get("unit", ""), request.GET.get("year", "")
        if not unit_id.isdigit() or not year.isdigit():
            return HttpResponseBadRequest(
                _("Name the unit and the year (?unit=…&year=…)."), content_type="text/plain; charset=utf-8"
            )
        organisation = Organisation.objects.filter(pk=int(unit_id)).first()
        if organisation is None:
            raise Http404
        # per project its approved or published version, else the current one (the file is then marked)
        # (the rows are read by the job; here only whether there is anything to print)
        tables = exporting.year_tables(self.get_restricted_queryset("view"), organisation, int(year))
        if not tables:
            raise Http404
        try:
            choice = exporting.export_request(
                request.GET,
                default_format="docx",
                fallback_layout=exporting.default_layout([organisation]),
                formats=exporting.BOUND_FORMATS,
            )
        except exporting.ExportRequestError as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        stem = _("%(unit)s %(year)s performance targets") % {"unit": organisation.name, "year": year}
        # a whole year (and LibreOffice for its PDF) may outlast the request: a background job makes it
        params = exporting.job_params(
            choice, stem=stem, fallback=f"jixiao-{organisation.pk}-{year}", unit=organisation.pk, year=int(year)
        )
        return _export_job(request, params)


class TargetTableCreateView(LoginRequiredMixin, FilingUnitsMixin, TemplateView):
    """新建: a project or department table from scratch, as an empty draft; the edit page then holds every field."""

    template_name = "targets/targettable_new.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=NewTableForm(units=self.units())))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = NewTableForm(request.POST, units=self.units())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        unit, year, kind = form.cleaned_data["unit"], form.cleaned_data["year"], form.cleaned_data["kind"]
        name = form.cleaned_data["project_name"].strip() or unit.name
        code = form.cleaned_data["project_code"].strip() or None
        if find_project(unit, year, code, name) is not None:
            form.add_error("project_name", _("This unit already has a table of this project for that year."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        core = CoreTable(
            kind=kind,
            subject="department" if kind == "department_target" else None,
            year=year,
            unit_code=unit.code or None,
            unit_name=unit.name,
            department=unit.parent.name if unit.parent and unit.parent.kind == "department" else None,
            project_code=code,
            project_name=name,
            title=None,
        )
        table = create_version(
            core=core, unit=unit, year=year, user=request.user, source_name="", reason=_("created on the web")
        )
        messages.success(request, _("Draft created. Fill in the table and save."))
        return redirect("targets:targettable_edit", pk=table.pk)


class TargetTableImportView(LoginRequiredMixin, FilingUnitsMixin, TemplateView):
    """Upload several files, preview each parsed table with its findings, then confirm to create drafts."""

    template_name = "targets/targettable_import.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=TargetTableImportForm(units=self.units())))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "batch" in request.POST:
            return self.confirm(request)
        form = TargetTableImportForm(request.POST, units=self.units())
        files = request.FILES.getlist("files")
        problems = []
        if not files:
            problems.append(_("Choose at least one file."))
        if len(files) > settings.JIXIAO_UPLOAD_MAX_FILES:
            problems.append(_("At most %(n)d files at once.") % {"n": settings.JIXIAO_UPLOAD_MAX_FILES})
        too_big = [f.name or "" for f in files if (f.size or 0) > settings.JIXIAO_UPLOAD_MAX_BYTES]
        if too_big:
            problems.append(
                _("Too large (the limit is %(mb)d MB): %(names)s")
                % {"mb": settings.JIXIAO_UPLOAD_MAX_BYTES // 2**20, "names": ", ".join(too_big)}
            )
        if problems or not form.is_valid():
            for problem in problems:
                messages.error(request, problem)
            return self.render_to_response(self.get_context_data(form=form), status=413 if too_big else 400)
        uploads = [importing.parse_upload(f.read(), f.name or "upload") for f in files]
        fallback = form.cleaned_data["unit"] or (self.units().first() if self.units().count() == 1 else None)
        year = form.cleaned_data["year"]
        batch = importing.stage(request.session, uploads, year=year, fallback=fallback)
        previews = []
        good = 0
        for upload in uploads:
            entries = (
                importing.preview(upload.document, good, user=request.user, year=year, fallback=fallback)
                if upload.document
                else []
            )
            if upload.document:
                good += 1
            previews.append({"upload": upload, "tables": entries})
        return self.render_to_response(self.get_context_data(form=form, previews=previews, batch=batch))

    def confirm(self, request: HttpRequest) -> HttpResponse:
        selected = set(request.POST.getlist("table"))
        if not selected:
            messages.error(request, _("Nothing was selected."))
            return redirect("targets:targettable_import")
        try:
            created = importing.confirm(request.session, request.POST["batch"], selected, user=request.user)
        except importing.ImportFailed as exc:
            messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": exc})
            return redirect("targets:targettable_import")
        except Exception:  # a bug must not show its Python text (in English) to the user: it is logged
            logging.getLogger(__name__).exception("confirming import batch %s failed", request.POST["batch"])
            reason = _("the server could not store the tables; tell your administrator")
            messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": reason})
            return redirect("targets:targettable_import")
        messages.success(request, _("%(n)d drafts created.") % {"n": len(created)})
        if len(created) == 1:
            return redirect("targets:targettable", pk=created[0].pk)
        return redirect(reverse("targets:targettable_list") + f"?status=draft&year={created[0].year}")
