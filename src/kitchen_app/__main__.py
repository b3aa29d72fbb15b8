from kitchen_app.cli import main

raise SystemExit(main())
