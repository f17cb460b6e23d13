"""In-app notifications: what concerns a user (a task given to their agency, a report returned or
confirmed, a reminder, an extension decided), shown under the bell of the top bar whether or not
e-mail works. Created from the task workflow's signals (`hooks.py`), kept 90 days."""
