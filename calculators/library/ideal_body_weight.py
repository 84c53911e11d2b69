"""Ideal body weight (Devine), with adjusted body weight when the actual weight is given."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._patient import Sex, adjusted_body_weight_kg, ideal_body_weight_kg

META = CalculatorMeta(
    id="ideal_body_weight",
    name="Ideal Body Weight",
    synonyms=(
        "IBW",
        "Devine ideal body weight",
        "Ideal Body Weight and Adjusted Body Weight",
        "ideal body weight (Devine)",
    ),
    category="physical",
    source="Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm. 1974;8:650-655.",
    output_type="decimal",
    unit="kg",
    medcalc_id=10,
    description="IBW = 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch of height over 5 feet.",
)


class Inputs(QuantityInputs):
    """Inputs of the IBW."""

    sex: Sex = Field(description="Sex")
    height: float = quantity("height", "cm", ge=50, le=250, description="Height")
    weight: float | None = quantity(
        "weight",
        "kg",
        ge=1,
        le=500,
        default=None,
        description="Actual body weight (optional: adds adjusted body weight)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Devine IBW in kg; the adjusted body weight in ``extra`` when the weight is given."""
    ibw = ideal_body_weight_kg(inputs.sex, inputs.height)
    inches = inputs.height / 2.54
    steps = [
        Step(label="Height in inches", value=round(inches, 3), detail="cm / 2.54"),
        Step(
            label="Ideal body weight",
            value=round(ibw, 3),
            detail=f"{'50' if inputs.sex == 'male' else '45.5'} + 2.3 × (in − 60) kg",
        ),
    ]
    warnings = []
    if inches < 60:
        warnings.append(
            "Height under 60 in (152.4 cm): the Devine formula was not derived for "
            "short stature and extrapolates below the 5-foot base."
        )
    extra: dict[str, Any] = {"ibw_lb": round(ibw / 0.45359237, 1)}
    interp = f"Ideal body weight {ibw:.1f} kg ({ibw / 0.45359237:.1f} lb)"
    if inputs.weight is not None:
        abw = adjusted_body_weight_kg(ibw, inputs.weight)
        pct = inputs.weight / ibw * 100
        extra.update(
            {"adjusted_body_weight_kg": round(abw, 3), "actual_percent_of_ibw": round(pct, 1)}
        )
        steps.append(
            Step(
                label="Adjusted body weight",
                value=round(abw, 3),
                detail="IBW + 0.4 × (actual − IBW) kg",
            )
        )
        interp += f"; actual weight is {pct:.0f}% of IBW; adjusted body weight {abw:.1f} kg"
    return CalcResult(
        calculator=META.id,
        value=round(ibw, 3),
        unit="kg",
        interpretation=interp,
        steps=steps,
        warnings=warnings,
        extra=extra,
    )


#: MedMCP-Calc answers that cannot be compared as given (task id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_001_e60ee357", 3): (
        "final_answer 120.6 is the IBW in lb given without its unit (notes: '120.6 lbs / Ideal "
        "Body Weight / Equivalent to 54.7 kg'); our 54.7 kg is 120.6 lb."
    ),
}


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {"sex": mc.sex(entities), "height": mc.quantity(entities, "height")}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (field names like 'Height (in)' carry the unit)."""
    m = kw.KeywordInputs(inputs)
    height_unit = "in" if any(" in" in f"{n} " and "height" in n for n, _ in m.items) else "cm"
    out: dict[str, Any] = {
        "sex": str(m.find("sex", "gender")).split()[0].lower(),
        "height": kw.parse_quantity(m.find("height"), height_unit),
    }
    if m.has("weight"):
        weight_unit = "lb" if any("lbs" in n for n, _ in m.items) else "kg"
        out["weight"] = kw.parse_quantity(m.find("weight"), weight_unit)
    return out
