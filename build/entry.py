"""The frozen app's entry point: the same main() as the `explorer` console script."""

from explorer.cli import main

raise SystemExit(main())
