"""Issued documents are frozen: written once, never changed or deleted.

Notices, ESPD requests, document versions, receipts, opening records,
letters, evaluation results, award decisions and contracts are records of
what was issued. A correction is a new record, never an edit. Models that
inherit :class:`Frozen` refuse a second ``save()``, ``delete()`` and the bulk
``update()``/``delete()``/``bulk_update()`` of their default manager; the one
sanctioned later write is :meth:`Frozen.set_once`, which fills in a field
that is still empty (a sent-at time, a confirmation), atomically and once.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

__all__ = ["Frozen", "FrozenError", "FrozenQuerySet"]


class FrozenError(Exception):
    """An attempt to change or delete a frozen record."""


class FrozenQuerySet(models.QuerySet[Any]):
    """Bulk changes of frozen rows are refused too."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise FrozenError(f"{self.model.__name__} rows cannot be changed")

    def delete(self) -> NoReturn:
        raise FrozenError(f"{self.model.__name__} rows cannot be deleted")

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> NoReturn:
        raise FrozenError(f"{self.model.__name__} rows cannot be changed")

    def _fill_empty(self, **values: Any) -> int:
        """Set fields that are still NULL (used by :meth:`Frozen.set_once` only)."""
        filters = {f"{name}__isnull": True for name in values}
        return models.QuerySet.update(self.filter(**filters), **values)


class Frozen(models.Model):
    """Written once; only the fields named in ``SET_ONCE`` may be filled in later, once."""

    SET_ONCE: tuple[str, ...] = ()

    objects = models.Manager.from_queryset(FrozenQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise FrozenError(f"a stored {type(self).__name__} cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise FrozenError(f"a {type(self).__name__} cannot be deleted")

    def set_once(self, **values: Any) -> None:
        """Fill in ``SET_ONCE`` fields that are still empty (refused if any is set)."""
        if set(values) - set(self.SET_ONCE):
            raise FrozenError(f"only {self.SET_ONCE} of a {type(self).__name__} may be set later")
        rows = type(self).objects.filter(pk=self.pk)._fill_empty(**values)
        if not rows:
            raise FrozenError(f"{', '.join(values)} of this {type(self).__name__} is already set")
        for name, value in values.items():
            setattr(self, name, value)
