"""NLU components of the pipeline: language detection and the triage-desk commands."""
