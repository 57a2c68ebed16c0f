"""`python -m paayesh_docs` runs the `paayesh` command."""

from paayesh_docs.cli import main

main()
