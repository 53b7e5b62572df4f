using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>
/// Records every state-changing action: a row at start (Success null), completed at the end with success, output
/// (capped at <see cref="MaxOutputBytes"/>), error and result facts. Parameters whose name looks secret are masked.
/// </summary>
public sealed class ActionRecorder(IStateStore store, string user)
{
    public const int MaxOutputBytes = 64 * 1024;
    public const string Mask = "***";
    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "key", "credential"];

    public string User { get; } = user;

    /// <summary>Runs <paramref name="body"/> as one recorded action. Agent errors become an
    /// <see cref="OperationFailedException"/> saying what failed; the record is completed either way.</summary>
    public async Task<T> RunAsync<T>(
        string type, string? server, string? target, IReadOnlyDictionary<string, string>? parameters,
        Func<ActionScope, CancellationToken, Task<T>> body, string? stack = null, CancellationToken ct = default)
    {
        var scope = await StartAsync(type, server, target, parameters, stack, ct).ConfigureAwait(false);
        try
        {
            var result = await body(scope, ct).ConfigureAwait(false);
            await scope.CompleteAsync(scope.SuccessOverride ?? true, scope.ErrorOverride).ConfigureAwait(false);
            return result;
        }
        catch (AgentException ex)
        {
            var failure = OperatorErrors.From(ex, Describe(type, target));
            await scope.CompleteAsync(false, failure.Message).ConfigureAwait(false);
            throw failure;
        }
        catch (OperationFailedException ex)
        {
            await scope.CompleteAsync(false, ex.Message).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            await scope.CompleteAsync(false, "cancelled by the operator").ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            await scope.CompleteAsync(false, ex.Message).ConfigureAwait(false);
            throw new OperationFailedException($"{Describe(type, target)} failed: {ex.Message}", "failed", ex);
        }
    }

    public async Task<ActionScope> StartAsync(
        string type, string? server, string? target, IReadOnlyDictionary<string, string>? parameters,
        string? stack = null, CancellationToken ct = default)
    {
        var record = new ActionRecord
        {
            Start = DateTimeOffset.UtcNow,
            User = User,
            Type = type,
            Server = server,
            Stack = stack,
            Target = target,
            Parameters = MaskSecrets(parameters),
        };
        var id = await store.AddActionAsync(record, ct).ConfigureAwait(false);
        return new ActionScope(store, record with { Id = id });
    }

    public static IReadOnlyDictionary<string, string> MaskSecrets(IReadOnlyDictionary<string, string>? parameters)
    {
        var masked = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters is null) return masked;
        foreach (var (name, value) in parameters)
            masked[name] = LooksSecret(name) ? Mask : value;
        return masked;
    }

    public static bool LooksSecret(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first <see cref="MaxOutputBytes"/> bytes of UTF-8 output, then "[truncated N bytes]".</summary>
    public static string CapOutput(string output)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(output);
        if (bytes <= MaxOutputBytes) return output;
        var encoded = System.Text.Encoding.UTF8.GetBytes(output);
        var cut = MaxOutputBytes;
        while (cut > 0 && (encoded[cut] & 0xC0) == 0x80) cut--; // do not split a UTF-8 sequence
        return System.Text.Encoding.UTF8.GetString(encoded, 0, cut) + $"\n[truncated {bytes - cut} bytes]";
    }

    private static string Describe(string type, string? target) => target is null ? type : $"{type} {target}";
}
