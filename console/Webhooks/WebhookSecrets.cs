using Monitor.Control.Stacks;
using Monitor.Shared.Config;

namespace Monitor.Control.Webhooks;

/// <summary>Finds the secret a stack's deliveries are checked with: its own [stacks.webhook] secret_env/secret_file,
/// else [webhook]'s. Read at each delivery, so a rotated secret file takes effect without a restart. Relative files
/// are relative to monitor.toml's directory. Problems are described for the serve log, never the secret.</summary>
public sealed class WebhookSecrets(WebhookConfig global, string baseDirectory)
{
    /// <summary>Whether [webhook] names a secret at all (env var or file).</summary>
    public bool HasGlobal => Names(global.SecretEnv, global.SecretFile);

    /// <summary>Whether the stack names its own secret in [stacks.webhook].</summary>
    public static bool HasOwn(StackConfig stack) => stack.Webhook is { } own && Names(own.SecretEnv, own.SecretFile);

    /// <summary>The secret, or null with <paramref name="problem"/> saying why there is none.</summary>
    public string? For(StackConfig stack, out string problem)
    {
        if (HasOwn(stack)) return Read(stack.Webhook!.SecretEnv, stack.Webhook.SecretFile, $"stack {stack.Name}: [stacks.webhook] secret", out problem);
        if (!HasGlobal)
        {
            problem = $"no webhook secret for stack {stack.Name}; set [webhook] secret_env or secret_file (or the stack's own in [stacks.webhook])";
            return null;
        }
        return Global(out problem);
    }

    /// <summary>[webhook]'s secret, or null with <paramref name="problem"/> saying why it cannot be read.</summary>
    public string? Global(out string problem) => Read(global.SecretEnv, global.SecretFile, "[webhook] secret", out problem);

    private string? Read(string? env, string? file, string what, out string problem)
    {
        problem = "";
        try
        {
            var secret = SecretSource.Read(env, Resolve(file), what);
            if (!string.IsNullOrEmpty(secret)) return secret;
            problem = $"{what} is empty";
            return null;
        }
        catch (Services.OperationFailedException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static bool Names(string? env, string? file) => !string.IsNullOrEmpty(env) || !string.IsNullOrEmpty(file);

    private string? Resolve(string? file) =>
        string.IsNullOrEmpty(file) ? file : Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(baseDirectory, file));
}
