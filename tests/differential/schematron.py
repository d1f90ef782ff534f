"""Compile an ISO Schematron source (``.sch``) to XSLT, as the official builds do.

Where the official rules are published only as Schematron (the EHF formats in
``official-rules/ehf-sch``, the post-award sources of the unit-test release in
``official-rules/poacc-sch``) the oracle compiles them with the ISO Schematron
reference implementation (Rick Jelliffe's skeleton, the copy lxml installs under
``lxml/isoschematron/resources/xsl/iso-schematron-xslt1``) run in Saxon-HE:

1. ``iso_dsdl_include.xsl`` resolves ``sch:include`` and ``xi:include``;
2. ``iso_abstract_expand.xsl`` expands abstract patterns;
3. ``iso_svrl_for_xslt1.xsl`` writes the SVRL-producing XSLT, through a small wrapper
   that also accepts ``queryBinding="xslt2"`` (the official sources' binding) and then
   writes an XSLT 2.0 stylesheet binding ``xs`` as the XSLT 2 skeleton does (EHF Payment
   Request uses ``xs:`` without declaring it); ``allow-foreign`` copies the sources'
   ``xsl:function`` definitions.

Some official sources include files their build generates first (the post-award
"basic" rules, ``target/generated/t01-basic.sch`` …, generated from the syntax
files): :func:`compiled` takes them as ``generated``, keyed by their path relative to
the corpus folder; the sources are then staged (linked) in a build folder with the
generated files beside them, as in the official build tree.

The result is cached in ``var/cache/schematron`` (not tracked) under the SHA-256 of the
include-expanded source, so a changed source or include is compiled again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import lxml

if TYPE_CHECKING:
    from tests.differential.oracle import Official

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
CACHE = REPO / "var" / "cache" / "schematron"
SKELETON = (
    Path(lxml.__file__).parent / "isoschematron" / "resources" / "xsl" / "iso-schematron-xslt1"
)
#: bump when the pipeline changes (invalidates the cache)
PIPELINE = "iso-skeleton-xslt1+xslt2-wrapper/2"

_WRAPPER = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:axsl="http://www.w3.org/1999/XSL/TransformAlias"
    xmlns:iso="http://purl.oclc.org/dsdl/schematron">
  <xsl:import href="{svrl}"/>
  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <!-- the XSLT 2.0 query binding: the skeleton's XSLT 1 body, declared version 2.0 -->
  <xsl:template match="iso:schema[@queryBinding='xslt2' or @queryBinding='XSLT2']" priority="20">
    <axsl:stylesheet>
      <!-- bound by the XSLT 2 skeleton too: sources use xs: without declaring it -->
      <xsl:namespace name="xs">http://www.w3.org/2001/XMLSchema</xsl:namespace>
      <xsl:apply-templates select="iso:ns"/>
      <xsl:attribute name="version">2.0</xsl:attribute>
      <xsl:apply-templates select="." mode="stylesheetbody"/>
    </axsl:stylesheet>
  </xsl:template>
</xsl:stylesheet>
"""


def _wrapper() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "iso_svrl_xslt2_wrapper.xsl"
    text = _WRAPPER.format(svrl=(SKELETON / "iso_svrl_for_xslt1.xsl").as_uri())
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


#: Generators of included files, by the source's path relative to the corpus folder
#: (``official-rules/ehf-sch/ordering-3.0/rules/sch/EHF-ORDER-3.0.sch`` -> a function
#: giving ``{"official-rules/target/generated/t01-basic.sch": text, ...}``), used by
#: :func:`compiled` when no ``generated`` is passed.
GENERATED: dict[str, Callable[[], Mapping[str, str]]] = {}


def _stage(source: Path, generated: Mapping[str, str]) -> Path:
    """``source`` inside a build folder holding the official rules and ``generated``."""
    corpus = CORPUS.resolve()
    digest = hashlib.sha256(
        "\n".join(f"{k}\n{v}" for k, v in sorted(generated.items())).encode("utf-8")
    ).hexdigest()[:16]
    stage = CACHE / f"stage-{digest}"
    rules = corpus / "official-rules"
    if not (stage / "official-rules").exists():
        shutil.copytree(rules, stage / "official-rules", copy_function=os.symlink)
        for relative, text in generated.items():
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return stage / source.resolve().relative_to(corpus)


def compiled(source: Path, official: Official, generated: Mapping[str, str] | None = None) -> Path:
    """The XSLT compiled from Schematron ``source`` (from the cache when up to date).

    ``generated``: files the source includes that the official build generates, by path
    relative to the corpus folder (e.g. ``target/generated/T01-basic.sch``).
    """
    if generated is None:
        relative = source.resolve().relative_to(CORPUS.resolve()).as_posix()
        generator = GENERATED.get(relative)
        generated = generator() if generator is not None else None
    if generated:
        source = _stage(source, generated)
    included = official.transform(SKELETON / "iso_dsdl_include.xsl", source)
    key = hashlib.sha256((PIPELINE + "\n" + included).encode("utf-8")).hexdigest()[:24]
    target = CACHE / f"{source.stem}-{key}.xslt"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    step1 = CACHE / f"{source.stem}-{key}.included.sch"
    step1.write_text(included, encoding="utf-8")
    expanded = official.transform(SKELETON / "iso_abstract_expand.xsl", step1)
    step2 = CACHE / f"{source.stem}-{key}.expanded.sch"
    step2.write_text(expanded, encoding="utf-8")
    xslt = official.transform(_wrapper(), step2, **{"allow-foreign": "true"})
    partial = target.with_suffix(".partial")
    partial.write_text(xslt, encoding="utf-8")
    partial.replace(target)
    step1.unlink()
    step2.unlink()
    return target
