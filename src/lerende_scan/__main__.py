"""Allow ``python -m lerende_scan`` as an alias of the ``scan`` command."""

from lerende_scan.cli import main

main()
