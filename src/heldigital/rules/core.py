"""Core of the native validator: rules, rule sets, findings and the document context.

A *rule* is a Python function registered under its official rule id (for
example ``BR-01`` of EN 16931-1, ``PEPPOL-EN16931-R001`` of PEPPOL BIS
Billing 3.0, ``PEPPOL-T01-R003`` of PEPPOL BIS Order 3.0). It receives a
:class:`Document` and yields every place where the rule is broken: the
context element (its XPath becomes the finding's location), or a pair
``(element, message)`` when the official message carries values.

A *rule set* mirrors an official validation configuration (the vefa
``configuration`` identifiers such as ``tc434-ubl`` or
``peppolbis-t01-base-3.0``): an ordered selection of rule ids with a
version and an effective-from date, because PEPPOL publishes a rule release
twice a year and a document is judged by the release in force.

Nothing here imports Django.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

from lxml import etree

from heldigital.rules.xpath import xs_decimal

__all__ = [
    "NS",
    "Document",
    "Finding",
    "Hit",
    "Ids",
    "Registry",
    "Rule",
    "RuleSet",
    "Severity",
]

#: Namespace prefixes used by the official Schematron and by our locations.
NS: dict[str, str] = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "ubl": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "order": "urn:oasis:names:specification:ubl:schema:xsd:Order-2",
    "or": "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2",
    "oc": "urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2",
    "ocn": "urn:oasis:names:specification:ubl:schema:xsd:OrderCancellation-2",
    "da": "urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2",
    "cat": "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2",
    "ar": "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2",
    "qt": "urn:oasis:names:specification:ubl:schema:xsd:Quotation-2",
    "ra": "urn:oasis:names:specification:ubl:schema:xsd:ReceiptAdvice-2",
}
_PREFIX_OF = {uri: prefix for prefix, uri in NS.items() if prefix in ("cac", "cbc", "ext")}


class Severity(enum.StrEnum):
    """The Schematron flag of a rule: ``fatal`` fails the document, ``warning`` does not."""

    FATAL = "fatal"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule at one place: what the report lists."""

    rule: str
    severity: Severity
    location: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "location": self.location,
            "message": self.message,
        }


Element: TypeAlias = etree._Element
#: What a rule function yields for each failure.
Hit: TypeAlias = "Element | tuple[Element, str]"
Check: TypeAlias = Callable[["Document"], Iterable[Any]]


@dataclass(frozen=True, slots=True)
class Rule:
    """An official rule: id, flag, message and the function that checks it.

    ``context`` (optional) names elements (Clark tags) of which at least one must be in the
    document for the rule to be able to fire, typically the tag of the Schematron rule
    context: :meth:`RuleSet.run` does not call the check of a rule none of whose context
    elements the document has. An entry starting with ``@`` is a *fact* instead: a key that
    one of the family's fact functions (:meth:`Registry.facts`) reports for the document
    (say ``@en16931:vat:AE``, "some tax category has code AE"). ``None`` means the rule is
    always run. A wrong context would hide findings; the official unit tests are run with
    and without this skipping (``tests/lib/rules/test_index_context.py``).
    """

    id: str
    severity: Severity
    message: str
    check: Check
    context: frozenset[str] | None = None

    def run(self, doc: Document) -> Iterator[Finding]:
        for hit in self.check(doc):
            if isinstance(hit, tuple):
                element, message = hit
            else:
                element, message = hit, self.message
            yield Finding(self.id, self.severity, doc.location(element), message)


class Registry:
    """The rules of one family (EN 16931, PEPPOL BIS Billing, PEPPOL post-award ...).

    Ids are unique within a family; two families may share an id with
    different meaning (``PEPPOL-COMMON-R040`` exists in BIS Billing and in
    the post-award rules), so rule sets name the registries they draw from.
    """

    def __init__(
        self, name: str, *, release: str | None = None, sources: tuple[str, ...] = ()
    ) -> None:
        self.name = name
        self._rules: dict[str, Rule] = {}
        #: Where the flag and message of a rule registered without them come from: the
        #: manifest of ``release``, the first of ``sources`` that has the id (no sources: any
        #: source of the release). Rule sets with a manifest take them from their own
        #: release's manifest instead (:meth:`RuleSet.rules`); this default serves rule sets
        #: without one (the EHF formats reuse PEPPOL rules) and direct lookups.
        self.release = release
        self.sources = sources
        self._textless: set[str] = set()
        #: functions giving the facts (``@...`` context keys) that hold for a document
        self.fact_functions: list[Callable[[Document], Iterable[str]]] = []

    def facts(
        self, func: Callable[[Document], Iterable[str]]
    ) -> Callable[[Document], Iterable[str]]:
        """Decorator: register a function reporting ``@...`` facts for rule contexts."""
        self.fact_functions.append(func)
        return func

    def rule(
        self,
        rule_id: str,
        severity: str | None = None,
        message: str | None = None,
        *,
        context: Iterable[str] | None = None,
    ) -> Callable[[Check], Check]:
        """Decorator: register the function as the check of official rule ``rule_id``.

        The function carries only the logic: the flag (``fatal`` or ``warning``) and the
        official message come from the manifest (:mod:`heldigital.rules.releases`), of the
        rule set's release when it runs, else of the registry's :attr:`release`. Only rules
        of sources without a manifest (the EHF Schematron) pass ``severity`` and ``message``.
        ``context``: see :class:`Rule` (Clark tags one of which the rule needs in the
        document).
        """
        needed = None if context is None else frozenset(context)

        def decorate(func: Check) -> Check:
            if message is None or severity is None:
                if self.release is None:
                    raise ValueError(f"rule {rule_id}: no manifest for its text in {self.name}")
                self._textless.add(rule_id)
                # placeholder flag and text, replaced from the manifest on first lookup
                self.add(Rule(rule_id, Severity.FATAL, "", func, needed))
            else:
                self.add(Rule(rule_id, Severity(severity), message, func, needed))
            return func

        return decorate

    def add(self, rule_: Rule) -> Rule:
        if rule_.id in self._rules:
            raise ValueError(f"rule {rule_.id} is registered twice")
        self._rules[rule_.id] = rule_
        return rule_

    def _with_text(self) -> None:
        """Give every rule registered without flag and message those of the manifest."""
        if not self._textless:
            return
        from heldigital.rules import releases

        assert self.release is not None
        texts = releases.texts(self.release, self.sources)
        for rid in sorted(self._textless):
            entry = texts.get(rid)
            if entry is None:
                raise LookupError(f"rule {rid} of {self.name} is not in manifest {self.release}")
            old = self._rules[rid]
            self._rules[rid] = Rule(
                rid, Severity(entry.flag), entry.message, old.check, old.context
            )
        self._textless.clear()

    def logic(self, rule_id: str) -> Rule | None:
        """The rule registered as ``rule_id`` (None: not here) without reading a manifest:
        its :attr:`Rule.check` and :attr:`Rule.context` are the logic; its flag and message
        are only meaningful when the rule was registered with them."""
        return self._rules.get(rule_id)

    def __getitem__(self, rule_id: str) -> Rule:
        self._with_text()
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        self._with_text()
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def ids(self, prefix: str = "") -> list[str]:
        return [rid for rid in self._rules if rid.startswith(prefix)]


class Ids(Sequence[str]):
    """Rule ids computed on first use: a rule set whose ids are its release's manifest reads
    the manifest when it first runs (or is asked for its ids), not when it is defined, so that
    importing the rule families stays cheap. Compares equal to the tuple of its ids."""

    __slots__ = ("_ids", "_make")

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make: Callable[[], Iterable[str]] | None = make
        self._ids: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        ids = self._ids
        if ids is None:
            assert self._make is not None
            ids = self._ids = tuple(self._make())
            self._make = None
        return ids

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index: Any) -> Any:
        return self._get()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._get()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ids):
            other = other._get()
        return self._get() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._get())

    def __add__(self, other: Iterable[str]) -> tuple[str, ...]:
        return self._get() + tuple(other)

    def __radd__(self, other: Iterable[str]) -> tuple[str, ...]:
        return tuple(other) + self._get()

    def __repr__(self) -> str:
        return "Ids(...)" if self._ids is None else f"Ids({self._ids!r})"


@dataclass(frozen=True)
class RuleSet:
    """An official validation configuration, as a selection of rule ids.

    ``name`` is the official configuration identifier; ``version`` the version of the rule
    source (e.g. ``"3.0.19"``); ``effective_from`` the day that version applies from;
    ``release`` the rule release (:mod:`heldigital.rules.releases`) the set belongs to (None:
    every release, for the EHF formats, whose sources are outside the PEPPOL releases).
    ``document_types`` are the root element local names it validates.

    ``manifest`` names the official Schematron files of the release's manifest that the set
    runs (``("CEN-EN16931-UBL", "PEPPOL-EN16931-UBL")``): then the set's ids are those of the
    manifest, in official order (unless ``rule_ids`` narrows them), each rule's flag and
    message are the manifest's, and only its logic comes from the registries' functions;
    :meth:`missing` lists the manifest ids without a function.
    """

    name: str
    title: str
    version: str
    effective_from: date
    document_types: frozenset[str]
    rule_ids: Sequence[str] = ()
    registries: tuple[Registry, ...] = field(repr=False, compare=False, default=())
    #: CustomizationID values (prefixes) that select this set in detection.
    customization_ids: tuple[str, ...] = ()
    #: ProfileID values of which the document's must be one for this set to be selected
    #: (empty: any): configurations declared as ``ProfileID#CustomizationID`` (EHF Order and
    #: Advanced Ordering share a CustomizationID and differ by ProfileID).
    profile_ids: tuple[str, ...] = ()
    #: Other official configuration identifiers that mean this set.
    aliases: tuple[str, ...] = ()
    #: The syntax the official configuration validates with its XSD step
    #: (``ubl-2.1``, or ``ubl-2.3`` for order change, cancellation and
    #: advanced order response).
    syntax: str = "ubl-2.1"
    #: Root element local names for which this set is the default: a document whose
    #: CustomizationID matches no set is validated by it (and its identifier rules report
    #: the wrong identifier), as the official configurations of the document type do.
    default_for: frozenset[str] = frozenset()
    #: A configuration made of several Schematron files whose rule ids overlap (an EHF
    #: format's own ``PEPPOL-COMMON-R040`` beside the one of PEPPOL BIS Billing): the parts
    #: run one after the other, each resolving its ids in its own registries. The set's own
    #: ``rule_ids`` and ``registries`` are then the concatenation of the parts'.
    parts: tuple[RuleSet, ...] = field(repr=False, compare=False, default=())
    #: The rule release of the set (None: in every release).
    release: str | None = None
    #: The manifest sources (official Schematron files) of ``release`` the set runs.
    manifest: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.manifest:
            if self.release is None:
                raise ValueError(f"rule set {self.name}: a manifest needs a release")
            if not isinstance(self.rule_ids, Ids) and not self.rule_ids:
                release, sources = self.release, self.manifest

                def manifest_ids() -> tuple[str, ...]:
                    from heldigital.rules import releases

                    return releases.get(release).ids(*sources)

                object.__setattr__(self, "rule_ids", Ids(manifest_ids))

    def _texts(self) -> dict[str, Any]:
        """Rule id -> manifest entry (flag and message) of the set's manifest sources."""
        if not self.manifest:
            return {}
        from heldigital.rules import releases

        assert self.release is not None
        return releases.get(self.release).entries(*self.manifest)

    def _lookup(self, rule_id: str) -> Rule | None:
        for registry in self.registries:
            if rule_id in registry:
                # with a manifest the text is the set's own: the registry's is not needed
                return registry.logic(rule_id) if self.manifest else registry[rule_id]
        return None

    def rules(self) -> list[Rule]:
        """The implemented rules of the set, in official order (resolved once)."""
        if self.parts:
            joined = self.__dict__.get("_joined")
            if joined is None:
                joined = [r for part in self.parts for r in part.rules()]
                object.__setattr__(self, "_joined", joined)
            return joined
        size = sum(len(r) for r in self.registries)
        cached = self.__dict__.get("_resolved")
        if cached is None or cached[0] != size:
            texts = self._texts()
            resolved: list[Rule] = []
            for rid in self.rule_ids:
                rule_ = self._lookup(rid)
                if rule_ is None:
                    continue
                entry = texts.get(rid)
                if entry is not None:
                    # the function carries the logic, the manifest the flag and the text
                    rule_ = Rule(
                        rid, Severity(entry.flag), entry.message, rule_.check, rule_.context
                    )
                resolved.append(rule_)
            cached = (size, resolved)
            # frozen dataclass: the cache is not part of the value
            object.__setattr__(self, "_resolved", cached)
        return cached[1]

    def missing(self) -> list[str]:
        """Rule ids of this set (for a set with a :attr:`manifest`: the manifest's) that no
        function implements; empty for every set of a shipped release (tested)."""
        if self.parts:
            return [rid for part in self.parts for rid in part.missing()]
        return [rid for rid in self.rule_ids if self._lookup(rid) is None]

    def _plan(self) -> tuple[list[Rule], tuple[int, ...], dict[str, tuple[int, ...]]]:
        """(rules, positions of the rules always run, positions by context tag)."""
        rules = self.rules()
        cached = self.__dict__.get("_planned")
        if cached is None or cached[0] is not rules:
            always: list[int] = []
            by_tag: dict[str, list[int]] = {}
            for i, rule_ in enumerate(rules):
                if rule_.context is None:
                    always.append(i)
                else:
                    for tag in rule_.context:
                        by_tag.setdefault(tag, []).append(i)
            cached = (rules, tuple(always), {t: tuple(p) for t, p in by_tag.items()})
            object.__setattr__(self, "_planned", cached)
            object.__setattr__(self, "_selections", {})
        return cached[0], cached[1], cached[2]

    def _fact_functions(self) -> list[Callable[[Document], Iterable[str]]]:
        """The fact functions of the registries, when a rule of the set uses a fact."""
        cached = self.__dict__.get("_facts")
        if cached is None or cached[0] is not self._plan()[0]:
            uses = any(key[:1] == "@" for key in self._plan()[2])
            functions = [f for r in self.registries for f in r.fact_functions] if uses else []
            cached = (self._plan()[0], functions)
            object.__setattr__(self, "_facts", cached)
        return cached[1]

    def run(
        self, doc: Document, only: frozenset[str] | None = None, *, skip: bool = True
    ) -> list[Finding]:
        """Run every rule of the set (or only the ids in ``only``) on ``doc``.

        Rules whose :attr:`Rule.context` elements are all absent from the document are not
        called (they cannot fire); ``skip=False`` calls every rule (for tests).
        """
        findings: list[Finding] = []
        location = doc.location
        rules, always, by_tag = self._plan()
        selected: Iterable[Rule] = rules
        if skip and by_tag:
            keys = by_tag.keys() & doc.by_tag().keys()
            for facts in self._fact_functions():
                keys.update(key for key in facts(doc) if key in by_tag)
            present = frozenset(keys)
            # documents of one kind share their context elements: the selection is memoised
            memo: dict[frozenset[str], list[Rule]] = self.__dict__.setdefault("_selections", {})
            found = memo.get(present)
            if found is None:
                chosen = set(always)
                for tag in present:
                    chosen.update(by_tag[tag])
                found = [rules[i] for i in sorted(chosen)]
                if len(memo) >= 512:
                    memo.clear()
                memo[present] = found
            selected = found
        for rule_ in selected:
            if only is not None and rule_.id not in only:
                continue
            # Inlined Rule.run: this loop runs ~1,000 times per invoice.
            for hit in rule_.check(doc):
                if isinstance(hit, tuple):
                    element, message = hit
                else:
                    element, message = hit, rule_.message
                findings.append(Finding(rule_.id, rule_.severity, location(element), message))
        return findings


#: ``Document.cache`` key of the shared element index (:meth:`Document.by_tag`).
BY_TAG = "core.by_tag"
#: ``Document.cache`` key of the number of attributes of each (Clark) name in the document, a
#: dict: left there by the structure check's one pass over a valid document (absent otherwise).
ATTRIBUTE_COUNTS = "core.attribute_counts"
#: ``Document.cache`` key of the elements without any child node and with blank text (XML white
#: space only, or none), in document order, a list: left there by the structure check's one pass
#: over a valid document (absent otherwise), for ``PEPPOL-EN16931-R008``.
EMPTY_ELEMENTS = "core.empty_elements"
_POSITIONS = "core.positions"
_CUSTOMIZATION_ID = "{" + NS["cbc"] + "}CustomizationID"
_PROFILE_ID = "{" + NS["cbc"] + "}ProfileID"
_NONE: list[Any] = []
#: Up to this many candidates :meth:`Document.path` checks upwards rather than walking down.
_UPWARD_LIMIT = 16


class Document:
    """A parsed document as the rules see it.

    Wraps the lxml root and offers the small helpers the rule functions share:
    compiled-XPath evaluation with the official prefixes, decimal parsing
    as an ``xs:decimal`` cast, and SVRL-like locations.
    """

    __slots__ = ("cache", "root", "tree")

    _compiled: dict[str, etree.XPath] = {}

    def __init__(self, root: Element) -> None:
        self.root = root
        self.tree = root.getroottree()
        #: Per-document values that several rules share (sums, indexes); keyed by the rule module.
        self.cache: dict[str, Any] = {}

    # -- identity -----------------------------------------------------------
    @property
    def local_name(self) -> str:
        return etree.QName(self.root).localname

    @property
    def namespace(self) -> str | None:
        return etree.QName(self.root).namespace

    def text(self, path: str, node: Element | None = None) -> str | None:
        """Text of the first element at ``path`` (ElementPath with NS prefixes), stripped."""
        el = (self.root if node is None else node).find(path, NS)
        if el is None or el.text is None:
            return None
        return el.text.strip()

    def _child_text(self, tag: str) -> str | None:
        """Text of the root's first child with Clark ``tag``, stripped (a plain child lookup:
        ``text("cbc:X")`` without the prefix path parsing)."""
        el = next(self.root.iterchildren(tag), None)
        if el is None or el.text is None:
            return None
        return el.text.strip()

    @property
    def customization_id(self) -> str | None:
        return self._child_text(_CUSTOMIZATION_ID)

    @property
    def profile_id(self) -> str | None:
        return self._child_text(_PROFILE_ID)

    # -- the shared element index -------------------------------------------
    def by_tag(self) -> dict[Any, list[Element]]:
        """Every element of the document by Clark tag, each list in document order.

        Built with one walk on first use and shared by every rule family; comments and
        processing instructions are not in it. The lists are shared: do not modify them.
        """
        index: dict[Any, list[Element]] | None = self.cache.get(BY_TAG)
        if index is None:
            index = {}
            get = index.get
            for el in self.root.iter(etree.Element):
                tag = el.tag
                same = get(tag)
                if same is None:
                    index[tag] = [el]
                else:
                    same.append(el)
            self.cache[BY_TAG] = index
        return index

    def all(self, tag: str) -> list[Element]:
        """Every element with this Clark tag, anywhere, in document order (shared list)."""
        return self.by_tag().get(tag, _NONE)

    def path(self, el: Element, *tags: str) -> list[Element]:
        """``el/t1/t2/.../tn`` (child steps, Clark tags): the elements found, in document order.

        When the document has few ``tn`` elements they are taken from the element index and
        their ancestors compared with the path (a few pointer steps each); otherwise the
        path is followed down from ``el``. Both give the same elements.
        """
        index = self.cache.get(BY_TAG)
        if index is None:
            index = self.by_tag()
        last = index.get(tags[-1])
        if not last:
            return []
        if len(last) <= _UPWARD_LIMIT:
            found: list[Element] = []
            above = tags[-2::-1]
            for candidate in last:
                node = candidate.getparent()
                for tag in above:
                    if node is None or node.tag != tag:
                        break
                    node = node.getparent()
                else:
                    if node is el:
                        found.append(candidate)
            return found
        current = [el]
        for tag in tags:
            current = [c for node in current for c in node.iterchildren(tag)]
            if not current:
                break
        return current

    # -- queries ------------------------------------------------------------
    def xpath(self, expr: str, node: Element | None = None, **variables: Any) -> Any:
        """Evaluate an XPath 1.0 expression (compiled once per process)."""
        compiled = Document._compiled.get(expr)
        if compiled is None:
            compiled = etree.XPath(expr, namespaces=NS, smart_strings=False)
            Document._compiled[expr] = compiled
        return compiled(self.root if node is None else node, **variables)

    def find(self, path: str, node: Element | None = None) -> Element | None:
        return (self.root if node is None else node).find(path, NS)

    def findall(self, path: str, node: Element | None = None) -> list[Element]:
        return (self.root if node is None else node).findall(path, NS)

    # -- values -------------------------------------------------------------
    @staticmethod
    def decimal(value: str | None) -> Decimal | None:
        """``xs:decimal`` cast (:func:`heldigital.rules.xpath.xs_decimal`): None when the
        value is absent or not a decimal."""
        return xs_decimal(value)

    # -- locations ------------------------------------------------------------
    def location(self, element: Element) -> str:
        """An XPath to ``element`` like ``/Invoice/cac:InvoiceLine[2]/cbc:ID``.

        The root and document namespace elements are written unprefixed,
        UBL common components with their usual ``cac``/``cbc``/``ext``
        prefixes; a position is given when an element has same-named
        siblings.
        """
        if not isinstance(element, etree._Element):
            # attributes and text results carry their parent
            parent = getattr(element, "getparent", lambda: None)()
            if parent is None:
                return "/" + self.local_name
            base = self.location(parent)
            name = getattr(element, "attrname", None)
            return f"{base}/@{name}" if name else base
        steps: list[str] = []
        node: Element | None = element
        positions: dict[tuple[Element, Any], dict[Element, int]] | None = self.cache.get(_POSITIONS)
        if positions is None:
            positions = self.cache[_POSITIONS] = {}
        while node is not None:
            qname = etree.QName(node)
            prefix = _PREFIX_OF.get(qname.namespace or "")
            name = f"{prefix}:{qname.localname}" if prefix else qname.localname
            parent = node.getparent()
            if parent is not None:
                # the position among same-named siblings, counted once per parent and name
                # (a finding on each of 10,000 lines must not count 10,000 siblings each)
                key = (parent, node.tag)
                same = positions.get(key)
                if same is None:
                    same = positions[key] = {
                        s: i for i, s in enumerate(parent.iterchildren(node.tag), 1)
                    }
                if len(same) > 1:
                    name = f"{name}[{same[node]}]"
            steps.append(name)
            node = parent
        return "/" + "/".join(reversed(steps))
