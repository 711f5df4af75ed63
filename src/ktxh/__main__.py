from ktxh.cli import main

raise SystemExit(main())
