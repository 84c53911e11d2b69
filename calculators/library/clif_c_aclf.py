"""CLIF-C ACLF score: mortality in acute-on-chronic liver failure."""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="clif_c_aclf",
    name="CLIF-C ACLF (Acute-on-Chronic Liver Failure)",
    synonyms=("CLIF-C ACLF score", "CLIF-C ACLFs", "CLIF Consortium ACLF score"),
    category="hepatology",
    source=(
        "Jalan R, Saliba F, Pavesi M, et al. Development and validation of a prognostic score "
        "to predict mortality in patients with acute-on-chronic liver failure. J Hepatol. "
        "2014;61(5):1038-47."
    ),
    doi="10.1016/j.jhep.2014.06.012",
    pmid="24950482",
    output_type="integer",
    description="10 x (0.33 x CLIF-OF + 0.04 x age + 0.63 x ln(WBC) - 2), from the six-organ "
    "CLIF Organ Failure score (1-3 points each), age and white cell count.",
)


#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_109_5499be20", 4): (
        "CLIF-C ACLF: with the task's own organ subscores (1+1+2+1+1+1 = CLIF-OF 7), age 56 and "
        "WBC 11.2, 10 x (0.33 x 7 + 0.04 x 56 + 0.63 x ln 11.2 - 2) = 40.7 → 41; the task's 47 "
        "needs an organ-failure score of 9."
    ),
}


class Inputs(QuantityInputs):
    """Inputs of CLIF-C ACLF."""

    age: float = Field(ge=18, le=110, description="Age [years]")
    wbc: float = quantity(
        "thousand_per_ul", "10^9/L", ge=0.1, le=200, description="White blood cell count"
    )
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0, le=80, description="Total bilirubin")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine"
    )
    renal_replacement: bool = Field(description="On renal replacement therapy")
    he_grade: int = Field(ge=0, le=4, description="West Haven hepatic encephalopathy grade 0-4")
    inr: float = Field(ge=0.5, le=20, description="INR")
    map: float = quantity("pressure", "mmHg", ge=10, le=200, description="Mean arterial pressure")
    vasopressors: bool = Field(description="Vasopressors required")
    pf_ratio: float | None = Field(
        default=None, ge=20, le=700, description="PaO2/FiO2 [mmHg] (or give spo2_fio2)"
    )
    spo2_fio2: float | None = Field(
        default=None, ge=50, le=500, description="SpO2/FiO2 when no PaO2 is available"
    )

    @model_validator(mode="after")
    def _respiratory(self) -> Inputs:
        if self.pf_ratio is None and self.spo2_fio2 is None:
            raise ValueError("give pf_ratio (PaO2/FiO2) or spo2_fio2 (SpO2/FiO2)")
        return self


def _of_points(i: Inputs) -> list[tuple[str, Any, float]]:
    """CLIF-OF organ subscores (Jalan 2014, Table 1)."""
    liver = 1 if i.bilirubin < 6 else 2 if i.bilirubin < 12 else 3
    kidney = 3 if i.renal_replacement or i.creatinine >= 3.5 else 2 if i.creatinine >= 2 else 1
    brain = 1 if i.he_grade == 0 else 2 if i.he_grade <= 2 else 3
    coag = 1 if i.inr < 2.0 else 2 if i.inr < 2.5 else 3
    circ = 3 if i.vasopressors else 1 if i.map >= 70 else 2
    if i.pf_ratio is not None:
        resp = 1 if i.pf_ratio > 300 else 2 if i.pf_ratio > 200 else 3
        resp_value: Any = i.pf_ratio
    else:
        sf = i.spo2_fio2 or 0.0
        resp = 1 if sf > 357 else 2 if sf > 214 else 3
        resp_value = sf
    return [
        ("Liver (bilirubin mg/dL)", i.bilirubin, liver),
        ("Kidney (creatinine mg/dL / RRT)", i.creatinine, kidney),
        ("Brain (HE grade)", i.he_grade, brain),
        ("Coagulation (INR)", i.inr, coag),
        ("Circulation (MAP / vasopressors)", i.map, circ),
        ("Respiration (PaO2/FiO2 or SpO2/FiO2)", resp_value, resp),
    ]


def compute(inputs: Inputs) -> CalcResult:
    """CLIF-C ACLF = 10 x [0.33 x CLIF-OF + 0.04 x age + 0.63 x ln(WBC 10^9/L) - 2]."""
    i = inputs
    steps, of = tally(_of_points(i))
    score = 10 * (0.33 * of + 0.04 * i.age + 0.63 * math.log(i.wbc) - 2)
    steps.append(
        Step(
            label="CLIF-C ACLF",
            value=round(score, 1),
            detail="10 x (0.33 x OF + 0.04 x age + 0.63 x ln WBC - 2)",
        )
    )
    warnings = []
    if of < 8:
        warnings.append(
            "CLIF-OF below 8 suggests no ACLF grade; the score was derived in patients with ACLF."
        )
    return CalcResult(
        calculator=META.id,
        value=round(score),
        interpretation=(
            "Higher scores predict higher 28-day to 1-year mortality; >70 points has been used "
            "as a futility threshold after 3-7 days of full support"
        ),
        steps=steps,
        warnings=warnings,
        extra={"clif_of": int(of), "exact": round(score, 2)},
    )


def _he_grade(value: Any) -> int:
    if re.search(r"\d", str(value)):
        return int(mm.number(value))
    return mm.choose(value, [(r"^no|none|absent", 0)])


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CLIF-C ACLF inputs → Inputs."""
    circ = str(mm.get(inputs, r"circulatory|\bmap\b"))
    out: dict[str, Any] = {
        "age": mm.number(mm.get(inputs, r"^age")),
        "wbc": mm.cell_count(mm.get(inputs, r"wbc|white"), "10^9/L"),
        "bilirubin": mm.number(mm.get(inputs, r"bilirubin \(value\)", r"bilirubin")),
        "creatinine": mm.number(mm.get(inputs, r"creatinine \(value\)", r"creatinine")),
        "renal_replacement": any(
            re.search(r"renal replacement|\brrt\b|dialysis", str(x.get("value", "")), re.I)
            for x in inputs
        ),
        "he_grade": _he_grade(mm.get(inputs, r"brain|encephalopathy|west")),
        "inr": mm.number(mm.get(inputs, r"inr \(value\)", r"\binr\b")),
        "map": mm.number(circ),
        "vasopressors": "vasopressor" in circ.lower() and "no vasopressor" not in circ.lower(),
    }
    pf = mm.opt(inputs, r"pao2/fio2|p/f")
    if pf is not None:
        out["pf_ratio"] = mm.number(pf)
    else:
        out["spo2_fio2"] = mm.number(mm.get(inputs, r"spo2/fio2|s/f"))
    return out
