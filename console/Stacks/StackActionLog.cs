using System.Text;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Stacks;

/// <summary>One recorded stack action: opened when the operation starts, its output collected (capped, secrets
/// masked) while forwarding it live, completed with success/failure and result facts (version, commit, image).</summary>
public sealed class StackActionLog : IProgress<StackOutput>
{
    private const int MaxOutputChars = 256 * 1024;
    private readonly IStateStore _store;
    private readonly IProgress<StackOutput>? _live;
    private readonly IReadOnlyList<string> _secrets;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private ActionRecord _record;

    private StackActionLog(IStateStore store, ActionRecord record, IProgress<StackOutput>? live, IReadOnlyList<string> secrets)
    {
        _store = store; _record = record; _live = live; _secrets = secrets;
    }

    public long Id => _record.Id;
    public Dictionary<string, string> Result { get; } = [];

    public static async Task<StackActionLog> StartAsync(IStateStore store, string user, string type, string stack, string? server,
        IReadOnlyDictionary<string, string> parameters, IProgress<StackOutput>? live, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var record = new ActionRecord { Start = DateTimeOffset.UtcNow, User = user, Type = type, Stack = stack, Server = server, Target = stack, Parameters = parameters };
        var id = await store.AddActionAsync(record, ct).ConfigureAwait(false);
        return new StackActionLog(store, record with { Id = id }, live, secrets);
    }

    public void Report(StackOutput value)
    {
        var masked = value with { Text = Mask(value.Text) };
        lock (_gate)
        {
            if (_output.Length < MaxOutputChars)
            {
                _output.Append(masked.Server is null ? $"[{masked.Step}] " : $"[{masked.Step} {masked.Server}] ");
                _output.Append(masked.Text.EndsWith('\n') ? masked.Text : masked.Text + "\n");
                if (_output.Length >= MaxOutputChars) _output.Append("... (output capped)\n");
            }
        }
        _live?.Report(masked);
    }

    public void Step(string step, string text, string? server = null) => Report(new StackOutput(step, server, "stdout", text));

    public async Task CompleteAsync(bool success, string? error, CancellationToken ct = default)
    {
        string output;
        lock (_gate) output = _output.ToString();
        _record = _record with
        {
            End = DateTimeOffset.UtcNow, Success = success, Output = output, Error = error is null ? null : Mask(error),
            Result = new Dictionary<string, string>(Result),
        };
        // Recording must not be skipped because the operation was cancelled.
        await _store.CompleteActionAsync(_record, CancellationToken.None).ConfigureAwait(false);
    }

    private string Mask(string text)
    {
        foreach (var secret in _secrets)
            if (secret.Length >= 3) text = text.Replace(secret, "******", StringComparison.Ordinal);
        return text;
    }
}
