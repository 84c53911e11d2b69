"""m3agent.calculators."""
