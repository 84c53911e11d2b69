"""What the TNM staging calculators share: reading a T/N/M category from a MedMCP value.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any

from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import norm


def read_category(value: Any, prefix: str, allowed: tuple[str, ...], field: str) -> str:
    """Read a TNM category such as ``'T1b (solitary tumor >2 cm)'`` → ``'T1b'``.

    Raises:
        MedMCPInputError: When no word of the value is one of ``allowed``.
    """
    want = {a.lower(): a for a in allowed}
    for word in norm(value).split():
        if word in want:
            return want[word]
    raise MedMCPInputError(
        f"{field}: expected a {prefix} category ({', '.join(allowed)}), found {value!r}."
    )
