"""Imports every model so the metadata (and Alembic's autogenerate) knows all tables."""

from tracker.agencies.models import Agency  # noqa: F401
from tracker.api.models import ApiToken  # noqa: F401
from tracker.attachments.models import Attachment  # noqa: F401
from tracker.audit.models import AuditEntry, Setting  # noqa: F401
from tracker.auth.models import AccountMail, LoginAttempt, PasswordResetToken  # noqa: F401
from tracker.core.memo import DataVersion  # noqa: F401
from tracker.core.once import FormKey  # noqa: F401
from tracker.documents.models import Document  # noqa: F401
from tracker.feeds.models import CalendarFeed  # noqa: F401
from tracker.imports.models import ImportLock  # noqa: F401
from tracker.notifications.models import Notification  # noqa: F401
from tracker.reminders.models import Escalation, OutboxMessage, ReminderRun, ReminderSwitch  # noqa: F401
from tracker.tasks.models import ExtensionRequest, Task, TaskEvent, TaskSearch, TaskState  # noqa: F401
from tracker.users.models import User  # noqa: F401
from tracker.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
from tracker.workdays.models import CalendarDay  # noqa: F401
