using Monitor.Control.Agents;

namespace Monitor.Control.Tests.Agents;

public class ReconnectBackoffTests
{
    [Fact]
    public void Ceiling_doubles_from_initial_and_stops_at_the_cap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Ceiling(0));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Ceiling(1));
        Assert.Equal(TimeSpan.FromSeconds(16), backoff.Ceiling(5));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Ceiling(6));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Ceiling(1000));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    public void Delay_stays_between_half_the_ceiling_and_the_ceiling(double draw)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30), () => draw);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var delay = backoff.Delay(attempt);
            var ceiling = backoff.Ceiling(attempt);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Delays_are_jittered_by_the_random_draw()
    {
        var low = new ReconnectBackoff(random: () => 0.0).Delay(3);
        var high = new ReconnectBackoff(random: () => 1.0).Delay(3);
        Assert.Equal(TimeSpan.FromSeconds(2), low);
        Assert.Equal(TimeSpan.FromSeconds(4), high);
        var shared = new ReconnectBackoff();
        var draws = Enumerable.Range(0, 50).Select(_ => shared.Delay(4)).Distinct().Count();
        Assert.True(draws > 10, $"expected varied delays, got {draws} distinct values");
    }

    [Fact]
    public void A_dead_agent_gets_few_attempts_a_minute()
    {
        // Worst case (every draw at the low end): count the attempts that fit in 60 s.
        var backoff = new ReconnectBackoff(random: () => 0.0);
        var elapsed = TimeSpan.Zero;
        var attempts = 0;
        while (elapsed < TimeSpan.FromMinutes(1)) elapsed += backoff.Delay(attempts++);
        Assert.InRange(attempts, 1, 12);
    }

    [Fact]
    public void Rejects_nonsense_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));
    }
}
