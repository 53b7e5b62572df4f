namespace Monitor.Shared.Config;

/// <summary>[registry]. The password is never written here: it is read from an env var or a file at use.</summary>
public sealed class RegistryConfig
{
    /// <summary>host:port as it appears in image names, e.g. 127.0.0.1:5000.</summary>
    public string Address { get; set; } = "";
    public string? Username { get; set; }
    public string? PasswordEnv { get; set; }
    public string? PasswordFile { get; set; }
    /// <summary>Image `monitor registry deploy` runs (registry:2-compatible).</summary>
    public string Image { get; set; } = "registry:2";
    /// <summary>Host port `monitor registry deploy` publishes.</summary>
    public int Port { get; set; } = 5000;
    /// <summary>Host address the deployed registry's port binds (default all addresses).</summary>
    public string? BindAddress { get; set; }
    public string ContainerName { get; set; } = "registry";
}
