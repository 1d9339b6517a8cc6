"""Thin callback wrappers: unpack inputs, call pure functions in ``dashboard``, return."""
