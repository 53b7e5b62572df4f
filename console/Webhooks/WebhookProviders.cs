namespace Monitor.Control.Webhooks;

/// <summary>Tells which host sent a delivery. Order matters: Forgejo also sends X-Gitea-* headers, and Gitea also
/// sends X-GitHub-Event for compatibility, so the more specific hosts are tried first.</summary>
public static class WebhookProviders
{
    public static IReadOnlyList<WebhookProvider> All { get; } =
        [GiteaProvider.Forgejo, GiteaProvider.Gitea, new GitLabProvider(), new GitHubProvider()];

    public static WebhookProvider? Detect(WebhookHeaders headers) => All.FirstOrDefault(p => p.Matches(headers));
}
