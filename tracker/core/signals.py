"""The signals through which a lower layer tells the upper ones that something happened.

A module imports only what stands below it (docs/architecture.md). When a change made low down
must cause a reaction higher up — a webhook queued when a task is reported, the audit entry of a
refused request, the version of the shared page bodies moved on — the lower module sends one of
these signals and the upper package connects a receiver; the lower one never imports the upper.
Receivers run in the sender's transaction (they flush, never commit) unless said otherwise.

The receivers are connected when their modules are imported; create_app imports them all in one
place (`register_signals` in tracker/__init__.py), so a reader finds the wiring there.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# A workflow change of a task that subscribers outside the task domain react to. Sent by
# tracker.tasks.operations with `task` and `kind` ("assigned", "reported", "confirmed", "returned").
# tracker.webhooks queues the deliveries of the matching webhook event.
task_changed = _signals.signal("task-changed")

# Any timeline event the task write path stored (tracker.tasks.recording.store): sent with `task`,
# the event `kind` ("created", "confirmed", "returned", "extension_approved", "reminder"…), the
# `actor`, the `changes` {field: (old, new)}, the `comment` and the business day `on`.
# tracker.notifications tells the agencies' focal points in the application.
task_recorded = _signals.signal("task-recorded")

# A monitor's manual reminder (đôn đốc) about `tasks`, sent by tracker.tasks.operations.remind with
# the actor as sender and `tasks`, `message`, `on`. tracker.reminders queues its e-mails.
tasks_reminded = _signals.signal("tasks-reminded")

# Something the audit log keeps that is no domain object's change: a refused request
# ("access.denied"), a form refused for its CSRF token, an e-mail not sent for want of a server.
# Sent with `action`, `actor` and the details as keyword arguments; tracker.audit records it.
noted = _signals.signal("noted")
