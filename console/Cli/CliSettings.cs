using Monitor.Control.Agents;

namespace Monitor.Control.Cli;

/// <summary>What the CLI needs besides the command line: where to write, and agent timing (tests shorten it).</summary>
public sealed record CliSettings(TextWriter Out, TextWriter Error)
{
    public AgentClientOptions? AgentOptions { get; init; }
}
