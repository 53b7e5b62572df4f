using System.Text;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>One running recorded action: collects output and result facts until it is completed.</summary>
public sealed class ActionScope
{
    private readonly IStateStore _store;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _result = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ActionRecord _record;
    private bool _completed;
    private long _dropped;

    internal ActionScope(IStateStore store, ActionRecord record)
    {
        _store = store;
        _record = record;
    }

    public long Id => _record.Id;

    /// <summary>Set by the body when the action ran but did not succeed (e.g. a command exited non-zero).</summary>
    public bool? SuccessOverride { get; set; }
    public string? ErrorOverride { get; set; }

    public void AppendOutput(string text)
    {
        lock (_gate)
        {
            // Keep a little more than the cap so the truncation note can count what was dropped.
            if (_output.Length <= ActionRecorder.MaxOutputBytes * 2) _output.Append(text);
            else _dropped += Encoding.UTF8.GetByteCount(text);
        }
    }

    public void SetResult(string name, string value)
    {
        lock (_gate) _result[name] = value;
    }

    public async Task CompleteAsync(bool success, string? error)
    {
        ActionRecord record;
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            var output = ActionRecorder.CapOutput(_output.ToString());
            if (_dropped > 0)
            {
                var note = output.LastIndexOf("\n[truncated ", StringComparison.Ordinal);
                var shown = note >= 0 ? output[..note] : output;
                var total = Encoding.UTF8.GetByteCount(_output.ToString()) + _dropped - Encoding.UTF8.GetByteCount(shown);
                output = shown + $"\n[truncated {total} bytes]";
            }
            record = _record with
            {
                End = DateTimeOffset.UtcNow,
                Success = success,
                Error = error,
                Output = output,
                Result = new Dictionary<string, string>(_result, StringComparer.Ordinal),
            };
            _record = record;
        }
        await _store.CompleteActionAsync(record, CancellationToken.None).ConfigureAwait(false);
    }
}
