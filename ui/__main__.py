"""``python -m ui [--host H] [--port P]``: serve the web UI, like ``regain ui`` (see :func:`ui.serve.main`)."""

import sys

from ui.serve import main

sys.exit(main())
