"""Run as a script: migrate the database ``DATABASE_URL`` names, store tables for the concurrency test, print them.

Printed (JSON): for each client, the table it edits, its session cookie and the edit form's fields as a browser
would post them. Sessions are written straight into the store so that no password hashing slows the start.
"""

from __future__ import annotations

import json
import sys

# run as a script, so this folder is first on sys.path
from web_helpers import edit_form_data, make_org, make_user, small_table


def main(clients: int) -> None:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from jixiao.web.targets.services import create_version

    call_command("migrate", verbosity=0, interactive=False)
    bureau = make_org("并发测试财政局", "finance")
    department = make_org("并发测试主管部门", "department", bureau, "900")
    unit = make_org("并发测试单位", "unit", department, "900001")
    out = []
    for i in range(clients):
        user = make_user(f"filer{i}", "filer", unit)
        table = create_version(
            core=small_table(f"并发项目{i}", unit_code=unit.code, unit_name=unit.name, code=f"P-C{i}"),
            unit=unit,
            year=2024,
            user=user,
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append(
            {
                "user": user.username,
                "table": table.pk,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "form": edit_form_data(table, header={"project_name": f"并发项目{i}（已改）"}),
            }
        )
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
