using Monitor.Control.Services;

namespace Monitor.Control.Stacks;

/// <summary>One recorded stack action, on the one <see cref="ActionRecorder"/>: its output collected ("[step server]
/// text" lines, secrets masked, capped by the recorder) while forwarding it live, completed with success/failure and
/// result facts (version, commit, image).</summary>
public sealed class StackActionLog : IProgress<StackOutput>
{
    private readonly RecordedAction _action;
    private readonly IProgress<StackOutput>? _live;

    private StackActionLog(RecordedAction action, IProgress<StackOutput>? live)
    {
        _action = action; _live = live;
    }

    public long Id => _action.Id;
    /// <summary>Result facts, stored (masked) when the action completes.</summary>
    public Dictionary<string, string> Result { get; } = [];

    public static async Task<StackActionLog> StartAsync(ActionRecorder recorder, string type, string stack, string? server,
        IReadOnlyDictionary<string, string> parameters, IProgress<StackOutput>? live, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var action = await recorder.StartAsync(type, server, stack, stack, parameters, ct, secrets).ConfigureAwait(false);
        return new StackActionLog(action, live);
    }

    public void Report(StackOutput value)
    {
        var masked = value with { Text = _action.Mask(value.Text) };
        var prefix = masked.Server is null ? $"[{masked.Step}] " : $"[{masked.Step} {masked.Server}] ";
        _action.AppendOutput(prefix + (masked.Text.EndsWith('\n') ? masked.Text : masked.Text + "\n"));
        _live?.Report(masked);
    }

    public void Step(string step, string text, string? server = null) => Report(new StackOutput(step, server, "stdout", text));

    public Task CompleteAsync(bool success, string? error)
    {
        lock (Result)
            foreach (var (name, value) in Result) _action.SetResult(name, value);
        return _action.CompleteAsync(success, error);
    }

    public Task CancelAsync()
    {
        lock (Result)
            foreach (var (name, value) in Result) _action.SetResult(name, value);
        return _action.CancelAsync();
    }
}
