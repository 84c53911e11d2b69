"""Cerebral Perfusion Pressure (CPP): mean arterial pressure minus intracranial pressure."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="cerebral_perfusion_pressure",
    name="Cerebral Perfusion Pressure",
    synonyms=("CPP", "cerebral perfusion pressure (CPP)"),
    category="neurology",
    source="Carney N, et al. Guidelines for the Management of Severe Traumatic Brain Injury, "
    "Fourth Edition. Neurosurgery. 2017;80(1):6-15.",
    doi="10.1227/NEU.0000000000001432",
    output_type="decimal",
    unit="mmHg",
    description="The pressure gradient perfusing the brain; the Brain Trauma Foundation target "
    "in severe TBI is 60–70 mmHg.",
)


class Inputs(QuantityInputs):
    """Inputs of the CPP."""

    mean_arterial_pressure: float = quantity(
        "pressure", "mmHg", ge=10, le=250, description="Mean arterial pressure"
    )
    intracranial_pressure: float = quantity(
        "pressure", "mmHg", ge=-10, le=150, description="Intracranial pressure"
    )


def compute(inputs: Inputs) -> CalcResult:
    """CPP = MAP − ICP."""
    cpp = inputs.mean_arterial_pressure - inputs.intracranial_pressure
    # Brain Trauma Foundation 4th ed. (Carney 2017): target CPP 60–70 mmHg; CPP >70 with fluids
    # and pressors is not recommended (risk of ARDS); <60 risks cerebral ischaemia.
    if cpp < 60:
        label = "Low CPP (<60 mmHg): consider raising MAP or lowering ICP"
    elif cpp <= 70:
        label = "Within the BTF target range (60–70 mmHg)"
    else:
        label = "High CPP (>70 mmHg): above the BTF target; consider weaning pressors"
    warnings = []
    if inputs.intracranial_pressure > 22:
        # BTF 4th ed.: treat ICP above 22 mmHg.
        warnings.append("ICP above 22 mmHg: BTF recommends treatment.")
    return CalcResult(
        calculator=META.id,
        value=round(cpp, 1),
        unit="mmHg",
        interpretation=label,
        steps=[
            Step(
                label="CPP",
                value=round(cpp, 1),
                detail=f"MAP {inputs.mean_arterial_pressure:g} − ICP "
                f"{inputs.intracranial_pressure:g} mmHg",
            )
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (MAP, ICP) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "mean_arterial_pressure": f.quantity("map", "mean arterial", default_unit="mmHg"),
        "intracranial_pressure": f.quantity("icp", "intracranial", default_unit="mmHg"),
    }
