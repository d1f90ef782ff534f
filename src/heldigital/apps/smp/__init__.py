"""The address register (the ELMA role): Peppol participants and what they receive.

Serves the Peppol SMP 1.x REST interface (signed service metadata), the
Peppol Directory business card, the DNS records of an SML zone and the
statistics of capabilities. docs/smp.md describes it.
"""
