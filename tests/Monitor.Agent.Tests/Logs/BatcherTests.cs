using System.Threading.Channels;
using Monitor.Agent.Logs;

namespace Monitor.Agent.Tests.Logs;

public sealed class BatcherTests
{
    [Fact]
    public async Task Items_already_waiting_go_out_together_in_batches_of_at_most_max()
    {
        var channel = Channel.CreateUnbounded<int>();
        for (var i = 0; i < 2500; i++) channel.Writer.TryWrite(i);
        channel.Writer.Complete();
        var batches = new List<IReadOnlyList<int>>();
        await Batcher.RunAsync(channel.Reader, 1000, TimeSpan.Zero, b => { batches.Add(b); return ValueTask.CompletedTask; }, CancellationToken.None);
        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 2500), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task A_lone_item_is_flushed_while_the_input_stays_open()
    {
        var channel = Channel.CreateUnbounded<int>();
        var flushed = Channel.CreateUnbounded<IReadOnlyList<int>>();
        using var stop = new CancellationTokenSource();
        var run = Batcher.RunAsync(channel.Reader, 1000, TimeSpan.Zero, b => flushed.Writer.WriteAsync(b), stop.Token);
        channel.Writer.TryWrite(7);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal([7], await flushed.Reader.ReadAsync(deadline.Token));
        channel.Writer.TryWrite(8);
        Assert.Equal([8], await flushed.Reader.ReadAsync(deadline.Token));
        channel.Writer.Complete();
        await run;
    }
}
