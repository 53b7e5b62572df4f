using System.Net;
using System.Text;
using System.Text.Json;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Control.Webhooks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>The real HTTP endpoint (Kestrel on a free port) over a real SQLite store, for every answer that deploys
/// nothing; deploys themselves are in <see cref="WebhookDeployEndToEndTests"/>.</summary>
public sealed class WebhookServerTests : IAsyncLifetime
{
    private const string Secret = "global-secret";
    private const string OwnSecret = "api-secret";
    private const string Sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private WebhookEndpoint _endpoint = null!;

    private string Url(string stack) => _endpoint.Url(stack);

    public async Task InitializeAsync() => _endpoint = await WebhookEndpoint.StartAsync(Secret + "\n",
        [WebhookEndpoint.Stack("web"), WebhookEndpoint.Stack("api", new StackWebhookConfig { SecretFile = "api.secret", Branch = "release" }),
         WebhookEndpoint.Stack("off", new StackWebhookConfig { Enabled = false })],
        new Dictionary<string, string> { ["api.secret"] = OwnSecret });

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string Raw)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _endpoint.Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }

    [Fact]
    public async Task Healthz_answers_ok_and_other_paths_are_404()
    {
        Assert.Equal("ok\n", await _endpoint.Http.GetStringAsync(new Uri(_endpoint.BaseUrl, "healthz")));
        Assert.Equal(HttpStatusCode.NotFound, (await _endpoint.Http.GetAsync(new Uri(_endpoint.BaseUrl, "hooks/web/extra"))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _endpoint.Http.GetAsync(new Uri(_endpoint.BaseUrl, "hooks/web"))).StatusCode);
    }

    [Fact]
    public async Task A_ping_answers_pong_and_a_push_to_another_branch_is_ignored()
    {
        var ping = await SendAsync(SignedPush.GitHub(Url("web"), Secret, """{"zen":"Keep it logically awesome.","hook_id":1}""", "p-1", "ping"));
        Assert.Equal((HttpStatusCode.OK, "pong"), (ping.Status, ping.Body.GetProperty("action").GetString()));

        var other = await SendAsync(SignedPush.GitHub(Url("web"), Secret, SignedPush.Body("feature/x", Sha), "b-1"));
        Assert.Equal(HttpStatusCode.Accepted, other.Status);
        Assert.Equal("ignored", other.Body.GetProperty("action").GetString());
        Assert.Contains("the stack deploys main", other.Body.GetProperty("reason").GetString());

        var deleted = await SendAsync(SignedPush.GitHub(Url("web"), Secret, SignedPush.Body("main", new string('0', 40)), "b-2"));
        Assert.Contains("was deleted", deleted.Body.GetProperty("reason").GetString());
        var tag = await SendAsync(SignedPush.GitHub(Url("web"), Secret, $$"""{"ref":"refs/tags/v1","after":"{{Sha}}"}""", "b-3"));
        Assert.Contains("is not a branch", tag.Body.GetProperty("reason").GetString());
        var issue = await SendAsync(SignedPush.GitHub(Url("web"), Secret, "{}", "b-4", "issues"));
        Assert.Contains("is not a push", issue.Body.GetProperty("reason").GetString());
        Assert.Empty(await _endpoint.Store.QueryActionsAsync(new ActionQuery()));
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_and_says_nothing_more()
    {
        var body = SignedPush.Body("feature/x", Sha);
        var wrong = await SendAsync(SignedPush.GitHub(Url("web"), "not-the-secret", body, "s-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("""{"error":"unauthorized"}""", wrong.Raw.Trim());
        var missing = SignedPush.GitHub(Url("web"), Secret, body, "s-2");
        missing.Headers.Remove("X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(missing)).Status);
        // The stack with its own secret refuses the global one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(SignedPush.GitHub(Url("api"), Secret, body, "s-3"))).Status);
        // A refused delivery is not remembered: signed correctly, the same id is handled.
        Assert.Equal("ignored", (await SendAsync(SignedPush.GitHub(Url("web"), Secret, body, "s-1"))).Body.GetProperty("action").GetString());

        var log = _endpoint.Log;
        Assert.Contains("stack=web branch=- commit=- delivery=s-1 status=401 outcome=unauthorized (signature or token does not match)", log);
        Assert.DoesNotContain(Secret, log);
    }

    [Fact]
    public async Task A_replayed_delivery_is_answered_duplicate()
    {
        var first = await SendAsync(SignedPush.GitHub(Url("web"), Secret, SignedPush.Body("dev", Sha), "r-1"));
        Assert.Equal("ignored", first.Body.GetProperty("action").GetString());
        var replay = await SendAsync(SignedPush.GitHub(Url("web"), Secret, SignedPush.Body("dev", Sha), "r-1"));
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (replay.Status, replay.Body.GetProperty("action").GetString()));
        Assert.Contains("status=200 outcome=duplicate", _endpoint.Log);
    }

    [Fact]
    public async Task Unknown_and_disabled_stacks_are_404_and_bad_names_never_reach_the_store()
    {
        var body = SignedPush.Body("main", Sha);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(SignedPush.GitHub(Url("nope"), Secret, body, "n-1"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(SignedPush.GitHub(Url("off"), Secret, body, "n-2"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(SignedPush.GitHub(Url("..%2Fweb"), Secret, body, "n-3"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(SignedPush.GitHub(Url("-web"), Secret, body, "n-4"))).Status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_announced_or_chunked()
    {
        var big = new string('x', 64 * 1024 + 1);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(SignedPush.GitHub(Url("web"), Secret, big, "big-1"))).Status);
        var chunked = SignedPush.GitHub(Url("web"), Secret, "{}", "big-2");
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(chunked)).Status);
    }

    [Fact]
    public async Task GitLab_Gitea_and_Forgejo_deliveries_are_verified_their_own_way()
    {
        var body = SignedPush.Body("main", Sha);
        var apiBody = SignedPush.Body("elsewhere", Sha);
        var gitlab = await SendAsync(SignedPush.GitLab(Url("api"), OwnSecret, apiBody, "gl-1"));
        Assert.Equal((HttpStatusCode.Accepted, "ignored"), (gitlab.Status, gitlab.Body.GetProperty("action").GetString()));
        Assert.Contains("the stack deploys release", gitlab.Body.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(SignedPush.GitLab(Url("api"), Secret, apiBody, "gl-2"))).Status);

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(SignedPush.Gitea(Url("api"), OwnSecret, apiBody, "gt-1"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(SignedPush.Gitea(Url("api"), OwnSecret + "x", apiBody, "gt-2"))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(SignedPush.Gitea(Url("api"), OwnSecret, apiBody, "fj-1", "Forgejo"))).Status);

        var log = _endpoint.Log;
        Assert.Contains("webhook gitlab stack=api branch=elsewhere", log);
        Assert.Contains("webhook gitea stack=api", log);
        Assert.Contains("webhook forgejo stack=api", log);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(new HttpRequestMessage(HttpMethod.Post, Url("web")) { Content = new StringContent(body) })).Status);
    }

    [Fact]
    public async Task A_signed_payload_that_is_not_a_push_or_has_no_delivery_id_is_400()
    {
        var bad = await SendAsync(SignedPush.GitHub(Url("web"), Secret, """{"ref":"refs/heads/main","after":"HEAD~1"}""", "x-1"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("not a commit id", bad.Body.GetProperty("error").GetString());
        var noId = SignedPush.GitHub(Url("web"), Secret, SignedPush.Body("main", Sha), "x-2");
        noId.Headers.Remove("X-GitHub-Delivery");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(noId)).Status);
    }
}
