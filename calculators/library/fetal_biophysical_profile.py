"""Fetal biophysical profile (BPP) score."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, norm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="fetal_biophysical_profile",
    name="Fetal Biophysical Profile (BPP) Score",
    synonyms=("Biophysical profile", "BPP", "Manning score", "fetal BPP"),
    category="obstetrics",
    source="Manning FA, Platt LD, Sipos L. Antepartum fetal evaluation: development of a fetal "
    "biophysical profile. Am J Obstet Gynecol. 1980;136(6):787-795 (interpretation as in "
    "fpnotebook.com 'Biophysical Profile').",
    output_type="integer",
    description="Fetal breathing, movement, tone, amniotic fluid and (optionally) the nonstress "
    "test score 2 when normal, 0 when not; 8-10 (or 8/8 without the NST) is normal.",
)


class Inputs(CalcInputs):
    """Inputs of the BPP: each component normal (True) or abnormal (False)."""

    fetal_breathing: bool = Field(
        description="≥ 1 episode of rhythmic breathing lasting ≥ 30 s within 30 min"
    )
    fetal_movement: bool = Field(description="≥ 3 discrete body or limb movements within 30 min")
    fetal_tone: bool = Field(
        description="≥ 1 episode of extremity extension with return to flexion"
    )
    amniotic_fluid_normal: bool = Field(
        description="A pocket of amniotic fluid ≥ 2 cm in two perpendicular planes"
    )
    nst_reactive: bool | None = Field(
        None, description="Nonstress test reactive (None when the NST was not done)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Two points for each normal component (Manning 1980)."""
    i = inputs
    s = Score()
    s.flag("Fetal breathing movements", i.fetal_breathing, 2)
    s.flag("Fetal body movements", i.fetal_movement, 2)
    s.flag("Fetal tone", i.fetal_tone, 2)
    s.flag("Amniotic fluid volume (2 × 2 cm pocket)", i.amniotic_fluid_normal, 2)
    if i.nst_reactive is not None:
        s.flag("Nonstress test reactive", i.nst_reactive, 2)
    total = int(s.total)
    out_of = 8 if i.nst_reactive is None else 10
    # Manning 1980 / fpnotebook: 8-10 normal (repeat weekly); 8 with oligohydramnios:
    # delivery indicated; 6 equivocal, suspect asphyxia (repeat within 24 h); 4 suspect
    # asphyxia; 0-2 asphyxia likely.
    if total >= 8 and i.amniotic_fluid_normal:
        reading = "Normal, non-asphyxiated fetus (normal AFV)"
    elif total >= 8:
        reading = "Chronic fetal compromise suspected (abnormal AFV): consider delivery"
    elif total == 6:
        reading = "Equivocal: possible fetal asphyxia; repeat within 24 h or deliver if mature"
    elif total == 4:
        reading = "Fetal asphyxia suspected: delivery indicated"
    else:
        reading = "Fetal asphyxia likely: delivery indicated"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{reading} ({total}/{out_of}).",
        steps=s.steps,
        extra={"out_of": out_of},
    )


def _normal(f: Fields, *keys: str) -> bool:
    """A component is normal when its text states the normal criterion (≥ …) or 'yes'."""
    field, value = f.raw(*keys)
    text = norm(value)
    if text.startswith(("ge ", "yes", "normal", "present", "reactive", "a pocket")):
        return True
    if text.startswith(("lt ", "no", "abnormal", "absent", "non reactive", "nonreactive")):
        return False
    raise MedMCPInputError(f"{META.id}: {field}: cannot tell normal from abnormal in {value!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the five components as option texts; NST may be 'not done')."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "fetal_breathing": _normal(f, "breathing"),
        "fetal_movement": _normal(f, "movement"),
        "fetal_tone": _normal(f, "tone"),
        "amniotic_fluid_normal": _normal(f, "amniotic", "afv"),
    }
    if f.has("nonstress", "nst"):
        text = norm(f.value("nonstress", "nst"))
        if "not done" not in text and "not performed" not in text:
            out["nst_reactive"] = _normal(f, "nonstress", "nst")
    return out
