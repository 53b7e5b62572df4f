using System.Collections.Concurrent;
using System.Text;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>The one way actions reach the history (Services, Stacks, Webhooks): a record when an action starts
/// (success unknown, the running process noted) and its outcome when it ends. One output cap
/// (<see cref="MaxOutputBytes"/>) and one masking rule: parameters with secret-looking names are masked, and every
/// known secret value (the recorder's and the action's own) is masked wherever it appears — output, parameters,
/// result facts, errors. The signer (the console key's fingerprint) is added to every record as parameter "signer".
/// Before its first record in a process it closes actions that dead processes on this host left running, as
/// <see cref="ActionOutcomes.Interrupted"/>.</summary>
public sealed class ActionRecorder
{
    public const int MaxOutputBytes = 64 * 1024;
    public const string Masked = "***";
    /// <summary>Shorter values are not masked: they would hide ordinary text everywhere.</summary>
    public const int MinSecretLength = 3;
    private static readonly string[] SecretWords = ["password", "secret", "token", "key", "credential"];

    private readonly IStateStore _store;
    private readonly RunningActions _running;
    private readonly ConcurrentDictionary<string, byte> _secrets;
    private readonly string? _signer;

    public ActionRecorder(IStateStore store, string user, string? signer = null, ProcessIdentity? process = null)
        : this(store, user, signer, new RunningActions(store, process ?? ProcessIdentity.Current), new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)) { }

    private ActionRecorder(IStateStore store, string user, string? signer, RunningActions running, ConcurrentDictionary<string, byte> secrets)
    {
        _store = store; User = user; _signer = signer; _running = running; _secrets = secrets;
    }

    public string User { get; }

    /// <summary>The same recorder (store, process, secrets) recording as another user, e.g. "webhook:github".</summary>
    public ActionRecorder As(string user) => new(_store, user, _signer, _running, _secrets);

    /// <summary>Masks <paramref name="value"/> in everything recorded from now on.</summary>
    public void AddSecret(string? value)
    {
        if (value is { Length: >= MinSecretLength }) _secrets.TryAdd(value, 0);
    }

    public async Task<RecordedAction> StartAsync(string type, string? server, string? stack, string? target,
        IReadOnlyDictionary<string, string>? parameters = null, CancellationToken ct = default, IEnumerable<string?>? secrets = null)
    {
        await _running.SweepOnceAsync(ct).ConfigureAwait(false);
        var mask = new SecretMask(_secrets.Keys.Concat(secrets?.OfType<string>() ?? []));
        var record = new ActionRecord
        {
            Start = DateTimeOffset.UtcNow, User = User, Type = type, Server = server, Stack = stack, Target = target,
            Parameters = mask.Apply(Mask(Signed(parameters))),
        };
        var id = await _store.AddActionAsync(record, ct).ConfigureAwait(false);
        await _running.MarkAsync(id, ct).ConfigureAwait(false);
        return new RecordedAction(this, record with { Id = id }, mask);
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
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await recorded.CancelAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            await recorded.FailAsync(e.Message).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Recording must not be skipped because the operation was cancelled: no token.</summary>
    internal async Task CompleteAsync(ActionRecord record)
    {
        await _store.CompleteActionAsync(record with { Output = Cap(record.Output) }, CancellationToken.None).ConfigureAwait(false);
        await _running.ClearAsync(record.Id).ConfigureAwait(false);
    }

    private IReadOnlyDictionary<string, string> Signed(IReadOnlyDictionary<string, string>? parameters)
    {
        if (_signer is null) return parameters ?? new Dictionary<string, string>();
        return new Dictionary<string, string>(parameters ?? new Dictionary<string, string>()) { ["signer"] = _signer };
    }

    /// <summary>Parameters whose names look secret (password, token, key...) are replaced by <see cref="Masked"/>.</summary>
    public static IReadOnlyDictionary<string, string> Mask(IReadOnlyDictionary<string, string> parameters) =>
        parameters.ToDictionary(p => p.Key, p => IsSecret(p.Key) ? Masked : p.Value);

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
