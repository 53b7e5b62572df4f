namespace Monitor.Shared.Config;

/// <summary>[stacks.repo]. Credentials are references (env var or file), never values.</summary>
public sealed class StackRepoConfig
{
    public string Url { get; set; } = "";
    public string Branch { get; set; } = "main";
    public string? Username { get; set; }
    /// <summary>Env var holding an access token (https repos).</summary>
    public string? TokenEnv { get; set; }
    public string? TokenFile { get; set; }
    /// <summary>Env var holding an SSH private key (ssh:// or user@host:path repos); read by the console, sent to the
    /// agent that clones, which keeps it in a 0600 file only while git runs.</summary>
    public string? SshKeyEnv { get; set; }
    /// <summary>File (on the console's machine) holding an SSH private key, e.g. a read-only deploy key.</summary>
    public string? SshKeyFile { get; set; }
    /// <summary>known_hosts line(s) of the git server (e.g. from `ssh-keyscan`), pinning its host key; without it the
    /// key is trusted on first use and remembered by the agent.</summary>
    public string? SshKnownHosts { get; set; }
    /// <summary>Programs run in the repo root after each clone/pull (sh -c, cwd = repo root).</summary>
    public List<string> Scripts { get; set; } = [];
    /// <summary>Clone on each deploy target instead of on the build server.</summary>
    public bool Remote { get; set; }
}
