"""Patient descriptors shared by calculators: the ``Sex`` input type and body-weight formulas.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator


def _lower_sex(value: Any) -> Any:
    if isinstance(value, str):
        v = value.strip().lower()
        return {"m": "male", "f": "female", "man": "male", "woman": "female"}.get(v, v)
    return value


Sex = Annotated[Literal["male", "female"], BeforeValidator(_lower_sex)]
"""Biological sex as the published equations use it (``male`` / ``female``; M/F accepted)."""


def ideal_body_weight_kg(sex: str, height_cm: float) -> float:
    """Devine ideal body weight: 50 kg (men) or 45.5 kg (women) + 2.3 kg per inch over 5 feet.

    Source: Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm. 1974;8:650-655.
    """
    inches = height_cm / 2.54  # 1 in = 2.54 cm exactly
    return (50.0 if sex == "male" else 45.5) + 2.3 * (inches - 60.0)


def adjusted_body_weight_kg(ibw_kg: float, weight_kg: float) -> float:
    """Return the adjusted body weight: IBW + 0.4 × (actual − IBW).

    The 0.4 correction factor is the one used for aminoglycoside and creatinine-clearance
    dosing in obesity (Bauer LA, Applied Clinical Pharmacokinetics; reviewed in Pai MP,
    Paloucek FP. Ann Pharmacother. 2000;34:1066-1069).
    """
    return ibw_kg + 0.4 * (weight_kg - ibw_kg)


# Total body water as a fraction of body weight, by age group and sex (Adrogué HJ, Madias NE.
# Hypernatremia. N Engl J Med. 2000;342:1493-9, table 3): children 0.6; non-elderly men 0.6,
# women 0.5; elderly (≥ 65 years) men 0.5, women 0.45.
TBW_FRACTION: dict[tuple[str, str], float] = {
    ("child", "male"): 0.6,
    ("child", "female"): 0.6,
    ("adult", "male"): 0.6,
    ("adult", "female"): 0.5,
    ("elderly", "male"): 0.5,
    ("elderly", "female"): 0.45,
}
