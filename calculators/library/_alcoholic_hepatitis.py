"""Shared reading of the alcoholic-hepatitis scores' MedMCP-Calc inputs.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from m3agent.calculators.library._medmcp_fields import Fields


def bilirubin(f: Fields, *keys: str, exclude: tuple[str, ...] = ()) -> float | list[object]:
    """Bilirubin with its unit; a bare number above 80 is taken as µmol/L (no mg/dL is)."""
    value = f.quantity(*(keys or ("bilirubin",)), exclude=exclude)
    if isinstance(value, float) and value > 80:
        return [value, "umol/L"]
    return value if isinstance(value, list) else [value, "mg/dL"]
