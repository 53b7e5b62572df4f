namespace Monitor.Control.Cli;

/// <summary>A failure with --json, one line on stderr: {"error":{"code":"...","message":"..."}}.</summary>
public sealed record CliError(CliErrorBody Error)
{
    public CliError(string code, string message) : this(new CliErrorBody(code, message)) { }
}

/// <summary>The body of <see cref="CliError"/>.</summary>
public sealed record CliErrorBody(string Code, string Message);
