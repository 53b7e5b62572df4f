namespace Monitor.Control.Fleet;

/// <summary>A command run over SSH: exit code, stdout, stderr.</summary>
public sealed record ShellResult(int ExitCode, string Output, string Error);
