using System.Diagnostics;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Hostile.Tests.Support;

/// <summary>An authorized console calling the agent the whole time: each call opens a connection, authenticates and
/// asks agent.info, so it measures what a console that (re)connects during an attack sees.</summary>
public sealed class LegitimateConsole(Uri url, ConsoleKeyPair key)
{
    private readonly List<double> _millis = [];
    private readonly List<string> _failures = [];

    public int Succeeded { get { lock (_millis) return _millis.Count; } }
    public IReadOnlyList<string> Failures { get { lock (_millis) return [.. _failures]; } }
    public int Calls { get { lock (_millis) return _millis.Count + _failures.Count; } }

    public async Task CallAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(url, key);
            var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
            if (string.IsNullOrEmpty(info.AgentVersion)) throw new InvalidOperationException("agent.info without a version");
            lock (_millis) _millis.Add(clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e)
        {
            lock (_millis) _failures.Add($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The <paramref name="percent"/>-th percentile of successful call times, in ms.</summary>
    public double Percentile(double percent)
    {
        lock (_millis)
        {
            if (_millis.Count == 0) return double.NaN;
            var sorted = _millis.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }
}
