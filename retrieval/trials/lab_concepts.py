"""Measurable quantities that eligibility criteria put thresholds on (labs and vital signs).

Each concept names the quantity kind of :mod:`m3agent.calculators.units` used to convert its
values, the canonical unit predicates are stored in, the surface names a criterion or a note uses
for it, and the MIMIC-IV item ids (``hosp.d_labitems`` / ``icu.d_items`` of MIMIC-IV 2.2) that
hold it, so the MIMIC-IV side can fill :class:`PatientFacts` labs under the same keys.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict


class LabConcept(BaseModel):
    """A lab test or vital sign a criterion can put a threshold on.

    Attributes:
        key: The concept key used in :attr:`PatientFacts.labs`.
        label: A readable name.
        kind: The quantity kind in :mod:`m3agent.calculators.units`.
        unit: The canonical unit predicates and comparisons use.
        names: Regular expression (case-insensitive) of the names criteria and notes use.
        mimic_itemids: MIMIC-IV item ids holding this quantity (labevents or chartevents).
        count: True for cell counts, whose bare numbers are read by magnitude (see
            :func:`m3agent.retrieval.trials.quantities.count_unit_by_magnitude`).
        plausible: Range (canonical unit) outside which a threshold or a value read from text
            is taken as a misreading ("heart rate (QTc) ≥ 470") and dropped. Wide bounds of
            what is compatible with life or used as a criterion threshold.
    """

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    kind: str
    unit: str
    names: str
    mimic_itemids: tuple[int, ...] = ()
    count: bool = False
    plausible: tuple[float, float] = (float("-inf"), float("inf"))


# Item ids: MIMIC-IV 2.2 hosp.d_labitems (labevents) and icu.d_items (chartevents); checked
# against the demo's dictionaries in tests/test_trials_concepts.py. The most used item per
# concept comes first.
LAB_CONCEPTS: tuple[LabConcept, ...] = (
    LabConcept(
        key="hba1c",
        label="HbA1c",
        kind="hba1c",
        unit="%",
        plausible=(3, 20),
        names=r"(?:glycated|glycosylated)\s+ha?emoglobin(?:\s*\(?\s*hb\s*a1c\s*\)?)?"
        r"|ha?emoglobin\s*a1c|hb\s*a1c|hgb\s*a1c|\ba1c\b",
        mimic_itemids=(50852,),
    ),
    LabConcept(
        key="creatinine_clearance",
        label="creatinine clearance",
        kind="flow",
        unit="ml/min",
        plausible=(1, 250),
        names=r"creatinine\s+clearance|(?-i:\bCrCl\b|\bCLcr\b|\bCrCL\b)",
    ),
    LabConcept(
        key="egfr",
        label="eGFR",
        kind="egfr",
        unit="ml/min/1.73m²",
        plausible=(1, 200),
        names=r"(?-i:\be[Gg][Ff][Rr]\b)|estimated\s+glomerular\s+filtration\s+rate|(?-i:\bGFR\b)"
        r"|glomerular\s+filtration\s+rate",
        mimic_itemids=(50920,),
    ),
    LabConcept(
        key="creatinine",
        label="serum creatinine",
        kind="creatinine",
        unit="mg/dl",
        plausible=(0.1, 25),
        names=r"(?:serum\s+|plasma\s+)?creatinine(?!\s+clearance)(?:\s+level)?"
        r"|(?-i:\bS?C[Rr]\b)",
        mimic_itemids=(50912, 52024),
    ),
    LabConcept(
        key="platelets",
        label="platelet count",
        kind="thousand_per_ul",
        unit="k/ul",
        plausible=(1, 2000),
        names=r"platelets?(?:\s+counts?)?|(?-i:\bPLT\b)|thrombocytes?|thrombocytopenia",
        mimic_itemids=(51265,),
        count=True,
    ),
    LabConcept(
        key="anc",
        label="absolute neutrophil count",
        kind="thousand_per_ul",
        unit="k/ul",
        plausible=(0.01, 100),
        names=r"absolute\s+neutrophils?(?:\s+counts?)?|(?-i:\bANC\b)|neutrophils?(?:\s+counts?)?"
        r"|granulocytes?|neutropenia",
        mimic_itemids=(52075,),
        count=True,
    ),
    LabConcept(
        key="wbc",
        label="white blood cell count",
        kind="thousand_per_ul",
        unit="k/ul",
        plausible=(0.1, 500),
        names=r"white\s+blood\s+cells?(?:\s+counts?)?|(?-i:\bWBCs?\b)(?:\s+counts?)?"
        r"|leu[ck]ocytes?(?:\s+counts?)?|leukopenia|leucopenia",
        mimic_itemids=(51301,),
        count=True,
    ),
    LabConcept(
        key="hemoglobin",
        label="hemoglobin",
        kind="hemoglobin",
        unit="g/dl",
        plausible=(2, 25),
        names=r"ha?emoglobin(?!\s*a1c)|(?-i:\bH[Gg]?[Bb]\b)(?!\s*a1c)",
        mimic_itemids=(51222, 50811),
    ),
    LabConcept(
        key="glucose",
        label="blood glucose",
        kind="glucose",
        unit="mg/dl",
        plausible=(10, 2000),
        names=r"(?:plasma\s+|blood\s+|serum\s+)?glucose|blood\s+sugar|(?-i:\bFPG\b)",
        mimic_itemids=(50931, 50809),
    ),
    LabConcept(
        key="bilirubin",
        label="total bilirubin",
        kind="bilirubin",
        unit="mg/dl",
        plausible=(0.05, 60),
        names=r"(?:total\s+)?(?:serum\s+)?bilirubin|(?-i:\bT\.?[Bb]il\b)",
        mimic_itemids=(50885,),
    ),
    LabConcept(
        key="ast",
        label="AST",
        kind="enzyme",
        unit="u/l",
        plausible=(1, 20000),
        names=r"aspartate\s+(?:amino)?transaminase|aspartate\s+aminotransferase|(?-i:\bAST\b)"
        r"|(?-i:\bSGOT\b)",
        mimic_itemids=(50878,),
    ),
    LabConcept(
        key="alt",
        label="ALT",
        kind="enzyme",
        unit="u/l",
        plausible=(1, 20000),
        names=r"alanine\s+(?:amino)?transaminase|alanine\s+aminotransferase|(?-i:\bALT\b)"
        r"|(?-i:\bSGPT\b)",
        mimic_itemids=(50861,),
    ),
    LabConcept(
        key="alp",
        label="alkaline phosphatase",
        kind="enzyme",
        unit="u/l",
        plausible=(1, 10000),
        names=r"alkaline\s+phosphatase|(?-i:\bALP\b)",
        mimic_itemids=(50863,),
    ),
    LabConcept(
        key="albumin",
        label="serum albumin",
        kind="albumin",
        unit="g/dl",
        plausible=(0.5, 10),
        names=r"(?:serum\s+)?\balbumin\b",
        mimic_itemids=(50862,),
    ),
    LabConcept(
        key="potassium",
        label="potassium",
        kind="electrolyte",
        unit="mmol/l",
        plausible=(1, 12),
        names=r"\b(?:serum\s+)?potassium\b|(?-i:\bK\+)",
        mimic_itemids=(50971, 50822),
    ),
    LabConcept(
        key="sodium",
        label="sodium",
        kind="electrolyte",
        unit="mmol/l",
        plausible=(90, 200),
        names=r"\b(?:serum\s+)?sodium\b|(?-i:\bNa\+)",
        mimic_itemids=(50983, 50824),
    ),
    LabConcept(
        key="inr",
        label="INR",
        kind="inr",
        unit="",
        plausible=(0.5, 20),
        names=r"(?-i:\bINR\b)|international\s+normali[sz]ed\s+ratio",
        mimic_itemids=(51237,),
    ),
    LabConcept(
        key="ldl",
        label="LDL cholesterol",
        kind="cholesterol",
        unit="mg/dl",
        plausible=(10, 1000),
        names=r"(?-i:\bLDL\b)(?:-[Cc]\b|\s+cholesterol)?|low[-\s]density\s+lipoprotein(?:\s+cholesterol)?",
        mimic_itemids=(50905, 50906),
    ),
    LabConcept(
        key="triglycerides",
        label="triglycerides",
        kind="triglycerides",
        unit="mg/dl",
        plausible=(10, 20000),
        names=r"\b(?:serum\s+)?triglycerides?\b|(?-i:\bTGs?\b)",
        mimic_itemids=(51000,),
    ),
    LabConcept(
        key="cholesterol",
        label="total cholesterol",
        kind="cholesterol",
        unit="mg/dl",
        plausible=(40, 2000),
        names=r"\b(?:total\s+)?(?:serum\s+)?cholesterol\b",
        mimic_itemids=(50907,),
    ),
    LabConcept(
        key="bmi",
        label="body mass index",
        kind="bmi",
        unit="kg/m²",
        plausible=(8, 100),
        names=r"(?-i:\bBMI\b)|body\s+mass\s+index",
    ),
    LabConcept(
        key="sbp",
        label="systolic blood pressure",
        kind="pressure",
        unit="mmhg",
        plausible=(40, 300),
        names=r"systolic(?:\s+blood)?(?:\s+pressure|\s+bp)?|(?-i:\bSBP\b)",
        mimic_itemids=(220179, 220050),
    ),
    LabConcept(
        key="dbp",
        label="diastolic blood pressure",
        kind="pressure",
        unit="mmhg",
        plausible=(20, 200),
        names=r"diastolic(?:\s+blood)?(?:\s+pressure|\s+bp)?|(?-i:\bDBP\b)",
        mimic_itemids=(220180, 220051),
    ),
    LabConcept(
        key="heart_rate",
        label="heart rate",
        kind="rate",
        unit="/min",
        plausible=(15, 300),
        names=r"heart\s+rate|pulse(?:\s+rate)?|(?-i:\bHR\b)",
        mimic_itemids=(220045,),
    ),
    LabConcept(
        key="temperature",
        label="body temperature",
        kind="temperature",
        unit="°c",
        plausible=(25, 45),
        names=r"\b(?:body\s+)?temperature\b|\btemp\b\.?",
        mimic_itemids=(223762, 223761),
    ),
    LabConcept(
        key="weight",
        label="body weight",
        kind="weight",
        unit="kg",
        plausible=(0.2, 500),
        names=r"\b(?:body\s+)?weight\b",
        mimic_itemids=(226512,),
    ),
    LabConcept(
        key="ejection_fraction",
        label="left ventricular ejection fraction",
        kind="percent",
        unit="%",
        plausible=(5, 90),
        names=r"(?:left\s+ventricular\s+)?ejection\s+fraction|(?-i:\bLVEF\b|\bEF\b)",
    ),
)

LAB_BY_KEY: dict[str, LabConcept] = {c.key: c for c in LAB_CONCEPTS}


def get_lab_concept(key: str) -> LabConcept:
    """Return the lab concept ``key``.

    Raises:
        KeyError: With the known keys, when ``key`` is not one.
    """
    try:
        return LAB_BY_KEY[key]
    except KeyError:
        raise KeyError(
            f"unknown lab concept {key!r}; expected one of {sorted(LAB_BY_KEY)}"
        ) from None


@cache
def lab_name_pattern() -> re.Pattern[str]:
    """Compile one alternation of every concept's names, each in a named group ``c<i>``.

    The order of :data:`LAB_CONCEPTS` decides ties at the same position (HbA1c before
    hemoglobin, creatinine clearance before creatinine).
    """
    parts = [f"(?P<c{i}>{c.names})" for i, c in enumerate(LAB_CONCEPTS)]
    return re.compile("|".join(parts), re.IGNORECASE)


def concept_of_match(match: re.Match[str]) -> LabConcept:
    """Return the concept whose group matched in a :func:`lab_name_pattern` match."""
    for name, value in match.groupdict().items():
        if value is not None:
            return LAB_CONCEPTS[int(name[1:])]
    raise ValueError("match has no concept group")  # pragma: no cover - regex guarantees one
