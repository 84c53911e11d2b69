"""Clinical-trial ingestion, criteria parsing and TrialGPT-style matching."""
