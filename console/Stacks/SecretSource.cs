using Monitor.Control.Services;

namespace Monitor.Control.Stacks;

/// <summary>Reads secret values referenced by config (env var or file). Values are only handed to agents, never printed.</summary>
public static class SecretSource
{
    public static string? Read(string? envName, string? file, string what)
    {
        if (!string.IsNullOrEmpty(envName))
            return Environment.GetEnvironmentVariable(envName)
                ?? throw new OperationFailedException($"{what}: environment variable {envName} is not set; export it before running monitor", "invalid_argument");
        if (!string.IsNullOrEmpty(file))
        {
            if (!File.Exists(file)) throw new OperationFailedException($"{what}: file {file} does not exist; create it or fix the path in monitor.toml", "invalid_argument");
            return File.ReadAllText(file).Trim();
        }
        return null;
    }
}
