"""s75docs: draft, vary, report on and check section 75 partnership agreements."""

__version__ = "0.1.0"
