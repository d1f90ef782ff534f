"""Every schema in the published OpenAPI document means one thing.

django-ninja names a component after its Schema class; two classes of the same
name in different apps silently share one component, so one operation publishes
the other's shape (this happened: tendering's and exchange's ``DocumentOut``,
tendering's and evaluation's ``CorrectionIn``; Schemathesis then found responses
that broke their own schema). Classes may share a name only if their JSON
schemas are the same.
"""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

from heldigital.platform.api import api


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_same_named_schemas_have_the_same_shape():
    components = api.get_openapi_schema()["components"]["schemas"]
    by_name: dict[str, dict[str, type]] = defaultdict(dict)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("heldigital"):
            by_name[cls.__name__][f"{cls.__module__}.{cls.__qualname__}"] = cls
    clashes = {}
    for name, classes in by_name.items():
        if len(classes) < 2 or name not in components:
            continue
        shapes = {path: cls.model_json_schema() for path, cls in classes.items()}
        if len({repr(sorted(s.get("properties", {}).items())) for s in shapes.values()}) > 1:
            clashes[name] = sorted(classes)
    assert clashes == {}, f"schema names shared by different shapes: {clashes}"
