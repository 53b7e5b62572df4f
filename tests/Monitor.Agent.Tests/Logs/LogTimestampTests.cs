using Monitor.Agent.Logs;

namespace Monitor.Agent.Tests.Logs;

public sealed class LogTimestampTests
{
    [Fact]
    public void Rfc3339_keeps_all_nine_fraction_digits()
    {
        Assert.True(LogTimestamp.TryParse("2026-11-23T09:00:10.467364520Z", out var t));
        Assert.Equal(new LogTimestamp(DateTimeOffset.Parse("2026-11-23T09:00:10Z").ToUnixTimeSeconds(), 467364520), t);
    }

    [Fact]
    public void Timestamps_one_nanosecond_apart_compare_in_order()
    {
        LogTimestamp.TryParse("2026-11-23T09:00:10.000000001Z", out var a);
        LogTimestamp.TryParse("2026-11-23T09:00:10.000000002Z", out var b);
        Assert.True(a < b);
        Assert.True(a <= a);
        Assert.False(b <= a);
    }

    [Fact]
    public void Offsets_and_unix_seconds_name_the_same_instant()
    {
        Assert.True(LogTimestamp.TryParse("2026-11-23T10:00:10.5+01:00", out var withOffset));
        Assert.True(LogTimestamp.TryParse($"{DateTimeOffset.Parse("2026-11-23T09:00:10Z").ToUnixTimeSeconds()}.500000000", out var unix));
        Assert.Equal(unix, withOffset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-23T09:00:10.1234567890Z")]
    [InlineData("12.x")]
    [InlineData("")]
    public void Garbage_is_not_a_timestamp(string text) => Assert.False(LogTimestamp.TryParse(text, out _));
}
