using Monitor.Shared.Config;

namespace Monitor.Control.Composition;

/// <summary>Makes the secret-file references of monitor.toml (registry password, repo token and ssh key) absolute,
/// relative to the config file's directory, so a synced stack keeps working wherever the console runs from.</summary>
public static class ConfigFileReferences
{
    public static void Resolve(MonitorConfig config, string configPath)
    {
        string? Full(string? path) => string.IsNullOrWhiteSpace(path) ? path : ConsolePaths.RelativeTo(configPath, path);
        if (config.Registry is { } registry) registry.PasswordFile = Full(registry.PasswordFile);
        foreach (var repo in config.Stacks.Select(s => s.Repo).OfType<StackRepoConfig>())
        {
            repo.TokenFile = Full(repo.TokenFile);
            repo.SshKeyFile = Full(repo.SshKeyFile);
        }
    }
}
