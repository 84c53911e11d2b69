"""Estimated serum ethanol (or toxic alcohol) concentration from the amount ingested (Widmark)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ethanol_ingestion_level",
    name="Estimated Ethanol (and Toxic Alcohol) Serum Concentration Based on Ingestion",
    synonyms=(
        "Widmark formula",
        "Estimated ethanol concentration based on ingestion",
        "Estimated serum ethanol concentration",
    ),
    category="toxicology",
    source="Widmark EMP. Die theoretischen Grundlagen und die praktische Verwendbarkeit der "
    "gerichtlich-medizinischen Alkoholbestimmung. Berlin: Urban & Schwarzenberg; 1932. "
    "Volumes of distribution of the toxic alcohols: Clin J Am Soc Nephrol review of toxic "
    "alcohol ingestions, Table 3 'Volume of distribution, route of elimination, and "
    "elimination kinetics of major alcohols'.",
    output_type="decimal",
    unit="mg/dL",
    description="Peak concentration (mg/dL) = volume × fraction alcohol × density × 1000 / "
    "(Vd × weight × 10), assuming complete absorption and no elimination.",
)

# Densities (specific gravities) in g/mL, physical constants as used by open MDCalc
# reimplementations of this calculator: ethanol 0.789 (0.79 in PMC8536606 Table 1),
# methanol 0.792, ethylene glycol 1.113, isopropanol 0.785.
DENSITY: dict[str, float] = {
    "ethanol": 0.789,
    "methanol": 0.792,
    "ethylene_glycol": 1.113,
    "isopropanol": 0.785,
}
# Widmark's distribution factor r for ethanol, L/kg: 0.68 in men, 0.55 in women (Widmark 1932,
# as quoted by clinical laboratory references).
WIDMARK_R = {"male": 0.68, "female": 0.55}
# Molar masses (g/mol) for mmol/L: ethanol 46.07 (Tintinalli's Emergency Medicine, ch. 179),
# methanol 32.04, ethylene glycol 62.07, isopropanol 60.10 (from the molecular formulas).
MOLAR_MASS = {"ethanol": 46.07, "methanol": 32.04, "ethylene_glycol": 62.07, "isopropanol": 60.10}
# 1 US fluid ounce = 1/128 US gallon = 3785.411784 / 128 = 29.5735 mL (definition).
ML_PER_FL_OZ = 29.5735


class Inputs(QuantityInputs):
    """Inputs of the estimated serum alcohol concentration."""

    substance: Literal["ethanol", "methanol", "ethylene_glycol", "isopropanol"] = Field(
        description="The alcohol ingested"
    )
    volume_ingested: float = quantity(
        "volume", "mL", ge=0.1, le=5000, description="Volume of the product ingested"
    )
    percent_alcohol: float = Field(
        gt=0, le=100, description="Alcohol content of the product, % by volume (40% = 80 proof)"
    )
    weight: float = quantity("weight", "kg", ge=1, le=300, description="Body weight")
    sex: Literal["male", "female"] | None = Field(
        None, description="Sex (ethanol: Widmark r 0.68 L/kg men, 0.55 L/kg women)"
    )
    volume_of_distribution: float | None = Field(
        None,
        ge=0.3,
        le=1.0,
        description="Volume of distribution in L/kg (required for methanol 0.6-0.7, ethylene "
        "glycol 0.5-0.8, isopropanol 0.5; optional for ethanol, which uses Widmark r)",
    )

    @model_validator(mode="after")
    def _distribution(self) -> Inputs:
        if self.volume_of_distribution is not None:
            return self
        if self.substance != "ethanol":
            raise ValueError(
                f"volume_of_distribution is required for {self.substance} (L/kg; published "
                "ranges are 0.5-0.8), found none"
            )
        if self.sex is None:
            raise ValueError(
                "sex is required for ethanol when no volume_of_distribution is given "
                "(Widmark r: male 0.68, female 0.55 L/kg)"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Concentration (mg/dL) = mL × %/100 × density × 1000 / (Vd × kg × 10)."""
    i = inputs
    if i.volume_of_distribution is not None:
        vd, vd_note = i.volume_of_distribution, "given"
    else:
        assert i.sex is not None  # guaranteed by the validator
        vd, vd_note = WIDMARK_R[i.sex], f"Widmark r, {i.sex}"
    pure_ml = i.volume_ingested * i.percent_alcohol / 100
    grams = pure_ml * DENSITY[i.substance]
    litres = vd * i.weight
    mg_dl = grams * 1000 / (litres * 10)
    mmol_l = mg_dl * 10 / MOLAR_MASS[i.substance]
    steps = [
        Step(label="Pure alcohol", value=round(pure_ml, 2), detail="mL = volume × % / 100"),
        Step(
            label="Mass ingested",
            value=round(grams, 2),
            detail=f"g = mL × density {DENSITY[i.substance]} g/mL",
        ),
        Step(
            label="Volume of distribution",
            value=round(litres, 2),
            detail=f"L ({vd} L/kg, {vd_note})",
        ),
        Step(label="Peak concentration", value=round(mg_dl, 1), detail="mg/dL"),
    ]
    name = i.substance.replace("_", " ")
    return CalcResult(
        calculator=META.id,
        value=round(mg_dl, 1),
        unit="mg/dL",
        interpretation=f"Estimated peak serum {name} {mg_dl:.0f} mg/dL ({mmol_l:.1f} mmol/L), "
        "assuming complete absorption and no metabolism.",
        steps=steps,
        warnings=["An upper estimate: absorption is incomplete and elimination starts at once."],
        extra={"mmol_per_l": round(mmol_l, 1), "grams": round(grams, 1), "vd_l_per_kg": vd},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs (volume in mL or fl oz, % by volume or proof)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {"weight": f.quantity("weight", default_unit="kg")}
    substance = "ethanol"
    if f.has("substance", "alcohol type", "toxic alcohol", "type"):
        substance = str(
            f.option(
                "substance",
                "alcohol type",
                "toxic alcohol",
                "type",
                options={
                    "ethanol": ("ethanol", "ethyl alcohol"),
                    "methanol": ("methanol", "methyl alcohol"),
                    "ethylene_glycol": ("ethylene glycol", "antifreeze"),
                    "isopropanol": ("isopropanol", "isopropyl alcohol"),
                },
            )
        )
    out["substance"] = substance
    num, unit = f.quantity("amount", "volume", default_unit="mL"), None
    if isinstance(num, list):
        num, unit = num
    if unit and unit.lower().replace(".", "").replace(" ", "") in ("oz", "floz", "ounces"):
        num, unit = float(num) * ML_PER_FL_OZ, "mL"
    out["volume_ingested"] = [num, unit] if unit else num
    field, raw = f.raw("percent", "abv", "concentration", "proof", "alcohol by volume")
    pct = f.number("percent", "abv", "concentration", "proof", "alcohol by volume")
    out["percent_alcohol"] = pct / 2 if "proof" in f"{field} {raw}".lower() else pct
    if f.has("sex", "gender"):
        out["sex"] = f.sex()
    if f.has("volume of distribution", "vd"):
        out["volume_of_distribution"] = f.number("volume of distribution", "vd")
    return out
