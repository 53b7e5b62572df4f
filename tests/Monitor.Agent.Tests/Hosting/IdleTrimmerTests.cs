using Monitor.Agent.Hosting;

namespace Monitor.Agent.Tests.Hosting;

public sealed class IdleTrimmerTests
{
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task It_trims_after_start_up_and_again_after_work_ends_but_never_while_work_is_open()
    {
        var trims = 0;
        var busy = 0;
        var trimmedWhileBusy = false;
        await using var trimmer = new IdleTrimmer(new IdleTrimSchedule(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)), () =>
        {
            if (Volatile.Read(ref busy) > 0) trimmedWhileBusy = true;
            Interlocked.Increment(ref trims);
            return 0;
        });
        await WaitForAsync(() => trimmer.Trims == 1, "the start-up trim");

        Interlocked.Increment(ref busy);
        trimmer.Begin();
        trimmer.Begin();
        trimmer.End(); // one of two still open
        Interlocked.Decrement(ref busy);
        trimmer.End();
        await WaitForAsync(() => trimmer.Trims == 2, "the trim after the work ended");
        Assert.Equal(2, Volatile.Read(ref trims));
        Assert.False(trimmedWhileBusy);
    }
}
