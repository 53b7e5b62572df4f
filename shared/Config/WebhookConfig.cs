namespace Monitor.Shared.Config;

/// <summary>[webhook]: the endpoint `monitor serve` runs for signed git push webhooks. The shared secret is a
/// reference (env var or file), never a value in monitor.toml.</summary>
public sealed class WebhookConfig
{
    public const string DefaultListen = "127.0.0.1:8130";

    /// <summary>host:port to bind (`monitor serve --listen` overrides it).</summary>
    public string Listen { get; set; } = DefaultListen;
    /// <summary>Env var holding the secret every stack uses unless its [stacks.webhook] names its own.</summary>
    public string? SecretEnv { get; set; }
    /// <summary>File holding that secret (relative to monitor.toml's directory); surrounding whitespace is trimmed.</summary>
    public string? SecretFile { get; set; }
    /// <summary>Largest request body accepted; a bigger one is answered 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
