using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Alerts;
using Monitor.Shared.Config;

namespace Monitor.Watch.Tests;

/// <summary>The threshold state machine with an injected clock: held for the duration opens once, a value hovering
/// around the threshold inside the hysteresis band does not flap, falling clear for the duration resolves once.</summary>
public sealed class AlertConditionTests
{
    private sealed class Sink : IAlertSink
    {
        public List<AlertTransition> Changes { get; } = [];
        public Task ApplyAsync(AlertTransition change, CancellationToken ct) { Changes.Add(change); return Task.CompletedTask; }
    }

    [Fact]
    public async Task Cpu_above_threshold_for_the_duration_opens_once_hovering_does_not_flap_and_dropping_resolves_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var rule = AlertRule.From(new AlertRuleConfig { Name = "cpu-high", Kind = "cpu", Warning = 80, Critical = 95, For = "30s", Hysteresis = 10 }, 0);
        var sink = new Sink();
        var evaluator = new AlertEvaluator([rule], _ => [], sink, clock);
        async Task Feed(double cpu, int seconds)
        {
            for (var i = 0; i < seconds / 10; i++)
            {
                await evaluator.OnSampleAsync("s1", Samples.Host(clock.GetUtcNow(), cpu), CancellationToken.None);
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }

        await Feed(85, 20);                 // not yet held for 30 s
        await Feed(50, 10);                 // drop: the pending condition restarts
        Assert.Empty(sink.Changes);
        await Feed(85, 40);                 // held 30 s: opens as a warning
        Assert.Single(sink.Changes);
        Assert.True(sink.Changes[0].Opens);
        Assert.Equal(AlertSeverity.Warning, sink.Changes[0].Severity);
        Assert.Contains("CPU 85% on s1", sink.Changes[0].Message);

        // Hovering around the threshold (above 80 - 10): no resolve, no second opening.
        for (var i = 0; i < 10; i++) await Feed(i % 2 == 0 ? 78 : 82, 10);
        Assert.Single(sink.Changes);

        await Feed(60, 20);                 // clear, but not for 30 s yet
        await Feed(75, 10);                 // back into the band: the clearing restarts
        Assert.Single(sink.Changes);
        await Feed(60, 40);
        Assert.Equal(2, sink.Changes.Count);
        Assert.False(sink.Changes[1].Opens);
        await Feed(60, 60);
        Assert.Equal(2, sink.Changes.Count);
    }

    [Fact]
    public async Task An_unreachable_server_opens_by_time_alone_and_a_sample_resolves_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var rule = AlertRule.From(new AlertRuleConfig { Name = "down", Kind = "unreachable", For = "1m" }, 0);
        var sink = new Sink();
        var evaluator = new AlertEvaluator([rule], _ => [], sink, clock);
        await evaluator.OnReachabilityAsync("s1", false, "connection refused", clock.GetUtcNow(), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        await evaluator.TickAsync(CancellationToken.None);
        Assert.Empty(sink.Changes);
        clock.Advance(TimeSpan.FromSeconds(2));
        await evaluator.TickAsync(CancellationToken.None);
        Assert.Single(sink.Changes);
        Assert.Contains("connection refused", sink.Changes[0].Message);
        await evaluator.OnReachabilityAsync("s1", true, null, clock.GetUtcNow(), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        await evaluator.TickAsync(CancellationToken.None);
        Assert.Equal(2, sink.Changes.Count);
        Assert.False(sink.Changes[1].Opens);
    }

    [Fact]
    public void Bad_rules_are_refused_with_what_to_fix()
    {
        var e = Assert.Throws<FormatException>(() => AlertRule.From(new AlertRuleConfig { Name = "x", Kind = "cpux" }, 2));
        Assert.Contains("#3 (x): kind 'cpux' is unknown", e.Message);
        Assert.Contains("needs warning and/or critical", Assert.Throws<FormatException>(() => AlertRule.From(new AlertRuleConfig { Name = "x", Kind = "disk" }, 0)).Message);
        Assert.Contains("is not a duration", Assert.Throws<FormatException>(() => AlertRule.From(new AlertRuleConfig { Name = "x", Kind = "load", Warning = 4, For = "soon" }, 0)).Message);
    }
}
