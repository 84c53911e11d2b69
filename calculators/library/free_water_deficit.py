"""Free water deficit in hypernatraemia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._patient import TBW_FRACTION, Sex

META = CalculatorMeta(
    id="free_water_deficit",
    name="Free Water Deficit",
    synonyms=("Free Water Deficit in Hypernatremia", "FWD", "water deficit"),
    category="electrolytes",
    source="Adrogué HJ, Madias NE. Hypernatremia. N Engl J Med. 2000;342(20):1493-1499.",
    doi="10.1056/NEJM200005183422006",
    pmid="10816188",
    output_type="decimal",
    unit="L",
    medcalc_id=38,
    description="Free water deficit = total body water × (Na / target Na − 1).",
)


class Inputs(QuantityInputs):
    """Inputs of the free water deficit."""

    sex: Sex = Field(description="Sex")
    age: float = quantity(
        "age", "years", ge=0, le=120, description="Age (< 18 child; 18-64 adult; ≥ 65 elderly)"
    )
    weight: float = quantity("weight", "kg", ge=0.5, le=400, description="Body weight")
    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=200, description="Serum sodium")
    target_sodium: float = quantity(
        "electrolyte",
        "mmol/L",
        ge=130,
        le=150,
        default=140.0,
        description="Target (normal) sodium of the formula, 140 unless chosen otherwise",
    )


def tbw_fraction(sex: str, age: float) -> tuple[float, str]:
    """Fraction of body weight that is water (Adrogué & Madias 2000).

    Children 0.6; adult men 0.6, women 0.5; elderly (≥ 65) men 0.5, women 0.45.
    """
    sex = "male" if sex == "male" else "female"
    if age < 18:
        return TBW_FRACTION[("child", sex)], "child"
    group = "adult" if age < 65 else "elderly"
    return TBW_FRACTION[(group, sex)], f"{group} {'man' if sex == 'male' else 'woman'}"


def compute(inputs: Inputs) -> CalcResult:
    """FWD (L) = TBW fraction × weight × (Na / target − 1); negative means a water excess."""
    frac, group = tbw_fraction(inputs.sex, inputs.age)
    tbw = frac * inputs.weight
    fwd = tbw * (inputs.sodium / inputs.target_sodium - 1)
    interp = (
        f"Free water deficit {fwd:.2f} L"
        if fwd >= 0
        else f"Negative deficit ({fwd:.2f} L): sodium below target, no free water deficit"
    )
    return CalcResult(
        calculator=META.id,
        value=round(fwd, 3),
        unit="L",
        interpretation=interp,
        steps=[
            Step(label="Total body water fraction", value=frac, detail=group),
            Step(label="Total body water", value=round(tbw, 3), detail="L"),
            Step(
                label="Free water deficit",
                value=round(fwd, 3),
                detail=f"TBW × (Na / {inputs.target_sodium:g} − 1)",
            ),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (its question takes 140 mEq/L as the ideal sodium)."""
    return {
        "sex": mc.sex(entities),
        "age": mc.quantity(entities, "age"),
        "weight": mc.quantity(entities, "weight"),
        "sodium": mc.quantity(entities, "Sodium"),
        "target_sodium": 140.0,
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Age range': 'Adult', 'Weight (lbs)') → inputs."""
    m = kw.KeywordInputs(inputs)
    age_raw = m.find("age")
    try:
        age = kw.parse_number(age_raw)
    except AdapterError:
        # Only the age group is recorded: stand in an age inside that group.
        text = str(age_raw).lower()
        age = 10.0 if "child" in text else 70.0 if "elder" in text else 40.0
    weight_unit = "lb" if any("lb" in n for n, _ in m.items) else "kg"
    out: dict[str, Any] = {
        "sex": str(m.find("sex")).split()[0].lower(),
        "age": age,
        "weight": kw.parse_quantity(m.find("weight"), weight_unit),
        "sodium": kw.parse_number(m.find("sodium meq", "sodium")),
    }
    if m.has("desired", "target"):
        out["target_sodium"] = kw.parse_number(m.find("desired", "target"))
    return out
