"""``python -m ui [--host H] [--port P]``: serve the web UI, like ``regain ui``."""

import sys

from ui.app import main

sys.exit(main())
