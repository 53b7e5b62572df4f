using System.Net;
using System.Text.Json;
using Monitor.Control.Webhooks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>Signed pushes through the real endpoint deploy through the real pipeline: a local git repo, two real
/// monitor-agents over WebSocket, the real engine and registry.</summary>
public sealed class WebhookDeployEndToEndTests
{
    private const string Secret = "e2e-webhook-secret";

    private static Dictionary<string, string> Site(string content) => new()
    {
        ["Dockerfile"] = $"FROM {TestImages.Busybox}\nCOPY www /www\nCMD [\"httpd\",\"-f\",\"-p\",\"8080\",\"-h\",\"/www\"]\n",
        ["www/index.html"] = content,
    };

    [Fact]
    public async Task Signed_GitHub_pushes_deploy_the_named_commit_while_replays_bad_signatures_and_other_branches_deploy_nothing()
    {
        await using var world = await StackWorld.StartAsync("hook");
        using var repo = new GitRepoFixture();
        using var dir = new TempDirectory();
        var commit0 = repo.Commit("v0", Site("hello from v0")); // never pushed through the webhook
        var commit1 = repo.Commit("v1", Site("hello from v1"));
        var port = FreePort.Next();
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix,
            Repo = new StackRepoConfig { Url = repo.Path, Branch = "main" },
            Build = new StackBuildConfig { Server = "a" },
            Deploy = new StackDeployConfig { Targets = ["a"], ContainerName = world.Prefix, Ports = [$"127.0.0.1:{port}:8080"], StartTimeoutSeconds = 30 },
        });
        await File.WriteAllTextAsync(dir.File("hook.secret"), Secret);
        var log = new StringWriter();
        var hooks = new WebhookService(world.Stacks, world.StacksAs, world.Store,
            new WebhookSecrets(new WebhookConfig { SecretFile = "hook.secret" }, dir.Path), TextWriter.Synchronized(log));
        await using var server = await WebhookServer.StartAsync(hooks.Handler, new IPEndPoint(IPAddress.Loopback, FreePort.Next()), 1024 * 1024);
        using var http = new HttpClient();
        var url = new Uri(server.Url, "hooks/" + world.Prefix).ToString();
        var site = $"http://127.0.0.1:{port}/";

        async Task<(HttpStatusCode, JsonElement)> PostAsync(HttpRequestMessage request)
        {
            using var response = await http.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            await hooks.WhenIdleAsync(); // a deploy it started has finished (or none was started)
            return (response.StatusCode, body);
        }
        async Task<IReadOnlyList<ActionRecord>> DeploysAsync() =>
            await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix, Type = StackActionTypes.Deploy, Descending = false });

        // 1. A push naming commit 1 (the branch head) → 202 deploy; v1 serves.
        var (status, body) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("main", commit1), "delivery-1"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((world.Prefix, commit1, "deploy", false),
            (body.GetProperty("stack").GetString(), body.GetProperty("commit").GetString(), body.GetProperty("action").GetString(), body.GetProperty("queued").GetBoolean()));
        Assert.Contains("hello from v1", await HttpProbe.WaitForAsync(site, "hello from v1"));

        // 2. A push naming commit 2 → v2 serves.
        var commit2 = repo.Commit("v2", Site("hello from v2"));
        (status, _) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("main", commit2), "delivery-2"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("hello from v2", await HttpProbe.WaitForAsync(site, "hello from v2"));
        var deploys = await DeploysAsync();
        Assert.Equal([commit1, commit2], deploys.Select(d => d.Result["commit"]));
        Assert.All(deploys, d => Assert.Equal((true, "webhook:github"), (d.Success, d.User)));
        Assert.All(deploys, d => Assert.DoesNotContain(Secret, d.Output));

        // 3. A replay of delivery 2, a push naming commit 1 with a bad signature, and a push naming commit 1 to
        //    another branch: none deploys anything, and v2 keeps serving.
        (status, body) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("main", commit2), "delivery-2"));
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (status, body.GetProperty("action").GetString()));
        (status, body) = await PostAsync(SignedPush.GitHub(url, "a-guessed-secret", SignedPush.Body("main", commit1), "delivery-3"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unauthorized", body.GetProperty("error").GetString());
        (status, body) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("feature", commit1), "delivery-4"));
        Assert.Equal((HttpStatusCode.Accepted, "ignored"), (status, body.GetProperty("action").GetString()));

        // 4. A captured push of commit 1 sent again with a fresh delivery id (hardening fault 2): ignored with the
        //    reason at once, because commit 1 was built before the newest version; recorded in the history.
        (status, body) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("main", commit1), "delivery-5"));
        Assert.Equal((HttpStatusCode.Accepted, "ignored"), (status, body.GetProperty("action").GetString()));
        Assert.Contains("older than what is deployed", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // 5. A push of commit 0, never built, that is no longer the branch head: accepted, but the fetch before the
        //    deploy finds the head at commit 2, so nothing is deployed; recorded in the history.
        (status, body) = await PostAsync(SignedPush.GitHub(url, Secret, SignedPush.Body("main", commit0), "delivery-6"));
        Assert.Equal((HttpStatusCode.Accepted, "deploy"), (status, body.GetProperty("action").GetString()));
        var ignored = await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix, Type = WebhookActionTypes.Ignored, Descending = false });
        Assert.Equal([commit1, commit0], ignored.Select(a => a.Parameters["commit"]));
        Assert.All(ignored, a => Assert.Equal((true, "webhook:github"), (a.Success, a.User)));
        Assert.Contains("no longer the head of main", ignored[1].Output, StringComparison.Ordinal);

        Assert.Equal(2, (await DeploysAsync()).Count);
        Assert.Equal("hello from v2", (await http.GetStringAsync(site)).Trim());

        // The serve log: one line per delivery, and each deploy's start and outcome.
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Count(l => l.Contains(" status=", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("delivery=delivery-6 deploy ignored: commit", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"webhook github stack={world.Prefix} branch=main commit={commit1[..12]} delivery=delivery-1 status=202 outcome=deploy started", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"delivery=delivery-2 deploy ok ", StringComparison.Ordinal) && l.Contains("version 0.0.2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("delivery=delivery-2 status=200 outcome=duplicate", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("delivery=delivery-3 status=401 outcome=unauthorized (signature or token does not match)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("branch=feature", StringComparison.Ordinal) && l.Contains("outcome=ignored", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, log.ToString());
        await hooks.StopAsync(TimeSpan.Zero);
    }
}
