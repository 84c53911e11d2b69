"""Ranson's criteria for acute (non-gallstone) pancreatitis mortality."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, split_quantity
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ranson_criteria",
    name="Ranson's Criteria for Pancreatitis Mortality",
    synonyms=("Ranson criteria", "Ranson's criteria", "Ranson score"),
    category="gastroenterology",
    source="Ranson JH, Rifkind KM, Roses DF, Fink SD, Eng K, Spencer FC. Prognostic signs and "
    "the role of operative management in acute pancreatitis. Surg Gynecol Obstet. "
    "1974;139(1):69-81.",
    output_type="integer",
    description="Five criteria on admission and six during the first 48 hours (non-gallstone "
    "pancreatitis); one point each (0-11).",
)

# The six 48-hour inputs: all given (cumulative score) or none (admission score only).
_AT_48H = (
    "hematocrit_48h",
    "bun_48h",
    "calcium_48h",
    "pao2_48h",
    "base_deficit_48h",
    "fluid_sequestration",
)


class Inputs(QuantityInputs):
    """Inputs of Ranson's criteria; the 48-hour values are given together or not at all."""

    age: float = quantity("age", "years", ge=10, le=120, description="Age on admission (> 55)")
    wbc: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=300, description="WBC on admission (> 16)"
    )
    glucose: float = quantity(
        "glucose", "mg/dL", ge=10, le=2000, description="Blood glucose on admission (> 200)"
    )
    ast: float = quantity("enzyme", "U/L", ge=0, le=20000, description="AST on admission (> 250)")
    ldh: float = quantity("enzyme", "U/L", ge=0, le=20000, description="LDH on admission (> 350)")
    hematocrit_admission: float | None = quantity(
        "percent", "%", ge=5, le=75, default=None, description="Hematocrit on admission"
    )
    hematocrit_48h: float | None = quantity(
        "percent", "%", ge=5, le=75, default=None, description="Hematocrit at 48 h (fall > 10)"
    )
    bun_admission: float | None = quantity(
        "bun", "mg/dL", ge=1, le=300, default=None, description="BUN on admission"
    )
    bun_48h: float | None = quantity(
        "bun", "mg/dL", ge=1, le=300, default=None, description="BUN at 48 h (rise > 5 mg/dL)"
    )
    calcium_48h: float | None = quantity(
        "calcium", "mg/dL", ge=2, le=20, default=None, description="Serum calcium at 48 h (< 8)"
    )
    pao2_48h: float | None = quantity(
        "pressure", "mmHg", ge=10, le=700, default=None, description="Arterial PaO2 at 48 h (< 60)"
    )
    base_deficit_48h: float | None = quantity(
        "electrolyte",
        "mEq/L",
        ge=-30,
        le=40,
        default=None,
        description="Base deficit at 48 h (> 4 mEq/L; base deficit = −base excess)",
    )
    fluid_sequestration: float | None = quantity(
        "volume",
        "L",
        ge=0,
        le=40,
        default=None,
        description="Estimated fluid sequestration over 48 h (> 6 L)",
    )

    @model_validator(mode="after")
    def _stages(self) -> Inputs:
        given = [n for n in _AT_48H if getattr(self, n) is not None]
        if given and len(given) < len(_AT_48H):
            missing = [n for n in _AT_48H if getattr(self, n) is None]
            raise ValueError(
                "the 48-hour criteria are scored together: missing " + ", ".join(missing)
            )
        if self.hematocrit_48h is not None and self.hematocrit_admission is None:
            raise ValueError("hematocrit_admission is required to score the hematocrit fall")
        if self.bun_48h is not None and self.bun_admission is None:
            raise ValueError("bun_admission is required to score the BUN rise")
        return self


def _mortality(score: int) -> str:
    # Predicted mortality by criteria met (Ranson 1974, as tabulated in the MGH Handbook of
    # Critical Care, table 28-3): < 3: < 1%; 3-4: 15%; 5-6: 40%; ≥ 7: ≥ 90%.
    if score <= 2:
        return "< 1%"
    if score <= 4:
        return "15%"
    if score <= 6:
        return "40%"
    return "≥ 90%"


def compute(inputs: Inputs) -> CalcResult:
    """One point per Ranson criterion met (non-gallstone thresholds, Ranson 1974)."""
    i = inputs
    s = Score()
    s.add("Age > 55 years", i.age, 1 if i.age > 55 else 0)
    s.add("WBC > 16 × 10³/µL", i.wbc, 1 if i.wbc > 16 else 0)
    s.add("Glucose > 200 mg/dL", i.glucose, 1 if i.glucose > 200 else 0)
    s.add("AST > 250 U/L", i.ast, 1 if i.ast > 250 else 0)
    s.add("LDH > 350 U/L", i.ldh, 1 if i.ldh > 350 else 0)
    admission = int(s.total)
    admission_label = (
        "severe pancreatitis likely" if admission >= 3 else "severe pancreatitis unlikely"
    )
    if i.hematocrit_48h is None:
        return CalcResult(
            calculator=META.id,
            value=admission,
            interpretation=f"Ranson (on admission) {admission}: {admission_label}.",
            steps=s.steps,
            warnings=["48-hour criteria not given: this is the admission score only."],
            extra={"admission_score": admission},
        )
    assert i.hematocrit_admission is not None and i.bun_admission is not None
    assert i.bun_48h is not None and i.calcium_48h is not None and i.pao2_48h is not None
    assert i.base_deficit_48h is not None and i.fluid_sequestration is not None
    # Hematocrit fall > 10 (Ranson 1974: percentage points of hematocrit).
    fall = i.hematocrit_admission - i.hematocrit_48h
    s.add("Hematocrit fall > 10 points", round(fall, 2), 1 if fall > 10 else 0)
    rise = i.bun_48h - i.bun_admission
    s.add("BUN rise > 5 mg/dL", round(rise, 2), 1 if rise > 5 else 0)
    s.add("Calcium < 8 mg/dL", i.calcium_48h, 1 if i.calcium_48h < 8 else 0)
    s.add("PaO2 < 60 mmHg", i.pao2_48h, 1 if i.pao2_48h < 60 else 0)
    s.add("Base deficit > 4 mEq/L", i.base_deficit_48h, 1 if i.base_deficit_48h > 4 else 0)
    s.add(
        "Fluid sequestration > 6 L",
        i.fluid_sequestration,
        1 if i.fluid_sequestration > 6 else 0,
    )
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Ranson (cumulative) {total}: predicted mortality {_mortality(total)}; "
        f"on admission {admission} ({admission_label}).",
        steps=s.steps,
        extra={"admission_score": admission, "cumulative_score": total},
    )


def _base_deficit(f: Fields) -> float | list[Any]:
    # Field names may carry a formula in brackets ('base_deficit (24 - HCO3)'), which is not
    # a unit: read the unit from the value only, else mEq/L.
    field, value = f.raw("base deficit")
    num, unit = split_quantity(value, field=field)
    return [num, unit or "mEq/L"]


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (admission labs, 48-hour labs) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age": f.quantity("age", default_unit="years"),
        "wbc": f.quantity("wbc", default_unit="10^3/uL"),
        "glucose": f.quantity("glucose", default_unit="mg/dL"),
        "ast": f.quantity("ast", default_unit="U/L"),
        "ldh": f.quantity("ldh", default_unit="U/L"),
    }
    if f.has("48h hematocrit"):
        out.update(
            {
                "hematocrit_admission": f.quantity("admission hematocrit", default_unit="%"),
                "hematocrit_48h": f.quantity("48h hematocrit", default_unit="%"),
                "bun_admission": f.quantity("admission bun", default_unit="mg/dL"),
                "bun_48h": f.quantity("48h bun", default_unit="mg/dL"),
                "calcium_48h": f.quantity("calcium", default_unit="mg/dL"),
                "pao2_48h": f.quantity("po2", "pao2", default_unit="mmHg"),
                "base_deficit_48h": _base_deficit(f),
                "fluid_sequestration": f.quantity("fluid", default_unit="L"),
            }
        )
    return out
