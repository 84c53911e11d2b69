"""Child-Pugh score for cirrhosis severity."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="child_pugh",
    name="Child-Pugh Score for Cirrhosis Mortality",
    synonyms=(
        "Child-Pugh",
        "Child-Pugh Score",
        "Child-Pugh Score for Cirrhosis",
        "Child-Turcotte-Pugh",
        "Child Pugh score",
        "CTP score",
    ),
    category="hepatology",
    source="Pugh RN, Murray-Lyon IM, Dawson JL, Pietroni MC, Williams R. Transection of the "
    "oesophagus for bleeding oesophageal varices. Br J Surg. 1973;60(8):646-649.",
    doi="10.1002/bjs.1800600817",
    pmid="4541913",
    output_type="integer",
    medcalc_id=15,
    description="Severity of cirrhosis from bilirubin, albumin, INR, ascites and encephalopathy "
    "(classes A-C).",
)


class Inputs(QuantityInputs):
    """Inputs of the Child-Pugh score."""

    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=60, description="Total bilirubin")
    albumin: float = quantity("albumin", "g/dL", ge=0.3, le=10, description="Serum albumin")
    inr: float = Field(ge=0.5, le=15, description="INR")
    ascites: Literal["absent", "slight", "moderate"] = Field(
        description="Ascites: absent (+1), slight (+2), moderate to severe (+3)"
    )
    encephalopathy: Literal["none", "grade_1_2", "grade_3_4"] = Field(
        description="Hepatic encephalopathy: none (+1), grade 1-2 (+2), grade 3-4 (+3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of five criteria scored 1-3 (total 5-15); class A 5-6, B 7-9, C 10-15."""
    s = Score()
    b = inputs.bilirubin
    s.add("Bilirubin", b, 1 if b < 2 else 2 if b <= 3 else 3, "< 2: 1; 2-3: 2; > 3 mg/dL: 3")
    a = inputs.albumin
    s.add("Albumin", a, 1 if a > 3.5 else 2 if a >= 2.8 else 3, "> 3.5: 1; 2.8-3.5: 2; < 2.8: 3")
    i = inputs.inr
    s.add("INR", i, 1 if i < 1.7 else 2 if i <= 2.3 else 3, "< 1.7: 1; 1.7-2.3: 2; > 2.3: 3")
    s.add("Ascites", inputs.ascites, {"absent": 1, "slight": 2, "moderate": 3}[inputs.ascites])
    s.add(
        "Encephalopathy",
        inputs.encephalopathy,
        {"none": 1, "grade_1_2": 2, "grade_3_4": 3}[inputs.encephalopathy],
    )
    total = int(s.total)
    # Survival by class (Child-Pugh; as summarised by MDCalc from Infante-Rivard 1987 and
    # Mansour 1997): A 100%/85% at 1/2 years, B 80%/60%, C 45%/35%.
    if total <= 6:
        cls = "Child class A (1-year survival ≈ 100%, 2-year ≈ 85%)"
    elif total <= 9:
        cls = "Child class B (1-year survival ≈ 80%, 2-year ≈ 60%)"
    else:
        cls = "Child class C (1-year survival ≈ 45%, 2-year ≈ 35%)"
    return CalcResult(
        calculator=META.id, value=total, interpretation=f"{total} points: {cls}", steps=s.steps
    )


_ASCITES = {
    "absent": "absent",
    "none": "absent",
    "no": "absent",
    "slight": "slight",
    "mild": "slight",
    "moderate": "moderate",
    "severe": "moderate",
    "moderate to severe": "moderate",
    "tense": "moderate",
}
_ENCEPH = {
    "no encephalopathy": "none",
    "none": "none",
    "grade 0": "none",
    "no": "none",
    "grade 1-2": "grade_1_2",
    "grade 1": "grade_1_2",
    "grade 2": "grade_1_2",
    "mild": "grade_1_2",
    "grade 3-4": "grade_3_4",
    "grade 3": "grade_3_4",
    "grade 4": "grade_3_4",
    "severe": "grade_3_4",
}


def _category(value: Any, table: dict[str, str], what: str) -> str:
    text = str(value).strip().lower()
    for key in sorted(table, key=len, reverse=True):
        if text.startswith(key):
            return table[key]
    raise AdapterError(f"unrecognised {what} {value!r}; expected one of {sorted(table)}.")


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (a missing ascites / encephalopathy is absent)."""
    return {
        "bilirubin": mc.quantity(entities, "Bilirubin"),
        "albumin": mc.quantity(entities, "Albumin"),
        "inr": mc.number(entities, "international normalized ratio"),
        "ascites": _category(mc.get(entities, "Ascites", default="absent"), _ASCITES, "ascites"),
        "encephalopathy": _category(
            mc.get(entities, "Encephalopathy", default="none"), _ENCEPH, "encephalopathy"
        ),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "bilirubin": kw.parse_quantity(m.find("bilirubin"), "mg/dL"),
        "albumin": kw.parse_quantity(m.find("albumin"), "g/dL"),
        "inr": kw.parse_number(m.find("inr")),
        "ascites": _category(m.find("ascites"), _ASCITES, "ascites"),
        "encephalopathy": _category(m.find("encephalopathy"), _ENCEPH, "encephalopathy"),
    }
