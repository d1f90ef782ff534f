"""The PEPPOL eDelivery network, as a pure library (no Django).

One module per specification:

* :mod:`heldigital.peppol.identifiers` - participant, document type and
  process identifiers (Peppol Policy for use of Identifiers 4.x);
* :mod:`heldigital.peppol.icd` - the ISO 6523 ICD participant identifier
  schemes and their check digits (python-stdnum);
* :mod:`heldigital.peppol.sbdh` - the Standard Business Document Header as
  the Peppol Business Message Envelope (SBDH) 2.0 profiles it;
* :mod:`heldigital.peppol.sml` - finding a participant's SMP through the SML
  in DNS: the legacy ``B-<md5>`` CNAME and the BDXL U-NAPTR scheme;
* :mod:`heldigital.peppol.smp` - the SMP client (Peppol SMP 1.x, OASIS BDXR
  SMP 1.0 and 2.0): service groups, service metadata, redirects;
* :mod:`heldigital.peppol.xmldsig` - verification of the enveloped XML
  signature of signed service metadata against the SMP certificate and its
  chain.

Every XML document is parsed through :mod:`heldigital.xml`; every error is
a :class:`ValueError` subclass that says what is wrong.
"""
