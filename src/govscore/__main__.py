from govscore.cli.main import main

raise SystemExit(main())
