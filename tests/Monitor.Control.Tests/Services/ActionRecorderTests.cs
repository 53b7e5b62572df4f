using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Services;

public sealed class ActionRecorderTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SqliteStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStateStore(_dir.File("monitor.db"));
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Records_start_then_completion_with_user_and_masked_secret_parameters()
    {
        var recorder = new ActionRecorder(_store, "alice");
        ActionRecord? during = null;
        var parameters = new Dictionary<string, string>
        {
            ["image"] = "nginx", ["DB_PASSWORD"] = "hunter2", ["api_token"] = "t0k", ["ssh_key"] = "k", ["aws_credentials"] = "c",
        };
        var result = await recorder.RunAsync("container.start", "web-01", "nginx-1", parameters, async (scope, ct) =>
        {
            during = await _store.GetActionAsync(scope.Id, ct);
            scope.AppendOutput("started\n");
            scope.SetResult("state", "running");
            return 7;
        });
        Assert.Equal(7, result);
        Assert.NotNull(during);
        Assert.Null(during!.Success);
        Assert.Null(during.End);

        var record = Assert.Single(await _store.QueryActionsAsync(new ActionQuery()));
        Assert.Equal("alice", record.User);
        Assert.Equal("container.start", record.Type);
        Assert.Equal("web-01", record.Server);
        Assert.Equal("nginx-1", record.Target);
        Assert.True(record.Success);
        Assert.NotNull(record.End);
        Assert.Equal("started\n", record.Output);
        Assert.Equal("running", record.Result["state"]);
        Assert.Equal("nginx", record.Parameters["image"]);
        foreach (var secret in new[] { "DB_PASSWORD", "api_token", "ssh_key", "aws_credentials" })
            Assert.Equal("***", record.Parameters[secret]);
        Assert.DoesNotContain("hunter2", System.Text.Json.JsonSerializer.Serialize(record));
    }

    [Fact]
    public async Task Agent_failure_is_recorded_and_raised_as_an_operator_message()
    {
        var recorder = new ActionRecorder(_store, "bob");
        var ex = await Assert.ThrowsAsync<OperationFailedException>(() =>
            recorder.RunAsync<int>("container.stop", "web-01", "db", null, (_, _) =>
                throw new AgentException("web-01", ErrorCodes.NotFound, "no such container: db")));
        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.Contains("container.stop db on web-01 failed: no such container: db", ex.Message);
        Assert.Contains("monitor container list --server web-01", ex.Message);

        var record = Assert.Single(await _store.QueryActionsAsync(new ActionQuery()));
        Assert.False(record.Success);
        Assert.Equal(ex.Message, record.Error);
        Assert.Equal("bob", record.User);
    }

    [Fact]
    public async Task Output_is_capped_at_64_KiB_with_a_truncation_note()
    {
        var recorder = new ActionRecorder(_store, "carol");
        await recorder.RunAsync("command.run", "web-01", "yes", null, (scope, _) =>
        {
            for (var i = 0; i < 300; i++) scope.AppendOutput(new string('x', 1000));
            return Task.FromResult(0);
        });
        var record = Assert.Single(await _store.QueryActionsAsync(new ActionQuery()));
        Assert.StartsWith(new string('x', 1000), record.Output);
        Assert.EndsWith($"\n[truncated {300_000 - ActionRecorder.MaxOutputBytes} bytes]", record.Output);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(record.Output) < ActionRecorder.MaxOutputBytes + 100);
    }

    [Fact]
    public void Capping_never_splits_a_multibyte_character()
    {
        var text = new string('é', ActionRecorder.MaxOutputBytes); // 2 bytes each
        var capped = ActionRecorder.CapOutput(text);
        var kept = capped[..capped.IndexOf('\n')];
        Assert.All(kept, c => Assert.Equal('é', c));
        Assert.Equal(ActionRecorder.MaxOutputBytes / 2, kept.Length);
        Assert.EndsWith($"[truncated {ActionRecorder.MaxOutputBytes} bytes]", capped);
        Assert.Equal("short", ActionRecorder.CapOutput("short"));
    }

    [Fact]
    public async Task Cancellation_is_recorded_as_a_failure()
    {
        var recorder = new ActionRecorder(_store, "dave");
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            recorder.RunAsync<int>("command.run", "web-01", "sleep", null, (_, _) =>
            {
                cts.Cancel();
                cts.Token.ThrowIfCancellationRequested();
                return Task.FromResult(0);
            }, ct: cts.Token));
        var record = Assert.Single(await _store.QueryActionsAsync(new ActionQuery()));
        Assert.False(record.Success);
        Assert.Equal("cancelled by the operator", record.Error);
    }
}
