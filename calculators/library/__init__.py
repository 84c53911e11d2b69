"""One module a calculator.

Modules whose names start with an underscore are helpers, which the registry does not load:

- ``_points``: point-sum scores (:class:`Score`, :func:`tally`);
- ``_patient``: the ``Sex`` input type, body-weight formulas and total body water fractions;
- ``_anion_gap`` and ``_qtc``: what the anion-gap and corrected-QT families share;
- ``_medcalc_entities``: reading MedCalc-Bench "Relevant Entities" (``from_medcalc``);
- ``_medmcp_fields``: reading MedMCP-Calc inputs by key phrases (``from_medmcp``; use it for new
  adapters); ``_medmcp_keywords`` and ``_medmcp_patterns`` are the key-word and
  regular-expression readers older adapters were written and checked with;
- ``_adapter_errors``: the errors every adapter raises.
"""
