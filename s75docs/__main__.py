"""python -m s75docs."""

from s75docs.cli import main

main()
