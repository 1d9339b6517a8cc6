"""Performance benchmark and load test (``python -m bench``, ``python -m bench.load``).

Not part of the test suite: it reports against targets, it does not assert them.
"""
