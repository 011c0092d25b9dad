import InflowCLI

InflowCommandLine.main()
