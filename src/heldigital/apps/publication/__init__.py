"""Sending issued notices to TED and Doffin, in the worker, never twice.

Every :class:`~heldigital.apps.tendering.models.Notice` the platform issues
gets one :class:`~.models.NoticeDispatch` in the same transaction: where it
goes (:func:`heldigital.publication.destination`) or why it does not go
anywhere (no XML, no API key). The worker submits it through
:mod:`heldigital.publication`, retries temporary failures, polls until the
service has published it, and records every send and its outcome in the
procurement's protocol. docs/publication.md describes the states and why a
notice is never submitted twice.
"""
