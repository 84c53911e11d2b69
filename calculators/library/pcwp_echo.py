"""Pulmonary capillary wedge pressure estimated from mitral E/e' (Nagueh formula)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields, split_quantity

META = CalculatorMeta(
    id="pcwp_echo",
    name="PCWP (Echo)",
    synonyms=("PCWP by E/e'", "Nagueh formula", "PCWP echo Nagueh", "echo wedge pressure"),
    category="cardiology",
    source="Nagueh SF, Middleton KJ, Kopelen HA, Zoghbi WA, Quiñones MA. Doppler tissue "
    "imaging: a noninvasive technique for evaluation of left ventricular relaxation and "
    "estimation of filling pressures. J Am Coll Cardiol. 1997;30(6):1527-1533.",
    output_type="decimal",
    unit="mmHg",
    description="PCWP = 1.24 × (E/e') + 1.9 mmHg, from mitral inflow E and annular e' "
    "(tissue Doppler) velocities.",
)

# Nagueh 1997 regression of catheter PCWP on E/Ea: PCWP = 1.24 × (E/Ea) + 1.9.
_SLOPE, _INTERCEPT = 1.24, 1.9


class Inputs(QuantityInputs):
    """Mitral inflow E and annular e' velocities (same unit kind; converted to m/s)."""

    e_velocity: float = quantity(
        "velocity", "m/s", ge=0.1, le=3, description="Mitral inflow early diastolic (E) velocity"
    )
    e_prime_velocity: float = quantity(
        "velocity",
        "m/s",
        ge=0.01,
        le=0.5,
        description="Mitral annular early diastolic (e') velocity by tissue Doppler",
    )


def compute(inputs: Inputs) -> CalcResult:
    """E/e' then PCWP = 1.24 × E/e' + 1.9."""
    ratio = inputs.e_velocity / inputs.e_prime_velocity
    pcwp = _SLOPE * ratio + _INTERCEPT
    return CalcResult(
        calculator=META.id,
        value=round(pcwp, 1),
        unit="mmHg",
        interpretation=f"Estimated PCWP {pcwp:.1f} mmHg (E/e' {ratio:.1f}; lateral E/e' <8 "
        "suggests PCWP <15 mmHg, >15 suggests elevated filling pressure).",
        steps=[
            Step(label="E/e'", value=round(ratio, 2), detail="E / e'"),
            Step(label="PCWP", value=round(pcwp, 1), detail="1.24 × E/e' + 1.9 [mmHg]"),
        ],
        extra={"e_e_prime": round(ratio, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (E and e' velocities; cm/s if no unit and >3) → Inputs."""
    f = Fields(inputs, META.id)
    e = f.value("mitral inflow", "e velocity", "e wave", exclude=_E_PRIME_WORDS)
    ep = f.value("annul", "e prime", "tissue", "lateral", "septal")
    return {"e_velocity": _velocity(e), "e_prime_velocity": _velocity(ep)}


_E_PRIME_WORDS = ("annul", "prime", "tissue", "lateral", "septal")


def _velocity(raw: Any) -> float | list[Any]:
    # The unit comes from the value only (field names carry the annulus site in brackets).
    # Echo reports give velocities in cm/s (e' ~5-20) or m/s (E ~0.5-1.5); a bare number
    # above 3 cannot be m/s for these waves, so it is read as cm/s.
    num, unit = split_quantity(raw, field="velocity")
    if unit:
        return [num, unit]
    return [num, "cm/s"] if num > 3 else num
