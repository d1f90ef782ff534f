"""The Peppol AS4 access point (issue 11, deliver 3): outbox, inbox, transmission log.

Other apps call only :mod:`heldigital.apps.accesspoint.services` (``enqueue``,
``outbound_status``, ``on_inbound``). See docs/accesspoint.md.
"""
