using Monitor.Agent.Hosting;

namespace Monitor.Agent.Tests.Hosting;

public sealed class IdleTrimScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private static IdleTrimSchedule Started()
    {
        var schedule = new IdleTrimSchedule(Quiet, MinInterval);
        schedule.Started(T0);
        return schedule;
    }

    [Fact]
    public void A_trim_is_due_once_start_up_has_been_quiet_and_then_nothing_is_due_until_work_ends()
    {
        var schedule = Started();
        Assert.Equal(T0 + Quiet, schedule.DueAt);
        Assert.False(schedule.TryTake(T0 + Quiet - TimeSpan.FromMilliseconds(1)));
        Assert.True(schedule.TryTake(T0 + Quiet));
        Assert.Null(schedule.DueAt);
        Assert.False(schedule.TryTake(T0 + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Nothing_is_due_while_any_work_is_open_and_the_quiet_time_counts_from_the_last_end()
    {
        var schedule = Started();
        schedule.Begin();
        schedule.Begin();
        Assert.Null(schedule.DueAt);
        schedule.End(T0 + TimeSpan.FromSeconds(20));
        Assert.Null(schedule.DueAt);
        Assert.False(schedule.TryTake(T0 + TimeSpan.FromSeconds(30)));
        schedule.End(T0 + TimeSpan.FromSeconds(31));
        Assert.Equal(T0 + TimeSpan.FromSeconds(33), schedule.DueAt);
    }

    [Fact]
    public void A_burst_of_short_connections_costs_one_trim()
    {
        var schedule = Started();
        Assert.True(schedule.TryTake(T0 + Quiet));
        var now = T0 + TimeSpan.FromSeconds(20);
        for (var i = 0; i < 30; i++)
        {
            schedule.Begin();
            now += TimeSpan.FromMilliseconds(300);
            schedule.End(now);
            Assert.False(schedule.TryTake(now + TimeSpan.FromMilliseconds(100)));
        }
        Assert.Equal(now + Quiet, schedule.DueAt);
        Assert.True(schedule.TryTake(now + Quiet));
        Assert.Null(schedule.DueAt);
    }

    [Fact]
    public void Steady_short_connections_are_trimmed_at_most_once_per_interval()
    {
        var schedule = Started();
        var trims = new List<DateTimeOffset>();
        // One connection every 3 s (longer than the quiet time) for two minutes, polled every 100 ms.
        for (var now = T0; now < T0 + TimeSpan.FromMinutes(2); now += TimeSpan.FromMilliseconds(100))
        {
            if ((now - T0).Ticks % TimeSpan.FromSeconds(3).Ticks == 0) { schedule.Begin(); schedule.End(now + TimeSpan.FromMilliseconds(50)); }
            if (schedule.TryTake(now)) trims.Add(now);
        }
        Assert.InRange(trims.Count, 2, 12);
        for (var i = 1; i < trims.Count; i++) Assert.True(trims[i] - trims[i - 1] >= MinInterval, $"trims {i - 1} and {i} at {trims[i - 1]:O} and {trims[i]:O}");
    }

    [Fact]
    public void After_a_trim_the_next_one_waits_out_the_interval_even_when_work_ended_long_enough_ago()
    {
        var schedule = Started();
        Assert.True(schedule.TryTake(T0 + Quiet));
        schedule.Begin();
        schedule.End(T0 + TimeSpan.FromSeconds(3));
        Assert.Equal(T0 + Quiet + MinInterval, schedule.DueAt);
        Assert.False(schedule.TryTake(T0 + TimeSpan.FromSeconds(6)));
        Assert.True(schedule.TryTake(T0 + Quiet + MinInterval));
    }
}
