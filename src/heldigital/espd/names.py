"""Criterion names and descriptions in English and Norwegian (bokmål; nynorsk in
``names_nn``).

English is the official text: the name and description of each criterion in
the ESPD-EDM v4.1.0 criterion taxonomy (``xml-examples/ESPD-criterion.xml``,
the same labels as the ``eng_label`` column of the EU Vocabularies
``criterion`` code list, ``codelists/gc/Criterion.gc``, version 20240612-0).

Norwegian: the official code list carries the 24 EU languages and no
Norwegian, so the Norwegian names and descriptions below are the project's
translation, using the wording of anskaffelsesforskriften § 24-2 (exclusion
grounds) and §§ 16-3 to 16-7 (qualification requirements) where the
regulation has one. A test checks that every criterion of the catalogue has
both, and that the English equals the taxonomy.
"""

from __future__ import annotations

from .criteria import get
from .names_nn import NN, QUESTIONS_NN

__all__ = ["NB", "NN", "QUESTIONS_NN", "description", "name"]

#: code -> (name, description) in Norwegian bokmål.
NB: dict[str, tuple[str, str]] = {
    "crime-org": (
        "Deltakelse i en kriminell organisasjon",
        "Er leverandøren, eller en person som er medlem av leverandørens administrasjons-, "
        "ledelses- eller kontrollorgan eller har fullmakt til å representere, ta beslutninger "
        "eller utøve kontroll, rettskraftig dømt for deltakelse i en kriminell organisasjon, "
        "ved en dom avsagt for høyst fem år siden eller der en utelukkelsesperiode fastsatt i "
        "dommen fortsatt gjelder? (Rammebeslutning 2008/841/JIS artikkel 2.)",
    ),
    "corruption": (
        "Korrupsjon",
        "Er leverandøren eller en person i dens ledelse eller med fullmakt til å representere, "
        "ta beslutninger eller utøve kontroll, rettskraftig dømt for korrupsjon, ved en dom "
        "avsagt for høyst fem år siden eller der en utelukkelsesperiode fastsatt i dommen "
        "fortsatt gjelder? Omfatter også korrupsjon etter nasjonal rett hos oppdragsgiveren "
        "eller leverandøren.",
    ),
    "fraud": (
        "Bedrageri",
        "Er leverandøren eller en person i dens ledelse eller med fullmakt til å representere, "
        "ta beslutninger eller utøve kontroll, rettskraftig dømt for bedrageri som rammer EUs "
        "finansielle interesser, ved en dom avsagt for høyst fem år siden eller der en "
        "utelukkelsesperiode fastsatt i dommen fortsatt gjelder?",
    ),
    "terr-offence": (
        "Terrorhandlinger eller straffbare handlinger knyttet til terrorvirksomhet",
        "Er leverandøren eller en person i dens ledelse eller med fullmakt til å representere, "
        "ta beslutninger eller utøve kontroll, rettskraftig dømt for terrorhandlinger eller "
        "straffbare handlinger knyttet til terrorvirksomhet, herunder tilskyndelse, medvirkning "
        "og forsøk, ved en dom avsagt for høyst fem år siden eller der en utelukkelsesperiode "
        "fastsatt i dommen fortsatt gjelder?",
    ),
    "finan-laund": (
        "Hvitvasking av penger eller finansiering av terrorisme",
        "Er leverandøren eller en person i dens ledelse eller med fullmakt til å representere, "
        "ta beslutninger eller utøve kontroll, rettskraftig dømt for hvitvasking av penger "
        "eller finansiering av terrorisme, ved en dom avsagt for høyst fem år siden eller der "
        "en utelukkelsesperiode fastsatt i dommen fortsatt gjelder?",
    ),
    "human-traffic": (
        "Barnearbeid og andre former for menneskehandel",
        "Er leverandøren eller en person i dens ledelse eller med fullmakt til å representere, "
        "ta beslutninger eller utøve kontroll, rettskraftig dømt for barnearbeid eller andre "
        "former for menneskehandel, ved en dom avsagt for høyst fem år siden eller der en "
        "utelukkelsesperiode fastsatt i dommen fortsatt gjelder?",
    ),
    "tax-pay": (
        "Betaling av skatter og avgifter",
        "Har leverandøren misligholdt sine forpliktelser til å betale skatter og avgifter, i "
        "landet der den er etablert eller i oppdragsgiverens land?",
    ),
    "socsec-pay": (
        "Betaling av trygdeavgifter",
        "Har leverandøren misligholdt sine forpliktelser til å betale trygdeavgifter "
        "(sosiale avgifter), i landet der den er etablert eller i oppdragsgiverens land?",
    ),
    "envir-law": (
        "Brudd på miljørettslige forpliktelser",
        "Har leverandøren, så vidt den vet, brutt sine miljørettslige forpliktelser etter "
        "nasjonal rett, EØS-retten eller internasjonale miljøavtaler?",
    ),
    "socsec-law": (
        "Brudd på sosialrettslige forpliktelser",
        "Har leverandøren, så vidt den vet, brutt sine sosialrettslige forpliktelser etter "
        "nasjonal rett, EØS-retten, tariffavtaler eller internasjonale avtaler?",
    ),
    "labour-law": (
        "Brudd på arbeidsrettslige forpliktelser",
        "Har leverandøren, så vidt den vet, brutt sine arbeidsrettslige forpliktelser etter "
        "nasjonal rett, EØS-retten, tariffavtaler eller internasjonale avtaler?",
    ),
    "bankruptcy": (
        "Konkurs",
        "Er leverandøren konkurs? Oppgi i så fall hvorfor leverandøren likevel kan oppfylle "
        "kontrakten.",
    ),
    "insolvency": (
        "Insolvens",
        "Er leverandøren gjenstand for insolvensbehandling eller avvikling? Oppgi i så fall "
        "hvorfor leverandøren likevel kan oppfylle kontrakten.",
    ),
    "cred-arran": (
        "Akkord med kreditorer",
        "Har leverandøren inngått akkord eller tvangsakkord med kreditorene? Oppgi i så fall "
        "hvorfor leverandøren likevel kan oppfylle kontrakten.",
    ),
    "bankr-nat": (
        "Tilsvarende situasjon som konkurs etter nasjonal rett",
        "Er leverandøren i en tilsvarende situasjon som konkurs etter nasjonale lover og "
        "regler? Oppgi i så fall hvorfor leverandøren likevel kan oppfylle kontrakten.",
    ),
    "liq-admin": (
        "Eiendeler forvaltes av bostyrer",
        "Forvaltes leverandørens eiendeler av en bostyrer eller av retten? Oppgi i så fall "
        "hvorfor leverandøren likevel kan oppfylle kontrakten.",
    ),
    "susp-act": (
        "Innstilt næringsvirksomhet",
        "Har leverandøren innstilt sin næringsvirksomhet? Oppgi i så fall hvorfor leverandøren "
        "likevel kan oppfylle kontrakten.",
    ),
    "prof-misconduct": (
        "Alvorlige feil i yrkesutøvelsen",
        "Har leverandøren begått alvorlige feil i yrkesutøvelsen som gjør dens integritet tvilsom?",
    ),
    "distorsion": (
        "Avtaler med andre leverandører for å vri konkurransen",
        "Har leverandøren inngått avtaler med andre leverandører med sikte på å vri konkurransen?",
    ),
    "partic-confl": (
        "Interessekonflikt på grunn av deltakelse i konkurransen",
        "Er leverandøren kjent med en interessekonflikt som følge av sin deltakelse i "
        "anskaffelsesprosedyren?",
    ),
    "prep-confl": (
        "Direkte eller indirekte deltakelse i forberedelsen av konkurransen",
        "Har leverandøren, eller et foretak knyttet til den, gitt råd til oppdragsgiveren eller "
        "på annen måte deltatt i forberedelsen av anskaffelsesprosedyren?",
    ),
    "sanction": (
        "Tidligere heving, erstatning eller lignende sanksjoner",
        "Har leverandøren vesentlig misligholdt en tidligere offentlig kontrakt eller "
        "konsesjonskontrakt, som har ført til heving, erstatning eller lignende sanksjoner?",
    ),
    "misrepresent": (
        "Uriktige opplysninger, tilbakeholdte opplysninger, manglende dokumentasjon eller "
        "fortrolige opplysninger om konkurransen",
        "Kan leverandøren bekrefte at den ikke har gitt alvorlig uriktige opplysninger om "
        "utelukkelsesgrunner eller kvalifikasjonskrav, ikke har holdt tilbake slike "
        "opplysninger, kan legge fram dokumentasjonen som kreves uten opphold, og ikke har "
        "forsøkt å påvirke oppdragsgiverens beslutninger utilbørlig, skaffe seg fortrolige "
        "opplysninger eller gi villedende opplysninger?",
    ),
    "nati-ground": (
        "Rent nasjonale utelukkelsesgrunner",
        "Gjelder noen av de rent nasjonale utelukkelsesgrunnene som er angitt i "
        "kunngjøringen eller anskaffelsesdokumentene?",
    ),
    "prof-regist": (
        "Registrering i et relevant foretaksregister",
        "Leverandøren er registrert i et relevant foretaksregister i etableringsstaten.",
    ),
    "trade-regist": (
        "Registrering i et handelsregister",
        "Leverandøren er registrert i et handelsregister i etableringsstaten.",
    ),
    "authorisation": (
        "For tjenestekontrakter: autorisasjon fra en bestemt organisasjon",
        "Leverandøren har den særskilte autorisasjonen som kreves for å kunne utføre "
        "tjenesten i etableringsstaten.",
    ),
    "membership": (
        "For tjenestekontrakter: medlemskap i en bestemt organisasjon",
        "Leverandøren er medlem av den organisasjonen som kreves for å kunne utføre "
        "tjenesten i etableringsstaten.",
    ),
    "gen-year-to": (
        "Samlet årlig omsetning",
        "Leverandørens samlede årlige omsetning for det antall regnskapsår som kreves i "
        "kunngjøringen eller anskaffelsesdokumentene.",
    ),
    "aver-year-to": (
        "Gjennomsnittlig årlig omsetning",
        "Leverandørens gjennomsnittlige årlige omsetning for det antall år som kreves i "
        "kunngjøringen eller anskaffelsesdokumentene.",
    ),
    "spec-aver-to": (
        "Gjennomsnittlig omsetning innen kontraktsområdet",
        "Leverandørens gjennomsnittlige årlige omsetning innen det forretningsområdet "
        "kontrakten gjelder, for det antall år som kreves.",
    ),
    "spec-year-to": (
        "Årlig omsetning innen kontraktsområdet",
        "Leverandørens årlige omsetning innen det forretningsområdet kontrakten gjelder, for "
        "det antall regnskapsår som kreves.",
    ),
    "finan-rat": (
        "Finansielle nøkkeltall",
        "Verdien av de finansielle nøkkeltallene som kreves i kunngjøringen eller "
        "anskaffelsesdokumentene.",
    ),
    "indem-insu": (
        "Yrkesansvarsforsikring",
        "Beløpet leverandøren er forsikret for i sin yrkesansvarsforsikring.",
    ),
    "finan-requ": (
        "Andre økonomiske eller finansielle krav",
        "Andre økonomiske eller finansielle krav som er angitt i kunngjøringen eller "
        "anskaffelsesdokumentene, og om leverandøren oppfyller dem.",
    ),
    "work-perform": (
        "For bygge- og anleggskontrakter: utførte arbeider av den angitte typen",
        "I referanseperioden har leverandøren utført bygge- og anleggsarbeider av den angitte "
        "typen. Oppdragsgiveren kan kreve opptil fem års erfaring og godta erfaring fra mer "
        "enn fem år siden.",
    ),
    "supply-perform": (
        "For varekontrakter: utførte leveranser av den angitte typen",
        "I referanseperioden har leverandøren levert varer av den angitte typen. "
        "Oppdragsgiveren kan kreve opptil tre års erfaring og godta erfaring fra mer enn tre "
        "år siden.",
    ),
    "service-perform": (
        "For tjenestekontrakter: utførte tjenester av den angitte typen",
        "I referanseperioden har leverandøren utført tjenester av den angitte typen. "
        "Oppdragsgiveren kan kreve opptil tre års erfaring og godta erfaring fra mer enn tre "
        "år siden.",
    ),
    "qual-cont-tech": (
        "Teknikere eller tekniske organer for kvalitetskontroll",
        "Teknikere eller tekniske organer, også de som ikke hører direkte under leverandøren, "
        "som leverandøren kan sette inn, særlig de som har ansvar for kvalitetskontrollen.",
    ),
    "work-tech": (
        "For bygge- og anleggskontrakter: teknikere eller tekniske organer for utførelsen",
        "Teknikere eller tekniske organer leverandøren kan sette inn for å utføre arbeidet.",
    ),
    "qual-facil": (
        "Tekniske ressurser og tiltak for å sikre kvalitet",
        "Leverandørens tekniske ressurser og tiltak for å sikre kvaliteten.",
    ),
    "research-fac": (
        "Studie- og forskningsressurser",
        "Leverandørens ressurser til studier og forskning.",
    ),
    "chain-manage": (
        "Styring av leverandørkjeden",
        "Systemene for styring av leverandørkjeden og sporing som leverandøren kan bruke ved "
        "gjennomføringen av kontrakten.",
    ),
    "envir-measure": (
        "Miljøledelsestiltak",
        "Miljøledelsestiltakene leverandøren kan gjennomføre når kontrakten utføres.",
    ),
    "tech-equip": (
        "Verktøy, anlegg og teknisk utstyr",
        "Verktøy, anlegg og teknisk utstyr som leverandøren har til rådighet for å utføre "
        "kontrakten.",
    ),
    "qualification": (
        "Utdanning og faglige kvalifikasjoner",
        "Utdanning og faglige kvalifikasjoner hos tjenesteyteren eller entreprenøren selv "
        "og/eller hos dens ledere.",
    ),
    "spec-req-check": (
        "Kontroll ved særlige krav",
        "For komplekse varer eller tjenester, eller for særlige formål: leverandøren tillater "
        "kontroll av produksjonskapasitet eller tekniske ressurser og, om nødvendig, "
        "studie- og forskningsressurser og kvalitetskontrolltiltak.",
    ),
    "manage-staff": (
        "Antall ledere",
        "Leverandørens antall ledere de siste tre årene.",
    ),
    "year-manpower": (
        "Gjennomsnittlig årlig bemanning",
        "Leverandørens gjennomsnittlige årlige antall ansatte de siste tre årene.",
    ),
    "suncont-port": (
        "Andel som settes ut til underleverandører",
        "Den delen (andelen) av kontrakten leverandøren har tenkt å sette ut til "
        "underleverandører.",
    ),
    "wo-autent": (
        "For varekontrakter: prøver, beskrivelser eller fotografier uten bekreftet ekthet",
        "Leverandøren vil levere de prøvene, beskrivelsene eller fotografiene av varene som "
        "kreves, uten at ektheten bekreftes.",
    ),
    "w-autent": (
        "For varekontrakter: prøver, beskrivelser eller fotografier med bekreftet ekthet",
        "Leverandøren vil levere de prøvene, beskrivelsene eller fotografiene av varene som "
        "kreves, og bekrefte ektheten der det kreves.",
    ),
    "qa-certif-inst": (
        "For varekontrakter: sertifikater fra kvalitetskontrollinstitutter",
        "Leverandøren kan legge fram sertifikater fra offisielle kvalitetskontrollinstitutter "
        "som bekrefter at varene er i samsvar med angitte tekniske spesifikasjoner eller "
        "standarder.",
    ),
    "qu-certif-indep": (
        "Sertifikater fra uavhengige organer om kvalitetssikringsstandarder",
        "Leverandøren kan legge fram sertifikater fra uavhengige organer som bekrefter at den "
        "oppfyller de kvalitetssikringsstandardene som kreves, også for tilgjengelighet for "
        "personer med funksjonsnedsettelse.",
    ),
    "envir-certif-indep": (
        "Sertifikater fra uavhengige organer om miljøstyringssystemer eller -standarder",
        "Leverandøren kan legge fram sertifikater fra uavhengige organer som bekrefter at den "
        "oppfyller de miljøstyringssystemene eller -standardene som kreves.",
    ),
    "shelt-worksh": (
        "Leverandøren er en vernet virksomhet",
        "Bare ved reserverte kontrakter: er leverandøren en vernet virksomhet, en sosial "
        "virksomhet eller vil den utføre kontrakten innenfor et program for vernede "
        "arbeidsplasser?",
    ),
    "registered": (
        "Leverandøren er registrert i en kvalifikasjonsordning",
        "Er leverandøren oppført i en offisiell liste over godkjente leverandører eller har "
        "den et tilsvarende sertifikat, for eksempel i en nasjonal "
        "(pre)kvalifikasjonsordning?",
    ),
    "eo-group": (
        "Leverandøren deltar sammen med andre",
        "Deltar leverandøren i konkurransen sammen med andre?",
    ),
    "relied": (
        "Støtte på andre virksomheters kapasitet",
        "Støtter leverandøren seg på andre virksomheters kapasitet for å oppfylle "
        "kvalifikasjonskravene?",
    ),
    "subco-ent": (
        "Underleverandører",
        "Har leverandøren tenkt å sette ut en del av kontrakten til underleverandører?",
    ),
    "staff-red": (
        "Begrensning av antall kvalifiserte søkere",
        "Leverandøren oppfyller de objektive og ikke-diskriminerende kriteriene eller reglene "
        "som brukes for å begrense antallet søkere.",
    ),
    "sme": (
        "Leverandøren er et svært lite, lite eller mellomstort foretak",
        "Er leverandøren et svært lite, lite eller mellomstort foretak (SMB)?",
    ),
}


def _norwegian(language: str) -> bool:
    return language.lower().split("-")[0] in ("nb", "no", "nn", "nob", "nno", "nor")


def _nynorsk(language: str) -> bool:
    return language.lower().split("-")[0] in ("nn", "nno")


def name(code: str, language: str) -> str:
    """The criterion's name in ``language`` (bokmål or nynorsk, else the official English)."""
    criterion = get(code)
    if _nynorsk(language):
        return NN[code][0]
    if _norwegian(language):
        return NB[code][0]
    return criterion.name


def description(code: str, language: str) -> str:
    """The criterion's description in ``language`` (bokmål or nynorsk, else the official
    English)."""
    criterion = get(code)
    if _nynorsk(language):
        return NN[code][1]
    if _norwegian(language):
        return NB[code][1]
    return criterion.description


#: The question texts of the taxonomy (English, official) -> Norwegian bokmål (ours).
QUESTIONS_NB: dict[str, str] = {
    "Name": "Navn",
    "Year": "År",
    "Reason": "Begrunnelse",
    "Amount": "Beløp",
    "Number": "Antall",
    "Rating": "Vurdering",
    "Last name": "Etternavn",
    "First name": "Fornavn",
    "Experience": "Erfaring",
    "Profession": "Yrke",
    "I am exempt": "Jeg er unntatt",
    "Your answer": "Ditt svar",
    "Your Answer": "Ditt svar",
    "Your answer?": "Ditt svar",
    "Total amount": "Samlet beløp",
    "Confidential": "Fortrolig",
    "Contact email": "Kontaktpersonens e-post",
    "[Description]": "[Beskrivelse]",
    "Recipient name": "Mottakerens navn",
    "Please specify": "Spesifiser",
    "Specific amount": "Beløp innen området",
    "Experience area": "Erfaringsområde",
    "How long with EO": "Hvor lenge hos leverandøren",
    "Amount concerned": "Beløpet det gjelder",
    "ID of the entity": "Virksomhetens organisasjonsnummer",
    "Evidence Supplied": "Dokumentasjon",
    "Other information": "Andre opplysninger",
    "Evidence supplied": "Dokumentasjon",
    "Contact telephone": "Kontaktpersonens telefon",
    "Name of the entity": "Virksomhetens navn",
    "Qualification name": "Kvalifikasjonens navn",
    "Date of conviction": "Dato for domfellelse",
    "Contact person name": "Kontaktpersonens navn",
    "Registration number": "Registreringsnummer",
    "Do you allow checks?": "Tillater dere kontroll?",
    "Start date; End date": "Regnskapsår (fra og til)",
    "Qualification number": "Kvalifikasjonsnummer",
    "Please describe them": "Beskriv dem",
    "Reference description": "Beskrivelse av referansen",
    "Who has been convicted": "Hvem er dømt",
    "Additional information": "Tilleggsopplysninger",
    "Please provide your ratio": "Oppgi nøkkeltallet",
    "Qualification issuing date": "Dato kvalifikasjonen ble utstedt",
    "Qualification issuing body": "Organet som utstedte kvalifikasjonen",
    "Period (Start and End dates)": "Periode (fra og til)",
    "Average for the required period": "Gjennomsnitt for perioden som kreves",
    "Length of the period of exclusion": "Lengden på utelukkelsesperioden",
    "Activity of the economic operator": "Leverandørens aktivitet",
    "Country or member state concerned": "Landet det gjelder",
    "Reasons why your are not registered": "Hvorfor dere ikke er registrert",
    "Is this information available online?": "Er opplysningene tilgjengelige på nett?",
    "Please describe which means were used": "Beskriv hvilke midler som ble brukt",
    "In the case of no – Relied upon or not": "Hvis nei: støtter dere dere på andre?",
    "Does the EO fulfil the criteria by itself?": "Oppfyller leverandøren kravet alene?",
    "Is this information available electronically?": "Er opplysningene tilgjengelige elektronisk?",
    "Please indicate the date of conviction or decision": "Oppgi datoen for dommen eller "
    "avgjørelsen",
    "If possible please describe the ESCO qualification": "Beskriv om mulig ESCO-kvalifikasjonen",
    "Have you taken measures to demonstrate your reliability": "Har dere truffet tiltak for å "
    "vise at dere er pålitelige?",
    "As an EO I will commit to obtain the minimum amount required": "Vi forplikter oss til å "
    "skaffe forsikring for minstebeløpet som kreves",
    "Please describe the educational or professional qualification": "Beskriv utdanningen "
    "eller den faglige kvalifikasjonen",
    "Indicate reasons for being nevertheless to perform the contract": "Oppgi hvorfor dere "
    "likevel kan oppfylle kontrakten",
    "If possible please indicate the ESCO identifier for this qualification": "Oppgi om mulig "
    "ESCO-identifikatoren for kvalifikasjonen",
    "Have you taken measures to demonstrate your reliability (Self-Cleaning)?": "Har dere "
    "truffet tiltak for å vise at dere er pålitelige (selvrensing)?",
    "If not, please explain why and state which other means of proof can be provided:": "Hvis "
    "ikke: forklar hvorfor og oppgi hvilken annen dokumentasjon dere kan legge fram",
    "In case of a conviction insofar as established directly therein, the length of the "
    "period of exclusion": "Ved domfellelse: lengden på utelukkelsesperioden, slik den er "
    "fastsatt i dommen",
    "Has this breach of obligations been established by means other than a judicial or "
    "administrative decision?": "Er misligholdet fastslått på annen måte enn ved en rettslig "
    "eller administrativ avgjørelse?",
    "If this breach of obligations was established through a judicial or administrative "
    "decision, was this decision final and binding?": "Hvis misligholdet er fastslått ved en "
    "rettslig eller administrativ avgjørelse: er avgjørelsen endelig og bindende?",
    "In case the information concerning turnover (general or specific) is not available for "
    "the entire period required, please state the date on which the economic operator was "
    "set up or started trading:": "Hvis omsetningstallene ikke finnes for hele perioden som "
    "kreves: oppgi datoen leverandøren ble etablert eller startet virksomheten",
    "Has the economic operator fulfilled its obligations by paying or entering into a "
    "binding arrangement with a view to paying the taxes contributions due, including, "
    "where applicable, any interest accrued or fines?": "Har leverandøren oppfylt "
    "forpliktelsene ved å betale, eller ved å inngå en bindende avtale om å betale, skattene "
    "og avgiftene, med eventuelle renter og bøter?",
    "Has the economic operator fulfilled its obligations by paying or entering into a "
    "binding arrangement with a view to paying the social security contributions due, "
    "including, where applicable, any interest accrued or fines?": "Har leverandøren oppfylt "
    "forpliktelsene ved å betale, eller ved å inngå en bindende avtale om å betale, "
    "trygdeavgiftene, med eventuelle renter og bøter?",
    "Turnover": "Omsetning",
    "Number of employees": "Antall ansatte",
    "ID of the subcontractor": "Underleverandørens organisasjonsnummer",
    "Where applicable, name of the participating group:": "Navnet på gruppen som deltar, "
    "der det er aktuelt",
    "Please state the references on which the registration or certification is based, and, "
    "where applicable, the classification obtained in the official list": "Oppgi hva "
    "registreringen eller sertifiseringen bygger på, og eventuell klassifisering i den "
    "offisielle listen",
    "Please provide the name of the list or certificate and the relevant registration or "
    "certification number, if applicable": "Oppgi navnet på listen eller sertifikatet og "
    "eventuelt registrerings- eller sertifiseringsnummeret",
    "Please indicate the role of the economic operator in the group (leader, responsible for "
    "specific tasks...)": "Oppgi leverandørens rolle i gruppen (leder, ansvarlig for "
    "bestemte oppgaver ...)",
    "If the certificate of registration or certification is available electronically, "
    "please state where": "Hvis registrerings- eller sertifiseringsbeviset er tilgjengelig "
    "elektronisk: oppgi hvor",
    "Will the economic operator be able to provide a certificate with regard to the payment "
    "of social security contributions and taxes or provide information enabling the "
    "contracting authority or contracting entity to obtaining it directly by accessing a "
    "national database in any Member State that is available free of charge?": "Kan "
    "leverandøren legge fram attest for betalte skatter og trygdeavgifter, eller gi "
    "opplysninger som lar oppdragsgiveren hente den direkte fra en gratis nasjonal database?",
    "What is the corresponding percentage of disabled or disadvantaged workers?": "Hvor stor "
    "andel av arbeidstakerne har nedsatt funksjonsevne eller er vanskeligstilte?",
    "Is the economic operator registered on an official list of approved economic operators "
    "or does it have an equivalent certificate?": "Er leverandøren oppført i en offisiell "
    "liste over godkjente leverandører, eller har den et tilsvarende sertifikat?",
    "Please identify the other economic operators participating in the procurement "
    "procedure together": "Oppgi de andre leverandørene som deltar sammen med dere",
    "Does the registration or certification cover all of the required selection criteria?": (
        "Dekker registreringen eller sertifiseringen alle kvalifikasjonskravene?"
    ),
    "If required, please provide details on whether the employees concerned belong to a "
    "specific category of disabled or disadvantaged workers?": "Oppgi om nødvendig om "
    "arbeidstakerne tilhører en bestemt gruppe med nedsatt funksjonsevne eller "
    "vanskeligstilte arbeidstakere",
}


def question(text: str, language: str) -> str:
    """A question's text in ``language`` (bokmål or nynorsk, else the official English)."""
    if _nynorsk(language):
        return QUESTIONS_NN.get(text, text)
    if _norwegian(language):
        return QUESTIONS_NB.get(text, text)
    return text
