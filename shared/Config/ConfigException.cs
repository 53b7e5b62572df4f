namespace Monitor.Shared.Config;

/// <summary>A config file is wrong. The message names the file, line and column, what was found and what is expected.</summary>
public sealed class ConfigException(string file, int line, int column, string problem)
    : Exception($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}
