"""Placeholder until the part's tables land."""
