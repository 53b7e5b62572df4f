using System.Text;
using Monitor.Control.Webhooks;

namespace Monitor.Stacks.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // GitHub's documented test vector (SECURITY-NOTES.md).
    private const string VectorSecret = "It's a Secret to Everybody";
    private static readonly byte[] VectorBody = Encoding.UTF8.GetBytes("Hello, World!");
    private const string VectorHex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static WebhookHeaders Headers(params (string Name, string Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    [Fact]
    public void GitHub_test_vector_computes_and_verifies()
    {
        Assert.Equal(VectorHex, HmacSignature.ComputeHex(VectorSecret, VectorBody));
        var headers = Headers(("X-GitHub-Event", "push"), ("x-hub-signature-256", "sha256=" + VectorHex));
        Assert.True(new GitHubProvider().Verify(VectorSecret, headers, VectorBody));
    }

    [Fact]
    public void GitHub_signature_fails_with_a_wrong_secret_a_changed_body_or_a_malformed_header()
    {
        var github = new GitHubProvider();
        var good = Headers(("X-Hub-Signature-256", "sha256=" + VectorHex));
        Assert.False(github.Verify("It's a Secret to Everybody!", good, VectorBody));
        Assert.False(github.Verify(VectorSecret, good, Encoding.UTF8.GetBytes("Hello, World?")));
        Assert.False(github.Verify(VectorSecret, Headers(), VectorBody));
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature-256", "")), VectorBody));
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature-256", VectorHex)), VectorBody));             // no sha256= prefix
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature-256", "sha1=" + VectorHex[..40])), VectorBody));
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature-256", "sha256=" + VectorHex[..62])), VectorBody));
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature-256", "sha256=" + VectorHex[..62] + "zz")), VectorBody));
        Assert.False(github.Verify(VectorSecret, Headers(("X-Hub-Signature", "sha256=" + VectorHex)), VectorBody));   // wrong header
    }

    [Fact]
    public void GitLab_token_must_equal_the_secret()
    {
        var gitlab = new GitLabProvider();
        Assert.True(gitlab.Verify("tok-123", Headers(("X-Gitlab-Token", "tok-123")), VectorBody));
        Assert.False(gitlab.Verify("tok-123", Headers(("X-Gitlab-Token", "tok-124")), VectorBody));
        Assert.False(gitlab.Verify("tok-123", Headers(("X-Gitlab-Token", "tok-1234")), VectorBody));
        Assert.False(gitlab.Verify("tok-123", Headers(("X-Gitlab-Token", "TOK-123")), VectorBody));
        Assert.False(gitlab.Verify("tok-123", Headers(), VectorBody));
    }

    [Fact]
    public void Gitea_and_Forgejo_signatures_are_bare_hex_hmacs_of_the_body()
    {
        Assert.True(GiteaProvider.Gitea.Verify(VectorSecret, Headers(("X-Gitea-Signature", VectorHex)), VectorBody));
        Assert.True(GiteaProvider.Forgejo.Verify(VectorSecret, Headers(("X-Forgejo-Signature", VectorHex.ToUpperInvariant())), VectorBody));
        Assert.False(GiteaProvider.Gitea.Verify(VectorSecret, Headers(("X-Gitea-Signature", "sha256=" + VectorHex)), VectorBody));
        Assert.False(GiteaProvider.Gitea.Verify("other", Headers(("X-Gitea-Signature", VectorHex)), VectorBody));
        Assert.False(GiteaProvider.Gitea.Verify(VectorSecret, Headers(), VectorBody));
        Assert.False(GiteaProvider.Forgejo.Verify(VectorSecret, Headers(("X-Gitea-Signature", VectorHex)), VectorBody)); // Forgejo is checked on its own header
    }

    [Fact]
    public void The_sender_is_recognised_even_though_Gitea_and_Forgejo_also_send_other_hosts_headers()
    {
        Assert.Equal("github", WebhookProviders.Detect(Headers(("X-GitHub-Event", "push")))!.Name);
        Assert.Equal("gitlab", WebhookProviders.Detect(Headers(("X-Gitlab-Event", "Push Hook")))!.Name);
        Assert.Equal("gitea", WebhookProviders.Detect(Headers(("X-GitHub-Event", "push"), ("X-Gitea-Event", "push"), ("X-Gogs-Event", "push")))!.Name);
        Assert.Equal("forgejo", WebhookProviders.Detect(Headers(("X-Gitea-Event", "push"), ("X-Forgejo-Event", "push"), ("X-GitHub-Event", "push")))!.Name);
        Assert.Null(WebhookProviders.Detect(Headers(("Content-Type", "application/json"))));
    }

    [Fact]
    public void Delivery_ids_and_events_come_from_each_hosts_headers()
    {
        var headers = Headers(("X-GitHub-Delivery", "gh-1"), ("X-GitHub-Event", "ping"), ("X-Gitlab-Event-UUID", "gl-1"), ("X-Gitlab-Event", "Push Hook"),
            ("X-Gitea-Delivery", "gt-1"), ("X-Gitea-Event", "push"), ("X-Forgejo-Delivery", "fj-1"), ("X-Forgejo-Event", "push"));
        Assert.Equal(("gh-1", "ping"), (new GitHubProvider().DeliveryId(headers), new GitHubProvider().EventName(headers)));
        Assert.True(new GitHubProvider().IsPing("ping"));
        Assert.Equal("gl-1", new GitLabProvider().DeliveryId(headers));
        Assert.True(new GitLabProvider().IsPush(new GitLabProvider().EventName(headers)));
        Assert.Equal("gt-1", GiteaProvider.Gitea.DeliveryId(headers));
        Assert.Equal("fj-1", GiteaProvider.Forgejo.DeliveryId(headers));
    }
}
