"""The audit log and the task timeline in words: Vietnamese sentences with names and dd/mm/yyyy
dates, the raw values for admins only, and a label for every action and field the code records."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from html import unescape
from pathlib import Path

from tracker.audit import log as audit
from tracker.audit.views import words
from tracker.tasks.assigning import update_task

ROOT = Path(__file__).resolve().parents[2] / "tracker"


def _page(auth, client, user, url):
    auth.login(user)
    page = client.get(url)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _text(html: str) -> str:
    """What a reader sees: the tags out, the spaces collapsed, the entities read."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" :", ":")


def test_a_lead_change_reads_as_a_sentence_with_names(app, make, db, auth, client):
    stc = make.agency(code="STC", name="Sở Tài chính")
    task = make.task(lead=stc, title="Rà soát thủ tục")
    admin = make.user("admin", agency=None, email="qt@test.vn")
    # As update_task recorded a lead that had been unknown, and a completion report.
    audit.record("task.update", task, actor=admin, changes={"lead_agency": ["None", "<Agency STC>"]})
    audit.record("task.report", task, actor=admin, completed_on="2026-11-30")
    audit.record(
        "user.update", admin, actor=admin, changes={"active": ["True", "False"], "role": ["focal", "admin"]}
    )
    audit.record(
        "agency.merge", stc, actor=admin, successor="STC", users_moved=["qt@test.vn"], on="2025-03-01"
    )
    db.session.commit()

    html = _page(auth, client, admin, "/admin/audit/")
    text = _text(html.split("<tbody>", 1)[1])
    assert "Cơ quan chủ trì: (trống) → Sở Tài chính" in text
    assert "Ngày hoàn thành: 30/11/2026" in text
    assert "Đang hoạt động: Có → Không" in text
    assert "Vai trò: Đầu mối → Quản trị" in text
    assert "Cơ quan tiếp nhận: Sở Tài chính" in text
    assert "Tài khoản chuyển sang cơ quan tiếp nhận: Người dùng" in text
    assert "Ngày hiệu lực: 01/03/2025" in text
    # The raw values, for an admin who opens them.
    assert "Giá trị gốc" in text and '"lead_agency": ["None", "<Agency STC>"]' in text


def test_the_formatter_reads_an_edit_through_the_real_operation(app, make, db):
    old, new = (
        make.agency(code="SKHDT", name="Sở Kế hoạch và Đầu tư"),
        make.agency(code="STC", name="Sở Tài chính"),
    )
    task = make.task(lead=old, deadline=dt.date(2024, 6, 30))
    update_task(make.monitor(), task, None, lead_agency=new, deadline=dt.date(2024, 9, 30), priority="urgent")
    db.session.flush()
    with app.test_request_context():
        entry = db.session.scalars(
            db.select(audit.AuditEntry).where(audit.AuditEntry.action == "task.update")
        ).one()
        said = [str(line) for line in words.describe_entries([entry])[entry.id]]
    assert "Cơ quan chủ trì: Sở Kế hoạch và Đầu tư → Sở Tài chính" in said
    assert "Thời hạn: 30/06/2024 → 30/09/2024" in said
    assert "Mức độ: Bình thường → Khẩn" in said


def test_raw_values_on_the_timeline_are_for_admins_only(app, make, db, auth, client):
    old, new = (
        make.agency(code="SKHDT", name="Sở Kế hoạch và Đầu tư"),
        make.agency(code="STC", name="Sở Tài chính"),
    )
    task = make.task(lead=old)
    monitor = make.monitor()
    update_task(monitor, task, None, lead_agency=new)
    admin = make.user("admin", agency=None, email="qt@test.vn")
    db.session.commit()

    as_monitor = _text(_page(auth, client, monitor, f"/tasks/{task.id}"))
    assert "Cơ quan chủ trì: Sở Kế hoạch và Đầu tư → Sở Tài chính" in as_monitor
    assert "Giá trị gốc" not in as_monitor and '["SKHDT", "STC"]' not in as_monitor
    auth.logout()
    as_admin = _text(_page(auth, client, admin, f"/tasks/{task.id}"))
    assert "Cơ quan chủ trì: Sở Kế hoạch và Đầu tư → Sở Tài chính" in as_admin
    assert "Giá trị gốc" in as_admin and '"lead_agency": ["SKHDT", "STC"]' in as_admin


# ---------------------------------------------------------------- every action and field has a label


def _strings(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):  # f"task.{kind}" -> "task.*"
        return ["".join(v.value if isinstance(v, ast.Constant) else "*" for v in node.values)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _dict_keys(node, scope) -> set[str]:
    """The keys of a dict literal or dict(...) call, or of the dict a name in `scope` was given."""
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant)}
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "dict":
        return {k.arg for k in node.keywords if k.arg}
    if isinstance(node, ast.Name):
        found = set()
        for n in ast.walk(scope):
            if isinstance(n, ast.Assign) and any(ast.unparse(t) == node.id for t in n.targets):
                found |= _dict_keys(n.value, scope)
        return found
    return set()


def recorded() -> dict[str, set[str]]:
    """Every audit action the code records, with the detail keys and the changed fields it records:
    audit.record(...), audit.values(...), signals.noted.send(...) and a verb's Effects(audit=…)."""
    out: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        if "bench" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in ast.walk(tree):
            if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(scope):
                if not isinstance(call, ast.Call):
                    continue
                name = ast.unparse(call.func)
                actions, keys = [], set()
                if name in ("audit.record", "signals.noted.send") and call.args:
                    actions = _strings(call.args[0])
                    for k in call.keywords:
                        if k.arg is None:
                            keys |= _dict_keys(k.value, scope)
                        elif k.arg == "changes":
                            keys |= _changed_fields(scope)
                        elif k.arg != "actor":
                            keys.add(k.arg)
                elif name == "Effects":
                    for k in call.keywords:
                        if k.arg == "audit":
                            actions = _strings(k.value)
                        if k.arg == "details":
                            keys |= _dict_keys(k.value, scope)
                            if "changes" in keys:
                                keys = (keys - {"changes"}) | _changed_fields(scope)
                for action in actions:
                    out.setdefault(action, set()).update(keys)
    return out


def _changed_fields(scope) -> set[str]:
    """The fields a function that records `changes` may change: the keys of the dicts it builds."""
    keys = set()
    for n in ast.walk(scope):
        if isinstance(n, ast.Dict):
            keys |= {k.value for k in n.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        if (
            isinstance(n, ast.Subscript)
            and ast.unparse(n.value) == "changes"
            and isinstance(n.slice, ast.Constant)
        ):
            keys.add(n.slice.value)
        if isinstance(n, ast.Call) and ast.unparse(n.func) == "dict":
            keys |= {k.arg for k in n.keywords if k.arg}
    return keys


def test_every_recorded_action_and_field_has_a_label():
    from tracker.letterhead.settings import FIELDS
    from tracker.reminders.settings import ReminderSettings
    from tracker.tasks.effects.creating import EDITABLE_FIELDS

    found = recorded()
    assert len(found) > 40 and "task.update" in found and "agency.merge" in found
    # The changed fields that come from a settings object or a list of the fields of a form.
    found["task.update"] |= set(EDITABLE_FIELDS)
    found["letterhead.settings"] = set(FIELDS)
    found["reminders.settings"] = {f.name for f in dataclasses.fields(ReminderSettings)}
    assert {"lead_agency", "coordinating", "deadline"} <= found["task.update"]
    assert {"users_moved", "tasks_moved", "successor"} <= found["agency.merge"]

    missing_actions, missing_fields = [], []
    for action, keys in sorted(found.items()):
        if "*" in action:
            prefix = action.split("*")[0]
            if not any(a.startswith(prefix) for a in words.ACTION_LABELS):
                missing_actions.append(action)
        elif action not in words.ACTION_LABELS:
            missing_actions.append(action)
        object_type = ""
        for key in sorted(keys):
            if words.field_label(key, action, object_type) == key:
                missing_fields.append(f"{action}: {key}")
    assert not missing_actions, f"actions without a label in tracker/audit/views/words.py: {missing_actions}"
    assert not missing_fields, f"fields without a label in tracker/audit/views/words.py: {missing_fields}"


def test_the_timeline_fields_have_labels():
    from tracker.tasks.effects import base, creating, workflow

    fields = set()
    for module in (base, creating, workflow):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and ast.unparse(call.func) == "Effects" and len(call.args) >= 3:
                fields |= _dict_keys(call.args[2], tree)
        fields |= _changed_fields(tree) & {"status", "progress", "completed_on", "deadline", "result_ref"}
    assert "status" in fields
    assert [f for f in sorted(fields) if words.field_label(f, "", "Task") == f] == []
