using System.Text;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>An action in progress: collects output and result facts (secrets masked as they come), then is completed
/// once (success, failure, or cancellation).</summary>
public sealed class RecordedAction
{
    private readonly ActionRecorder _recorder;
    private readonly ActionRecord _record;
    private readonly SecretMask _mask;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _result = new(StringComparer.Ordinal);
    private int _completed;

    internal RecordedAction(ActionRecorder recorder, ActionRecord record, SecretMask mask)
    {
        _recorder = recorder; _record = record; _mask = mask;
    }

    public long Id => _record.Id;

    /// <summary>The action's secrets masked in <paramref name="text"/> (for what is shown live, too).</summary>
    public string Mask(string text) => _mask.Apply(text);

    public void AppendOutput(string text)
    {
        var masked = _mask.Apply(text);
        lock (_output)
            if (_output.Length < ActionRecorder.MaxOutputBytes * 2) _output.Append(masked);
    }

    public void SetResult(string name, string value) { lock (_result) _result[name] = _mask.Apply(value); }

    public Task SucceedAsync() => CompleteAsync(true, null);

    public Task FailAsync(string error) => CompleteAsync(false, error);

    public Task CancelAsync()
    {
        SetResult(ActionOutcomes.Key, ActionOutcomes.Cancelled);
        return CompleteAsync(false, $"{_record.Type} was cancelled");
    }

    public Task CompleteAsync(bool success, string? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return Task.CompletedTask;
        string output;
        lock (_output) output = _output.ToString();
        Dictionary<string, string> result;
        lock (_result) result = new Dictionary<string, string>(_result);
        return _recorder.CompleteAsync(_record with
        {
            End = DateTimeOffset.UtcNow, Success = success, Error = error is null ? null : _mask.Apply(error), Output = output, Result = result,
        });
    }
}
