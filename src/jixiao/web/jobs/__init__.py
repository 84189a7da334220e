"""Background jobs: long work (imports of many files, exports, reminders) out of the web request.

A :class:`~jixiao.web.jobs.models.Job` row is what the page shows (status, progress, result, the reason of a
failure); the work itself runs on Django's Tasks API (the ``django-tasks`` backport): the database backend by
default, RQ on Redis when ``REDIS_URL`` is set. Each kind of job is a runner registered in
:mod:`jixiao.web.jobs.runners`; a runner's database writes and the job's final status share one transaction,
so a job that fails or whose worker dies leaves no partial rows.
"""
