"""Berlin definition of the acute respiratory distress syndrome (ARDS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="berlin_ards",
    name="Berlin Criteria for Acute Respiratory Distress Syndrome",
    synonyms=("Berlin criteria for ARDS", "Berlin definition of ARDS", "ARDS Berlin definition"),
    category="critical care",
    source=(
        "ARDS Definition Task Force; Ranieri VM, Rubenfeld GD, Thompson BT, et al. Acute "
        "respiratory distress syndrome: the Berlin Definition. JAMA. 2012;307(23):2526-33."
    ),
    doi="10.1001/jama.2012.5669",
    pmid="22797452",
    output_type="text",
    description="ARDS is present when timing, chest imaging, origin of oedema and oxygenation "
    "criteria all hold; oxygenation (PaO2/FiO2 with PEEP ≥5) grades it mild, moderate or severe.",
)

Oxygenation = Literal["severe", "moderate", "mild", "none"]


class Inputs(CalcInputs):
    """Inputs of the Berlin definition."""

    timing_within_1_week: bool = Field(
        description="Within 1 week of a known clinical insult or new/worsening symptoms"
    )
    bilateral_opacities: bool = Field(
        description="Bilateral opacities on chest imaging not fully explained by effusions, "
        "lobar/lung collapse or nodules"
    )
    not_cardiac_or_overload: bool = Field(
        description="Respiratory failure not fully explained by cardiac failure or fluid overload"
    )
    oxygenation: Oxygenation = Field(
        description="With PEEP/CPAP ≥5 cmH2O: severe (PaO2/FiO2 ≤100), moderate (100-200), "
        "mild (200-300), none (>300)"
    )
    risk_factor_present: bool | None = Field(
        default=None, description="A known ARDS risk factor (pneumonia, sepsis, aspiration...)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """All four criteria must hold; oxygenation sets the severity."""
    i = inputs
    checks = [
        ("Timing within 1 week", i.timing_within_1_week),
        ("Bilateral opacities", i.bilateral_opacities),
        ("Not explained by cardiac failure/fluid overload", i.not_cardiac_or_overload),
        ("PaO2/FiO2 ≤300 with PEEP ≥5", i.oxygenation != "none"),
    ]
    steps = [Step(label=label, value=ok, detail="met" if ok else "not met") for label, ok in checks]
    positive = all(ok for _, ok in checks)
    warnings = []
    if positive and i.risk_factor_present is False:
        warnings.append(
            "No ARDS risk factor: the definition requires an objective assessment "
            "(e.g. echocardiography) to exclude hydrostatic oedema."
        )
    interp = f"{i.oxygenation.capitalize()} ARDS" if positive else "Does not meet the Berlin "
    if not positive:
        interp += "definition of ARDS"
    return CalcResult(
        calculator=META.id,
        value="Positive" if positive else "Negative",
        interpretation=interp,
        steps=steps,
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Berlin inputs → Inputs."""
    out: dict[str, Any] = {
        "timing_within_1_week": mm.yes(mm.get(inputs, r"timing")),
        "bilateral_opacities": mm.yes(mm.get(inputs, r"opacit|imaging")),
        "not_cardiac_or_overload": mm.yes(mm.get(inputs, r"cardiac")),
        "oxygenation": mm.choose(
            mm.get(inputs, r"severity"),
            [
                (r"^severe", "severe"),
                (r"^moderate", "moderate"),
                (r"^mild", "mild"),
                (r"none|> ?300|not", "none"),
            ],
        ),
    }
    risk = mm.opt(inputs, r"risk factor")
    if risk is not None:
        out["risk_factor_present"] = mm.choose(
            risk, [(r"^no\b|absent|not present", False), (r"present|^yes", True)]
        )
    return out
