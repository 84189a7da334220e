"""jixiao.web: the Django application where units file target tables and finance bureaus review them.

Apps follow NetBox's layout (``models``, ``choices``, ``filtersets``, ``forms``, ``tables``, ``views``,
``urls``, ``api``, ``templates/<app>/``). Django lives only under this package; the core library never
imports it.

Adding a model (the checklist, after NetBox's ``adding-models.md``):

1. Model in ``<app>/models.py`` on :class:`jixiao.web.core.models.TrackedModel` (history, timestamps) with an
   ``objects`` manager built from :class:`jixiao.web.core.querysets.RestrictedQuerySet` and a ``restrict()``.
2. Choices as ``TextChoices`` in ``<app>/choices.py``.
3. ``makemigrations <app>``.
4. Permission predicates in ``<app>/permissions.py`` (``rules``); the queryset's ``restrict`` must agree.
5. FilterSet, Table, Form; views that only declare attributes on the ``core.views`` bases.
6. URL names ``<app>:<model>_<action>``; templates under ``templates/<app>/``.
7. API router in ``<app>/api.py`` registered in ``jixiao.web.api``.
8. Rows in the authorisation matrix test (``tests/web/test_authorisation.py``).
"""
