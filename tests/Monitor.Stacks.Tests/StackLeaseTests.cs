using System.Collections.Concurrent;
using System.Text.Json;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Stacks.Tests.Support;

namespace Monitor.Stacks.Tests;

/// <summary>The store-held lease that keeps two processes (consoles, `monitor serve`) from running a pull/build/deploy
/// of one stack at once, over a real SQLite store.</summary>
public sealed class StackLeaseTests : SqliteStoreTest
{
    private static readonly LeaseTiming Fast = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));

    [Fact]
    public async Task A_second_holder_waits_says_who_holds_the_stack_and_gets_it_only_after_the_first_lets_go()
    {
        var first = await StackLease.AcquireAsync(Store, "web", "alice@console-a (pid 1)", new SyncProgress<StackOutput>(_ => { }), default, Fast);
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new ConcurrentQueue<string>();
        var second = Task.Run(async () =>
        {
            var lease = await StackLease.AcquireAsync(Store, "web", "webhook:github@serve (pid 2)", new SyncProgress<StackOutput>(o => waiting.TrySetResult(o.Text)), default, Fast);
            events.Enqueue("second acquired");
            return lease;
        });

        var said = await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("waiting: alice@console-a (pid 1) is running a pull, build or deploy of web", said);
        events.Enqueue("first released");
        await first.DisposeAsync();
        await using var secondLease = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["first released", "second acquired"], events);

        // Another stack is not held by either.
        await using var other = await StackLease.AcquireAsync(Store, "api", "carol", new SyncProgress<StackOutput>(_ => { }), default, Fast);
    }

    [Fact]
    public async Task The_lease_of_a_holder_that_stopped_renewing_expires_and_is_taken_over()
    {
        var stale = JsonSerializer.Serialize(new { holder = "crashed@console-x (pid 9)", token = "t", since = DateTimeOffset.UtcNow.AddHours(-1), expires = DateTimeOffset.UtcNow.AddMinutes(-58) },
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await Store.PutDocumentAsync(StackLease.Collection, "web", stale);
        var said = new ConcurrentQueue<string>();

        await using (await StackLease.AcquireAsync(Store, "web", "bob", new SyncProgress<StackOutput>(o => said.Enqueue(o.Text)), default, Fast))
        {
            Assert.Contains("took over the expired lease of crashed@console-x (pid 9) on web", said);
            Assert.Contains("\"bob\"", await Store.GetDocumentAsync(StackLease.Collection, "web"));
        }
        Assert.Null(await Store.GetDocumentAsync(StackLease.Collection, "web"));
    }

    [Fact]
    public async Task A_held_lease_is_renewed_so_it_does_not_expire_during_a_long_build()
    {
        var timing = new LeaseTiming(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20));
        await using var lease = await StackLease.AcquireAsync(Store, "web", "alice", new SyncProgress<StackOutput>(_ => { }), default, timing);
        var first = Expires(await Store.GetDocumentAsync(StackLease.Collection, "web"));
        var renewed = first;
        for (var i = 0; i < 600 && renewed == first; i++)
        {
            await Task.Delay(50);
            renewed = Expires(await Store.GetDocumentAsync(StackLease.Collection, "web"));
        }
        Assert.True(renewed > first, $"the lease expiry stayed at {first:O}");
    }

    [Fact]
    public async Task The_lease_of_a_process_that_is_gone_from_this_host_is_taken_over_at_once()
    {
        var dead = await DeadProcessAsync();
        var held = JsonSerializer.Serialize(new
        {
            holder = "killed@this-host", token = "t", since = DateTimeOffset.UtcNow, expires = DateTimeOffset.UtcNow.AddMinutes(2), process = dead,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await Store.PutDocumentAsync(StackLease.Collection, "web", held);
        var said = new ConcurrentQueue<string>();

        await using var lease = await StackLease.AcquireAsync(Store, "web", "bob", new SyncProgress<StackOutput>(o => said.Enqueue(o.Text)), default, Fast)
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains($"took over the lease of killed@this-host on web: its process ({dead}) is gone", said);
    }

    [Fact]
    public async Task The_lease_of_a_live_process_is_not_taken_over_before_it_expires()
    {
        var alive = ProcessIdentity.Current with { Pid = 1, Started = StartOf(1) };
        var held = JsonSerializer.Serialize(new
        {
            holder = "init@this-host", token = "t", since = DateTimeOffset.UtcNow, expires = DateTimeOffset.UtcNow.AddMinutes(2), process = alive,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await Store.PutDocumentAsync(StackLease.Collection, "web", held);
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var acquire = StackLease.AcquireAsync(Store, "web", "bob", new SyncProgress<StackOutput>(o => waiting.TrySetResult(o.Text)), cancel.Token, Fast);

        Assert.StartsWith("waiting: init@this-host", await waiting.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquire);
    }

    [Fact]
    public async Task A_lease_that_cannot_renew_says_so_and_cancels_what_it_guards()
    {
        var timing = new LeaseTiming(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20));
        var said = new ConcurrentQueue<string>();
        var locks = new StackLocks(Store, timing);
        await using var exclusive = await locks.AcquireAsync("web", "alice", new SyncProgress<StackOutput>(o => said.Enqueue(o.Text)), default);

        var guarded = exclusive.RunAsync(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });
        await Store.DeleteDocumentAsync(StackLease.Collection, "web"); // someone else removed it: renewal finds it gone

        var failure = await Assert.ThrowsAsync<Monitor.Control.Services.OperationFailedException>(() => guarded.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("lease_lost", failure.Code);
        Assert.Contains("lost the lease on stack web", failure.Message);
        Assert.Contains(said, s => s.StartsWith("lost the lease on stack web", StringComparison.Ordinal));
    }

    /// <summary>The identity of a process of this host that has exited.</summary>
    internal static async Task<ProcessIdentity> DeadProcessAsync()
    {
        using var process = System.Diagnostics.Process.Start("sleep", "60")!;
        var started = StartOf(process);
        process.Kill();
        await process.WaitForExitAsync();
        return ProcessIdentity.Current with { Pid = process.Id, Started = started };
    }

    private static DateTimeOffset StartOf(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        return StartOf(process);
    }

    private static DateTimeOffset StartOf(System.Diagnostics.Process process)
    {
        var t = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private static DateTimeOffset Expires(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("expires").GetDateTimeOffset();
}
