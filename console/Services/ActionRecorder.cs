using System.Text;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>Writes every state-changing action to the history: a record when it starts (success unknown) and its
/// outcome when it ends. Secret-looking parameters are masked and output is capped before anything is stored.
/// <paramref name="signer"/> (the console key's fingerprint) is added to every record as parameter "signer".</summary>
public sealed class ActionRecorder(IStateStore store, string user, string? signer = null)
{
    public const int MaxOutputBytes = 64 * 1024;
    private static readonly string[] SecretWords = ["password", "secret", "token", "key", "credential"];

    public string User => user;

    public async Task<RecordedAction> StartAsync(string type, string? server, string? stack, string? target,
        IReadOnlyDictionary<string, string>? parameters = null, CancellationToken ct = default)
    {
        var record = new ActionRecord
        {
            Start = DateTimeOffset.UtcNow, User = user, Type = type, Server = server, Stack = stack, Target = target,
            Parameters = Mask(Signed(parameters)),
        };
        var id = await store.AddActionAsync(record, ct).ConfigureAwait(false);
        return new RecordedAction(this, record with { Id = id });
    }

    /// <summary>Runs <paramref name="action"/> as one recorded action; failures are recorded and rethrown.</summary>
    public async Task<T> RecordAsync<T>(string type, string? server, string? stack, string? target,
        IReadOnlyDictionary<string, string>? parameters, Func<RecordedAction, Task<T>> action, CancellationToken ct = default)
    {
        var recorded = await StartAsync(type, server, stack, target, parameters, ct).ConfigureAwait(false);
        try
        {
            var result = await action(recorded).ConfigureAwait(false);
            await recorded.SucceedAsync().ConfigureAwait(false);
            return result;
        }
        catch (Exception e)
        {
            await recorded.FailAsync(e.Message).ConfigureAwait(false);
            throw;
        }
    }

    private IReadOnlyDictionary<string, string> Signed(IReadOnlyDictionary<string, string>? parameters)
    {
        if (signer is null) return parameters ?? new Dictionary<string, string>();
        var all = new Dictionary<string, string>(parameters ?? new Dictionary<string, string>()) { ["signer"] = signer };
        return all;
    }

    internal Task CompleteAsync(ActionRecord record) =>
        store.CompleteActionAsync(record with { Output = Cap(record.Output) }, CancellationToken.None);

    public static IReadOnlyDictionary<string, string> Mask(IReadOnlyDictionary<string, string> parameters) =>
        parameters.ToDictionary(p => p.Key, p => IsSecret(p.Key) ? "***" : p.Value);

    public static bool IsSecret(string name) => SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static string Cap(string output)
    {
        var bytes = Encoding.UTF8.GetByteCount(output);
        if (bytes <= MaxOutputBytes) return output;
        var keep = output[..Math.Min(output.Length, MaxOutputBytes)];
        while (Encoding.UTF8.GetByteCount(keep) > MaxOutputBytes) keep = keep[..(keep.Length * 9 / 10)];
        return keep + $"\n[truncated {bytes - Encoding.UTF8.GetByteCount(keep)} bytes]";
    }
}
