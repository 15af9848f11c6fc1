"""Placeholder until the part's pages land."""
