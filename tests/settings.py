"""The test suite's settings: production's (budget/settings.py) with a key of its own, since
with DEBUG off they refuse to start without SECRET_KEY. Commands the tests run in
subprocesses inherit the key from the environment."""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 40)

from budget.settings import *  # noqa: E402,F401,F403
