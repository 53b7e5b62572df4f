using System.Threading.Channels;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Store.Tests;

/// <summary>Live updates between consoles: two store instances on one location (as two consoles on one PostgreSQL
/// schema or one SQLite file); what one writes, the other's <see cref="IStoreChanges"/> reports.</summary>
public abstract class StoreChangesContract : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _seen = Channel.CreateUnbounded<string>();
    private IStateStore _writer = null!;
    private IStateStore _reader = null!;
    private Task _watching = Task.CompletedTask;

    protected abstract Task<(IStateStore Writer, IStateStore Reader)> OpenTwoAsync();
    protected abstract Task CleanUpAsync();
    /// <summary>What the reader reports for a write to <paramref name="table"/>.</summary>
    protected abstract string Expected(string table);

    public async Task InitializeAsync()
    {
        (_writer, _reader) = await OpenTwoAsync();
        await _writer.MigrateAsync();
        await _reader.MigrateAsync();
        _watching = Task.Run(async () =>
        {
            await foreach (var change in ((IStoreChanges)_reader).WatchChangesAsync(_stop.Token)) _seen.Writer.TryWrite(change);
        });
        // The watcher is ready once it reports a write: until then, write again (the first may precede LISTEN).
        var deadline = DateTime.UtcNow + Deadline;
        while (!await SeenWithinAsync(TimeSpan.FromMilliseconds(500)))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the watching store never reported the writer's changes");
            await _writer.UpsertServerAsync(new ServerInfo { Name = "warm-up", Url = "ws://127.0.0.1:1" });
        }
        while (_seen.Reader.TryRead(out _)) { }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
        await CleanUpAsync();
    }

    [Fact]
    public async Task A_server_added_by_one_console_is_reported_to_the_other()
    {
        await _writer.UpsertServerAsync(new ServerInfo { Name = "web-01", Url = "ws://10.0.0.1:8120" });
        Assert.Equal(Expected("servers"), await NextAsync());
        Assert.Contains(await _reader.ListServersAsync(), s => s.Name == "web-01");
    }

    [Fact]
    public async Task An_action_started_and_completed_by_one_console_is_reported_to_the_other()
    {
        var record = SampleActions.Build()[0] with { End = null, Success = null };
        var id = await _writer.AddActionAsync(record);
        Assert.Equal(Expected("actions"), await NextAsync());
        await _writer.CompleteActionAsync(record with { Id = id, End = record.Start.AddSeconds(1), Success = true });
        Assert.Equal(Expected("actions"), await NextAsync());
        Assert.True((await _reader.GetActionAsync(id))!.Success);
    }

    [Fact]
    public async Task Reading_reports_nothing()
    {
        await _writer.ListServersAsync();
        await _writer.QueryActionsAsync(new ActionQuery { Limit = 10 });
        // Then a write: the first thing reported must be that write, not the reads before it.
        await _writer.UpsertServerAsync(new ServerInfo { Name = "after-reads", Url = "ws://10.0.0.2:8120" });
        Assert.Equal(Expected("servers"), await NextAsync());
        Assert.False(_seen.Reader.TryRead(out var extra), $"one write, one report; also saw '{extra}'");
    }

    private async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await _seen.Reader.ReadAsync(timeout.Token);
    }

    private async Task<bool> SeenWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try { return await _seen.Reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) { return false; }
    }
}

public sealed class SqliteStoreChangesTests : StoreChangesContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<(IStateStore Writer, IStateStore Reader)> OpenTwoAsync()
    {
        var path = _directory.File("monitor.db");
        return Task.FromResult<(IStateStore, IStateStore)>((new SqliteStateStore(path), new SqliteStateStore(path)));
    }

    protected override Task CleanUpAsync() { _directory.Dispose(); return Task.CompletedTask; }

    protected override string Expected(string table) => "*"; // data_version says that, not where
}

public sealed class PostgresStoreChangesTests : StoreChangesContract
{
    private readonly string _schema = PostgresTestDatabase.NewSchemaName();

    protected override async Task<(IStateStore Writer, IStateStore Reader)> OpenTwoAsync()
    {
        await PostgresTestDatabase.RequireReachableAsync();
        return (new PostgresStateStore(PostgresTestDatabase.ConnectionString, _schema), new PostgresStateStore(PostgresTestDatabase.ConnectionString, _schema));
    }

    protected override Task CleanUpAsync() => PostgresTestDatabase.DropSchemaAsync(_schema);

    protected override string Expected(string table) => table;
}
