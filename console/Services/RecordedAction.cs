using System.Text;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>An action in progress: collects output and result facts, then is completed once.</summary>
public sealed class RecordedAction(ActionRecorder recorder, ActionRecord record)
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _result = new(StringComparer.Ordinal);
    private bool _completed;

    public long Id => record.Id;

    public void AppendOutput(string text)
    {
        lock (_output)
            if (_output.Length < ActionRecorder.MaxOutputBytes * 2) _output.Append(text);
    }

    public void SetResult(string name, string value) { lock (_result) _result[name] = value; }

    public Task SucceedAsync() => CompleteAsync(true, null);

    public Task FailAsync(string error) => CompleteAsync(false, error);

    private Task CompleteAsync(bool success, string? error)
    {
        if (_completed) return Task.CompletedTask;
        _completed = true;
        string output;
        lock (_output) output = _output.ToString();
        Dictionary<string, string> result;
        lock (_result) result = new Dictionary<string, string>(_result);
        return recorder.CompleteAsync(record with { End = DateTimeOffset.UtcNow, Success = success, Error = error, Output = output, Result = result });
    }
}
