using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>What a value looks like after a round trip through any store: UTC, whole microseconds.</summary>
internal static class StoredForm
{
    public static DateTimeOffset Time(DateTimeOffset value) =>
        new(value.UtcTicks / 10 * 10, TimeSpan.Zero);

    public static ActionRecord Of(ActionRecord record, long id) => record with
    {
        Id = id,
        Start = Time(record.Start),
        End = record.End is { } end ? Time(end) : null,
    };

    public static void AssertSameAction(ActionRecord expected, ActionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(TimeSpan.Zero, actual.Start.Offset);
        Assert.Equal(expected.End, actual.End);
        if (actual.End is { } end) Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(expected.User, actual.User);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Server, actual.Server);
        Assert.Equal(expected.Stack, actual.Stack);
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Success, actual.Success);
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Result.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Result.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
