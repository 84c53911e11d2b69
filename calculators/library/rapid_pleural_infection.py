"""RAPID score for 3-month mortality in pleural infection."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="rapid_pleural_infection",
    name="RAPID Score for Pleural Infection",
    synonyms=("RAPID score", "RAPID", "RAPID pleural infection"),
    category="pulmonology",
    source="Rahman NM, Kahan BC, Miller RF, Gleeson FV, Nunn AJ, Maskell NA. A clinical score "
    "(RAPID) to identify those at risk for poor outcome at presentation in patients with "
    "pleural infection. Chest. 2014;145(4):848-855.",
    doi="10.1378/chest.13-1558",
    output_type="integer",
    description="Renal (urea), Age, Purulence, Infection source and Dietary (albumin) factors "
    "(0-7) stratify 3-month mortality into low, medium and high risk.",
)


class Inputs(QuantityInputs):
    """Inputs of the RAPID score (at presentation)."""

    urea: float = quantity(
        "bun", "mmol/L", ge=0.3, le=110, description="Serum urea (< 5: 0; 5-8: 1; > 8 mmol/L: 2)"
    )
    age: float = quantity(
        "age", "years", ge=16, le=120, description="Age (< 50: 0; 50-70: 1; > 70: 2)"
    )
    purulent: bool = Field(description="Purulent pleural fluid (frank pus: 0; non-purulent: 1)")
    infection_source: Literal["community", "hospital"] = Field(
        description="Infection source: community-acquired (0) or hospital-acquired (1)"
    )
    albumin: float = quantity(
        "albumin", "g/L", ge=5, le=70, description="Serum albumin (≥ 27 g/L: 0; < 27: 1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """RAPID points (Rahman 2014, table as reproduced from the paper)."""
    i = inputs
    s = Score()
    s.add("Urea (mmol/L)", round(i.urea, 2), 0 if i.urea < 5 else 1 if i.urea <= 8 else 2)
    s.add("Age (years)", i.age, 0 if i.age < 50 else 1 if i.age <= 70 else 2)
    s.add("Non-purulent pleural fluid", not i.purulent, 0 if i.purulent else 1)
    s.add("Hospital-acquired infection", i.infection_source, int(i.infection_source == "hospital"))
    s.add("Albumin < 27 g/L", round(i.albumin, 1), 1 if i.albumin < 27 else 0)
    total = int(s.total)
    # Rahman 2014 risk groups: 0-2 low, 3-4 medium, 5-7 high.
    risk = "Low risk" if total <= 2 else "Medium risk" if total <= 4 else "High risk"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{risk} of 3-month mortality (RAPID {total}; 0-2 low, 3-4 medium, "
        "5-7 high).",
        steps=s.steps,
        extra={"risk": risk},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (BUN/urea, age, purulence, infection source, albumin) → kwargs.

    A urea written in mg/dL is blood urea nitrogen (MDCalc asks for BUN).
    """
    f = Fields(inputs, META.id)
    return {
        "urea": f.quantity("bun", "urea", default_unit="mg/dL"),
        "age": f.quantity("age", default_unit="years"),
        "purulent": f.yes("purulent", "purulence"),
        "infection_source": f.option(
            "source",
            options={
                "community": ("community acquired", "community"),
                "hospital": ("hospital acquired", "hospital", "nosocomial"),
            },
        ),
        "albumin": f.quantity("albumin", default_unit="g/dL"),
    }
