"""The frozen app's entry point: the same run() as the `explorer` console script."""

from explorer.cli import run

run()
