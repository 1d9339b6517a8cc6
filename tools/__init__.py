"""What the tests, the benchmark (``python -m bench``) and scripts/screenshot.py share: a headless
Chromium set up in one place (:mod:`tools.browser`), servers on loopback as production runs them
(:mod:`tools.servers`) and hostile clients (:mod:`tools.slow_clients`).

Not test code (the benchmark and the scripts run without ``tests/``), and not the app: nothing
here imports ``dashboard``.
"""
