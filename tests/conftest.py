"""Shared test configuration: Hypothesis profiles.

``ci`` (the default) keeps the suite quick; ``deep`` is what
``benchmarks/properties.py`` runs. Pick one with ``HYPOTHESIS_PROFILE=deep``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generated resolutions are large inputs by Hypothesis' standards; the checks
# below would flag that size, which is the point, not a mistake.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=_SLOW_DATA)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=_SLOW_DATA, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
