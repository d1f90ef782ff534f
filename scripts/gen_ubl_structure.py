"""Generate the UBL 2.1 structure model used by ``heldigital.rules.structure``.

The structural check replaces the XSD step of the official validators. Its
model - for every UBL element, the ordered child elements with their
cardinality, or the simple-content data type with its attributes - is
derived here from the OASIS UBL 2.1 schemas, which Heldigital does not ship:

    python scripts/gen_ubl_structure.py ../shared/corpus/ubl-2.1/xsd
    python scripts/gen_ubl_structure.py ../shared/corpus/eforms-sdk/1.16.0-SNAPSHOT/schemas 2.3

writes ``src/heldigital/rules/ubl21_model.py`` (UBL 2.1, all 65 documents)
and ``ubl23_model.py`` (the UBL 2.3 common components as shipped in the
eForms SDK, with the eForms notices as documents; the other UBL 2.3
document schemas are not in the corpus). The generated file is
committed; rerun after a schema change. UBL 2.1 content models are plain
``xsd:sequence`` lists of element references (plus ``xsd:any`` in extension
content), which keeps both generator and checker small.
"""

from __future__ import annotations

import sys
from pathlib import Path

from heldigital import xml

XSD = "http://www.w3.org/2001/XMLSchema"
X = "{" + XSD + "}"
RULES = Path(__file__).resolve().parent.parent / "src/heldigital/rules"

PREFIXES = {
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2": "cac",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2": "cbc",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2": "ext",
}


class Schemas:
    def __init__(self, root: Path) -> None:
        self.elements: dict[tuple[str, str], tuple[str, str]] = {}
        self.complex: dict[tuple[str, str], object] = {}
        self.simple: dict[tuple[str, str], object] = {}
        self.maindocs: dict[str, tuple[str, str]] = {}
        for path in sorted(root.rglob("*.xsd")):
            if "xmldsig" in path.name or "XAdES" in path.name or "ExtensionApex" in path.name:
                # signature schemas (one carries a DOCTYPE) and the eForms extension apex:
                # used only inside extension content, which the check does not enter
                continue
            schema = xml.parse_file(path).getroot()
            tns = schema.get("targetNamespace", "")
            for child in schema:
                if not isinstance(child.tag, str):
                    continue
                name = child.get("name")
                if child.tag == X + "element" and name:
                    self.elements[(tns, name)] = self.qname(child, child.get("type"))
                    if path.parent.name == "maindoc":
                        self.maindocs[tns] = (tns, name)
                elif child.tag == X + "complexType" and name:
                    self.complex[(tns, name)] = child
                elif child.tag == X + "simpleType" and name:
                    self.simple[(tns, name)] = child

    @staticmethod
    def qname(node, value: str) -> tuple[str, str]:
        prefix, _, local = value.rpartition(":")
        ns = node.nsmap.get(prefix or None)
        if ns is None:
            raise SystemExit(f"unresolvable QName {value!r} at line {node.sourceline}")
        return ns, local

    def primitive_and_attributes(self, type_name: tuple[str, str]) -> tuple[str, dict]:
        """Follow a simple-content type down to its XSD primitive; collect attributes."""
        if type_name[0] == XSD:
            return type_name[1], {}
        if type_name in self.simple:
            node = self.simple[type_name]
            restriction = node.find(X + "restriction")
            return self.primitive_and_attributes(self.qname(restriction, restriction.get("base")))
        node = self.complex[type_name]
        content = node.find(X + "simpleContent")
        if content is None:
            raise SystemExit(f"{type_name} is not simple content")
        derivation = content[0] if isinstance(content[0].tag, str) else content.find(X + "*")
        for candidate in content:
            if isinstance(candidate.tag, str) and candidate.tag in (
                X + "extension",
                X + "restriction",
            ):
                derivation = candidate
        primitive, attributes = self.primitive_and_attributes(
            self.qname(derivation, derivation.get("base"))
        )
        attributes = dict(attributes)
        for attr in derivation.iter(X + "attribute"):
            attr_type = attr.get("type", "xsd:string")
            base = self.qname(attr, attr_type)
            attr_primitive = self.primitive_and_attributes(base)[0] if base[0] != XSD else base[1]
            attributes[attr.get("name")] = (attr.get("use") == "required", attr_primitive)
        return primitive, attributes


def short(ns: str, local: str, default_ns: str) -> str:
    if ns in PREFIXES:
        return f"{PREFIXES[ns]}:{local}"
    if ns == default_ns:
        return local
    return "{" + ns + "}" + local


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/ubl-2.1/xsd")
    version = sys.argv[2] if len(sys.argv) > 2 else "2.1"
    out = RULES / f"ubl{version.replace('.', '')}_model.py"
    schemas = Schemas(root)
    complex_models: dict[str, list] = {}
    simple_models: dict[str, tuple] = {}
    element_types: dict[str, str] = {}
    documents: dict[str, str] = {}

    def type_key(type_name: tuple[str, str]) -> str:
        return "{" + type_name[0] + "}" + type_name[1]

    for (ns, name), type_name in sorted(schemas.elements.items()):
        clark = "{" + ns + "}" + name
        key = type_key(type_name)
        element_types[clark] = key
        if key in complex_models or key in simple_models:
            continue
        node = schemas.complex.get(type_name)
        if node is not None and node.find(X + "simpleContent") is None:
            particles = []
            sequence = node.find(X + "sequence")
            if sequence is None and node.find(X + "choice") is not None:
                # only ExtensionContent (eForms SDK profile): treated like xs:any, not entered
                particles.append(("*", 0, -1))
            for particle in [] if sequence is None else sequence:
                if not isinstance(particle.tag, str):
                    continue
                low = int(particle.get("minOccurs", "1"))
                high_raw = particle.get("maxOccurs", "1")
                high = -1 if high_raw == "unbounded" else int(high_raw)
                if particle.tag == X + "element":
                    ref_ns, ref_local = schemas.qname(particle, particle.get("ref"))
                    particles.append(("{" + ref_ns + "}" + ref_local, low, high))
                elif particle.tag == X + "any":
                    particles.append(("*", low, high))
                else:
                    raise SystemExit(f"unsupported particle {particle.tag} in {type_name}")
            complex_models[key] = particles
        else:
            primitive, attributes = schemas.primitive_and_attributes(type_name)
            simple_models[key] = (primitive, tuple(sorted(attributes.items())))

    for ns, (_, name) in sorted(schemas.maindocs.items()):
        documents["{" + ns + "}" + name] = element_types["{" + ns + "}" + name]

    # Compress: intern namespaces as short prefixes in the generated source.
    namespaces = sorted(
        {k[1:].split("}")[0] for k in element_types}
        | {k[1:].split("}")[0] for k in complex_models}
        | {k[1:].split("}")[0] for k in simple_models}
        | {n[1:].split("}")[0] for ps in complex_models.values() for n, _, _ in ps if n != "*"}
    )
    index = {ns: i for i, ns in enumerate(namespaces)}

    def enc(clark: str) -> str:
        if clark == "*":
            return "*"
        ns, local = clark[1:].split("}")
        return f"{index[ns]}:{local}"

    lines = [
        f'"""UBL {version} structure model, generated by ``scripts/gen_ubl_structure.py``.',
        "",
        f"Derived from the OASIS UBL {version} schemas (OASIS Open). Do not edit by hand:",
        "regenerate. Names are ``<namespace index>:<local name>``; ``-1`` means unbounded.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "",
        f"NAMESPACES = {tuple(namespaces)!r}",
        "",
        "# element -> its type",
        "ELEMENTS = {",
    ]
    lines += [f"    {enc(k)!r}: {enc(v)!r}," for k, v in sorted(element_types.items())]
    lines += [
        "}",
        "",
        "# complex type -> ordered child particles (name, minOccurs, maxOccurs)",
        "COMPLEX = {",
    ]
    for k, particles in sorted(complex_models.items()):
        encoded = tuple((enc(n), lo, hi) for n, lo, hi in particles)
        lines.append(f"    {enc(k)!r}: {encoded!r},")
    attribute_sets = sorted({attrs for _, attrs in simple_models.values()})
    attr_index = {attrs: i for i, attrs in enumerate(attribute_sets)}
    lines += [
        "}",
        "",
        "# attribute sets: ((attribute, (required, XSD primitive)), ...)",
        "ATTRIBUTES = (",
    ]
    lines += [f"    {attrs!r}," for attrs in attribute_sets]
    lines += [
        ")",
        "",
        "# simple-content type -> (XSD primitive, index into ATTRIBUTES)",
        "SIMPLE = {",
    ]
    lines += [
        f"    {enc(k)!r}: ({prim!r}, {attr_index[attrs]}),"
        for k, (prim, attrs) in sorted(simple_models.items())
    ]
    lines += ["}", "", "# document root element -> its type", "DOCUMENTS = {"]
    lines += [f"    {enc(k)!r}: {enc(v)!r}," for k, v in sorted(documents.items())]
    lines += ["}", ""]
    out.write_text("\n".join(lines))
    print(
        f"wrote {out}: {len(element_types)} elements, {len(complex_models)} complex types, "
        f"{len(simple_models)} simple types, {len(documents)} document types"
    )


if __name__ == "__main__":
    main()
