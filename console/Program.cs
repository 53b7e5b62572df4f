// Entry point: the CLI (System.CommandLine) and, with no verb, the TUI. Filled in by the Cli/ and Tui/ folders.
return 0;
