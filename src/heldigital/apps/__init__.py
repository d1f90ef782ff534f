"""Django apps, one per bounded context (accounts, protocol, tendering, ...).

Apps orchestrate: business rules live in plain functions (often in the pure
standards libraries) that take ``now``, the rule set and the data as
arguments.
"""
