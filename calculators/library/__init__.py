"""One module a calculator."""
