"""``python -m app.cli`` runs the same CLI as the ``coach`` script."""

from app.cli import main

main()
