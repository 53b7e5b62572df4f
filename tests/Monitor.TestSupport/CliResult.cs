namespace Monitor.TestSupport;

/// <summary>What one `monitor` command did: exit code, stdout, stderr.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);
