"""Criterion names, descriptions and question texts in Norwegian nynorsk.

The official ESPD code lists carry no Norwegian; like the bokmål in ``names.NB`` these
are the project's translation, in the nynorsk of the public sector (the wording of
anskaffingsforskrifta's exclusion grounds and qualification requirements where it has
one). ``names.name``, ``names.description`` and ``names.question`` use them for ``nn``.
"""

from __future__ import annotations

__all__ = ["NN", "QUESTIONS_NN"]

_CONVICTED = (
    "Er leverandøren eller ein person i leiinga hans eller med fullmakt til å representere, "
    "ta avgjerder eller utøve kontroll, rettskraftig dømd for {what}, ved ein dom avsagd for "
    "høgst fem år sidan eller der ein utestengingsperiode fastsett i dommen framleis gjeld?"
)
_NEVERTHELESS = "Oppgi i så fall kvifor leverandøren likevel kan oppfylle kontrakten."

#: code -> (name, description) in Norwegian nynorsk.
NN: dict[str, tuple[str, str]] = {
    "crime-org": (
        "Deltaking i ein kriminell organisasjon",
        "Er leverandøren, eller ein person som er medlem av administrasjons-, leiings- eller "
        "kontrollorganet til leverandøren eller har fullmakt til å representere, ta avgjerder "
        "eller utøve kontroll, rettskraftig dømd for deltaking i ein kriminell organisasjon, "
        "ved ein dom avsagd for høgst fem år sidan eller der ein utestengingsperiode fastsett "
        "i dommen framleis gjeld? (Rammeavgjerd 2008/841/JIS artikkel 2.)",
    ),
    "corruption": (
        "Korrupsjon",
        _CONVICTED.format(what="korrupsjon")
        + " Omfattar også korrupsjon etter nasjonal rett hos oppdragsgjevaren eller "
        "leverandøren.",
    ),
    "fraud": (
        "Bedrageri",
        _CONVICTED.format(what="bedrageri som rammar dei finansielle interessene til EU"),
    ),
    "terr-offence": (
        "Terrorhandlingar eller straffbare handlingar knytte til terrorverksemd",
        _CONVICTED.format(
            what="terrorhandlingar eller straffbare handlingar knytte til terrorverksemd, "
            "medrekna oppmoding, medverknad og forsøk"
        ),
    ),
    "finan-laund": (
        "Kvitvasking av pengar eller finansiering av terrorisme",
        _CONVICTED.format(what="kvitvasking av pengar eller finansiering av terrorisme"),
    ),
    "human-traffic": (
        "Barnearbeid og andre former for menneskehandel",
        _CONVICTED.format(what="barnearbeid eller andre former for menneskehandel"),
    ),
    "tax-pay": (
        "Betaling av skattar og avgifter",
        "Har leverandøren misleghalde pliktene sine til å betale skattar og avgifter, i landet "
        "der han er etablert, eller i landet til oppdragsgjevaren?",
    ),
    "socsec-pay": (
        "Betaling av trygdeavgifter",
        "Har leverandøren misleghalde pliktene sine til å betale trygdeavgifter (sosiale "
        "avgifter), i landet der han er etablert, eller i landet til oppdragsgjevaren?",
    ),
    "envir-law": (
        "Brot på miljørettslege plikter",
        "Har leverandøren, så vidt han veit, brote dei miljørettslege pliktene sine etter "
        "nasjonal rett, EØS-retten eller internasjonale miljøavtalar?",
    ),
    "socsec-law": (
        "Brot på sosialrettslege plikter",
        "Har leverandøren, så vidt han veit, brote dei sosialrettslege pliktene sine etter "
        "nasjonal rett, EØS-retten, tariffavtalar eller internasjonale avtalar?",
    ),
    "labour-law": (
        "Brot på arbeidsrettslege plikter",
        "Har leverandøren, så vidt han veit, brote dei arbeidsrettslege pliktene sine etter "
        "nasjonal rett, EØS-retten, tariffavtalar eller internasjonale avtalar?",
    ),
    "bankruptcy": ("Konkurs", "Er leverandøren konkurs? " + _NEVERTHELESS),
    "insolvency": (
        "Insolvens",
        "Er leverandøren under insolvenshandsaming eller avvikling? " + _NEVERTHELESS,
    ),
    "cred-arran": (
        "Akkord med kreditorar",
        "Har leverandøren inngått akkord eller tvangsakkord med kreditorane? " + _NEVERTHELESS,
    ),
    "bankr-nat": (
        "Tilsvarande situasjon som konkurs etter nasjonal rett",
        "Er leverandøren i ein tilsvarande situasjon som konkurs etter nasjonale lover og "
        "reglar? " + _NEVERTHELESS,
    ),
    "liq-admin": (
        "Eigedelar blir forvalta av bustyrar",
        "Blir eigedelane til leverandøren forvalta av ein bustyrar eller av retten? "
        + _NEVERTHELESS,
    ),
    "susp-act": (
        "Innstilt næringsverksemd",
        "Har leverandøren innstilt næringsverksemda si? " + _NEVERTHELESS,
    ),
    "prof-misconduct": (
        "Alvorlege feil i yrkesutøvinga",
        "Har leverandøren gjort alvorlege feil i yrkesutøvinga som gjer integriteten hans tvilsam?",
    ),
    "distorsion": (
        "Avtalar med andre leverandørar for å vri konkurransen",
        "Har leverandøren inngått avtalar med andre leverandørar med sikte på å vri konkurransen?",
    ),
    "partic-confl": (
        "Interessekonflikt på grunn av deltaking i konkurransen",
        "Kjenner leverandøren til ein interessekonflikt som følgje av at han deltek i "
        "anskaffingsprosedyren?",
    ),
    "prep-confl": (
        "Direkte eller indirekte deltaking i førebuinga av konkurransen",
        "Har leverandøren, eller eit føretak knytt til han, gitt råd til oppdragsgjevaren "
        "eller på annan måte delteke i førebuinga av anskaffingsprosedyren?",
    ),
    "sanction": (
        "Tidlegare heving, erstatning eller liknande sanksjonar",
        "Har leverandøren vesentleg misleghalde ein tidlegare offentleg kontrakt eller "
        "konsesjonskontrakt, som har ført til heving, erstatning eller liknande sanksjonar?",
    ),
    "misrepresent": (
        "Urette opplysningar, tilbakehaldne opplysningar, manglande dokumentasjon eller "
        "fortrulege opplysningar om konkurransen",
        "Kan leverandøren stadfeste at han ikkje har gitt alvorleg urette opplysningar om "
        "avvisingsgrunnar eller kvalifikasjonskrav, ikkje har halde tilbake slike "
        "opplysningar, kan leggje fram dokumentasjonen som blir kravd, utan opphald, og ikkje "
        "har freista å påverke avgjerdene til oppdragsgjevaren utilbørleg, skaffe seg "
        "fortrulege opplysningar eller gi villeiande opplysningar?",
    ),
    "nati-ground": (
        "Reint nasjonale avvisingsgrunnar",
        "Gjeld nokon av dei reint nasjonale avvisingsgrunnane som er oppgitte i kunngjeringa "
        "eller anskaffingsdokumenta?",
    ),
    "prof-regist": (
        "Registrering i eit relevant føretaksregister",
        "Leverandøren er registrert i eit relevant føretaksregister i etableringsstaten.",
    ),
    "trade-regist": (
        "Registrering i eit handelsregister",
        "Leverandøren er registrert i eit handelsregister i etableringsstaten.",
    ),
    "authorisation": (
        "For tenestekontraktar: autorisasjon frå ein bestemt organisasjon",
        "Leverandøren har den særskilde autorisasjonen som blir kravd for å kunne utføre "
        "tenesta i etableringsstaten.",
    ),
    "membership": (
        "For tenestekontraktar: medlemskap i ein bestemt organisasjon",
        "Leverandøren er medlem av den organisasjonen som blir kravd for å kunne utføre "
        "tenesta i etableringsstaten.",
    ),
    "gen-year-to": (
        "Samla årleg omsetnad",
        "Den samla årlege omsetnaden til leverandøren for det talet på rekneskapsår som blir "
        "kravd i kunngjeringa eller anskaffingsdokumenta.",
    ),
    "aver-year-to": (
        "Gjennomsnittleg årleg omsetnad",
        "Den gjennomsnittlege årlege omsetnaden til leverandøren for det talet på år som blir "
        "kravd i kunngjeringa eller anskaffingsdokumenta.",
    ),
    "spec-aver-to": (
        "Gjennomsnittleg omsetnad innanfor kontraktsområdet",
        "Den gjennomsnittlege årlege omsetnaden til leverandøren innanfor det "
        "forretningsområdet kontrakten gjeld, for det talet på år som blir kravd.",
    ),
    "spec-year-to": (
        "Årleg omsetnad innanfor kontraktsområdet",
        "Den årlege omsetnaden til leverandøren innanfor det forretningsområdet kontrakten "
        "gjeld, for det talet på rekneskapsår som blir kravd.",
    ),
    "finan-rat": (
        "Finansielle nøkkeltal",
        "Verdien av dei finansielle nøkkeltala som blir kravde i kunngjeringa eller "
        "anskaffingsdokumenta.",
    ),
    "indem-insu": (
        "Yrkesansvarsforsikring",
        "Beløpet leverandøren er forsikra for i yrkesansvarsforsikringa si.",
    ),
    "finan-requ": (
        "Andre økonomiske eller finansielle krav",
        "Andre økonomiske eller finansielle krav som er oppgitte i kunngjeringa eller "
        "anskaffingsdokumenta, og om leverandøren oppfyller dei.",
    ),
    "work-perform": (
        "For bygg- og anleggskontraktar: utførte arbeid av den oppgitte typen",
        "I referanseperioden har leverandøren utført bygg- og anleggsarbeid av den oppgitte "
        "typen. Oppdragsgjevaren kan krevje opptil fem års erfaring og godta erfaring frå meir "
        "enn fem år sidan.",
    ),
    "supply-perform": (
        "For varekontraktar: utførte leveransar av den oppgitte typen",
        "I referanseperioden har leverandøren levert varer av den oppgitte typen. "
        "Oppdragsgjevaren kan krevje opptil tre års erfaring og godta erfaring frå meir enn "
        "tre år sidan.",
    ),
    "service-perform": (
        "For tenestekontraktar: utførte tenester av den oppgitte typen",
        "I referanseperioden har leverandøren utført tenester av den oppgitte typen. "
        "Oppdragsgjevaren kan krevje opptil tre års erfaring og godta erfaring frå meir enn "
        "tre år sidan.",
    ),
    "qual-cont-tech": (
        "Teknikarar eller tekniske organ for kvalitetskontroll",
        "Teknikarar eller tekniske organ, også dei som ikkje høyrer direkte under "
        "leverandøren, som leverandøren kan setje inn, særleg dei som har ansvar for "
        "kvalitetskontrollen.",
    ),
    "work-tech": (
        "For bygg- og anleggskontraktar: teknikarar eller tekniske organ for utføringa",
        "Teknikarar eller tekniske organ leverandøren kan setje inn for å utføre arbeidet.",
    ),
    "qual-facil": (
        "Tekniske ressursar og tiltak for å sikre kvalitet",
        "Dei tekniske ressursane og tiltaka til leverandøren for å sikre kvaliteten.",
    ),
    "research-fac": (
        "Studie- og forskingsressursar",
        "Ressursane leverandøren har til studiar og forsking.",
    ),
    "chain-manage": (
        "Styring av leverandørkjeda",
        "Systema for styring av leverandørkjeda og sporing som leverandøren kan bruke når "
        "kontrakten blir gjennomført.",
    ),
    "envir-measure": (
        "Miljøleiingstiltak",
        "Miljøleiingstiltaka leverandøren kan gjennomføre når kontrakten blir utført.",
    ),
    "tech-equip": (
        "Verktøy, anlegg og teknisk utstyr",
        "Verktøy, anlegg og teknisk utstyr som leverandøren har til rådvelde for å utføre "
        "kontrakten.",
    ),
    "qualification": (
        "Utdanning og faglege kvalifikasjonar",
        "Utdanning og faglege kvalifikasjonar hos tenesteytaren eller entreprenøren sjølv "
        "og/eller hos leiarane hans.",
    ),
    "spec-req-check": (
        "Kontroll ved særlege krav",
        "For komplekse varer eller tenester, eller for særlege formål: leverandøren tillèt "
        "kontroll av produksjonskapasitet eller tekniske ressursar og, om nødvendig, studie- "
        "og forskingsressursar og kvalitetskontrolltiltak.",
    ),
    "manage-staff": (
        "Talet på leiarar",
        "Talet på leiarar hos leverandøren dei siste tre åra.",
    ),
    "year-manpower": (
        "Gjennomsnittleg årleg bemanning",
        "Det gjennomsnittlege årlege talet på tilsette hos leverandøren dei siste tre åra.",
    ),
    "suncont-port": (
        "Del som blir sett ut til underleverandørar",
        "Den delen (prosentdelen) av kontrakten leverandøren har tenkt å setje ut til "
        "underleverandørar.",
    ),
    "wo-autent": (
        "For varekontraktar: prøver, skildringar eller fotografi utan stadfesta ekteheit",
        "Leverandøren vil levere dei prøvene, skildringane eller fotografia av varene som blir "
        "kravde, utan at ekteheita blir stadfesta.",
    ),
    "w-autent": (
        "For varekontraktar: prøver, skildringar eller fotografi med stadfesta ekteheit",
        "Leverandøren vil levere dei prøvene, skildringane eller fotografia av varene som blir "
        "kravde, og stadfeste ekteheita der det blir kravd.",
    ),
    "qa-certif-inst": (
        "For varekontraktar: sertifikat frå kvalitetskontrollinstitutt",
        "Leverandøren kan leggje fram sertifikat frå offisielle kvalitetskontrollinstitutt som "
        "stadfestar at varene er i samsvar med oppgitte tekniske spesifikasjonar eller "
        "standardar.",
    ),
    "qu-certif-indep": (
        "Sertifikat frå uavhengige organ om kvalitetssikringsstandardar",
        "Leverandøren kan leggje fram sertifikat frå uavhengige organ som stadfestar at han "
        "oppfyller dei kvalitetssikringsstandardane som blir kravde, også for tilgjenge for "
        "personar med funksjonsnedsetjing.",
    ),
    "envir-certif-indep": (
        "Sertifikat frå uavhengige organ om miljøstyringssystem eller -standardar",
        "Leverandøren kan leggje fram sertifikat frå uavhengige organ som stadfestar at han "
        "oppfyller dei miljøstyringssystema eller -standardane som blir kravde.",
    ),
    "shelt-worksh": (
        "Leverandøren er ei verna verksemd",
        "Berre ved reserverte kontraktar: er leverandøren ei verna verksemd, ei sosial "
        "verksemd, eller vil han utføre kontrakten innanfor eit program for verna "
        "arbeidsplassar?",
    ),
    "registered": (
        "Leverandøren er registrert i ei kvalifikasjonsordning",
        "Er leverandøren oppført i ei offisiell liste over godkjende leverandørar, eller har "
        "han eit tilsvarande sertifikat, til dømes i ei nasjonal "
        "(pre)kvalifikasjonsordning?",
    ),
    "eo-group": (
        "Leverandøren deltek saman med andre",
        "Deltek leverandøren i konkurransen saman med andre?",
    ),
    "relied": (
        "Støtte på kapasiteten til andre verksemder",
        "Støttar leverandøren seg på kapasiteten til andre verksemder for å oppfylle "
        "kvalifikasjonskrava?",
    ),
    "subco-ent": (
        "Underleverandørar",
        "Har leverandøren tenkt å setje ut ein del av kontrakten til underleverandørar?",
    ),
    "staff-red": (
        "Avgrensing av talet på kvalifiserte søkjarar",
        "Leverandøren oppfyller dei objektive og ikkje-diskriminerande kriteria eller reglane "
        "som blir brukte for å avgrense talet på søkjarar.",
    ),
    "sme": (
        "Leverandøren er ei svært lita, lita eller mellomstor verksemd",
        "Er leverandøren ei svært lita, lita eller mellomstor verksemd (SMB)?",
    ),
}


#: The question texts of the taxonomy (English, official) -> Norwegian nynorsk (ours).
QUESTIONS_NN: dict[str, str] = dict(
    [
        (
            "Name",
            "Namn",
        ),
        (
            "Year",
            "År",
        ),
        (
            "Reason",
            "Grunngjeving",
        ),
        (
            "Amount",
            "Beløp",
        ),
        (
            "Number",
            "Tal",
        ),
        (
            "Rating",
            "Vurdering",
        ),
        (
            "Last name",
            "Etternamn",
        ),
        (
            "First name",
            "Førenamn",
        ),
        (
            "Experience",
            "Erfaring",
        ),
        (
            "Profession",
            "Yrke",
        ),
        (
            "I am exempt",
            "Eg er unnateken",
        ),
        (
            "Your answer",
            "Svaret ditt",
        ),
        (
            "Your Answer",
            "Svaret ditt",
        ),
        (
            "Your answer?",
            "Svaret ditt",
        ),
        (
            "Total amount",
            "Samla beløp",
        ),
        (
            "Confidential",
            "Fortruleg",
        ),
        (
            "Contact email",
            "E-posten til kontaktpersonen",
        ),
        (
            "[Description]",
            "[Skildring]",
        ),
        (
            "Recipient name",
            "Namnet til mottakaren",
        ),
        (
            "Please specify",
            "Spesifiser",
        ),
        (
            "Specific amount",
            "Beløp innanfor området",
        ),
        (
            "Experience area",
            "Erfaringsområde",
        ),
        (
            "How long with EO",
            "Kor lenge hos leverandøren",
        ),
        (
            "Amount concerned",
            "Beløpet det gjeld",
        ),
        (
            "ID of the entity",
            "Organisasjonsnummeret til verksemda",
        ),
        (
            "Evidence Supplied",
            "Dokumentasjon",
        ),
        (
            "Other information",
            "Andre opplysningar",
        ),
        (
            "Evidence supplied",
            "Dokumentasjon",
        ),
        (
            "Contact telephone",
            "Telefonen til kontaktpersonen",
        ),
        (
            "Name of the entity",
            "Namnet på verksemda",
        ),
        (
            "Qualification name",
            "Namnet på kvalifikasjonen",
        ),
        (
            "Date of conviction",
            "Dato for domfelling",
        ),
        (
            "Contact person name",
            "Namnet til kontaktpersonen",
        ),
        (
            "Registration number",
            "Registreringsnummer",
        ),
        (
            "Do you allow checks?",
            "Tillèt de kontroll?",
        ),
        (
            "Start date; End date",
            "Rekneskapsår (frå og til)",
        ),
        (
            "Qualification number",
            "Kvalifikasjonsnummer",
        ),
        (
            "Please describe them",
            "Skildre dei",
        ),
        (
            "Reference description",
            "Skildring av referansen",
        ),
        (
            "Who has been convicted",
            "Kven er dømd",
        ),
        (
            "Additional information",
            "Tilleggsopplysningar",
        ),
        (
            "Please provide your ratio",
            "Oppgi nøkkeltalet",
        ),
        (
            "Qualification issuing date",
            "Dato kvalifikasjonen vart utferda",
        ),
        (
            "Qualification issuing body",
            "Organet som utferda kvalifikasjonen",
        ),
        (
            "Period (Start and End dates)",
            "Periode (frå og til)",
        ),
        (
            "Average for the required period",
            "Gjennomsnitt for perioden som blir kravd",
        ),
        (
            "Length of the period of exclusion",
            "Lengda på utestengingsperioden",
        ),
        (
            "Activity of the economic operator",
            "Aktiviteten til leverandøren",
        ),
        (
            "Country or member state concerned",
            "Landet det gjeld",
        ),
        (
            "Reasons why your are not registered",
            "Kvifor de ikkje er registrerte",
        ),
        (
            "Is this information available online?",
            "Er opplysningane tilgjengelege på nett?",
        ),
        (
            "Please describe which means were used",
            "Skildre kva middel som vart brukte",
        ),
        (
            "In the case of no – Relied upon or not",
            "Viss nei: støttar de dykk på andre?",
        ),
        (
            "Does the EO fulfil the criteria by itself?",
            "Oppfyller leverandøren kravet åleine?",
        ),
        (
            "Is this information available electronically?",
            "Er opplysningane tilgjengelege elektronisk?",
        ),
        (
            "Please indicate the date of conviction or decision",
            "Oppgi datoen for dommen eller avgjerda",
        ),
        (
            "If possible please describe the ESCO qualification",
            "Skildre om mogleg ESCO-kvalifikasjonen",
        ),
        (
            "Have you taken measures to demonstrate your reliability",
            "Har de sett i verk tiltak for å vise at de er pålitelege?",
        ),
        (
            "As an EO I will commit to obtain the minimum amount required",
            "Vi forpliktar oss til å skaffe forsikring for minstebeløpet som blir kravd",
        ),
        (
            "Please describe the educational or professional qualification",
            "Skildre utdanninga eller den faglege kvalifikasjonen",
        ),
        (
            "Indicate reasons for being nevertheless to perform the contract",
            "Oppgi kvifor de likevel kan oppfylle kontrakten",
        ),
        (
            "If possible please indicate the ESCO identifier for this qualification",
            "Oppgi om mogleg ESCO-identifikatoren for kvalifikasjonen",
        ),
        (
            "Have you taken measures to demonstrate your reliability (Self-Cleaning)?",
            "Har de sett i verk tiltak for å vise at de er pålitelege (sjølvreinsing)?",
        ),
        (
            "If not, please explain why and state which other means of proof can be provided:",
            "Viss ikkje: forklar kvifor og oppgi kva anna dokumentasjon de kan leggje fram",
        ),
        (
            (
                "In case of a conviction insofar as established directly therein, the length of "
                "the period of exclusion"
            ),
            "Ved domfelling: lengda på utestengingsperioden, slik ho er fastsett i dommen",
        ),
        (
            (
                "Has this breach of obligations been established by means other than a judicial or "
                "administrative decision?"
            ),
            (
                "Er misleghaldet slått fast på annan måte enn ved ei rettsleg eller administrativ "
                "avgjerd?"
            ),
        ),
        (
            (
                "If this breach of obligations was established through a judicial or "
                "administrative decision, was this decision final and binding?"
            ),
            (
                "Viss misleghaldet er slått fast ved ei rettsleg eller administrativ avgjerd: er "
                "avgjerda endeleg og bindande?"
            ),
        ),
        (
            (
                "In case the information concerning turnover (general or specific) is not "
                "available for the entire period required, please state the date on which the "
                "economic operator was set up or started trading:"
            ),
            (
                "Viss omsetnadstala ikkje finst for heile perioden som blir kravd: oppgi datoen "
                "leverandøren vart etablert eller starta verksemda"
            ),
        ),
        (
            (
                "Has the economic operator fulfilled its obligations by paying or entering into a "
                "binding arrangement with a view to paying the taxes contributions due, including, "
                "where applicable, any interest accrued or fines?"
            ),
            (
                "Har leverandøren oppfylt pliktene ved å betale, eller ved å inngå ein bindande "
                "avtale om å betale, skattane og avgiftene, med eventuelle renter og bøter?"
            ),
        ),
        (
            (
                "Has the economic operator fulfilled its obligations by paying or entering into a "
                "binding arrangement with a view to paying the social security contributions due, "
                "including, where applicable, any interest accrued or fines?"
            ),
            (
                "Har leverandøren oppfylt pliktene ved å betale, eller ved å inngå ein bindande "
                "avtale om å betale, trygdeavgiftene, med eventuelle renter og bøter?"
            ),
        ),
        (
            "Turnover",
            "Omsetnad",
        ),
        (
            "Number of employees",
            "Tal på tilsette",
        ),
        (
            "ID of the subcontractor",
            "Organisasjonsnummeret til underleverandøren",
        ),
        (
            "Where applicable, name of the participating group:",
            "Namnet på gruppa som deltek, der det er aktuelt",
        ),
        (
            (
                "Please state the references on which the registration or certification is based, "
                "and, where applicable, the classification obtained in the official list"
            ),
            (
                "Oppgi kva registreringa eller sertifiseringa byggjer på, og eventuell "
                "klassifisering i den offisielle lista"
            ),
        ),
        (
            (
                "Please provide the name of the list or certificate and the relevant registration "
                "or certification number, if applicable"
            ),
            (
                "Oppgi namnet på lista eller sertifikatet og eventuelt registrerings- eller "
                "sertifiseringsnummeret"
            ),
        ),
        (
            (
                "Please indicate the role of the economic operator in the group (leader, "
                "responsible for specific tasks...)"
            ),
            "Oppgi rolla til leverandøren i gruppa (leiar, ansvarleg for bestemte oppgåver ...)",
        ),
        (
            (
                "If the certificate of registration or certification is available electronically, "
                "please state where"
            ),
            (
                "Viss registrerings- eller sertifiseringsbeviset er tilgjengeleg elektronisk: "
                "oppgi kvar"
            ),
        ),
        (
            (
                "Will the economic operator be able to provide a certificate with regard to the "
                "payment of social security contributions and taxes or provide information "
                "enabling the contracting authority or contracting entity to obtaining it directly "
                "by accessing a national database in any Member State that is available free of "
                "charge?"
            ),
            (
                "Kan leverandøren leggje fram attest for betalte skattar og trygdeavgifter, eller "
                "gi opplysningar som lèt oppdragsgjevaren hente han direkte frå ein gratis "
                "nasjonal database?"
            ),
        ),
        (
            "What is the corresponding percentage of disabled or disadvantaged workers?",
            ("Kor stor del av arbeidstakarane har nedsett funksjonsevne eller er vanskelegstilte?"),
        ),
        (
            (
                "Is the economic operator registered on an official list of approved economic "
                "operators or does it have an equivalent certificate?"
            ),
            (
                "Er leverandøren oppført i ei offisiell liste over godkjende leverandørar, eller "
                "har han eit tilsvarande sertifikat?"
            ),
        ),
        (
            (
                "Please identify the other economic operators participating in the procurement "
                "procedure together"
            ),
            "Oppgi dei andre leverandørane som deltek saman med dykk",
        ),
        (
            (
                "Does the registration or certification cover all of the required selection "
                "criteria?"
            ),
            "Dekkjer registreringa eller sertifiseringa alle kvalifikasjonskrava?",
        ),
        (
            (
                "If required, please provide details on whether the employees concerned belong to "
                "a specific category of disabled or disadvantaged workers?"
            ),
            (
                "Oppgi om nødvendig om arbeidstakarane høyrer til ei bestemd gruppe med nedsett "
                "funksjonsevne eller vanskelegstilte arbeidstakarar"
            ),
        ),
    ]
)
