"""One module per ``ktxh`` command, each with ``register(subparsers)``; :data:`ktxh.cli.COMMANDS` lists them."""
