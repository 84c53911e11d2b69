"""The errors the benchmark adapters (``from_medcalc`` / ``from_medmcp``) raise.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from m3agent.tools.errors import M3AgentError


class AdapterError(M3AgentError):
    """A benchmark row lacks a value the calculator needs, or has one that cannot be read."""

    code = "calculator_adapter"


class MedMCPInputError(AdapterError):
    """A MedMCP-Calc input list lacks a field, or a value cannot be read as expected."""

    code = "medmcp_input"
