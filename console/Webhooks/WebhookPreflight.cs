using Monitor.Shared.Net;
using System.Net;
using Monitor.Shared.Config;

namespace Monitor.Control.Webhooks;

/// <summary>Checks [webhook] before `monitor serve` binds anything: the listen address parses and the [webhook]
/// secret can be read. Problems are <see cref="ConfigException"/>s naming the line of the key (exit code 2).</summary>
public static class WebhookPreflight
{
    public static IPEndPoint Listen(WebhookConfig config, string configPath)
    {
        if (ListenEndpoint.TryParse(config.Listen, out var endpoint, out var problem)) return endpoint;
        throw new ConfigException(configPath, LineOf(configPath, "listen"), 1, "[webhook] " + problem);
    }

    public static void CheckSecret(WebhookConfig config, WebhookSecrets secrets, string configPath, bool anyStackHasOwnSecret)
    {
        if (config.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
            throw new ConfigException(configPath, LineOf(configPath, "max_body_bytes"), 1, "[webhook] max_body_bytes must be between 1024 and 67108864 (64 MiB); the default is 1048576");
        if (!secrets.HasGlobal)
        {
            if (anyStackHasOwnSecret) return;
            throw new ConfigException(configPath, LineOf(configPath, null), 1,
                "monitor serve needs a webhook secret: add `secret_env = \"MONITOR_WEBHOOK_SECRET\"` (or secret_file) to [webhook] and give the same secret to your git host");
        }
        if (secrets.Global(out var problem) is null)
            throw new ConfigException(configPath, LineOf(configPath, string.IsNullOrEmpty(config.SecretEnv) ? "secret_file" : "secret_env"), 1, problem);
    }

    /// <summary>The 1-based line of <paramref name="key"/> inside the [webhook] table (or of the table itself; 1 if absent).</summary>
    private static int LineOf(string configPath, string? key)
    {
        if (!File.Exists(configPath)) return 1;
        var lines = File.ReadAllLines(configPath);
        var table = Array.FindIndex(lines, l => l.Trim() == "[webhook]");
        if (table < 0) return 1;
        if (key is null) return table + 1;
        for (var i = table + 1; i < lines.Length && !lines[i].TrimStart().StartsWith('['); i++)
            if (lines[i].TrimStart().StartsWith(key, StringComparison.Ordinal)) return i + 1;
        return table + 1;
    }
}
