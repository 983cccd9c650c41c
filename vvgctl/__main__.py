from vvgctl.cli.app import main

main()
