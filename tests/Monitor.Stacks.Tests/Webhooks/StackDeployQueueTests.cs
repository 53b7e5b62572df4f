using System.Collections.Concurrent;
using Monitor.Control.Webhooks;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>The queue with a deploy function the test holds open: each deploy runs until the test releases it.
/// Waits are on completion sources (a generous hang guard only), never on sleeps.</summary>
public sealed class StackDeployQueueTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private sealed class HeldDeploys
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _release = new();
        public ConcurrentQueue<string> Events { get; } = new();
        public ConcurrentQueue<(string Commit, string Why)> Dropped { get; } = new();

        private TaskCompletionSource Started(string commit) => _started.GetOrAdd(commit, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        private TaskCompletionSource Gate(string commit) => _release.GetOrAdd(commit, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task DeployAsync(DeployRequest request, CancellationToken ct)
        {
            Events.Enqueue("start " + request.Commit);
            Started(request.Commit).TrySetResult();
            try { await Gate(request.Commit).Task.WaitAsync(ct); }
            finally { Events.Enqueue("end " + request.Commit); }
            if (request.Commit.StartsWith("fail", StringComparison.Ordinal)) throw new InvalidOperationException("deploy blew up");
        }

        public Task WhenStarted(string commit) => Started(commit).Task.WaitAsync(HangGuard);
        public void Release(string commit) => Gate(commit).TrySetResult();
        public StackDeployQueue Queue() => new(DeployAsync, (r, why) => Dropped.Enqueue((r.Commit, why)));
    }

    private static DeployRequest Push(string stack, string commit) => new(stack, commit, "main", "github", "d-" + commit);

    [Fact]
    public async Task Two_pushes_to_one_stack_deploy_one_after_the_other()
    {
        var held = new HeldDeploys();
        var queue = held.Queue();
        Assert.Equal(QueuePosition.Started, queue.Enqueue(Push("web", "c1")));
        await held.WhenStarted("c1");
        Assert.Equal(QueuePosition.Queued, queue.Enqueue(Push("web", "c2")));
        Assert.Equal(["start c1"], held.Events);

        held.Release("c1");
        await held.WhenStarted("c2");
        held.Release("c2");
        await queue.WhenIdleAsync().WaitAsync(HangGuard);
        Assert.Equal(["start c1", "end c1", "start c2", "end c2"], held.Events);
        Assert.Empty(held.Dropped);
    }

    [Fact]
    public async Task A_newer_push_replaces_the_one_waiting_so_the_latest_commit_wins()
    {
        var held = new HeldDeploys();
        var queue = held.Queue();
        queue.Enqueue(Push("web", "c1"));
        await held.WhenStarted("c1");
        Assert.Equal(QueuePosition.Queued, queue.Enqueue(Push("web", "c2")));
        Assert.Equal(QueuePosition.Queued, queue.Enqueue(Push("web", "c3")));
        held.Release("c1");
        held.Release("c3");
        await queue.WhenIdleAsync().WaitAsync(HangGuard);
        Assert.Equal(["start c1", "end c1", "start c3", "end c3"], held.Events);
        var (commit, why) = Assert.Single(held.Dropped);
        Assert.Equal("c2", commit);
        Assert.Contains("superseded by commit c3", why);
    }

    [Fact]
    public async Task Different_stacks_deploy_at_the_same_time()
    {
        var held = new HeldDeploys();
        var queue = held.Queue();
        Assert.Equal(QueuePosition.Started, queue.Enqueue(Push("web", "w1")));
        Assert.Equal(QueuePosition.Started, queue.Enqueue(Push("api", "a1")));
        await held.WhenStarted("w1");
        await held.WhenStarted("a1"); // both running before either is released
        held.Release("w1");
        held.Release("a1");
        await queue.WhenIdleAsync().WaitAsync(HangGuard);
        Assert.Equal(4, held.Events.Count);
    }

    [Fact]
    public async Task A_failed_deploy_does_not_block_the_next_one_of_its_stack()
    {
        var held = new HeldDeploys();
        var queue = held.Queue();
        queue.Enqueue(Push("web", "fail-1"));
        await held.WhenStarted("fail-1");
        queue.Enqueue(Push("web", "c2"));
        held.Release("fail-1");
        held.Release("c2");
        await queue.WhenIdleAsync().WaitAsync(HangGuard);
        Assert.Equal(["start fail-1", "end fail-1", "start c2", "end c2"], held.Events);
        Assert.Equal(QueuePosition.Started, queue.Enqueue(Push("web", "c3")));
        held.Release("c3");
        await queue.WhenIdleAsync().WaitAsync(HangGuard);
    }

    [Fact]
    public async Task Stopping_drops_waiting_deploys_refuses_new_ones_and_cancels_a_running_one_after_the_grace()
    {
        var held = new HeldDeploys();
        var queue = held.Queue();
        queue.Enqueue(Push("web", "c1"));
        await held.WhenStarted("c1");
        queue.Enqueue(Push("web", "c2"));

        await queue.StopAsync(TimeSpan.Zero).WaitAsync(HangGuard); // c1 is never released: only cancellation ends it
        Assert.Equal(["start c1", "end c1"], held.Events);
        var (commit, why) = Assert.Single(held.Dropped);
        Assert.Equal(("c2", "server stopping"), (commit, why));
        Assert.Equal(QueuePosition.Refused, queue.Enqueue(Push("web", "c3")));
    }
}
