"""Mean arterial pressure from systolic and diastolic blood pressure."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="mean_arterial_pressure",
    name="Mean Arterial Pressure (MAP)",
    synonyms=("MAP", "mean arterial pressure", "mean blood pressure"),
    category="cardiology",
    source="Sesso HD, Stampfer MJ, Rosner B, et al. Systolic and diastolic blood pressure, "
    "pulse pressure, and mean arterial pressure as predictors of cardiovascular disease "
    "risk in men. Hypertension. 2000;36(5):801-807.",
    doi="10.1161/01.HYP.36.5.801",
    pmid="11082146",
    output_type="decimal",
    unit="mmHg",
    medcalc_id=5,
    description="MAP = DBP + (SBP − DBP)/3, the time-weighted mean pressure at normal heart rates.",
)


class Inputs(QuantityInputs):
    """Inputs of the MAP."""

    systolic: float = quantity(
        "pressure", "mmHg", ge=30, le=300, description="Systolic blood pressure"
    )
    diastolic: float = quantity(
        "pressure", "mmHg", ge=10, le=200, description="Diastolic blood pressure"
    )

    @model_validator(mode="after")
    def _order(self) -> Inputs:
        if self.diastolic > self.systolic:
            raise ValueError(
                f"diastolic ({self.diastolic}) must not exceed systolic ({self.systolic})"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """MAP = 2/3 × DBP + 1/3 × SBP."""
    value = 2 / 3 * inputs.diastolic + 1 / 3 * inputs.systolic
    interp = (
        "MAP < 65 mmHg: below the usual perfusion target in shock"
        if value < 65
        else "MAP ≥ 65 mmHg (normal range about 70-100 mmHg)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        unit="mmHg",
        interpretation=interp,
        steps=[Step(label="MAP", value=round(value, 3), detail="2/3 × diastolic + 1/3 × systolic")],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "systolic": mc.quantity(entities, "Systolic Blood Pressure"),
        "diastolic": mc.quantity(entities, "Diastolic Blood Pressure"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "systolic": kw.parse_quantity(m.find("systolic"), "mmHg")[0],
        "diastolic": kw.parse_quantity(m.find("diastolic"), "mmHg")[0],
    }
