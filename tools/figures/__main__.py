import sys

from tools.figures import main

sys.exit(main())
