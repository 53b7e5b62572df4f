using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Monitor.Control.Store;
using Monitor.Control.Store.Relational;
using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>Group commit of actions, on both backends: concurrent <see cref="IStateStore.AddActionAsync"/> calls are
/// queued behind the one writing and committed together; each caller still gets its own id or its own failure.
/// Tests that need a batch hold the actions table's write lock from another connection, so the first call waits
/// inside its insert while the others queue behind it.</summary>
public abstract class ActionInsertContract : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly List<RelationalStateStore> _opened = [];

    protected RelationalStateStore Store { get; private set; } = null!;

    protected abstract Task PrepareAsync();
    /// <summary>A new store on this test's location (not migrated).</summary>
    protected abstract RelationalStateStore CreateStore();
    /// <summary>Takes the actions table's write lock on a connection of its own until disposed: other connections'
    /// inserts wait for it.</summary>
    protected abstract Task<IAsyncDisposable> HoldActionWritesAsync();
    protected abstract Task CleanUpAsync();

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        Store = Open();
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        await CleanUpAsync();
    }

    [Fact]
    public async Task Concurrent_inserts_all_get_distinct_ids_increasing_in_commit_order_and_every_row_is_readable()
    {
        const int writers = 8, perWriter = 40;
        var calls = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<(long Before, long After, long Id, string Target)>();
            for (var i = 0; i < perWriter; i++)
            {
                var target = $"w{w}-{i}";
                var before = Stopwatch.GetTimestamp();
                var id = await Store.AddActionAsync(Minimal($"writer-{w}") with { Target = target });
                mine.Add((before, Stopwatch.GetTimestamp(), id, target));
            }
            return mine;
        })));

        var all = calls.SelectMany(c => c).ToList();
        Assert.Equal(writers * perWriter, all.Select(c => c.Id).Distinct().Count());
        foreach (var writer in calls) Assert.Equal(writer.Select(c => c.Id).Order(), writer.Select(c => c.Id));
        // A call that returned before another began was committed first, so it has the smaller id.
        foreach (var a in all)
            foreach (var b in all.Where(b => b.Before > a.After))
                Assert.True(a.Id < b.Id, $"action {a.Target} (id {a.Id}) finished before {b.Target} (id {b.Id}) started");
        var stored = await Store.QueryActionsAsync(new ActionQuery { Limit = writers * perWriter + 10 });
        Assert.Equal(all.ToDictionary(c => c.Id, c => c.Target), stored.ToDictionary(a => a.Id, a => a.Target!));
    }

    [Fact]
    public async Task Calls_queued_behind_a_busy_writer_commit_together_and_a_bad_row_fails_only_its_caller()
    {
        var hold = await HoldActionWritesAsync();
        var leader = await StartLeaderAsync();
        var good = new List<Task<long>>();
        for (var i = 0; i < 5; i++) good.Add(Store.AddActionAsync(Minimal($"before-{i}")));
        var bad = Store.AddActionAsync(Minimal(null!)); // user is NOT NULL in both schemas
        for (var i = 0; i < 5; i++) good.Add(Store.AddActionAsync(Minimal($"after-{i}")));
        await UntilAsync(() => Store.QueuedActionCount == 11, "all 11 calls queued behind the waiting writer");
        await hold.DisposeAsync();

        var leaderId = await leader;
        var ids = await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<DbException>(() => bad);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.True(ids[0] > leaderId);
        var stored = await Store.QueryActionsAsync(new ActionQuery { Limit = 100 });
        Assert.Equal(["leader", "before-0", "before-1", "before-2", "before-3", "before-4", "after-0", "after-1", "after-2",
            "after-3", "after-4"], stored.OrderBy(a => a.Id).Select(a => a.User));
        Assert.Equal([leaderId, .. ids], stored.OrderBy(a => a.Id).Select(a => a.Id));
    }

    [Fact]
    public async Task A_call_cancelled_while_queued_fails_at_once_writes_nothing_and_the_others_commit()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.AddActionAsync(Minimal("cancelled-before"), new CancellationToken(canceled: true)));
        var hold = await HoldActionWritesAsync();
        var leader = await StartLeaderAsync();
        using var cancel = new CancellationTokenSource();
        var first = Store.AddActionAsync(Minimal("first"));
        var doomed = Store.AddActionAsync(Minimal("doomed"), cancel.Token);
        var last = Store.AddActionAsync(Minimal("last"));
        await UntilAsync(() => Store.QueuedActionCount == 3, "3 calls queued behind the waiting writer");

        await cancel.CancelAsync();
        // Fails while the writer still waits for the lock: a queued caller is not held until the next commit.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed);
        Assert.Equal(2, Store.QueuedActionCount);
        await hold.DisposeAsync();

        var ids = new[] { await leader, await first, await last };
        var stored = await Store.QueryActionsAsync(new ActionQuery { Limit = 100 });
        Assert.Equal(["leader", "first", "last"], stored.OrderBy(a => a.Id).Select(a => a.User));
        Assert.Equal(ids, stored.OrderBy(a => a.Id).Select(a => a.Id));
    }

    [Fact]
    public async Task The_change_feed_reports_every_batch_to_another_console()
    {
        var watcher = Open();
        await watcher.MigrateAsync();
        using var stop = new CancellationTokenSource();
        var seen = Channel.CreateUnbounded<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in ((IStoreChanges)watcher).WatchChangesAsync(stop.Token)) seen.Writer.TryWrite(change);
        });
        try
        {
            // Ready once it reports a write: until then, write again (the first may precede LISTEN).
            var ready = DateTime.UtcNow + Deadline;
            while (!await SeenWithinAsync(seen.Reader, TimeSpan.FromMilliseconds(500)))
            {
                Assert.True(DateTime.UtcNow < ready, "the watching store never reported the writer's changes");
                await Store.AddActionAsync(Minimal("warm-up"));
            }
            var written = 0;
            for (var round = 0; round < 3; round++)
            {
                while (seen.Reader.TryRead(out _)) { }
                var hold = await HoldActionWritesAsync();
                var leader = await StartLeaderAsync();
                var queued = Enumerable.Range(0, 4).Select(i => Store.AddActionAsync(Minimal($"round-{round}"))).ToList();
                await UntilAsync(() => Store.QueuedActionCount == 4, "4 calls queued behind the waiting writer");
                await hold.DisposeAsync();
                await leader;
                await Task.WhenAll(queued);
                written += 5;

                using var timeout = new CancellationTokenSource(Deadline);
                Assert.NotNull(await seen.Reader.ReadAsync(timeout.Token));
                var rows = await watcher.QueryActionsAsync(new ActionQuery { Limit = 1000 });
                Assert.Equal(written, rows.Count(a => a.User != "warm-up"));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watching;
        }
    }

    private RelationalStateStore Open()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    /// <summary>A call (user "leader") that takes the writer role and then waits inside its insert for the held
    /// lock, so calls made now queue behind it.</summary>
    private async Task<Task<long>> StartLeaderAsync()
    {
        var leader = Task.Run(() => Store.AddActionAsync(Minimal("leader")));
        await UntilAsync(() => Store.IsWritingActions && Store.QueuedActionCount == 0, "the first call writing its row");
        Assert.False(leader.IsCompleted, "the first call should wait for the held lock");
        return leader;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    private static async Task<bool> SeenWithinAsync(ChannelReader<string> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try { return await reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) { return false; }
    }

    private static ActionRecord Minimal(string user) =>
        new() { Start = SampleActions.T0, User = user, Type = ActionTypes.CommandRun };
}
