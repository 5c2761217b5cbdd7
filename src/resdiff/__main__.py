"""``python -m resdiff``: the same as the ``resdiff`` command."""

import sys

from resdiff._cli import main

sys.exit(main())
