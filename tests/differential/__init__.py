"""Differential testing of the native validator against the official rules.

The oracle is always the official artefact: the published Schematron XSLTs run in
Saxon-HE (saxonche) and the OASIS UBL XSD run by libxml2 (lxml). Seeded mutants of
every official example are validated by both sides; the sets of fatal rule ids, the
sets of warning ids and the XSD verdicts must be the same. See ``docs/validator.md``.
"""
