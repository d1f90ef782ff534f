"""Seeded mutants of official examples.

A mutant is an official example with one to three mutations. Every mutation is drawn
from ``random.Random`` seeded with ``(seed, index)``, so document ``index`` of seed
``seed`` is the same on every machine and any disagreement can be regenerated alone
(``make difftest SEED=s ONLY=index``).

The mutations are the kinds of mistakes real senders make and the ones that reach the
rules: deleted, blanked, duplicated, reordered and transplanted elements; changed codes,
amounts, dates, currencies, identifiers, countries, tax categories, CustomizationID and
ProfileID; removed attributes; stray whitespace. Replacement values come mostly from the
same element in other official examples (a realistic value of the wrong kind), otherwise
from small lists of plausible wrong values.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from lxml import etree

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: CustomizationIDs a mutant may be given (every known one plus plausible mistakes).
CUSTOMIZATION_IDS = [
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0",
    "urn:cen.eu:en16931:2017",
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    "#conformant#urn:fdc:anskaffelser.no:2019:ehf:spec:3.0",
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:2.0",
    "urn:cen.eu:en16931:2017#conformant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
    "urn:www.cenbii.eu:transaction:biitrns010:ver2.0:extended:urn:www.peppol.eu:bis:peppol4a:ver2.0",
    "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
    "urn:fdc:peppol.eu:poacc:trns:order:3",
    "urn:fdc:peppol.eu:poacc:trns:order_response:3",
    "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3",
    "urn:fdc:peppol.eu:poacc:trns:catalogue:3",
    "urn:fdc:peppol.eu:poacc:trns:mlr:3",
    "urn:fdc:peppol.eu:poacc:trns:invoice_response:3",
    "urn:fdc:anskaffelser.no:2019:ehf:spec:payment-request:3.0",
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0 ",
]
PROFILE_IDS = [
    "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
    "urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0",
    "urn:fdc:peppol.eu:2017:poacc:billing:02:1.0",
    "urn:fdc:peppol.eu:poacc:bis:order_only:3",
    "urn:fdc:peppol.eu:poacc:bis:ordering:3",
    "urn:fdc:peppol.eu:poacc:bis:despatch_advice:3",
    "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3",
    "urn:www.cenbii.eu:profile:bii04:ver2.0",
    "billing",
]
COUNTRIES = ["NO", "SE", "DK", "IT", "NL", "DE", "GR", "IS", "BE", "FR", "GB", "XX", "no"]
CURRENCIES = ["NOK", "EUR", "SEK", "DKK", "USD", "ISK", "GBP", "XXX", "EU", "nok"]
TAX_CATEGORIES = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "AA", "H", "X", ""]
SCHEMES = ["0088", "0192", "0184", "0007", "0208", "0106", "9906", "0211", "0204", "9999", "GLN"]
CODES = ["", "X", "ZZZ", "999", "abc", "1", "380", "381", "384", "389", "751", "30", "58", "C62"]


class Pool:
    """Values and elements seen in the official examples, by element and attribute name."""

    def __init__(self, roots: Iterable[etree._Element]) -> None:
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.attributes: dict[str, list[str]] = defaultdict(list)
        #: copies of elements by their parent's tag (for transplants)
        self.children: dict[str, list[etree._Element]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for root in roots:
            for el in root.iter(etree.Element):
                text = (el.text or "").strip()
                if len(el) == 0 and text and (el.tag, text) not in seen:
                    seen.add((el.tag, text))
                    self.texts[el.tag].append(text)
                for name, value in el.attrib.items():
                    if ("@" + name, value) not in seen:
                        seen.add(("@" + name, value))
                        self.attributes[name].append(value)
                parent = el.getparent()
                if parent is not None and len(self.children[parent.tag]) < 40:
                    self.children[parent.tag].append(copy.deepcopy(el))


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter(etree.Element) if el is not root]


def _leaves(root: etree._Element) -> list[etree._Element]:
    return [el for el in _elements(root) if len(el) == 0]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _path(el: etree._Element) -> str:
    steps = []
    node: etree._Element | None = el
    while node is not None:
        steps.append(_local(node))
        node = node.getparent()
    return "/".join(reversed(steps))


class Mutator:
    """Applies seeded mutations to a document (in place)."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng

    # -- helpers -------------------------------------------------------------
    def _pick(self, candidates: list[etree._Element]) -> etree._Element | None:
        return self.rng.choice(candidates) if candidates else None

    def _other_text(self, el: etree._Element, fallback: list[str]) -> str:
        current = (el.text or "").strip()
        seen = [v for v in self.pool.texts.get(el.tag, []) if v != current]
        if seen and self.rng.random() < 0.6:
            return self.rng.choice(seen)
        return self.rng.choice(fallback)

    # -- mutations (each returns a description, or None when not applicable) ---
    def delete(self, root: etree._Element) -> str | None:
        el = self._pick(_elements(root))
        if el is None:
            return None
        el.getparent().remove(el)
        return f"delete {_path(el)}"

    def blank(self, root: etree._Element) -> str | None:
        el = self._pick(_leaves(root))
        if el is None:
            return None
        el.text = self.rng.choice(["", " ", "\n  "])
        return f"blank {_path(el)}"

    def duplicate(self, root: etree._Element) -> str | None:
        el = self._pick(_elements(root))
        if el is None:
            return None
        el.addnext(copy.deepcopy(el))
        return f"duplicate {_path(el)}"

    def reorder(self, root: etree._Element) -> str | None:
        el = self._pick(_elements(root))
        if el is None:
            return None
        siblings = [s for s in el.getparent() if isinstance(s.tag, str) and s.tag != el.tag]
        other = self._pick(siblings)
        if other is None:
            return None
        parent = el.getparent()
        i, j = parent.index(el), parent.index(other)
        parent.remove(el)
        parent.insert(j if j < i else j - 1, el)
        if self.rng.random() < 0.5:
            parent.remove(other)
            parent.insert(i, other)
        return f"reorder {_path(el)} / {_local(other)}"

    def transplant(self, root: etree._Element) -> str | None:
        parents = [el for el in root.iter(etree.Element) if self.pool.children.get(el.tag)]
        parent = self._pick(parents)
        if parent is None:
            return None
        present = {c.tag for c in parent}
        # mostly an element the parent lacks (an optional element another example has);
        # sometimes a second one of an element it has
        missing = [c for c in self.pool.children[parent.tag] if c.tag not in present]
        choices = (
            missing if missing and self.rng.random() < 0.75 else self.pool.children[parent.tag]
        )
        child = copy.deepcopy(self.rng.choice(choices))
        same = [c for c in parent if c.tag == child.tag]
        if same and self.rng.random() < 0.7:
            same[-1].addnext(child)
        else:
            parent.insert(self.rng.randrange(len(parent) + 1), child)
        return f"transplant {_path(child)}"

    def code(self, root: etree._Element) -> str | None:
        codes = [el for el in _leaves(root) if _local(el).endswith(("Code", "TypeCode"))]
        el = self._pick(codes)
        if el is None:
            return None
        el.text = self._other_text(el, CODES)
        return f"code {_path(el)}={el.text!r}"

    def attribute(self, root: etree._Element) -> str | None:
        owners = [el for el in _elements(root) if el.attrib]
        el = self._pick(owners)
        if el is None:
            return None
        name = self.rng.choice(sorted(el.attrib))
        if self.rng.random() < 0.35:
            del el.attrib[name]
            return f"drop {_path(el)}/@{name}"
        values = [v for v in self.pool.attributes.get(name, []) if v != el.get(name)]
        fallback = {"currencyID": CURRENCIES, "schemeID": SCHEMES}.get(name, CODES)
        value = self.rng.choice(values) if values and self.rng.random() < 0.6 else None
        el.set(name, value if value is not None else self.rng.choice(fallback))
        return f"attribute {_path(el)}/@{name}={el.get(name)!r}"

    def amount(self, root: etree._Element) -> str | None:
        numbers = []
        for el in _leaves(root):
            try:
                Decimal((el.text or "").strip())
            except InvalidOperation:
                continue
            if _local(el) not in ("ID", "CustomizationID"):
                numbers.append(el)
        el = self._pick(numbers)
        if el is None:
            return None
        value = Decimal(el.text.strip())
        choice = self.rng.randrange(12)
        new = [
            lambda: value + Decimal("0.01"),
            lambda: value - Decimal("1"),
            lambda: value * 2,
            lambda: -value,
            lambda: Decimal(0),
            lambda: value + Decimal("0.001"),
            lambda: "1,50",
            lambda: f"{value}0",
            lambda: "NaN",
            lambda: value + 1,
            lambda: (value / 3).quantize(Decimal("0.01")),
            lambda: value.quantize(Decimal("1")),
        ][choice]()
        el.text = str(new)
        return f"amount {_path(el)}={el.text!r}"

    def date(self, root: etree._Element) -> str | None:
        dates = [el for el in _leaves(root) if _DATE.match((el.text or "").strip())]
        el = self._pick(dates)
        if el is None:
            return None
        try:
            day = dt.date.fromisoformat(el.text.strip())
        except ValueError:
            day = dt.date(2020, 1, 1)
        choice = self.rng.randrange(5)
        if choice == 0:
            el.text = "2017-13-45"
        elif choice == 1:
            el.text = day.strftime("%d.%m.%Y")
        else:
            el.text = (day + dt.timedelta(days=self.rng.randint(-400, 400))).isoformat()
        return f"date {_path(el)}={el.text!r}"

    def currency(self, root: etree._Element) -> str | None:
        new = self.rng.choice(CURRENCIES)
        owners = [el for el in root.iter(etree.Element) if el.get("currencyID") is not None]
        codes = [el for el in _leaves(root) if _local(el).endswith("CurrencyCode")]
        if not owners and not codes:
            return None
        if codes and (not owners or self.rng.random() < 0.4):
            el = self.rng.choice(codes)
            el.text = new
            return f"currency {_path(el)}={new!r}"
        if self.rng.random() < 0.5:
            for el in owners:
                el.set("currencyID", new)
            return f"currency every @currencyID={new!r}"
        el = self.rng.choice(owners)
        el.set("currencyID", new)
        return f"currency {_path(el)}/@currencyID={new!r}"

    def identifier(self, root: etree._Element) -> str | None:
        ids = [
            el
            for el in _leaves(root)
            if _local(el).endswith("ID") and _local(el) not in ("CustomizationID", "ProfileID")
        ]
        el = self._pick(ids)
        if el is None:
            return None
        text = (el.text or "").strip()
        choice = self.rng.randrange(4)
        if choice == 0 and text and text[-1].isdigit():
            el.text = text[:-1] + str((int(text[-1]) + self.rng.randint(1, 9)) % 10)
        elif choice == 1:
            el.set("schemeID", self.rng.choice(SCHEMES))
        elif choice == 2:
            el.text = self._other_text(el, ["123456789", "NO123456789MVA", "9908:987654321", "X"])
        else:
            el.text = text + self.rng.choice(["MVA", " ", "0", "-1"])
        return f"identifier {_path(el)}={el.text!r} @schemeID={el.get('schemeID')!r}"

    def customization(self, root: etree._Element) -> str | None:
        el = next(root.iterchildren(f"{{{CBC}}}CustomizationID"), None)
        if el is None:
            return None
        choice = self.rng.randrange(4)
        if choice == 0:
            root.remove(el)
            return "customization deleted"
        text = (el.text or "").strip()
        if choice == 1 and text:
            i = self.rng.randrange(len(text))
            el.text = text[:i] + text[i + 1 :]
        else:
            el.text = self.rng.choice(CUSTOMIZATION_IDS)
        return f"customization {el.text!r}"

    def profile(self, root: etree._Element) -> str | None:
        el = next(root.iterchildren(f"{{{CBC}}}ProfileID"), None)
        if el is None:
            return None
        if self.rng.random() < 0.25:
            root.remove(el)
            return "profile deleted"
        el.text = self.rng.choice(PROFILE_IDS)
        return f"profile {el.text!r}"

    def country(self, root: etree._Element) -> str | None:
        codes = [el for el in root.iter(f"{{{CBC}}}IdentificationCode")]
        el = self._pick(codes)
        if el is None:
            return None
        el.text = self.rng.choice(COUNTRIES)
        return f"country {_path(el)}={el.text!r}"

    def tax_category(self, root: etree._Element) -> str | None:
        cats = [
            el
            for el in root.iter(f"{{{CBC}}}ID", f"{{{CBC}}}Percent")
            if _local(el.getparent()) in ("TaxCategory", "ClassifiedTaxCategory")
        ]
        el = self._pick(cats)
        if el is None:
            return None
        if _local(el) == "Percent":
            el.text = self.rng.choice(["0", "25", "15", "12.5", "10", "24", "-5"])
        else:
            el.text = self.rng.choice(TAX_CATEGORIES)
        return f"tax {_path(el)}={el.text!r}"

    def whitespace(self, root: etree._Element) -> str | None:
        el = self._pick([el for el in _leaves(root) if (el.text or "").strip()])
        if el is None:
            return None
        el.text = self.rng.choice([" ", "\n", "  "]) + el.text + self.rng.choice(["", " "])
        return f"whitespace {_path(el)}"


#: mutation kind -> (weight, method)
KINDS: dict[str, tuple[int, Callable[[Mutator, etree._Element], str | None]]] = {
    "delete": (14, Mutator.delete),
    "blank": (6, Mutator.blank),
    "duplicate": (5, Mutator.duplicate),
    "reorder": (5, Mutator.reorder),
    "transplant": (6, Mutator.transplant),
    "code": (9, Mutator.code),
    "attribute": (7, Mutator.attribute),
    "amount": (10, Mutator.amount),
    "date": (5, Mutator.date),
    "currency": (5, Mutator.currency),
    "identifier": (8, Mutator.identifier),
    "customization": (4, Mutator.customization),
    "profile": (3, Mutator.profile),
    "country": (6, Mutator.country),
    "tax_category": (7, Mutator.tax_category),
    "whitespace": (3, Mutator.whitespace),
}


def mutate(root: etree._Element, pool: Pool, rng: random.Random) -> list[str]:
    """Apply one to three seeded mutations to ``root`` in place; their descriptions."""
    mutator = Mutator(pool, rng)
    count = rng.choices([1, 2, 3], weights=[5, 3, 2])[0]
    names = list(KINDS)
    weights = [KINDS[n][0] for n in names]
    done: list[str] = []
    attempts = 0
    while len(done) < count and attempts < 20:
        attempts += 1
        kind = rng.choices(names, weights=weights)[0]
        description = KINDS[kind][1](mutator, root)
        if description is not None:
            done.append(f"[{kind}] {description}")
    return done
