"""ESPD-EDM v4.1.0 criterion taxonomy.

Generated from xml-examples/ESPD-criterion.xml of OP-TED/ESPD-EDM v4.1.0 by
heldigital.espd._generate - do not edit.
"""

# ruff: noqa: E501
# fmt: off
from .taxonomy import Entry as E
from .taxonomy import Group as G
from .taxonomy import Prop as P

ENTRIES = (
    E('005eb9ed-1347-4ca3-bb29-9bc0db64e1ab', 'crime-org', 'Participation in a criminal organisation', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for participation in a criminal organisation, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? As defined in Article 2 of Council Framework Decision 2008/841/JHA of 24 October 2008 on the fight against organised crime (OJ L 300, 11.11.2008, p. 42).', (
        G('C1_EG_crime-org/QG1', 'ON*', (
            P('C1_EG_crime-org/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C1_EG_crime-org/QG1/QSG1', 'ONTRUE', (
                P('C1_EG_crime-org/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C1_EG_crime-org/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C1_EG_crime-org/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C1_EG_crime-org/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C1_EG_crime-org/QG1/QSG1/QSG1', 'ON*', (
                    P('C1_EG_crime-org/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C1_EG_crime-org/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C1_EG_crime-org/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C1_EG_crime-org/QG2', 'ON*', (
            P('C1_EG_crime-org/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C1_EG_crime-org/QG2/QSG1', 'ONTRUE', (
                P('C1_EG_crime-org/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('c27b7c4e-c837-4529-b867-ed55ce639db5', 'corruption', 'Corruption', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for corruption, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? As defined in Article 3 of the Convention on the fight against corruption involving officials of the European Communities or officials of Member States of the European Union, OJ C 195, 25.6.1997, p. 1, and in Article 2(1) of Council Framework Decision 2003/568/JHA of 22 July 2003 on combating corruption in the private sector (OJ L 192, 31.7.2003, p. 54). This exclusion ground also includes corruption as defined in the national law of the contracting authority (contracting entity) or the economic operator.', (
        G('C2_EG_corruption/QG1', 'ON*', (
            P('C2_EG_corruption/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C2_EG_corruption/QG1/QSG1', 'ONTRUE', (
                P('C2_EG_corruption/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C2_EG_corruption/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C2_EG_corruption/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C2_EG_corruption/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C2_EG_corruption/QG1/QSG1/QSG1', 'ON*', (
                    P('C2_EG_corruption/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C2_EG_corruption/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C2_EG_corruption/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C2_EG_corruption/QG2', 'ON*', (
            P('C2_EG_corruption/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C2_EG_corruption/QG2/QSG1', 'ONTRUE', (
                P('C2_EG_corruption/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('297d2323-3ede-424e-94bc-a91561e6f320', 'fraud', 'Fraud', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for fraud, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? Within the meaning of Article 1 of the Convention on the protection of the European Communities financial interests (OJ C 316, 27.11.1995, p. 48).', (
        G('C3_EG_fraud/QG1', 'ON*', (
            P('C3_EG_fraud/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C3_EG_fraud/QG1/QSG1', 'ONTRUE', (
                P('C3_EG_fraud/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C3_EG_fraud/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C3_EG_fraud/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C3_EG_fraud/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C3_EG_fraud/QG1/QSG1/QSG1', 'ON*', (
                    P('C3_EG_fraud/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C3_EG_fraud/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C3_EG_fraud/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C3_EG_fraud/QG2', 'ON*', (
            P('C3_EG_fraud/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C3_EG_fraud/QG2/QSG1', 'ONTRUE', (
                P('C3_EG_fraud/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('d486fb70-86b3-4e75-97f2-0d71b5697c7d', 'terr-offence', 'Terrorist offences or offences linked to terrorist activities', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for terrorist offences or offences linked to terrorist activities, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? As defined in Articles 1 and 3 of Council Framework Decision of 13 June 2002 on combating terrorism (OJ L 164, 22.6.2002, p. 3). This exclusion ground also includes inciting or aiding or abetting or attempting to commit an offence, as referred to in Article 4 of that Framework Decision.', (
        G('C4_EG_terr-offence/QG1', 'ON*', (
            P('C4_EG_terr-offence/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C4_EG_terr-offence/QG1/QSG1', 'ONTRUE', (
                P('C4_EG_terr-offence/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C4_EG_terr-offence/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C4_EG_terr-offence/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C4_EG_terr-offence/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C4_EG_terr-offence/QG1/QSG1/QSG1', 'ON*', (
                    P('C4_EG_terr-offence/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C4_EG_terr-offence/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C4_EG_terr-offence/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C4_EG_terr-offence/QG2', 'ON*', (
            P('C4_EG_terr-offence/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C4_EG_terr-offence/QG2/QSG1', 'ONTRUE', (
                P('C4_EG_terr-offence/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('47112079-6fec-47a3-988f-e561668c3aef', 'finan-laund', 'Money laundering or terrorist financing', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for money laundering or terrorist financing, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? As defined in Article 1 of Directive 2005/60/EC of the European Parliament and of the Council of 26 October 2005 on the prevention of the use of the financial system for the purpose of money laundering and terrorist financing (OJ L 309, 25.11.2005, p. 15).', (
        G('C5_EG_finan-laund/QG1', 'ON*', (
            P('C5_EG_finan-laund/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C5_EG_finan-laund/QG1/QSG1', 'ONTRUE', (
                P('C5_EG_finan-laund/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C5_EG_finan-laund/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C5_EG_finan-laund/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C5_EG_finan-laund/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C5_EG_finan-laund/QG1/QSG1/QSG1', 'ON*', (
                    P('C5_EG_finan-laund/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C5_EG_finan-laund/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C5_EG_finan-laund/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C5_EG_finan-laund/QG2', 'ON*', (
            P('C5_EG_finan-laund/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C5_EG_finan-laund/QG2/QSG1', 'ONTRUE', (
                P('C5_EG_finan-laund/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('d789d01a-fe03-4ccd-9898-73f9cfa080d1', 'human-traffic', 'Child labour and other forms of trafficking in human beings', 'Has the economic operator itself or any person who is a member of its administrative, management or supervisory body or has powers of representation, decision or control therein been the subject of a conviction by final judgment for child labour and other forms of trafficking in human beings, by a conviction rendered at the most five years ago or in which an exclusion period set out directly in the conviction continues to be applicable? As defined in Article 2 of Directive 2011/36/EU of the European Parliament and of the Council of 5 April 2011 on preventing and combating trafficking in human beings and protecting its victims, and replacing Council Framework Decision 2002/629/JHA (OJ L 101, 15.4.2011, p. 1).', (
        G('C6_EG_human-traffic/QG1', 'ON*', (
            P('C6_EG_human-traffic/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C6_EG_human-traffic/QG1/QSG1', 'ONTRUE', (
                P('C6_EG_human-traffic/QG1/QSG1/Q1', 'QUESTION', 'DATE', 'Date of conviction'),
                P('C6_EG_human-traffic/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Reason'),
                P('C6_EG_human-traffic/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Who has been convicted'),
                P('C6_EG_human-traffic/QG1/QSG1/Q4', 'QUESTION', 'PERIOD', 'Length of the period of exclusion'),
                G('C6_EG_human-traffic/QG1/QSG1/QSG1', 'ON*', (
                    P('C6_EG_human-traffic/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C6_EG_human-traffic/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C6_EG_human-traffic/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C6_EG_human-traffic/QG2', 'ON*', (
            P('C6_EG_human-traffic/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C6_EG_human-traffic/QG2/QSG1', 'ONTRUE', (
                P('C6_EG_human-traffic/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('b61bbeb7-690e-4a40-bc68-d6d4ecfaa3d4', 'tax-pay', 'Payment of taxes', 'Has the economic operator breached its obligations relating to the payment of taxes, both in the country in which it is established and in Member State of the contracting authority or contracting entity if other than the country of establishment?', (
        G('C7_EG_tax-pay/RG1', 'ON*', (
            P('C7_EG_tax-pay/RG1/RQ1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum Amount Threshold'),
            P('C7_EG_tax-pay/RG1/RQ2/R1', 'REQUIREMENT', 'DESCRIPTION', 'Additional Information'),
            G('C7_EG_tax-pay/RG1/QSG1', 'ON*', (
                P('C7_EG_tax-pay/RG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
                G('C7_EG_tax-pay/RG1/QSG1/QSG1', 'ONTRUE', (
                    P('C7_EG_tax-pay/RG1/QSG1/QSG1/Q1', 'QUESTION', 'CODE_COUNTRY', 'Country or member state concerned'),
                    P('C7_EG_tax-pay/RG1/QSG1/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Amount concerned'),
                    G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1', 'ON*', (
                        P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Has this breach of obligations been established by means other than a judicial or administrative decision?'),
                        G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe which means were used'),
                        )),
                        G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG2', 'ONFALSE', (
                            P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'If this breach of obligations was established through a judicial or administrative decision, was this decision final and binding?'),
                            G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1', 'ONTRUE', (
                                P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1/Q1', 'QUESTION', 'DATE', 'Please indicate the date of conviction or decision'),
                                P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1/Q2', 'QUESTION', 'PERIOD', 'In case of a conviction insofar as established directly therein, the length of the period of exclusion'),
                            )),
                        )),
                        G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG3', 'ON*', (
                            P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Has the economic operator fulfilled its obligations by paying or entering into a binding arrangement with a view to paying the taxes contributions due, including, where applicable, any interest accrued or fines?'),
                            G('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG3/QSG1', 'ONTRUE', (
                                P('C7_EG_tax-pay/RG1/QSG1/QSG1/QSG1/QSG3/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                            )),
                        )),
                    )),
                )),
            )),
        )),
        G('C7_EG_tax-pay/QG1', 'ON*', (
            P('C7_EG_tax-pay/QG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C7_EG_tax-pay/QG1/QSG1', 'ONTRUE', (
                P('C7_EG_tax-pay/QG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('7d85e333-bbab-49c0-be8d-c36d71a72f5e', 'socsec-pay', 'Payment of social security contributions', 'Has the economic operator breached its obligations relating to the payment of social security contributions, both in the country in which it is established and in Member State of the contracting authority or contracting entity if other than the country of establishment?', (
        G('C8_EG_socsec-pay/RG1', 'ON*', (
            P('C8_EG_socsec-pay/RG1/RQ1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum Amount Threshold'),
            P('C8_EG_socsec-pay/RG1/RQ2/R1', 'REQUIREMENT', 'DESCRIPTION', 'Additional Information'),
            G('C8_EG_socsec-pay/RG1/QSG1', 'ON*', (
                P('C8_EG_socsec-pay/RG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
                G('C8_EG_socsec-pay/RG1/QSG1/QSG1', 'ONTRUE', (
                    P('C8_EG_socsec-pay/RG1/QSG1/QSG1/Q1', 'QUESTION', 'CODE_COUNTRY', 'Country or member state concerned'),
                    P('C8_EG_socsec-pay/RG1/QSG1/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Amount concerned'),
                    G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1', 'ON*', (
                        P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Has this breach of obligations been established by means other than a judicial or administrative decision?'),
                        G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe which means were used'),
                        )),
                        G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2', 'ONFALSE', (
                            P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'If this breach of obligations was established through a judicial or administrative decision, was this decision final and binding?'),
                            G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1', 'ONTRUE', (
                                P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1/Q1', 'QUESTION', 'DATE', 'Please indicate the date of conviction or decision'),
                                P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2/QSG1/Q2', 'QUESTION', 'PERIOD', 'In case of a conviction insofar as established directly therein, the length of the period of exclusion'),
                            )),
                        )),
                        G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG3', 'ON*', (
                            P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Has the economic operator fulfilled its obligations by paying or entering into a binding arrangement with a view to paying the social security contributions due, including, where applicable, any interest accrued or fines?'),
                            G('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG3/QSG1', 'ONTRUE', (
                                P('C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG3/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                            )),
                        )),
                    )),
                )),
            )),
        )),
        G('C8_EG_socsec-pay/QG1', 'ON*', (
            P('C8_EG_socsec-pay/QG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C8_EG_socsec-pay/QG1/QSG1', 'ONTRUE', (
                P('C8_EG_socsec-pay/QG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('a80ddb62-d25b-4e4e-ae22-3968460dc0a9', 'envir-law', 'Breaching of obligations in the fields of environmental law', 'Has the economic operator, to its knowledge, breached its obligations in the fields of environmental law? As referred to for the purposes of this procurement in national law, in the relevant notice or the procurement documents or in Article 18(2) of Directive 2014/24/EU.', (
        G('C9_EG_envir-law/QG1', 'ON*', (
            P('C9_EG_envir-law/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C9_EG_envir-law/QG1/QSG1', 'ONTRUE', (
                P('C9_EG_envir-law/QG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                G('C9_EG_envir-law/QG1/QSG1/QSG1', 'ONTRUE', (
                    P('C9_EG_envir-law/QG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                )),
            )),
        )),
        G('C9_EG_envir-law/QG2', 'ON*', (
            P('C9_EG_envir-law/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C9_EG_envir-law/QG2/QSG1', 'ONTRUE', (
                P('C9_EG_envir-law/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('a261a395-ed17-4939-9c75-b9ff1109ca6e', 'socsec-law', 'Breaching of obligations in the fields of social law', 'Has the economic operator, to its knowledge, breached its obligations in the fields of social law? As referred to for the purposes of this procurement in national law, in the relevant notice or the procurement documents or in Article 18(2) of Directive 2014/24/EU.', (
        G('C10_EG_socsec-law/QG1', 'ON*', (
            P('C10_EG_socsec-law/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C10_EG_socsec-law/QG1/QSG1', 'ONTRUE', (
                P('C10_EG_socsec-law/QG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                G('C10_EG_socsec-law/QG1/QSG1/QSG1', 'ONTRUE', (
                    P('C10_EG_socsec-law/QG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                )),
            )),
        )),
        G('C10_EG_socsec-law/QG2', 'ON*', (
            P('C10_EG_socsec-law/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C10_EG_socsec-law/QG2/QSG1', 'ONTRUE', (
                P('C10_EG_socsec-law/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('a34b70d6-c43d-4726-9a88-8e2b438424bf', 'labour-law', 'Breaching of obligations in the fields of labour law', 'Has the economic operator, to its knowledge, breached its obligations in the fields of labour law? As referred to for the purposes of this procurement in national law, in the relevant notice or the procurement documents or in Article 18(2) of Directive 2014/24/EU.', (
        G('C11_EG_labour-law/QG1', 'ON*', (
            P('C11_EG_labour-law/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C11_EG_labour-law/QG1/QSG1', 'ONTRUE', (
                P('C11_EG_labour-law/QG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                G('C11_EG_labour-law/QG1/QSG1/QSG1', 'ONTRUE', (
                    P('C11_EG_labour-law/QG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                )),
            )),
        )),
        G('C11_EG_labour-law/QG2', 'ON*', (
            P('C11_EG_labour-law/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C11_EG_labour-law/QG2/QSG1', 'ONTRUE', (
                P('C11_EG_labour-law/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('d3732c09-7d62-4edc-a172-241da6636e7c', 'bankruptcy', 'Bankruptcy', 'Is the economic operator bankrupt? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C12_EG_bankruptcy/QG1', 'ON*', (
            P('C12_EG_bankruptcy/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C12_EG_bankruptcy/QG1/QSG1', 'ONTRUE', (
                P('C12_EG_bankruptcy/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C12_EG_bankruptcy/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C12_EG_bankruptcy/QG2', 'ON*', (
            P('C12_EG_bankruptcy/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C12_EG_bankruptcy/QG2/QSG1', 'ONTRUE', (
                P('C12_EG_bankruptcy/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('396f288a-e267-4c20-851a-ed4f7498f137', 'insolvency', 'Insolvency', 'Is the economic operator the subject of insolvency or winding-up? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C13_EG_insolvency/QG1', 'ON*', (
            P('C13_EG_insolvency/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C13_EG_insolvency/QG1/QSG1', 'ONTRUE', (
                P('C13_EG_insolvency/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C13_EG_insolvency/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C13_EG_insolvency/QG2', 'ON*', (
            P('C13_EG_insolvency/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C13_EG_insolvency/QG2/QSG1', 'ONTRUE', (
                P('C13_EG_insolvency/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('68918c7a-f5bc-4a1a-a62f-ad8983600d48', 'cred-arran', 'Arrangement with creditors', 'Is the economic operator in arrangement with creditors? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C14_EG_cred-arran/QG1', 'ON*', (
            P('C14_EG_cred-arran/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C14_EG_cred-arran/QG1/QSG1', 'ONTRUE', (
                P('C14_EG_cred-arran/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C14_EG_cred-arran/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C14_EG_cred-arran/QG2', 'ON*', (
            P('C14_EG_cred-arran/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C14_EG_cred-arran/QG2/QSG1', 'ONTRUE', (
                P('C14_EG_cred-arran/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('daffa2a9-9f8f-4568-8be8-7b8bf306d096', 'bankr-nat', 'Analogous situation like bankruptcy under national law', 'Is the economic operator in any analogous situation like bankruptcy arising from a similar procedure under national laws and regulations? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C15_EG_bankr-nat/QG1', 'ON*', (
            P('C15_EG_bankr-nat/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C15_EG_bankr-nat/QG1/QSG1', 'ONTRUE', (
                P('C15_EG_bankr-nat/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C15_EG_bankr-nat/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C15_EG_bankr-nat/QG2', 'ON*', (
            P('C15_EG_bankr-nat/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C15_EG_bankr-nat/QG2/QSG1', 'ONTRUE', (
                P('C15_EG_bankr-nat/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('8fda202a-0c37-41bb-9d7d-de3f49edbfcb', 'liq-admin', 'Assets being administered by liquidator', 'Are the assets of the economic operator being administered by a liquidator or by the court? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C16_EG_liq-admin/QG1', 'ON*', (
            P('C16_EG_liq-admin/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C16_EG_liq-admin/QG1/QSG1', 'ONTRUE', (
                P('C16_EG_liq-admin/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C16_EG_liq-admin/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C16_EG_liq-admin/QG2', 'ON*', (
            P('C16_EG_liq-admin/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C16_EG_liq-admin/QG2/QSG1', 'ONTRUE', (
                P('C16_EG_liq-admin/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('166536e2-77f7-455c-b018-70582474e4f6', 'susp-act', 'Business activities are suspended', 'Are the business activities of the economic operator suspended? This information needs not be given if exclusion of economic operators in this case has been made mandatory under the applicable national law without any possibility of derogation where the economic operator is nevertheless able to perform the contract.', (
        G('C17_EG_susp-act/QG1', 'ON*', (
            P('C17_EG_susp-act/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C17_EG_susp-act/QG1/QSG1', 'ONTRUE', (
                P('C17_EG_susp-act/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                P('C17_EG_susp-act/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Indicate reasons for being nevertheless to perform the contract'),
            )),
        )),
        G('C17_EG_susp-act/QG2', 'ON*', (
            P('C17_EG_susp-act/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C17_EG_susp-act/QG2/QSG1', 'ONTRUE', (
                P('C17_EG_susp-act/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('514d3fde-1e3e-4dcd-b02a-9f984d5bbda3', 'prof-misconduct', 'Guilty of grave professional misconduct', 'Is the economic operator guilty of grave professional misconduct? Where applicable, see definitions in national law, the relevant notice or the procurement documents.', (
        G('C18_EG_prof-misconduct/QG1', 'ON*', (
            P('C18_EG_prof-misconduct/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C18_EG_prof-misconduct/QG1/QSG1', 'ONTRUE', (
                P('C18_EG_prof-misconduct/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                G('C18_EG_prof-misconduct/QG1/QSG1/QSG1', 'ON*', (
                    P('C18_EG_prof-misconduct/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability'),
                    G('C18_EG_prof-misconduct/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C18_EG_prof-misconduct/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C18_EG_prof-misconduct/QG2', 'ON*', (
            P('C18_EG_prof-misconduct/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C18_EG_prof-misconduct/QG2/QSG1', 'ONTRUE', (
                P('C18_EG_prof-misconduct/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('56d13e3d-76e8-4f23-8af6-13e60a2ee356', 'distorsion', 'Agreements with other economic operators aimed at distorting competition', 'Has the economic operator entered into agreements with other economic operators aimed at distorting competition?', (
        G('C19_EG_distorsion/QG1', 'ON*', (
            P('C19_EG_distorsion/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C19_EG_distorsion/QG1/QSG1', 'ONTRUE', (
                P('C19_EG_distorsion/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                G('C19_EG_distorsion/QG1/QSG1/QSG1', 'ON*', (
                    P('C19_EG_distorsion/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability'),
                    G('C19_EG_distorsion/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C19_EG_distorsion/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C19_EG_distorsion/QG2', 'ON*', (
            P('C19_EG_distorsion/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C19_EG_distorsion/QG2/QSG1', 'ONTRUE', (
                P('C19_EG_distorsion/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('b1b5ac18-f393-4280-9659-1367943c1a2e', 'partic-confl', 'Conflict of interest due to its participation in the procurement procedure', 'Is the economic operator aware of any conflict of interest, as indicated in national law, the relevant notice or the procurement documents due to its participation in the procurement procedure?', (
        G('C20_EG_partic-confl/QG1', 'ON*', (
            P('C20_EG_partic-confl/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C20_EG_partic-confl/QG1/QSG1', 'ONTRUE', (
                P('C20_EG_partic-confl/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
            )),
        )),
        G('C20_EG_partic-confl/QG2', 'ON*', (
            P('C20_EG_partic-confl/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C20_EG_partic-confl/QG2/QSG1', 'ONTRUE', (
                P('C20_EG_partic-confl/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('61874050-5130-4f1c-a174-720939c7b483', 'prep-confl', 'Direct or indirect involvement in the preparation of this procurement procedure', 'Has the economic operator or an undertaking related to it advised the contracting authority or contracting entity or otherwise been involved in the preparation of the procurement procedure?', (
        G('C21_EG_prep-confl/QG1', 'ON*', (
            P('C21_EG_prep-confl/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C21_EG_prep-confl/QG1/QSG1', 'ONTRUE', (
                P('C21_EG_prep-confl/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
            )),
        )),
        G('C21_EG_prep-confl/QG2', 'ON*', (
            P('C21_EG_prep-confl/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C21_EG_prep-confl/QG2/QSG1', 'ONTRUE', (
                P('C21_EG_prep-confl/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('3293e92b-7f3e-42f1-bee6-a7641bb04251', 'sanction', 'Early termination, damages or other comparable sanctions', 'Has the economic operator experienced that a prior public contract, a prior contract with a contracting entity or a prior concession contract was terminated early, or that damages or other comparable sanctions were imposed in connection with that prior contract?', (
        G('C22_EG_sanction/QG1', 'ON*', (
            P('C22_EG_sanction/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
            G('C22_EG_sanction/QG1/QSG1', 'ONTRUE', (
                P('C22_EG_sanction/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                G('C22_EG_sanction/QG1/QSG1/QSG1', 'ON*', (
                    P('C22_EG_sanction/QG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Have you taken measures to demonstrate your reliability (Self-Cleaning)?'),
                    G('C22_EG_sanction/QG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C22_EG_sanction/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                )),
            )),
        )),
        G('C22_EG_sanction/QG2', 'ON*', (
            P('C22_EG_sanction/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C22_EG_sanction/QG2/QSG1', 'ONTRUE', (
                P('C22_EG_sanction/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('696a75b2-6107-428f-8b74-82affb67e184', 'misrepresent', 'Guilty of misrepresentation, withheld information, unable to provide required documents and obtained confidential information of this procedure', 'Can the economic operator confirm that: a) It has been guilty of serious misrepresentation in supplying the information required for the verification of the absence of grounds for exclusion or the fulfilment of the selection criteria, b) It has withheld such information, c) It has not been able, without delay, to submit the supporting documents required by a contracting authority or contracting entity, and d) It has undertaken to unduly influence the decision making process of the contracting authority or contracting entity, to obtain confidential information that may confer upon it undue advantages in the procurement procedure or to negligently provide misleading information that may have a material influence on decisions concerning exclusion, selection or award?', (
        G('C23_EG_misrepresent/QG1', 'ON*', (
            P('C23_EG_misrepresent/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer'),
        )),
        G('C23_EG_misrepresent/QG2', 'ON*', (
            P('C23_EG_misrepresent/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C23_EG_misrepresent/QG2/QSG1', 'ONTRUE', (
                P('C23_EG_misrepresent/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('63adb07d-db1b-4ef0-a14e-a99785cf8cf6', 'nati-ground', 'Purely national exclusion grounds', "[Other exclusion grounds that may be foreseen in the national legislation of the contracting authority's or contracting entity's Member State. Has the economic operator breached its obligations relating to the purely national grounds of exclusion, which are specified in the relevant notice or in the procurement documents?]", (
        G('C24_EG_nati-ground/QG1', 'ON*', (
            P('C24_EG_nati-ground/QG1/CA1', 'CAPTION', 'NONE', ''),
            G('C24_EG_nati-ground/QG1/QSG1', 'ON*', (
                P('C24_EG_nati-ground/QG1/QSG1/CA1', 'CAPTION', 'NONE', '[Text describing the national criterion]'),
                P('C24_EG_nati-ground/QG1/QSG1/CA2', 'CAPTION', 'NONE', '[Type of evidence from e-Certis]'),
                P('C24_EG_nati-ground/QG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            )),
        )),
        G('C24_EG_nati-ground/QG2', 'ON*', (
            P('C24_EG_nati-ground/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C24_EG_nati-ground/QG2/QSG1', 'ONTRUE', (
                P('C24_EG_nati-ground/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('6ee55a59-6adb-4c3a-b89f-e62a7ad7be7f', 'prof-regist', 'Enrolment in a relevant professional register', 'It is enrolled in relevant professional registers kept in the Member State of its establishment as described in Annex XI of Directive 2014/24/EU; economic operators from certain Member States may have to comply with other requirements set out in that Annex.', (
        G('C25_SC_prof-regist/RG1', 'ON*', (
            P('C25_SC_prof-regist/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C25_SC_prof-regist/RG1/RSG1', 'ON*', (
                P('C25_SC_prof-regist/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'CODE', 'occupation'),
                G('C25_SC_prof-regist/RG1/RSG1/QSG1', 'ON*', (
                    P('C25_SC_prof-regist/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C25_SC_prof-regist/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C25_SC_prof-regist/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C25_SC_prof-regist/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C25_SC_prof-regist/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C25_SC_prof-regist/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C25_SC_prof-regist/RG1/RSG1/QSG2', 'ON*', (
                    P('C25_SC_prof-regist/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your Answer'),
                    G('C25_SC_prof-regist/RG1/RSG1/QSG2/QSG1', 'ONTRUE', (
                        P('C25_SC_prof-regist/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Registration number'),
                    )),
                    G('C25_SC_prof-regist/RG1/RSG1/QSG2/QSG2', 'ONFALSE', (
                        P('C25_SC_prof-regist/RG1/RSG1/QSG2/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Reasons why your are not registered'),
                    )),
                )),
                G('C25_SC_prof-regist/RG1/RSG1/QSG3', 'ON*', (
                    P('C25_SC_prof-regist/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C25_SC_prof-regist/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C25_SC_prof-regist/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('87b3fa26-3549-4f92-b8e0-3fd8f04bf5c7', 'trade-regist', 'Enrolment in a trade register', 'It is enrolled in trade registers kept in the Member State of its establishment as described in Annex XI of Directive 2014/24/EU; economic operators from certain Member States may have to comply with other requirements set out in that Annex.', (
        G('C26_SC_trade-regist/RG1', 'ON*', (
            P('C26_SC_trade-regist/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C26_SC_trade-regist/RG1/RSG1', 'ON*', (
                P('C26_SC_trade-regist/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Register name'),
                P('C26_SC_trade-regist/RG1/RSG1/RQ2/R1/R1/R1', 'REQUIREMENT', 'URL', 'URL'),
                G('C26_SC_trade-regist/RG1/RSG1/QSG1', 'ON*', (
                    P('C26_SC_trade-regist/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C26_SC_trade-regist/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C26_SC_trade-regist/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C26_SC_trade-regist/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C26_SC_trade-regist/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C26_SC_trade-regist/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C26_SC_trade-regist/RG1/RSG1/QSG2', 'ON*', (
                    P('C26_SC_trade-regist/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your Answer'),
                    G('C26_SC_trade-regist/RG1/RSG1/QSG2/QSG1', 'ONTRUE', (
                        P('C26_SC_trade-regist/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Registration number'),
                    )),
                    G('C26_SC_trade-regist/RG1/RSG1/QSG2/QSG2', 'ONFALSE', (
                        P('C26_SC_trade-regist/RG1/RSG1/QSG2/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Reasons why your are not registered'),
                    )),
                )),
                G('C26_SC_trade-regist/RG1/RSG1/QSG3', 'ON*', (
                    P('C26_SC_trade-regist/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C26_SC_trade-regist/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C26_SC_trade-regist/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('9eeb6d5c-0eb8-48e8-a4c5-5087a7c095a4', 'authorisation', 'For service contracts: authorisation of particular organisation needed', 'Is a particular authorisation of a particular organisation needed in order to be able to perform the service in question in the country of establishment of the economic operator?', (
        G('C27_SC_authorisation/RG1', 'ON*', (
            P('C27_SC_authorisation/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C27_SC_authorisation/RG1/RSG1', 'ON*', (
                P('C27_SC_authorisation/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Register name'),
                P('C27_SC_authorisation/RG1/RSG1/RQ2/R1/R1/R1', 'REQUIREMENT', 'URL', 'URL'),
                G('C27_SC_authorisation/RG1/RSG1/QSG1', 'ON*', (
                    P('C27_SC_authorisation/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C27_SC_authorisation/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C27_SC_authorisation/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C27_SC_authorisation/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C27_SC_authorisation/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C27_SC_authorisation/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C27_SC_authorisation/RG1/RSG1/QSG2', 'ON*', (
                    P('C27_SC_authorisation/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your Answer'),
                    G('C27_SC_authorisation/RG1/RSG1/QSG2/QSG1', 'ONTRUE', (
                        P('C27_SC_authorisation/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Registration number'),
                    )),
                    G('C27_SC_authorisation/RG1/RSG1/QSG2/QSG2', 'ONFALSE', (
                        P('C27_SC_authorisation/RG1/RSG1/QSG2/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Reasons why your are not registered'),
                    )),
                )),
                G('C27_SC_authorisation/RG1/RSG1/QSG3', 'ON*', (
                    P('C27_SC_authorisation/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C27_SC_authorisation/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C27_SC_authorisation/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('73f10e36-ed7a-412e-995c-aa76463e3776', 'membership', 'For service contracts: membership of particular organisation needed', 'Is a particular membership of a particular organisation needed in order to be able to perform the service in question in the country of establishment of the economic operator?', (
        G('C28_SC_membership/RG1', 'ON*', (
            P('C28_SC_membership/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C28_SC_membership/RG1/RSG1', 'ON*', (
                P('C28_SC_membership/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Register name'),
                P('C28_SC_membership/RG1/RSG1/RQ2/R1/R1/R1', 'REQUIREMENT', 'URL', 'URL'),
                G('C28_SC_membership/RG1/RSG1/QSG1', 'ON*', (
                    P('C28_SC_membership/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C28_SC_membership/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C28_SC_membership/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C28_SC_membership/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C28_SC_membership/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C28_SC_membership/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C28_SC_membership/RG1/RSG1/QSG2', 'ON*', (
                    P('C28_SC_membership/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your Answer'),
                    G('C28_SC_membership/RG1/RSG1/QSG2/QSG1', 'ONTRUE', (
                        P('C28_SC_membership/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Registration number'),
                    )),
                    G('C28_SC_membership/RG1/RSG1/QSG2/QSG2', 'ONFALSE', (
                        P('C28_SC_membership/RG1/RSG1/QSG2/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Reasons why your are not registered'),
                    )),
                )),
                G('C28_SC_membership/RG1/RSG1/QSG3', 'ON*', (
                    P('C28_SC_membership/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C28_SC_membership/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C28_SC_membership/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('499efc97-2ac1-4af2-9e84-323c2ca67747', 'gen-year-to', 'General yearly turnover', 'The general yearly turnover for the number of financial years required in the relevant notice, the procurement documents is as follows:', (
        G('C29_SC_gen-year-to/RG1', 'ON*', (
            P('C29_SC_gen-year-to/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C29_SC_gen-year-to/RG1/RSG1', 'ON*', (
                P('C29_SC_gen-year-to/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'QUANTITY_YEAR', 'Number of fiscal years'),
                P('C29_SC_gen-year-to/RG1/RSG1/RQ2/R1/R1/R1', 'REQUIREMENT', 'CODE_BOOLEAN', 'Threshold per year'),
                P('C29_SC_gen-year-to/RG1/RSG1/RQ3/R1/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount requirement'),
                G('C29_SC_gen-year-to/RG1/RSG1/QSG1', 'ON*', (
                    P('C29_SC_gen-year-to/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C29_SC_gen-year-to/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C29_SC_gen-year-to/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C29_SC_gen-year-to/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C29_SC_gen-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C29_SC_gen-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C29_SC_gen-year-to/RG1/RSG1/QSG2', 'ON*', (
                    P('C29_SC_gen-year-to/RG1/RSG1/QSG2/Q1', 'QUESTION', 'PERIOD', 'Start date; End date'),
                    P('C29_SC_gen-year-to/RG1/RSG1/QSG2/Q2', 'QUESTION', 'AMOUNT', 'Amount'),
                    G('C29_SC_gen-year-to/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C29_SC_gen-year-to/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C29_SC_gen-year-to/RG1/RSG1/QSG2/QSG1/QSG1', 'ONTRUE', (
                            P('C29_SC_gen-year-to/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C29_SC_gen-year-to/RG1/RSG1/QSG3', 'ON*', (
                    P('C29_SC_gen-year-to/RG1/RSG1/QSG3/Q1', 'QUESTION', 'DATE', 'In case the information concerning turnover (general or specific) is not available for the entire period required, please state the date on which the economic operator was set up or started trading:'),
                    G('C29_SC_gen-year-to/RG1/RSG1/QSG3/QSG1', 'ON*', (
                        P('C29_SC_gen-year-to/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C29_SC_gen-year-to/RG1/RSG1/QSG3/QSG1/QSG1', 'ONTRUE', (
                            P('C29_SC_gen-year-to/RG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C29_SC_gen-year-to/RG1/RSG1/QSG4', 'ON*', (
                    P('C29_SC_gen-year-to/RG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C29_SC_gen-year-to/RG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                        P('C29_SC_gen-year-to/RG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('b16cb9fc-6cb7-4585-9302-9533b415cf48', 'aver-year-to', 'Average yearly turnover', 'Its average yearly turnover for the number of years required in the relevant notice, the procurement documents or the ESPD is as follows:', (
        G('C30_SC_aver-year-to/RG1', 'ON*', (
            P('C30_SC_aver-year-to/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C30_SC_aver-year-to/RG1/RSG1', 'ON*', (
                P('C30_SC_aver-year-to/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'QUANTITY_YEAR', 'Number of fiscal years'),
                P('C30_SC_aver-year-to/RG1/RSG1/RQ2/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount requirement'),
                G('C30_SC_aver-year-to/RG1/RSG1/QSG1', 'ON*', (
                    P('C30_SC_aver-year-to/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C30_SC_aver-year-to/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C30_SC_aver-year-to/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C30_SC_aver-year-to/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C30_SC_aver-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C30_SC_aver-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C30_SC_aver-year-to/RG1/RSG1/QSG2', 'ON*', (
                    P('C30_SC_aver-year-to/RG1/RSG1/QSG2/Q1', 'QUESTION', 'AMOUNT', 'Average for the required period'),
                    P('C30_SC_aver-year-to/RG1/RSG1/QSG2/Q2', 'QUESTION', 'DESCRIPTION', 'Additional information'),
                    G('C30_SC_aver-year-to/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C30_SC_aver-year-to/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C30_SC_aver-year-to/RG1/RSG1/QSG2/QSG1/QSG1', 'ONTRUE', (
                            P('C30_SC_aver-year-to/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C30_SC_aver-year-to/RG1/RSG1/QSG3', 'ON*', (
                    P('C30_SC_aver-year-to/RG1/RSG1/QSG3/Q1', 'QUESTION', 'DATE', 'In case the information concerning turnover (general or specific) is not available for the entire period required, please state the date on which the economic operator was set up or started trading:'),
                    G('C30_SC_aver-year-to/RG1/RSG1/QSG3/QSG1', 'ON*', (
                        P('C30_SC_aver-year-to/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C30_SC_aver-year-to/RG1/RSG1/QSG3/QSG1/QSG1', 'ONTRUE', (
                            P('C30_SC_aver-year-to/RG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C30_SC_aver-year-to/RG1/RSG1/QSG4', 'ON*', (
                    P('C30_SC_aver-year-to/RG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C30_SC_aver-year-to/RG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                        P('C30_SC_aver-year-to/RG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('d3dfb714-f558-4512-bbc5-e456fa2339de', 'spec-aver-to', 'Specific average turnover', 'The specific average yearly turnover in the business area covered by the contract for the number of years required in the relevant notice, the procurement documents is as follows:', (
        G('C31_SC_spec-aver-to/RG1', 'ON*', (
            P('C31_SC_spec-aver-to/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C31_SC_spec-aver-to/RG1/RSG1', 'ON*', (
                P('C31_SC_spec-aver-to/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'QUANTITY_YEAR', 'Number of fiscal years'),
                P('C31_SC_spec-aver-to/RG1/RSG1/RQ2/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Business domain description'),
                P('C31_SC_spec-aver-to/RG1/RSG1/RQ3/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount requirement'),
                G('C31_SC_spec-aver-to/RG1/RSG1/QSG1', 'ON*', (
                    P('C31_SC_spec-aver-to/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C31_SC_spec-aver-to/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C31_SC_spec-aver-to/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C31_SC_spec-aver-to/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C31_SC_spec-aver-to/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C31_SC_spec-aver-to/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C31_SC_spec-aver-to/RG1/RSG1/QSG2', 'ON*', (
                    P('C31_SC_spec-aver-to/RG1/RSG1/QSG2/Q1', 'QUESTION', 'PERIOD', 'Start date; End date'),
                    P('C31_SC_spec-aver-to/RG1/RSG1/QSG2/Q2', 'QUESTION', 'AMOUNT', 'Amount'),
                    G('C31_SC_spec-aver-to/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C31_SC_spec-aver-to/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C31_SC_spec-aver-to/RG1/RSG1/QSG2/QSG1/QSG1', 'ONTRUE', (
                            P('C31_SC_spec-aver-to/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C31_SC_spec-aver-to/RG1/RSG1/QSG3', 'ON*', (
                    P('C31_SC_spec-aver-to/RG1/RSG1/QSG3/Q1', 'QUESTION', 'DATE', 'In case the information concerning turnover (general or specific) is not available for the entire period required, please state the date on which the economic operator was set up or started trading:'),
                    G('C31_SC_spec-aver-to/RG1/RSG1/QSG3/QSG1', 'ON*', (
                        P('C31_SC_spec-aver-to/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C31_SC_spec-aver-to/RG1/RSG1/QSG3/QSG1/QSG1', 'ONTRUE', (
                            P('C31_SC_spec-aver-to/RG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C31_SC_spec-aver-to/RG1/RSG1/QSG4', 'ON*', (
                    P('C31_SC_spec-aver-to/RG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C31_SC_spec-aver-to/RG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                        P('C31_SC_spec-aver-to/RG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('074f6031-55f9-4e99-b9a4-c4363e8bc315', 'spec-year-to', 'Specific yearly turnover', 'The specific yearly turnover in the business area covered by the contract for the number of financial years required in the relevant notice, the procurement documents is as follows:', (
        G('C32_SC_spec-year-to/RG1', 'ON*', (
            P('C32_SC_spec-year-to/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C32_SC_spec-year-to/RG1/RSG1', 'ON*', (
                P('C32_SC_spec-year-to/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'QUANTITY_YEAR', 'Number of fiscal years'),
                P('C32_SC_spec-year-to/RG1/RSG1/RQ2/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Business domain description'),
                P('C32_SC_spec-year-to/RG1/RSG1/RQ3/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount requirement'),
                G('C32_SC_spec-year-to/RG1/RSG1/QSG1', 'ON*', (
                    P('C32_SC_spec-year-to/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C32_SC_spec-year-to/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C32_SC_spec-year-to/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C32_SC_spec-year-to/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C32_SC_spec-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C32_SC_spec-year-to/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C32_SC_spec-year-to/RG1/RSG1/QSG2', 'ON*', (
                    P('C32_SC_spec-year-to/RG1/RSG1/QSG2/Q1', 'QUESTION', 'PERIOD', 'Start date; End date'),
                    P('C32_SC_spec-year-to/RG1/RSG1/QSG2/Q2', 'QUESTION', 'AMOUNT', 'Amount'),
                    G('C32_SC_spec-year-to/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C32_SC_spec-year-to/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C32_SC_spec-year-to/RG1/RSG1/QSG2/QSG1/QSG1', 'ONTRUE', (
                            P('C32_SC_spec-year-to/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C32_SC_spec-year-to/RG1/RSG1/QSG3', 'ON*', (
                    P('C32_SC_spec-year-to/RG1/RSG1/QSG3/Q1', 'QUESTION', 'DATE', 'In case the information concerning turnover (general or specific) is not available for the entire period required, please state the date on which the economic operator was set up or started trading:'),
                    G('C32_SC_spec-year-to/RG1/RSG1/QSG3/QSG1', 'ON*', (
                        P('C32_SC_spec-year-to/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C32_SC_spec-year-to/RG1/RSG1/QSG3/QSG1/QSG1', 'ONTRUE', (
                            P('C32_SC_spec-year-to/RG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
                G('C32_SC_spec-year-to/RG1/RSG1/QSG4', 'ON*', (
                    P('C32_SC_spec-year-to/RG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C32_SC_spec-year-to/RG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                        P('C32_SC_spec-year-to/RG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('e4d37adc-08cd-4f4d-a8d8-32b62b0a1f46', 'finan-rat', 'Financial ratio', 'Concerning the financial ratios specified in the relevant notice, the procurement documents, the economic operator declares that the actual values for the required ratios are as follows:', (
        G('C34_SC_finan-rat/RG1', 'ON*', (
            P('C34_SC_finan-rat/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C34_SC_finan-rat/RG1/RSG1', 'ON*', (
                P('C34_SC_finan-rat/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'PERIOD', 'Select the periods applicable for all ratios'),
                G('C34_SC_finan-rat/RG1/RSG1/RSG1', 'ON*', (
                    P('C34_SC_finan-rat/RG1/RSG1/RSG1/RQ1/R1/R1/R1/R1', 'REQUIREMENT', 'CODE', 'Ratio Type'),
                    P('C34_SC_finan-rat/RG1/RSG1/RSG1/RQ2/R1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Definition'),
                    P('C34_SC_finan-rat/RG1/RSG1/RSG1/RQ3/R1/R1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY', 'Minimum ratio requirement'),
                )),
                G('C34_SC_finan-rat/RG1/RSG1/QSG1', 'ON*', (
                    P('C34_SC_finan-rat/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C34_SC_finan-rat/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C34_SC_finan-rat/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C34_SC_finan-rat/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C34_SC_finan-rat/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C34_SC_finan-rat/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C34_SC_finan-rat/RG1/RSG1/QSG2', 'ON*', (
                    P('C34_SC_finan-rat/RG1/RSG1/QSG2/Q1', 'QUESTION', 'QUANTITY', 'Please provide your ratio'),
                )),
                G('C34_SC_finan-rat/RG1/RSG1/QSG3', 'ON*', (
                    P('C34_SC_finan-rat/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C34_SC_finan-rat/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C34_SC_finan-rat/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('7604bd40-4462-4086-8763-a50da51a869c', 'indem-insu', 'Professional risk indemnity insurance', 'The insured amount in its professional risk indemnity insurance is the following:', (
        G('C35_SC_indem-insu/RG1', 'ON*', (
            P('C35_SC_indem-insu/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C35_SC_indem-insu/RG1/RSG1', 'ON*', (
                P('C35_SC_indem-insu/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Type of insurance'),
                P('C35_SC_indem-insu/RG1/RSG1/RQ2/R1/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount'),
                G('C35_SC_indem-insu/RG1/RSG1/QSG1', 'ON*', (
                    P('C35_SC_indem-insu/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C35_SC_indem-insu/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C35_SC_indem-insu/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C35_SC_indem-insu/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C35_SC_indem-insu/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C35_SC_indem-insu/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C35_SC_indem-insu/RG1/RSG1/QSG2', 'ON*', (
                    P('C35_SC_indem-insu/RG1/RSG1/QSG2/Q1', 'QUESTION', 'AMOUNT', 'Amount'),
                    P('C35_SC_indem-insu/RG1/RSG1/QSG2/Q2', 'QUESTION', 'INDICATOR', 'As an EO I will commit to obtain the minimum amount required'),
                    P('C35_SC_indem-insu/RG1/RSG1/QSG2/Q3', 'QUESTION', 'INDICATOR', 'I am exempt'),
                )),
                G('C35_SC_indem-insu/RG1/RSG1/QSG3', 'ON*', (
                    P('C35_SC_indem-insu/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C35_SC_indem-insu/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C35_SC_indem-insu/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('ab0e7f2e-6418-40e2-8870-6713123e41ad', 'finan-requ', 'Other economic or financial requirements', 'Concerning the other economic or financial requirements, if any, that may have been specified in the relevant notice or the procurement documents, the economic operator declares that:', (
        G('C36_SC_finan-requ/RG1', 'ON*', (
            P('C36_SC_finan-requ/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C36_SC_finan-requ/RG1/RSG1', 'ON*', (
                P('C36_SC_finan-requ/RG1/RSG1/CA1', 'CAPTION', 'NONE', ''),
                G('C36_SC_finan-requ/RG1/RSG1/RSG1', 'ON*', (
                    P('C36_SC_finan-requ/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'CODE_BOOLEAN', 'Select the type of requirement (Economic or Financial; Rating; Descriptive)'),
                    G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1', 'Economic or Financial', (
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/RQ1/R1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Description of the economic or financial requirement'),
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/RQ2/R1/R1/R1/R1', 'REQUIREMENT', 'MINIMUM_AMOUNT', 'Minimum amount'),
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/RQ3/R1/R1/R1/R1', 'REQUIREMENT', 'PERIOD', 'Start date; End date'),
                        G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1', 'ON*', (
                            P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'AMOUNT', 'Amount'),
                            G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1/QSG1', 'ON*', (
                                P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                                G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2', 'Rating', (
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Rating scheme description'),
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/RQ2/R1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY', 'Minimum rating'),
                        G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1', 'ON*', (
                            P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1/Q1', 'QUESTION', 'QUANTITY', 'Rating'),
                            G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1/QSG1', 'ON*', (
                                P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                                G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG2/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3', 'Descriptive', (
                        P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Descriptive requirement'),
                        G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1', 'ON*', (
                            P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1/Q1', 'QUESTION', 'DESCRIPTION', '[Description]'),
                            G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1/QSG1', 'ON*', (
                                P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                                G('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C36_SC_finan-requ/RG1/RSG1/RSG1/RSG3/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                                )),
                            )),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('cdd3bb3e-34a5-43d5-b668-2aab86a73822', 'work-perform', 'For works contracts: performance of works of the specified type', 'For public works contracts only: During the reference period, the economic operator has performed the following works of the specified type. Contracting authorities may require up to five years and allow experience dating from more than five years.', (
        G('C37_SC_work-perform/RG1', 'ON*', (
            P('C37_SC_work-perform/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C37_SC_work-perform/RG1/RSG1', 'ON*', (
                P('C37_SC_work-perform/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY_INTEGER', 'Minimum number of references'),
                G('C37_SC_work-perform/RG1/RSG1/RSG1', 'ON*', (
                    P('C37_SC_work-perform/RG1/RSG1/RSG1/CA1', 'CAPTION', 'NONE', '[Description provided by the Buyer]'),
                    G('C37_SC_work-perform/RG1/RSG1/RSG1/RSG1', 'ON*', (
                        P('C37_SC_work-perform/RG1/RSG1/RSG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    )),
                )),
                G('C37_SC_work-perform/RG1/RSG1/QSG1', 'ON*', (
                    P('C37_SC_work-perform/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C37_SC_work-perform/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C37_SC_work-perform/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C37_SC_work-perform/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C37_SC_work-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C37_SC_work-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C37_SC_work-perform/RG1/RSG1/QSG2', 'ON*', (
                    P('C37_SC_work-perform/RG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                    G('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Reference description'),
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Total amount'),
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Activity of the economic operator'),
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'AMOUNT', 'Specific amount'),
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'PERIOD', 'Period (Start and End dates)'),
                        P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'INDICATOR', 'Confidential'),
                        G('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/QSG1', 'ON*', (
                            P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Recipient name'),
                            P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Contact person name'),
                            P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Contact email'),
                            P('C37_SC_work-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q4', 'QUESTION', 'DESCRIPTION', 'Contact telephone'),
                        )),
                    )),
                )),
                G('C37_SC_work-perform/RG1/RSG1/QSG3', 'ON*', (
                    P('C37_SC_work-perform/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                    G('C37_SC_work-perform/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C37_SC_work-perform/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('3a18a175-1863-4b1d-baef-588ce61960ca', 'supply-perform', 'For supply contracts: performance of deliveries of the specified type', 'For public supply contracts only: During the reference period, the economic operator has delivered the following principal deliveries of the type specified. Contracting authorities may require up to three years and allow experience dating from more than three years.', (
        G('C38_SC_supply-perform/RG1', 'ON*', (
            P('C38_SC_supply-perform/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C38_SC_supply-perform/RG1/RSG1', 'ON*', (
                P('C38_SC_supply-perform/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY_INTEGER', 'Minimum number of references'),
                G('C38_SC_supply-perform/RG1/RSG1/RSG1', 'ON*', (
                    P('C38_SC_supply-perform/RG1/RSG1/RSG1/CA1', 'CAPTION', 'NONE', '[Description provided by the Buyer]'),
                    G('C38_SC_supply-perform/RG1/RSG1/RSG1/RSG1', 'ON*', (
                        P('C38_SC_supply-perform/RG1/RSG1/RSG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    )),
                )),
                G('C38_SC_supply-perform/RG1/RSG1/QSG1', 'ON*', (
                    P('C38_SC_supply-perform/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C38_SC_supply-perform/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C38_SC_supply-perform/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C38_SC_supply-perform/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C38_SC_supply-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C38_SC_supply-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C38_SC_supply-perform/RG1/RSG1/QSG2', 'ON*', (
                    P('C38_SC_supply-perform/RG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                    G('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Reference description'),
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Total amount'),
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Activity of the economic operator'),
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'AMOUNT', 'Specific amount'),
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'PERIOD', 'Period (Start and End dates)'),
                        P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'INDICATOR', 'Confidential'),
                        G('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/QSG1', 'ON*', (
                            P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Recipient name'),
                            P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Contact person name'),
                            P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Contact email'),
                            P('C38_SC_supply-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q4', 'QUESTION', 'DESCRIPTION', 'Contact telephone'),
                        )),
                    )),
                )),
                G('C38_SC_supply-perform/RG1/RSG1/QSG3', 'ON*', (
                    P('C38_SC_supply-perform/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                    G('C38_SC_supply-perform/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C38_SC_supply-perform/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('5e506c16-26ab-4e32-bb78-b27f87dc0565', 'service-perform', 'For service contracts: performance of services of the specified type', 'For public service contracts only: During the reference period, the economic operator has provided the following main services of the type specified. Contracting authorities may require up to three years and allow experience dating from more than three years.', (
        G('C39_SC_service-perform/RG1', 'ON*', (
            P('C39_SC_service-perform/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C39_SC_service-perform/RG1/RSG1', 'ON*', (
                P('C39_SC_service-perform/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY_INTEGER', 'Minimum number of references'),
                G('C39_SC_service-perform/RG1/RSG1/RSG1', 'ON*', (
                    P('C39_SC_service-perform/RG1/RSG1/RSG1/CA1', 'CAPTION', 'NONE', '[Description provided by the Buyer]'),
                    G('C39_SC_service-perform/RG1/RSG1/RSG1/RSG1', 'ON*', (
                        P('C39_SC_service-perform/RG1/RSG1/RSG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    )),
                )),
                G('C39_SC_service-perform/RG1/RSG1/QSG1', 'ON*', (
                    P('C39_SC_service-perform/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C39_SC_service-perform/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C39_SC_service-perform/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C39_SC_service-perform/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C39_SC_service-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C39_SC_service-perform/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C39_SC_service-perform/RG1/RSG1/QSG2', 'ON*', (
                    P('C39_SC_service-perform/RG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                    G('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1', 'ON*', (
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Reference description'),
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Total amount'),
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Activity of the economic operator'),
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'AMOUNT', 'Specific amount'),
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'PERIOD', 'Period (Start and End dates)'),
                        P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'INDICATOR', 'Confidential'),
                        G('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/QSG1', 'ON*', (
                            P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Recipient name'),
                            P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Contact person name'),
                            P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Contact email'),
                            P('C39_SC_service-perform/RG1/RSG1/QSG2/QSG1/QSG1/Q4', 'QUESTION', 'DESCRIPTION', 'Contact telephone'),
                        )),
                    )),
                )),
                G('C39_SC_service-perform/RG1/RSG1/QSG3', 'ON*', (
                    P('C39_SC_service-perform/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                    G('C39_SC_service-perform/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C39_SC_service-perform/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('3aaca389-4a7b-406b-a4b9-080845d127e7', 'qual-cont-tech', 'Technicians or technical bodies for quality control', "It can call upon the following technicians or technical bodies, especially those responsible for quality control. For technicians or technical bodies not belonging directly to the economic operator's undertaking but on whose capacities the economic operator relies as set out under Part II, Section C, separate ESPD forms must be filled in.", (
        G('C40_SC_qual-cont-tech/RG1', 'ON*', (
            P('C40_SC_qual-cont-tech/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C40_SC_qual-cont-tech/RG1/RSG1', 'ON*', (
                P('C40_SC_qual-cont-tech/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1', 'ON*', (
                    P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                        G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1', 'ON*', (
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'First name'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Last name'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Profession'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'DESCRIPTION', 'Experience'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'DESCRIPTION', 'Other information'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'QUANTITY_YEAR', 'How long with EO'),
                            G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1', 'ON*', (
                                P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                                G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/CA1', 'CAPTION', 'NONE', ''),
                        G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1', 'ON*', (
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Experience area'),
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Other information'),
                            G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1', 'ON*', (
                                P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                                G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG4', 'ON*', (
                        P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                            P('C40_SC_qual-cont-tech/RG1/RSG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('c599c130-b29f-461e-a187-4e16c7d40db7', 'work-tech', 'For works contracts: technicians or technical bodies to carry out the work', 'In the case of public works contracts, the economic operator will be able to call on the following technicians or technical bodies to carry out the work:', (
        G('C41_SC_work-tech/RG1', 'ON*', (
            P('C41_SC_work-tech/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C41_SC_work-tech/RG1/RSG1', 'ON*', (
                P('C41_SC_work-tech/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C41_SC_work-tech/RG1/RSG1/RSG1', 'ON*', (
                    P('C41_SC_work-tech/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                        G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1', 'ON*', (
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'First name'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Last name'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Profession'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'DESCRIPTION', 'Experience'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'DESCRIPTION', 'Other information'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'QUANTITY_YEAR', 'How long with EO'),
                            G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1', 'ON*', (
                                P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                                G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG2/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/CA1', 'CAPTION', 'NONE', ''),
                        G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1', 'ON*', (
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Experience area'),
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Other information'),
                            G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1', 'ON*', (
                                P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is this information available online?'),
                                G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/QSG1', 'ONTRUE', (
                                    P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG3/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                                )),
                            )),
                        )),
                    )),
                    G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG4', 'ON*', (
                        P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG4/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C41_SC_work-tech/RG1/RSG1/RSG1/QSG4/QSG1', 'ONTRUE', (
                            P('C41_SC_work-tech/RG1/RSG1/RSG1/QSG4/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('4bf996d9-439c-40c6-9ab9-980a48cb55a1', 'qual-facil', 'Technical facilities and measures for ensuring quality', 'It uses the following technical facilities and measures for ensuring quality and its study and research facilities are as follows:', (
        G('C42_SC_qual-facil/RG1', 'ON*', (
            P('C42_SC_qual-facil/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C42_SC_qual-facil/RG1/RSG1', 'ON*', (
                P('C42_SC_qual-facil/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C42_SC_qual-facil/RG1/RSG1/RSG1', 'ON*', (
                    P('C42_SC_qual-facil/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                    G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C42_SC_qual-facil/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('90a2e100-44cc-45d3-9970-69d6714f1596', 'research-fac', 'Study and research facilities', 'It uses the following study and research facilities:', (
        G('C43_SC_research-fac/RG1', 'ON*', (
            P('C43_SC_research-fac/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C43_SC_research-fac/RG1/RSG1', 'ON*', (
                P('C43_SC_research-fac/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C43_SC_research-fac/RG1/RSG1/RSG1', 'ON*', (
                    P('C43_SC_research-fac/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                    G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C43_SC_research-fac/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C43_SC_research-fac/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('dc12a151-7fdf-4733-a8f0-30f667292e66', 'chain-manage', 'Supply chain management', 'It will be able to apply the following supply chain management and tracking systems when performing the contract:', (
        G('C44_SC_chain-manage/RG1', 'ON*', (
            P('C44_SC_chain-manage/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C44_SC_chain-manage/RG1/RSG1', 'ON*', (
                P('C44_SC_chain-manage/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C44_SC_chain-manage/RG1/RSG1/RSG1', 'ON*', (
                    P('C44_SC_chain-manage/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                    G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C44_SC_chain-manage/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('9460457e-b43d-48a9-acd1-615de6ddd33e', 'envir-measure', 'Environmental management measures', 'The economic operator will be able to apply the following environmental management measures when performing the contract:', (
        G('C45_SC_envir-measure/RG1', 'ON*', (
            P('C45_SC_envir-measure/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C45_SC_envir-measure/RG1/RSG1', 'ON*', (
                P('C45_SC_envir-measure/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C45_SC_envir-measure/RG1/RSG1/RSG1', 'ON*', (
                    P('C45_SC_envir-measure/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                    G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C45_SC_envir-measure/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('cc18c023-211d-484d-a32e-52f3f970285f', 'tech-equip', 'Tools, plant or technical equipment', 'The following tools, plant or technical equipment will be available to it for performing the contract:', (
        G('C46_SC_tech-equip/RG1', 'ON*', (
            P('C46_SC_tech-equip/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C46_SC_tech-equip/RG1/RSG1', 'ON*', (
                P('C46_SC_tech-equip/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C46_SC_tech-equip/RG1/RSG1/RSG1', 'ON*', (
                    P('C46_SC_tech-equip/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
                    )),
                    G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C46_SC_tech-equip/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('07301031-2270-41af-8e7e-66fe0c777107', 'qualification', 'Educational and professional qualifications', 'The following educational and professional qualifications are held by the service provider or the contractor itself, and/or (depending on the requirements set out in the relevant notice or the procurement documents) by its managerial staff.', (
        G('C47_SC_qualification/RG1', 'ON*', (
            P('C47_SC_qualification/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C47_SC_qualification/RG1/RSG1', 'ON*', (
                P('C47_SC_qualification/RG1/RSG1/CA1', 'CAPTION', 'NONE', '[Additional information; e.g. no evidences online]'),
                G('C47_SC_qualification/RG1/RSG1/RSG1', 'ON*', (
                    P('C47_SC_qualification/RG1/RSG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                    G('C47_SC_qualification/RG1/RSG1/RSG1/QSG1', 'ON*', (
                        P('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                        G('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                            G('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                                P('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                                P('C47_SC_qualification/RG1/RSG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                            )),
                        )),
                    )),
                    G('C47_SC_qualification/RG1/RSG1/RSG1/QSG2', 'ON*', (
                        P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/CA1', 'CAPTION', 'NONE', ''),
                        G('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1', 'ON*', (
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'First name'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Last name'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Please describe the educational or professional qualification'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q4', 'QUESTION', 'URL', 'If possible please indicate the ESCO identifier for this qualification'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q5', 'QUESTION', 'DESCRIPTION', 'If possible please describe the ESCO qualification'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q6', 'QUESTION', 'DESCRIPTION', 'Qualification name'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q7', 'QUESTION', 'QUAL_IDENTIFIER', 'Qualification number'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q8', 'QUESTION', 'DATE', 'Qualification issuing date'),
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG2/QSG1/Q9', 'QUESTION', 'DESCRIPTION', 'Qualification issuing body'),
                        )),
                    )),
                    G('C47_SC_qualification/RG1/RSG1/RSG1/QSG3', 'ON*', (
                        P('C47_SC_qualification/RG1/RSG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                        G('C47_SC_qualification/RG1/RSG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                            P('C47_SC_qualification/RG1/RSG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                        )),
                    )),
                )),
            )),
        )),
    )),
    E('c8809aa1-29b6-4f27-ae2f-27e612e394db', 'spec-req-check', 'Special requierements check', 'For complex products or services to be supplied or, exceptionally, for products or services which are required for a special purpose: The economic operator will allow checks to be conducted on the production capacities or the technical capacity of the economic operator and, where necessary, on the means of study and research which are available to it and on the quality control measures? The check is to be performed by the contracting authority or, in case the latter consents to this, on its behalf by a competent official body of the country in which the supplier or service provider is established.', (
        G('C48_SC_spec-req-check/RG1', 'ON*', (
            P('C48_SC_spec-req-check/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C48_SC_spec-req-check/RG1/RSG1', 'ON*', (
                P('C48_SC_spec-req-check/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                G('C48_SC_spec-req-check/RG1/RSG1/QSG1', 'ON*', (
                    P('C48_SC_spec-req-check/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C48_SC_spec-req-check/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C48_SC_spec-req-check/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C48_SC_spec-req-check/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C48_SC_spec-req-check/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C48_SC_spec-req-check/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C48_SC_spec-req-check/RG1/RSG1/QSG2', 'ON*', (
                    P('C48_SC_spec-req-check/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Do you allow checks?'),
                )),
                G('C48_SC_spec-req-check/RG1/RSG1/QSG3', 'ON*', (
                    P('C48_SC_spec-req-check/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C48_SC_spec-req-check/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C48_SC_spec-req-check/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('6346959b-e097-4ea1-89cd-d1b4c131ea4d', 'manage-staff', 'Number of managerial staff', 'The economic operator’s number of managerial staff for the last three years were as follows:', (
        G('C49_SC_manage-staff/RG1', 'ON*', (
            P('C49_SC_manage-staff/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C49_SC_manage-staff/RG1/RSG1', 'ON*', (
                P('C49_SC_manage-staff/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY_YEAR', 'Minimum number of years'),
                P('C49_SC_manage-staff/RG1/RSG1/RQ2/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Additional information'),
                G('C49_SC_manage-staff/RG1/RSG1/QSG1', 'ON*', (
                    P('C49_SC_manage-staff/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C49_SC_manage-staff/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C49_SC_manage-staff/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C49_SC_manage-staff/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C49_SC_manage-staff/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C49_SC_manage-staff/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C49_SC_manage-staff/RG1/RSG1/QSG2', 'ON*', (
                    P('C49_SC_manage-staff/RG1/RSG1/QSG2/Q1', 'QUESTION', 'QUANTITY_YEAR', 'Year'),
                    P('C49_SC_manage-staff/RG1/RSG1/QSG2/Q2', 'QUESTION', 'QUANTITY_INTEGER', 'Number'),
                )),
                G('C49_SC_manage-staff/RG1/RSG1/QSG3', 'ON*', (
                    P('C49_SC_manage-staff/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C49_SC_manage-staff/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C49_SC_manage-staff/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('1f49b3f0-d50f-43f6-8b30-4bafab108b9b', 'year-manpower', 'Average annual manpower', 'The economic operator’s average annual manpower for the last three years were as follows:', (
        G('C50_SC_year-manpower/RG1', 'ON*', (
            P('C50_SC_year-manpower/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C50_SC_year-manpower/RG1/RSG1', 'ON*', (
                P('C50_SC_year-manpower/RG1/RSG1/RQ1/R1/R1', 'REQUIREMENT', 'MINIMUM_QUANTITY_YEAR', 'Minimum number of years'),
                P('C50_SC_year-manpower/RG1/RSG1/RQ2/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Additional information'),
                G('C50_SC_year-manpower/RG1/RSG1/QSG1', 'ON*', (
                    P('C50_SC_year-manpower/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C50_SC_year-manpower/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C50_SC_year-manpower/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C50_SC_year-manpower/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C50_SC_year-manpower/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C50_SC_year-manpower/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C50_SC_year-manpower/RG1/RSG1/QSG2', 'ON*', (
                    P('C50_SC_year-manpower/RG1/RSG1/QSG2/Q1', 'QUESTION', 'QUANTITY_YEAR', 'Year'),
                    P('C50_SC_year-manpower/RG1/RSG1/QSG2/Q2', 'QUESTION', 'QUANTITY_INTEGER', 'Number'),
                )),
                G('C50_SC_year-manpower/RG1/RSG1/QSG3', 'ON*', (
                    P('C50_SC_year-manpower/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C50_SC_year-manpower/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C50_SC_year-manpower/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('612a1625-118d-4ea4-a6db-413184e7c0a8', 'suncont-port', 'Subcontracting proportion', 'The economic operator intends possibly to subcontract the following proportion (i.e. percentage) of the contract. Please note that if the economic operator has decided to subcontract a part of the contract and relies on the subcontractor’s capacities to perform that part, then please fill in a separate ESPD for such subcontractors, see Part II, Section C above.', (
        G('C51_SC_suncont-port/RG1', 'ON*', (
            P('C51_SC_suncont-port/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C51_SC_suncont-port/RG1/QSG1', 'ON*', (
                P('C51_SC_suncont-port/RG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                G('C51_SC_suncont-port/RG1/QSG1/QSG1', 'ONFALSE', (
                    P('C51_SC_suncont-port/RG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                    G('C51_SC_suncont-port/RG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C51_SC_suncont-port/RG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                        P('C51_SC_suncont-port/RG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                    )),
                )),
            )),
            G('C51_SC_suncont-port/RG1/QSG2', 'ON*', (
                P('C51_SC_suncont-port/RG1/QSG2/Q1', 'QUESTION', 'DESCRIPTION', 'Please specify'),
            )),
            G('C51_SC_suncont-port/RG1/QSG3', 'ON*', (
                P('C51_SC_suncont-port/RG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                G('C51_SC_suncont-port/RG1/QSG3/QSG1', 'ONTRUE', (
                    P('C51_SC_suncont-port/RG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                )),
            )),
        )),
    )),
    E('bdf0601d-2480-4250-b870-658d0ee95be6', 'wo-autent', 'For supply contracts: samples, descriptions or photographs without certification of authenticity', 'For public supply contracts: The economic operator will supply the required samples, descriptions or photographs of the products to be supplied, which do not need to be accompanied by certifications of authenticity.', (
        G('C52_SC_wo-autent/RG1', 'ON*', (
            P('C52_SC_wo-autent/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C52_SC_wo-autent/RG1/QSG1', 'ON*', (
                P('C52_SC_wo-autent/RG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                G('C52_SC_wo-autent/RG1/QSG1/QSG1', 'ONFALSE', (
                    P('C52_SC_wo-autent/RG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                    G('C52_SC_wo-autent/RG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C52_SC_wo-autent/RG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                        P('C52_SC_wo-autent/RG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                    )),
                )),
            )),
            G('C52_SC_wo-autent/RG1/QSG2', 'ON*', (
                P('C52_SC_wo-autent/RG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            )),
            G('C52_SC_wo-autent/RG1/QSG3', 'ON*', (
                P('C52_SC_wo-autent/RG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                G('C52_SC_wo-autent/RG1/QSG3/QSG1', 'ONTRUE', (
                    P('C52_SC_wo-autent/RG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                )),
            )),
        )),
    )),
    E('7662b7a9-bcb8-4763-a0a7-7505d8e8470d', 'w-autent', 'For supply contracts: samples, descriptions or photographs with certification of authenticity', 'For public supply contracts: The economic operator will supply the required samples, descriptions or photographs of the products to be supplied and will provide certifications of authenticity where applicable.', (
        G('C53_SC_w-autent/RG1', 'ON*', (
            P('C53_SC_w-autent/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C53_SC_w-autent/RG1/QSG1', 'ON*', (
                P('C53_SC_w-autent/RG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                G('C53_SC_w-autent/RG1/QSG1/QSG1', 'ONFALSE', (
                    P('C53_SC_w-autent/RG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                    G('C53_SC_w-autent/RG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                        P('C53_SC_w-autent/RG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                        P('C53_SC_w-autent/RG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                    )),
                )),
            )),
            G('C53_SC_w-autent/RG1/QSG2', 'ON*', (
                P('C53_SC_w-autent/RG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            )),
            G('C53_SC_w-autent/RG1/QSG3', 'ON*', (
                P('C53_SC_w-autent/RG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                G('C53_SC_w-autent/RG1/QSG3/QSG1', 'ONTRUE', (
                    P('C53_SC_w-autent/RG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                )),
            )),
        )),
    )),
    E('a7669d7d-9297-43e1-9d10-691a1660187c', 'qa-certif-inst', 'For supply contracts: certificates by quality control institutes', 'Can the economic operator provide the required certificates drawn up by official quality control institutes or agencies of recognised competence attesting the conformity of products clearly identified by references to the technical specifications or standards, which are set out in the relevant notice or the procurement documents?', (
        G('C54_SC_qa-certif-inst/RG1', 'ON*', (
            P('C54_SC_qa-certif-inst/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C54_SC_qa-certif-inst/RG1/RSG1', 'ON*', (
                P('C54_SC_qa-certif-inst/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                G('C54_SC_qa-certif-inst/RG1/RSG1/QSG1', 'ON*', (
                    P('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C54_SC_qa-certif-inst/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C54_SC_qa-certif-inst/RG1/RSG1/QSG2', 'ON*', (
                    P('C54_SC_qa-certif-inst/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
                    G('C54_SC_qa-certif-inst/RG1/RSG1/QSG2/QSG1', 'ONFALSE', (
                        P('C54_SC_qa-certif-inst/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'If not, please explain why and state which other means of proof can be provided:'),
                    )),
                )),
                G('C54_SC_qa-certif-inst/RG1/RSG1/QSG3', 'ON*', (
                    P('C54_SC_qa-certif-inst/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C54_SC_qa-certif-inst/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C54_SC_qa-certif-inst/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('d726bac9-e153-4e75-bfca-c5385587766d', 'qu-certif-indep', 'Certificates by independent bodies about quality assurance standards', 'Will the economic operator be able to produce certificates drawn up by independent bodies attesting that the economic operator complies with the required quality assurance standards, including accessibility for disabled persons?', (
        G('C55_SC_qu-certif-indep/RG1', 'ON*', (
            P('C55_SC_qu-certif-indep/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C55_SC_qu-certif-indep/RG1/RSG1', 'ON*', (
                P('C55_SC_qu-certif-indep/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                G('C55_SC_qu-certif-indep/RG1/RSG1/QSG1', 'ON*', (
                    P('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C55_SC_qu-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C55_SC_qu-certif-indep/RG1/RSG1/QSG2', 'ON*', (
                    P('C55_SC_qu-certif-indep/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
                    G('C55_SC_qu-certif-indep/RG1/RSG1/QSG2/QSG1', 'ONFALSE', (
                        P('C55_SC_qu-certif-indep/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'If not, please explain why and state which other means of proof can be provided:'),
                    )),
                )),
                G('C55_SC_qu-certif-indep/RG1/RSG1/QSG3', 'ON*', (
                    P('C55_SC_qu-certif-indep/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C55_SC_qu-certif-indep/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C55_SC_qu-certif-indep/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('8ed65e48-fd0d-444f-97bd-4f58da632999', 'envir-certif-indep', 'Certificates by independent bodies about environmental management systems or standards', 'Will the economic operator be able to produce certificates drawn up by independent bodies attesting that the economic operator complies with the required environmental management systems or standards?', (
        G('C56_SC_envir-certif-indep/RG1', 'ON*', (
            P('C56_SC_envir-certif-indep/RG1/RQ1/R1/R1', 'REQUIREMENT', 'LOT_IDENTIFIER', 'LOT Identifier'),
            G('C56_SC_envir-certif-indep/RG1/RSG1', 'ON*', (
                P('C56_SC_envir-certif-indep/RG1/RSG1/RQ1/R1/R1/R1', 'REQUIREMENT', 'DESCRIPTION', 'Requirement'),
                G('C56_SC_envir-certif-indep/RG1/RSG1/QSG1', 'ON*', (
                    P('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the EO fulfil the criteria by itself?'),
                    G('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/QSG1', 'ONFALSE', (
                        P('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'In the case of no – Relied upon or not'),
                        G('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1', 'ONTRUE', (
                            P('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                            P('C56_SC_envir-certif-indep/RG1/RSG1/QSG1/QSG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
                        )),
                    )),
                )),
                G('C56_SC_envir-certif-indep/RG1/RSG1/QSG2', 'ON*', (
                    P('C56_SC_envir-certif-indep/RG1/RSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
                    G('C56_SC_envir-certif-indep/RG1/RSG1/QSG2/QSG1', 'ONFALSE', (
                        P('C56_SC_envir-certif-indep/RG1/RSG1/QSG2/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'If not, please explain why and state which other means of proof can be provided:'),
                    )),
                )),
                G('C56_SC_envir-certif-indep/RG1/RSG1/QSG3', 'ON*', (
                    P('C56_SC_envir-certif-indep/RG1/RSG1/QSG3/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
                    G('C56_SC_envir-certif-indep/RG1/RSG1/QSG3/QSG1', 'ONTRUE', (
                        P('C56_SC_envir-certif-indep/RG1/RSG1/QSG3/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
                    )),
                )),
            )),
        )),
    )),
    E('C57_OT_shelt-worksh', 'shelt-worksh', 'Economic operator is a sheltered workshop', "Only in case the procurement is reserved: is the economic operator a sheltered workshop, a 'social business' or will it provide for the performance of the contract in the context of sheltered employment programmes?", (
        G('C57_OT_shelt-worksh/QG1', 'ON*', (
            P('C57_OT_shelt-worksh/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C57_OT_shelt-worksh/QG1/QSG1', 'ONTRUE', (
                P('C57_OT_shelt-worksh/QG1/QSG1/Q1', 'QUESTION', 'PERCENTAGE', 'What is the corresponding percentage of disabled or disadvantaged workers?'),
                P('C57_OT_shelt-worksh/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'If required, please provide details on whether the employees concerned belong to a specific category of disabled or disadvantaged workers?'),
            )),
        )),
        G('C57_OT_shelt-worksh/QG2', 'ON*', (
            P('C57_OT_shelt-worksh/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C57_OT_shelt-worksh/QG2/QSG1', 'ONTRUE', (
                P('C57_OT_shelt-worksh/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C58_OT_registered', 'registered', 'Economic operator registered in a pre qualification system', 'Does the country of the economic operator have an official list of approved economic operators or an equivalent certificate (e.g. under a national (pre)qualification system)?', (
        G('C58_OT_registered/QG1', 'ON*', (
            P('C58_OT_registered/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C58_OT_registered/QG1/QSG1', 'ONTRUE', (
                P('C58_OT_registered/QG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Is the economic operator registered on an official list of approved economic operators or does it have an equivalent certificate?'),
                G('C58_OT_registered/QG1/QSG1/QSG1', 'ONTRUE', (
                    P('C58_OT_registered/QG1/QSG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please provide the name of the list or certificate and the relevant registration or certification number, if applicable'),
                    P('C58_OT_registered/QG1/QSG1/QSG1/Q2', 'QUESTION', 'URL', 'If the certificate of registration or certification is available electronically, please state where'),
                    P('C58_OT_registered/QG1/QSG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Please state the references on which the registration or certification is based, and, where applicable, the classification obtained in the official list'),
                    G('C58_OT_registered/QG1/QSG1/QSG1/QSG1', 'ON*', (
                        P('C58_OT_registered/QG1/QSG1/QSG1/QSG1/Q1', 'QUESTION', 'INDICATOR', 'Does the registration or certification cover all of the required selection criteria?'),
                    )),
                )),
                G('C58_OT_registered/QG1/QSG1/QSG2', 'ONFALSE', (
                    P('C58_OT_registered/QG1/QSG1/QSG2/Q1', 'QUESTION', 'INDICATOR', 'Will the economic operator be able to provide a certificate with regard to the payment of social security contributions and taxes or provide information enabling the contracting authority or contracting entity to obtaining it directly by accessing a national database in any Member State that is available free of charge?'),
                )),
            )),
            G('C58_OT_registered/QG1/QSG2', 'ONFALSE', (
                P('C58_OT_registered/QG1/QSG2/CA1', 'CAPTION', 'NONE', 'The country of the economic operator does not have an official list of approved economic operators or an equivalent certificate (e.g. under a national (pre)qualification system).'),
            )),
        )),
        G('C58_OT_registered/QG2', 'ON*', (
            P('C58_OT_registered/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C58_OT_registered/QG2/QSG1', 'ONTRUE', (
                P('C58_OT_registered/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C59_OT_eo-group', 'eo-group', 'Economic Operator together with others', 'Is the economic operator participating in the procurement procedure together with others?', (
        G('C59_OT_eo-group/QG1', 'ON*', (
            P('C59_OT_eo-group/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C59_OT_eo-group/QG1/QSG1', 'ONTRUE', (
                P('C59_OT_eo-group/QG1/QSG1/Q1', 'QUESTION', 'CODE', 'Please indicate the role of the economic operator in the group (leader, responsible for specific tasks...)'),
                P('C59_OT_eo-group/QG1/QSG1/Q2', 'QUESTION', 'DESCRIPTION', 'Please identify the other economic operators participating in the procurement procedure together'),
                P('C59_OT_eo-group/QG1/QSG1/Q3', 'QUESTION', 'DESCRIPTION', 'Where applicable, name of the participating group:'),
            )),
        )),
        G('C59_OT_eo-group/QG2', 'ON*', (
            P('C59_OT_eo-group/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C59_OT_eo-group/QG2/QSG1', 'ONTRUE', (
                P('C59_OT_eo-group/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C60_OT_relied', 'relied', 'Relied on entities', 'Does the economic operator rely on the capacities of other entities in order to meet the selection criteria set out under Part IV and the criteria and rules (if any) set out under Part V below?', (
        G('C60_OT_relied/QG1', 'ON*', (
            P('C60_OT_relied/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C60_OT_relied/QG1/QSG1', 'ONTRUE', (
                P('C60_OT_relied/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                P('C60_OT_relied/QG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the entity'),
            )),
        )),
        G('C60_OT_relied/QG2', 'ON*', (
            P('C60_OT_relied/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C60_OT_relied/QG2/QSG1', 'ONTRUE', (
                P('C60_OT_relied/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C61_OT_subco-ent', 'subco-ent', 'Subcontracted entities', 'Does the economic operator intend to subcontract any share of the contract to third parties?', (
        G('C61_OT_subco-ent/QG1', 'ON*', (
            P('C61_OT_subco-ent/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C61_OT_subco-ent/QG1/QSG1', 'ONTRUE', (
                P('C61_OT_subco-ent/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Name of the entity'),
                P('C61_OT_subco-ent/QG1/QSG1/Q2', 'QUESTION', 'ECONOMIC_OPERATOR_IDENTIFIER', 'ID of the subcontractor'),
            )),
        )),
        G('C61_OT_subco-ent/QG2', 'ON*', (
            P('C61_OT_subco-ent/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C61_OT_subco-ent/QG2/QSG1', 'ONTRUE', (
                P('C61_OT_subco-ent/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C63_OT_staff-red', 'staff-red', 'Reduction of the number of qualified candidates', 'The economic operator declares that It meets the objective and non discriminatory criteria or rules to be applied in order to limit the number of candidates in the following way: in case certain certificates or other forms of documentary evidence are required, please indicate for each whether the economic operator has the required documents.', (
        G('C63_OT_staff-red/QG1', 'ON*', (
            P('C63_OT_staff-red/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C63_OT_staff-red/QG1/QSG1', 'ONTRUE', (
                P('C63_OT_staff-red/QG1/QSG1/Q1', 'QUESTION', 'DESCRIPTION', 'Please describe them'),
            )),
        )),
        G('C63_OT_staff-red/QG2', 'ON*', (
            P('C63_OT_staff-red/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C63_OT_staff-red/QG2/QSG1', 'ONTRUE', (
                P('C63_OT_staff-red/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
    E('C65_OT_sme', 'sme', 'Economic Operator Micro, Small or Medium-sized Enterprise', 'Is the economic operator a Micro, a Small or Medium-sized Enterprise?', (
        G('C65_OT_sme/QG1', 'ON*', (
            P('C65_OT_sme/QG1/Q1', 'QUESTION', 'INDICATOR', 'Your answer?'),
            G('C65_OT_sme/QG1/QSG1', 'ONTRUE', (
                P('C65_OT_sme/QG1/QSG1/Q1', 'QUESTION', 'QUANTITY_INTEGER', 'Number of employees'),
                P('C65_OT_sme/QG1/QSG1/Q2', 'QUESTION', 'AMOUNT', 'Turnover'),
            )),
        )),
        G('C65_OT_sme/QG2', 'ON*', (
            P('C65_OT_sme/QG2/Q1', 'QUESTION', 'INDICATOR', 'Is this information available electronically?'),
            G('C65_OT_sme/QG2/QSG1', 'ONTRUE', (
                P('C65_OT_sme/QG2/QSG1/Q1', 'QUESTION', 'EVIDENCE_IDENTIFIER', 'Evidence Supplied'),
            )),
        )),
    )),
)
