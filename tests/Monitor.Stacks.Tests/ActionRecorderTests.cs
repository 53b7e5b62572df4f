using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;

namespace Monitor.Stacks.Tests;

/// <summary>The one recorder over a real SQLite store: secret values masked wherever they appear, and actions left
/// running by a dead process closed as interrupted.</summary>
public sealed class ActionRecorderTests : SqliteStoreTest
{
    [Fact]
    public async Task Secret_values_are_masked_in_parameters_output_results_and_errors()
    {
        var recorder = new ActionRecorder(Store, "alice");
        recorder.AddSecret("registry-pass-9");
        var action = await recorder.StartAsync("stack.deploy", "a", "web", "web",
            new Dictionary<string, string> { ["url"] = "https://u:hunter22@git/x", ["DB_PASSWORD"] = "anything" }, secrets: ["hunter22"]);
        action.AppendOutput("login with registry-pass-9 and hunter22\n");
        action.SetResult("note", "token hunter22");
        await action.FailAsync("push failed: hunter22 refused");

        var stored = (await Store.GetActionAsync(action.Id))!;
        var everything = string.Join("|", stored.Parameters.Values.Concat(stored.Result.Values).Append(stored.Output).Append(stored.Error));
        Assert.DoesNotContain("hunter22", everything);
        Assert.DoesNotContain("registry-pass-9", everything);
        Assert.Equal("https://u:***@git/x", stored.Parameters["url"]);
        Assert.Equal("***", stored.Parameters["DB_PASSWORD"]);
        Assert.Equal("login with *** and ***\n", stored.Output);
        Assert.Equal("push failed: *** refused", stored.Error);
    }

    [Fact]
    public async Task Actions_left_running_by_a_dead_process_are_closed_as_interrupted_when_the_next_one_records()
    {
        var dead = await StackLeaseTests.DeadProcessAsync();
        var old = new ActionRecorder(Store, "alice", process: dead);
        var left = await old.StartAsync("stack.deploy", "a", "web", "web");
        var elsewhere = new ActionRecorder(Store, "bob", process: dead with { Host = "another-host" });
        var remote = await elsewhere.StartAsync("stack.deploy", "b", "api", "api");

        var next = new ActionRecorder(Store, "carol");
        var first = await next.StartAsync("container.restart", "a", null, "c");
        await first.SucceedAsync();

        var closed = (await Store.GetActionAsync(left.Id))!;
        Assert.False(closed.Success);
        Assert.Equal(ActionOutcomes.Interrupted, closed.Result[ActionOutcomes.Key]);
        Assert.Contains($"({dead})", closed.Error);
        Assert.NotNull(closed.End);
        Assert.Null((await Store.GetActionAsync(remote.Id))!.Success); // another host's process is not judged here
        Assert.True((await Store.GetActionAsync(first.Id))!.Success);
    }
}
