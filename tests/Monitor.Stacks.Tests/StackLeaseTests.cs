using System.Collections.Concurrent;
using System.Text.Json;
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

    private static DateTimeOffset Expires(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("expires").GetDateTimeOffset();
}
