"""Background and scheduled jobs, run by ``heldigital worker`` (docs/operations.md).

The queue is django-tasks with its database backend (``django_tasks_db``):
a job is a row in the platform's own database, on SQLite and PostgreSQL
alike, so no broker has to be run or backed up. :mod:`.mail` sends every
e-mail with retries, :mod:`.tasks` holds the periodic jobs and
:mod:`.schedule` enqueues them, once per period however many workers run.
"""
