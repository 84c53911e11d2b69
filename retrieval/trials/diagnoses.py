"""A small curated table of named diagnoses with their ICD-10 and ICD-9 code prefixes.

Criteria name diagnoses in words ("history of asthma"); MIMIC-IV records them as ICD codes
(``hosp.diagnoses_icd``, both ICD-9-CM and ICD-10-CM, codes without the dot). This table maps the
words to code prefixes so a criterion can be checked against coded diagnoses.

Sources of the codes: ICD-10-CM 2024 Tabular List (CDC/NCHS) and ICD-9-CM volume 1, version 32
(CMS); where the WHO ICD-10 differs (E14 unspecified diabetes, I64 stroke not specified as
haemorrhage or infarction, J46 status asthmaticus, A16 tuberculosis not confirmed
bacteriologically have no ICD-10-CM counterpart) both are listed. Every prefix is checked to
exist in MIMIC-IV's ``hosp.d_icd_diagnoses`` in tests/test_trials_concepts.py (WHO-only codes
are marked there).
Prefixes are written without dots, as MIMIC-IV stores codes.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict


class DiagnosisConcept(BaseModel):
    """A named diagnosis and the ICD code prefixes that record it.

    Attributes:
        key: Stable identifier.
        label: Readable name.
        names: Regular expression (case-insensitive) of the words criteria and notes use.
        icd10: ICD-10(-CM) code prefixes, no dots.
        icd9: ICD-9-CM code prefixes, no dots.
        parent: Key of a broader concept this one refines (type 1 diabetes → diabetes), used to
            tell "patient has the broader condition, subtype unknown" apart from "absent".
        not_after: Words that, right before the name, make it a different condition
            ("pulmonary" hypertension is not systemic hypertension).
    """

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    names: str
    icd10: tuple[str, ...]
    icd9: tuple[str, ...]
    parent: str | None = None
    not_after: tuple[str, ...] = ()


def _icd9_diabetes(fifth_digits: str) -> tuple[str, ...]:
    # ICD-9-CM 250.xy: the fifth digit y is 0/2 for type II or unspecified, 1/3 for type I.
    return tuple(f"250{x}{y}" for x in range(10) for y in fifth_digits)


_D = DiagnosisConcept

# Order matters only for ties at one text position: more specific entries first.
DIAGNOSES: tuple[DiagnosisConcept, ...] = (
    # Endocrine and metabolic (ICD-10 E00-E90; ICD-9 240-279).
    _D(
        key="type1_diabetes",
        label="type 1 diabetes mellitus",
        parent="diabetes",
        names=r"type[-\s]*(?:1|i|one)\s+diabetes(?:\s+mellitus)?|(?-i:\bT1DM?\b|\bIDDM\b)"
        r"|insulin[-\s]dependent\s+diabetes(?:\s+mellitus)?|juvenile\s+diabetes",
        icd10=("E10",),
        icd9=_icd9_diabetes("13"),
    ),
    _D(
        key="type2_diabetes",
        label="type 2 diabetes mellitus",
        parent="diabetes",
        names=r"type[-\s]*(?:2|ii|two)\s+diabetes(?:\s+mellitus)?|(?-i:\bT2DM?\b|\bNIDDM\b)"
        r"|non[-\s]insulin[-\s]dependent\s+diabetes(?:\s+mellitus)?",
        icd10=("E11",),
        icd9=_icd9_diabetes("02"),
    ),
    _D(
        key="gestational_diabetes",
        label="gestational diabetes",
        names=r"gestational\s+diabetes",
        icd10=("O244",),
        icd9=("6488",),
    ),
    # E14 is WHO ICD-10 only; E08/E09/E13 are ICD-10-CM's secondary, drug-induced and other.
    _D(
        key="diabetes",
        label="diabetes mellitus",
        names=r"(?<!pre-)\bdiabet(?:es|ic)(?!\s+insipidus)(?:\s+mellitus)?\b|(?-i:\bDM\b)",
        icd10=("E08", "E09", "E10", "E11", "E13", "E14"),
        icd9=("250",),
    ),
    _D(
        key="obesity",
        label="obesity",
        names=r"\bobes(?:e|ity)\b|morbid(?:ly)?\s+obes\w*",
        icd10=("E66",),
        icd9=("2780",),
    ),
    _D(
        key="hypercholesterolemia",
        label="hypercholesterolaemia",
        names=r"hypercholesterola?emia|high\s+cholesterol",
        parent="hyperlipidemia",
        icd10=("E780",),
        icd9=("2720",),
    ),
    _D(
        key="hyperlipidemia",
        label="hyperlipidaemia / dyslipidaemia",
        names=r"hyperlipida?emia|dyslipida?emia|hypertriglyceridemia|lipid\s+metabolism\s+abnormality",
        icd10=("E78",),
        icd9=("272",),
    ),
    _D(
        key="hypothyroidism",
        label="hypothyroidism",
        names=r"hypothyroid(?:ism)?",
        icd10=("E02", "E03"),
        icd9=("243", "244"),
    ),
    _D(
        key="hyperthyroidism",
        label="hyperthyroidism",
        names=r"hyperthyroid(?:ism)?|thyrotoxicosis|graves'?\s+disease",
        icd10=("E05",),
        icd9=("242",),
    ),
    _D(
        key="pcos",
        label="polycystic ovary syndrome",
        names=r"polycystic\s+ovar(?:y|ian)\s+syndrome|(?-i:\bPCOS\b)",
        icd10=("E282",),
        icd9=("2564",),
    ),
    _D(
        key="cystic_fibrosis",
        label="cystic fibrosis",
        names=r"cystic\s+fibrosis",
        icd10=("E84",),
        icd9=("2770",),
    ),
    # Circulatory (ICD-10 I00-I99; ICD-9 390-459).
    _D(
        key="heart_failure",
        label="heart failure",
        names=r"(?:congestive\s+)?(?:heart|cardiac)\s+failure|(?-i:\bCHF\b|\bHFrEF\b|\bHFpEF\b)",
        # I11.0, I13.0, I13.2 and ICD-9 402.x1, 404.x1/x3 are hypertensive disease with failure.
        icd10=("I50", "I110", "I130", "I132"),
        icd9=(
            "428",
            "40201",
            "40211",
            "40291",
            "40401",
            "40403",
            "40411",
            "40413",
            "40491",
            "40493",
        ),
    ),
    _D(
        key="pulmonary_hypertension",
        label="pulmonary hypertension",
        names=r"pulmonary\s+(?:arterial\s+)?hypertension",
        icd10=("I270", "I272"),
        icd9=("4160", "4168"),
    ),
    _D(
        key="hypertension",
        label="hypertension",
        names=r"\bhypertension\b|\bhypertensive\b|(?-i:\bHTN\b)|high\s+blood\s+pressure",
        icd10=("I10", "I11", "I12", "I13", "I15", "I16"),
        icd9=("401", "402", "403", "404", "405"),
        not_after=(
            "pulmonary",
            "portal",
            "intracranial",
            "ocular",
            "atrial",
            "arterial",
            "gestational",
            "pregnancy-induced",
            "idiopathic",
        ),
    ),
    _D(
        key="myocardial_infarction",
        label="myocardial infarction",
        parent="coronary_artery_disease",
        names=r"myocardial\s+infarctions?|heart\s+attack|(?-i:\bN?STEMI\b|\bAMI\b|\bMI\b)",
        icd10=("I21", "I22", "I252"),
        icd9=("410", "412"),
    ),
    _D(
        key="unstable_angina",
        label="unstable angina",
        parent="angina",
        names=r"unstable\s+angina(?:\s+pectoris)?",
        icd10=("I200",),
        icd9=("4111",),
    ),
    _D(
        key="angina",
        label="angina pectoris",
        parent="coronary_artery_disease",
        names=r"\bangina(?:\s+pectoris)?\b",
        icd10=("I20",),
        icd9=("413", "4111"),
    ),
    _D(
        key="coronary_artery_disease",
        label="coronary artery / ischaemic heart disease",
        names=r"coronary\s+(?:artery|heart)\s+disease|(?-i:\bCAD\b|\bCHD\b|\bIHD\b)"
        r"|isch(?:a)?emic\s+heart\s+disease",
        icd10=("I20", "I21", "I22", "I23", "I24", "I25"),
        icd9=("410", "411", "412", "413", "414"),
    ),
    _D(
        key="atrial_fibrillation",
        label="atrial fibrillation",
        names=r"atrial\s+fibrillation|\ba-?fib\b|(?-i:\bAF\b)",
        icd10=("I48",),
        icd9=("42731",),
    ),
    _D(
        key="tia",
        label="transient ischaemic attack",
        names=r"transient\s+isch(?:a)?emic\s+attacks?|(?-i:\bTIAs?\b)",
        icd10=("G45",),
        icd9=("435",),
    ),
    _D(
        key="stroke",
        label="stroke",
        names=r"\bstrokes?\b|cerebrovascular\s+accident|(?-i:\bCVAs?\b)|cerebral\s+infarction",
        icd10=("I60", "I61", "I62", "I63", "I64"),
        icd9=("430", "431", "432", "433", "434", "436"),
    ),
    _D(
        key="dvt",
        label="deep vein thrombosis",
        parent="vte",
        names=r"deep\s+(?:vein|venous)\s+thrombosis|(?-i:\bDVTs?\b)",
        icd10=("I824", "I801", "I802"),
        icd9=("4534", "4511", "4512"),
    ),
    _D(
        key="pulmonary_embolism",
        label="pulmonary embolism",
        parent="vte",
        names=r"pulmonary\s+embol(?:ism|us|i)|(?-i:\bPE\b)(?!\s*exam)",
        icd10=("I26",),
        icd9=("4151",),
    ),
    _D(
        key="vte",
        label="venous thromboembolism",
        names=r"venous\s+thromboembolism|(?-i:\bVTE\b)|thromboembolic\s+disease",
        icd10=("I26", "I80", "I82"),
        icd9=("4151", "451", "453"),
    ),
    _D(
        key="peripheral_artery_disease",
        label="peripheral arterial disease",
        names=r"peripheral\s+(?:arterial|artery|vascular)\s+disease|(?-i:\bPAD\b|\bPVD\b)",
        icd10=("I702", "I739"),
        icd9=("4402", "4439"),
    ),
    # Respiratory (ICD-10 J00-J99; ICD-9 460-519).
    _D(
        key="asthma",
        label="asthma",
        names=r"\basthma(?:tic)?\b",
        icd10=("J45", "J46"),
        icd9=("493",),
    ),
    _D(
        key="copd",
        label="chronic obstructive pulmonary disease",
        names=r"chronic\s+obstructive\s+(?:pulmonary|lung|airways?)\s+disease|(?-i:\bCOPD\b)|emphysema",
        icd10=("J43", "J44"),
        icd9=("491", "492", "496"),
    ),
    _D(
        key="pneumonia",
        label="pneumonia",
        names=r"pneumonias?",
        icd10=("J12", "J13", "J14", "J15", "J16", "J17", "J18"),
        icd9=("480", "481", "482", "483", "484", "485", "486"),
    ),
    _D(
        key="ards",
        label="acute respiratory distress syndrome",
        names=r"acute\s+respiratory\s+distress\s+syndrome|(?-i:\bARDS\b)",
        icd10=("J80",),
        icd9=("51882", "51851", "51852"),
    ),
    _D(
        key="interstitial_lung_disease",
        label="interstitial lung disease / pulmonary fibrosis",
        names=r"interstitial\s+lung\s+disease|(?-i:\bILD\b)|pulmonary\s+fibrosis",
        icd10=("J84",),
        icd9=("515", "5163"),
    ),
    _D(
        key="bronchiectasis",
        label="bronchiectasis",
        names=r"bronchiectasis",
        icd10=("J47",),
        icd9=("494",),
    ),
    _D(
        key="sleep_apnea",
        label="obstructive sleep apnoea",
        names=r"(?:obstructive\s+)?sleep\s+apn(?:o)?ea|(?-i:\bOSA\b)",
        icd10=("G473",),
        icd9=("3272", "78057"),
    ),
    _D(
        key="tuberculosis",
        label="tuberculosis",
        names=r"tuberculosis|(?-i:\bTB\b)",
        icd10=("A15", "A16", "A17", "A18", "A19"),
        icd9=("010", "011", "012", "013", "014", "015", "016", "017", "018"),
    ),
    # Infections (ICD-10 A00-B99; ICD-9 001-139).
    _D(
        key="hiv",
        label="HIV infection",
        names=r"\bhiv\b(?:\s+infection)?|human\s+immunodeficiency\s+virus|(?-i:\bAIDS\b)",
        icd10=("B20", "Z21"),
        icd9=("042", "V08"),
    ),
    _D(
        key="hepatitis_b",
        label="hepatitis B",
        names=r"hepatitis\s+b\b|\bhbv\b",
        icd10=("B16", "B180", "B181", "B191"),
        icd9=("0702", "0703"),
    ),
    _D(
        key="hepatitis_c",
        label="hepatitis C",
        names=r"hepatitis\s+c\b|\bhcv\b",
        icd10=("B171", "B182", "B192"),
        icd9=("07041", "07044", "07051", "07054", "0707"),
    ),
    _D(
        key="sepsis",
        label="sepsis",
        names=r"\bsepsis\b|\bseptic\b|septic\s+shock",
        icd10=("A40", "A41", "R652"),
        icd9=("038", "99591", "99592"),
    ),
    _D(
        key="influenza",
        label="influenza",
        names=r"influenza|\bflu\b",
        icd10=("J09", "J10", "J11"),
        icd9=("487", "488"),
    ),
    _D(
        key="covid19",
        label="COVID-19",
        names=r"covid(?:-?19)?|sars-cov-2",
        # U07.1 entered ICD-10-CM in April 2020, after MIMIC-IV's data; kept for newer data.
        icd10=("U071",),
        icd9=(),
    ),
    _D(
        key="uti",
        label="urinary tract infection",
        names=r"urinary\s+tract\s+infections?|\buti\b",
        icd10=("N390",),
        icd9=("5990",),
    ),
    # Neoplasms (ICD-10 C00-C96 malignant; ICD-9 140-208 malignant).
    _D(
        key="lung_cancer",
        label="lung cancer",
        parent="cancer",
        names=r"(?:lung|bronchogenic|pulmonary)\s+(?:cancer|carcinoma|adenocarcinoma|malignancy)"
        r"|non[-\s]small[-\s]cell\s+lung\s+(?:cancer|carcinoma)|(?-i:\bN?SCLC\b)"
        r"|small[-\s]cell\s+lung\s+(?:cancer|carcinoma)",
        icd10=("C34",),
        icd9=("162",),
    ),
    _D(
        key="breast_cancer",
        label="breast cancer",
        parent="cancer",
        names=r"breast\s+(?:cancer|carcinoma|adenocarcinoma|malignancy)",
        icd10=("C50",),
        icd9=("174", "175"),
    ),
    _D(
        key="prostate_cancer",
        label="prostate cancer",
        parent="cancer",
        names=r"prostat(?:e|ic)\s+(?:cancer|carcinoma|adenocarcinoma)",
        icd10=("C61",),
        icd9=("185",),
    ),
    _D(
        key="colorectal_cancer",
        label="colorectal cancer",
        parent="cancer",
        names=r"(?:colorectal|colon|rectal)\s+(?:cancer|carcinoma|adenocarcinoma)",
        icd10=("C18", "C19", "C20"),
        icd9=("153", "1540", "1541"),
    ),
    _D(
        key="pancreatic_cancer",
        label="pancreatic cancer",
        parent="cancer",
        names=r"pancreatic\s+(?:cancer|carcinoma|adenocarcinoma)",
        icd10=("C25",),
        icd9=("157",),
    ),
    _D(
        key="cervical_cancer",
        label="cervical cancer",
        parent="cancer",
        names=r"cervical\s+(?:cancer|carcinoma)|cancer\s+of\s+the\s+cervix",
        icd10=("C53",),
        icd9=("180",),
    ),
    _D(
        key="leukemia",
        label="leukaemia",
        parent="cancer",
        names=r"leuka?emias?|(?-i:\b(?:AML|ALL|CLL|CML)\b)",
        icd10=("C91", "C92", "C93", "C94", "C95"),
        icd9=("204", "205", "206", "207", "208"),
    ),
    _D(
        key="lymphoma",
        label="lymphoma",
        parent="cancer",
        names=r"lymphomas?|hodgkin'?s?\s+disease",
        icd10=("C81", "C82", "C83", "C84", "C85", "C86"),
        icd9=("200", "201", "202"),
    ),
    _D(
        key="cancer",
        label="malignant neoplasm",
        names=r"\bcancers?\b|\bcarcinomas?\b|malignan(?:cy|cies|t\s+(?:neoplasm|tumou?r|disease))"
        r"|\bsarcomas?\b|\bmelanomas?\b|metastatic\s+disease|\boncolog\w+\s+disease",
        # C00-C96 malignant (C97 is WHO-only "multiple independent primaries"); ICD-9 140-208
        # (166-169, 177 and 178 are unused numbers in ICD-9-CM).
        icd10=("C",),
        icd9=tuple(str(n) for n in range(140, 209) if n not in (166, 167, 168, 169, 177, 178)),
    ),
    # Kidney and urinary (ICD-10 N00-N39; ICD-9 580-599).
    _D(
        key="esrd",
        label="end-stage renal disease",
        parent="ckd",
        names=r"end[-\s]stage\s+(?:renal|kidney)\s+disease|(?-i:\bESRD\b|\bESKD\b)",
        icd10=("N186",),
        icd9=("5856",),
    ),
    _D(
        key="ckd",
        label="chronic kidney disease",
        names=r"chronic\s+(?:kidney|renal)\s+(?:disease|failure|insufficiency)|(?-i:\bCKD\b)",
        icd10=("N18",),
        icd9=("585",),
    ),
    _D(
        key="aki",
        label="acute kidney injury",
        names=r"acute\s+(?:kidney|renal)\s+(?:injury|failure)|(?-i:\bAKI\b|\bARF\b)",
        icd10=("N17",),
        icd9=("584",),
    ),
    # Digestive (ICD-10 K00-K95; ICD-9 520-579).
    _D(
        key="cirrhosis",
        label="liver cirrhosis",
        names=r"cirrhosis|cirrhotic",
        icd10=("K703", "K743", "K744", "K745", "K746"),
        icd9=("5712", "5715", "5716"),
    ),
    _D(
        key="crohns_disease",
        label="Crohn's disease",
        parent="ibd",
        names=r"crohn'?s?(?:\s+disease)?",
        icd10=("K50",),
        icd9=("555",),
    ),
    _D(
        key="ulcerative_colitis",
        label="ulcerative colitis",
        parent="ibd",
        names=r"ulcerative\s+colitis",
        icd10=("K51",),
        icd9=("556",),
    ),
    _D(
        key="ibd",
        label="inflammatory bowel disease",
        names=r"inflammatory\s+bowel\s+disease|(?-i:\bIBD\b)",
        icd10=("K50", "K51"),
        icd9=("555", "556"),
    ),
    _D(
        key="celiac_disease",
        label="coeliac disease",
        names=r"c(?:o)?eliac\s+(?:disease|sprue)|gluten[-\s]sensitive\s+enteropathy",
        icd10=("K900",),
        icd9=("5790",),
    ),
    _D(
        key="pancreatitis",
        label="pancreatitis",
        names=r"pancreatitis",
        icd10=("K85", "K860", "K861"),
        icd9=("5770", "5771"),
    ),
    _D(
        key="gerd",
        label="gastro-oesophageal reflux disease",
        names=r"gastro-?o?esophageal\s+reflux(?:\s+disease)?|(?-i:\bGERD\b|\bGORD\b)",
        icd10=("K21",),
        icd9=("53081",),
    ),
    _D(
        key="peptic_ulcer",
        label="peptic ulcer disease",
        names=r"peptic\s+ulcers?(?:\s+disease)?|(?:gastric|duodenal)\s+ulcers?",
        icd10=("K25", "K26", "K27", "K28"),
        icd9=("531", "532", "533", "534"),
    ),
    # Nervous system and mental (ICD-10 F, G; ICD-9 290-359).
    _D(
        key="epilepsy",
        label="epilepsy / seizure disorder",
        names=r"epilep(?:sy|tic)|seizure\s+disorder",
        icd10=("G40",),
        icd9=("345",),
    ),
    _D(
        key="parkinsons_disease",
        label="Parkinson's disease",
        names=r"parkinson'?s?\s+disease",
        icd10=("G20",),
        icd9=("3320",),
    ),
    _D(
        key="multiple_sclerosis",
        label="multiple sclerosis",
        names=r"multiple\s+sclerosis",
        icd10=("G35",),
        icd9=("340",),
    ),
    _D(
        key="dementia",
        label="dementia",
        names=r"dementia|alzheimer'?s?(?:\s+disease)?",
        icd10=("F01", "F02", "F03", "G30"),
        icd9=("290", "2941", "3310"),
    ),
    _D(key="migraine", label="migraine", names=r"migraines?", icd10=("G43",), icd9=("346",)),
    _D(
        key="depression",
        label="major depressive disorder",
        names=r"(?:major\s+)?depressi(?:on|ve\s+disorder)|(?-i:\bMDD\b)",
        icd10=("F32", "F33"),
        icd9=("2962", "2963", "311"),
    ),
    _D(
        key="schizophrenia",
        label="schizophrenia",
        names=r"schizophreni[ac]",
        icd10=("F20",),
        icd9=("295",),
    ),
    _D(
        key="bipolar_disorder",
        label="bipolar disorder",
        names=r"bipolar(?:\s+disorder)?",
        icd10=("F31",),
        icd9=("2960", "2964", "2965", "2966", "2967"),
    ),
    _D(
        key="alcohol_use_disorder",
        label="alcohol use disorder",
        names=r"alcohol(?:ism|\s+(?:use\s+disorder|abuse|dependence))",
        icd10=("F101", "F102"),
        icd9=("303", "3050"),
    ),
    _D(
        key="tobacco_use",
        label="tobacco use / smoking",
        names=r"\bsmok(?:er|ers|ing)\b|tobacco\s+use|nicotine\s+dependence",
        icd10=("F17", "Z720"),
        icd9=("3051",),
    ),
    # Musculoskeletal and connective tissue (ICD-10 M; ICD-9 710-739).
    _D(
        key="sle",
        label="systemic lupus erythematosus",
        names=r"(?:systemic\s+)?lupus\s+erythemato(?:sus|des)|(?-i:\bSLE\b)",
        icd10=("M32",),
        icd9=("7100",),
    ),
    _D(
        key="rheumatoid_arthritis",
        label="rheumatoid arthritis",
        names=r"rheumatoid\s+arthritis|(?-i:\bRA\b)",
        icd10=("M05", "M06"),
        icd9=("7140",),
    ),
    _D(
        key="osteoporosis",
        label="osteoporosis",
        names=r"osteoporo(?:sis|tic)",
        icd10=("M80", "M81"),
        icd9=("7330",),
    ),
    _D(key="gout", label="gout", names=r"\bgout\b", icd10=("M10",), icd9=("274",)),
    _D(
        key="disc_herniation",
        label="intervertebral disc disorder / herniation",
        names=r"(?:intervertebral\s+)?dis[ck]\s+(?:herniation|prolapse|protrusion|disorder)"
        r"|herniated\s+(?:intervertebral\s+)?dis[ck]|\bsciatica\b",
        icd10=("M50", "M51"),
        icd9=("722",),
    ),
    _D(
        key="kawasaki_disease",
        label="Kawasaki disease",
        names=r"kawasaki(?:'s)?(?:\s+disease)?|mucocutaneous\s+lymph\s+node\s+syndrome|(?-i:\bKD\b)",
        icd10=("M303",),
        icd9=("4461",),
    ),
    _D(
        key="psoriasis",
        label="psoriasis",
        names=r"psoria(?:sis|tic)",
        icd10=("L40",),
        icd9=("6961",),
    ),
    # Blood (ICD-10 D50-D89; ICD-9 280-289).
    _D(
        key="sickle_cell_disease",
        label="sickle cell disease",
        names=r"sickle[-\s]cell\s+(?:disease|anemia|anaemia)",
        icd10=("D57",),
        icd9=("2826",),
    ),
    _D(
        key="anemia",
        label="anaemia",
        names=r"\ban(?:a)?emi[ac]\b",
        icd10=(
            "D50",
            "D51",
            "D52",
            "D53",
            "D55",
            "D56",
            "D57",
            "D58",
            "D59",
            "D60",
            "D61",
            "D62",
            "D63",
            "D64",
        ),
        icd9=("280", "281", "282", "283", "284", "285"),
    ),
    _D(
        key="hemophilia",
        label="haemophilia",
        names=r"ha?emophilia",
        icd10=("D66", "D67"),
        icd9=("2860", "2861"),
    ),
    # Genitourinary, female (ICD-10 N70-N98; ICD-9 614-629).
    _D(
        key="endometriosis",
        label="endometriosis",
        names=r"endometriosis",
        icd10=("N80",),
        icd9=("617",),
    ),
    _D(
        key="uterine_fibroids",
        label="uterine leiomyoma",
        names=r"(?:uterine\s+)?fibroids?|(?:uterine\s+)?leiomyomas?|myomas?",
        icd10=("D25",),
        icd9=("218",),
    ),
)

DIAGNOSIS_BY_KEY: dict[str, DiagnosisConcept] = {d.key: d for d in DIAGNOSES}


def get_diagnosis(key: str) -> DiagnosisConcept:
    """Return the diagnosis concept ``key``.

    Raises:
        KeyError: With the known keys, when ``key`` is not one.
    """
    try:
        return DIAGNOSIS_BY_KEY[key]
    except KeyError:
        raise KeyError(
            f"unknown diagnosis {key!r}; expected one of {sorted(DIAGNOSIS_BY_KEY)}"
        ) from None


def ancestors(key: str) -> list[str]:
    """Return the chain of broader concepts above ``key`` (nearest first)."""
    out: list[str] = []
    parent = DIAGNOSIS_BY_KEY[key].parent
    while parent is not None and parent not in out:
        out.append(parent)
        parent = DIAGNOSIS_BY_KEY[parent].parent
    return out


def code_matches(code: str, version: int | None, concept: DiagnosisConcept) -> bool:
    """Whether an ICD code (dots allowed) falls under ``concept``'s prefixes.

    Args:
        code: The ICD code, e.g. ``"E11.9"`` or ``"25000"``.
        version: 9 or 10; when None, both prefix lists are tried (ICD-9 codes are digits or
            V/E-codes, ICD-10 codes start with a letter, so the overlap is only V/E codes).
        concept: The diagnosis concept.
    """
    norm = code.replace(".", "").strip().upper()
    if not norm:
        return False
    if version in (None, 10) and any(norm.startswith(p) for p in concept.icd10):
        return True
    if version in (None, 9) and any(norm.startswith(p) for p in concept.icd9):
        return True
    return False


@cache
def _compiled() -> list[tuple[DiagnosisConcept, re.Pattern[str]]]:
    return [(d, re.compile(d.names, re.IGNORECASE)) for d in DIAGNOSES]


class DiagnosisMention(BaseModel):
    """One diagnosis named in a text: where, and which concept."""

    concept: str
    start: int
    end: int
    text: str


def find_diagnoses(text: str) -> list[DiagnosisMention]:
    """Find the named diagnoses in ``text``, longest match first, without overlaps.

    A match preceded by one of the concept's ``not_after`` words is dropped (pulmonary
    hypertension is not hypertension).
    """
    found: list[DiagnosisMention] = []
    for concept, pattern in _compiled():
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 25) : m.start()].lower().split()
            if before and concept.not_after and before[-1].strip("(,;") in concept.not_after:
                continue
            found.append(
                DiagnosisMention(concept=concept.key, start=m.start(), end=m.end(), text=m.group(0))
            )
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[DiagnosisMention] = []
    for mention in sorted(found, key=lambda x: -(x.end - x.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda x: x.start)
