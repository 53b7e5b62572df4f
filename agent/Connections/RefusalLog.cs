using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Text;

namespace Monitor.Agent.Connections;

/// <summary>Counts refused and dropped unauthenticated connections and writes at most one summary line per interval
/// (reasons with counts, the busiest address, one example), so a flood cannot fill the agent's log.</summary>
internal sealed class RefusalLog : IDisposable
{
    private const int MaxAddressesTracked = 1024;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private Dictionary<string, int> _addresses = new(StringComparer.Ordinal);
    private string? _example;

    public RefusalLog(ILogger logger, TimeSpan interval)
    {
        _logger = logger;
        _interval = interval;
        _timer = new Timer(_ => Flush(), null, interval, interval);
    }

    /// <summary>Notes one refusal; <paramref name="example"/> (e.g. an unknown key's fingerprint) is shown for the first one of an interval.</summary>
    public void Note(string? address, string reason, string? example = null)
    {
        lock (_gate)
        {
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
            var key = address ?? "?";
            if (_addresses.Count < MaxAddressesTracked || _addresses.ContainsKey(key)) _addresses[key] = _addresses.GetValueOrDefault(key) + 1;
            _example ??= example is null ? null : $"{example} from {key}";
        }
    }

    /// <summary>Writes the summary of what was noted since the last line (nothing when nothing was noted).</summary>
    public void Flush()
    {
        Dictionary<string, int> reasons, addresses;
        string? example;
        lock (_gate)
        {
            if (_reasons.Count == 0) return;
            (reasons, addresses, example) = (_reasons, _addresses, _example);
            _reasons = new(StringComparer.Ordinal);
            _addresses = new(StringComparer.Ordinal);
            _example = null;
        }
        var total = reasons.Values.Sum();
        var why = string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Value} {r.Key}"));
        var busiest = addresses.OrderByDescending(a => a.Value).First();
        _logger.LogWarning("refused {Total} unauthenticated connection(s) in the last {Seconds} s: {Reasons}; most from {Address} ({Count}), {Addresses} address(es){Example}",
            total, _interval.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture), why, TerminalText.Cell(busiest.Key, 64), busiest.Value, addresses.Count,
            example is null ? "" : "; e.g. " + TerminalText.Cell(example, 160));
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
