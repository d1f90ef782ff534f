"""Damaged documents give a DocumentError, never another exception.

Post-award documents arrive from the network and from uploads. Hypothesis
damages the official examples (removes an element, replaces a leaf's text
with arbitrary text, or sets an arbitrary attribute) and the reader must
either accept the document or refuse it with
:class:`heldigital.xml.DocumentError` (with a line number) - no
``ValueError``, ``TypeError``, ``InvalidOperation`` or ``KeyError`` from
deeper down.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital import xml
from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.catalogue import Catalogue
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.mapping import Document
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import OrderResponse
from tests.lib.ehf.postaward_support import examples

MODELS: dict[str, type[Document]] = {
    m.ROOT: m
    for m in (
        Order,
        OrderChange,
        OrderCancellation,
        OrderResponse,
        DespatchAdvice,
        Catalogue,
        ApplicationResponse,
    )
}
#: Text that XML can carry (no control characters, no surrogates).
XML_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
SAMPLES = [path for root in MODELS for path in examples(root)[:3]]


@st.composite
def damaged(draw: st.DrawFn) -> tuple[type[Document], bytes]:
    path = draw(st.sampled_from(SAMPLES))
    root = xml.parse_file(path).getroot()
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
    target = draw(st.sampled_from(elements))
    action = draw(st.sampled_from(["remove", "text", "attribute"]))
    if action == "remove":
        parent = target.getparent()
        assert parent is not None
        parent.remove(target)
    elif action == "text":
        target.text = draw(XML_TEXT)
    else:
        name = draw(st.sampled_from(["currencyID", "unitCode", "schemeID", "listID", "mimeCode"]))
        target.set(name, draw(st.text(alphabet="ABCxyz019 -", max_size=6)))
    model = MODELS[etree.QName(root).localname]
    return model, etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_documents_are_read_or_refused_clearly(case: tuple[type[Document], bytes]) -> None:
    model, data = case
    try:
        document = model.from_xml(data)
    except xml.DocumentError as exc:
        assert exc.line is not None, str(exc)
        return
    # What is accepted can be written and read again.
    assert model.from_xml(document.to_xml()) == document


def test_samples_cover_every_document_type() -> None:
    roots = {xml.parse_file(p).getroot().tag.split("}")[1] for p in SAMPLES}
    assert roots == set(MODELS)
