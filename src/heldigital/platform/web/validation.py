"""The validation page: anyone uploads EHF / PEPPOL documents and sees the findings.

It orchestrates only; the work is :func:`heldigital.platform.validation.validate_documents`
(the same as ``POST /api/v1/validate`` and ``heldigital validate``). Nothing is stored.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from heldigital.platform import validation


def _rule_sets() -> list[str]:
    from heldigital.rules.rulesets import names

    return names()


@require_http_methods(["GET", "POST"])
def validate(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {
        "rule_sets": _rule_sets(),
        "max_files": validation.MAX_FILES,
        "max_mb": validation.max_bytes() // (1024 * 1024),
        "chosen": "",
    }
    status = 200
    if request.method == "POST":
        chosen = (request.POST.get("rules") or "").strip()
        context["chosen"] = chosen
        try:
            if getattr(request, "upload_refused", False):
                raise validation.InputRefused(
                    413,
                    _("The upload is too large; validate fewer or smaller documents at a time."),
                )
            documents = [
                (validation.safe_name(f.name, i), f.read())
                for i, f in enumerate(request.FILES.getlist("files"), 1)
            ]
            context["results"] = validation.validate_documents(
                documents, rule_set=chosen or None, with_excerpts=True
            )
        except validation.InputRefused as exc:
            context["error"] = exc.message
            status = 413 if exc.status == 413 else 400
    return render(request, "web/validate.html", context, status=status)
