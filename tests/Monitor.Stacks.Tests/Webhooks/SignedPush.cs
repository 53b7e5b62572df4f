using System.Text;
using Monitor.Control.Webhooks;

namespace Monitor.Stacks.Tests.Webhooks;

/// <summary>Builds webhook requests the way each git host sends them (headers, raw JSON body, signature).</summary>
public static class SignedPush
{
    public static string Body(string branch, string commit) =>
        $$$"""{"ref":"refs/heads/{{{branch}}}","before":"{{{new string('0', 40)}}}","after":"{{{commit}}}","repository":{"full_name":"ops/web"},"pusher":{"name":"dev"}}""";

    public static HttpRequestMessage GitHub(string url, string secret, string body, string delivery, string @event = "push", string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", signature ?? "sha256=" + HmacSignature.ComputeHex(secret, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add("User-Agent", "GitHub-Hookshot/test");
        return request;
    }

    public static HttpRequestMessage GitLab(string url, string token, string body, string delivery)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Event-UUID", delivery);
        request.Headers.Add("X-Gitlab-Token", token);
        return request;
    }

    /// <summary>Gitea (prefix "Gitea") or Forgejo (prefix "Forgejo"; Forgejo also sends the X-Gitea-* headers).</summary>
    public static HttpRequestMessage Gitea(string url, string secret, string body, string delivery, string prefix = "Gitea")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var signature = HmacSignature.ComputeHex(secret, Encoding.UTF8.GetBytes(body));
        foreach (var p in prefix == "Forgejo" ? new[] { "Forgejo", "Gitea" } : ["Gitea"])
        {
            request.Headers.Add($"X-{p}-Event", "push");
            request.Headers.Add($"X-{p}-Delivery", delivery);
            request.Headers.Add($"X-{p}-Signature", signature);
        }
        request.Headers.Add("X-GitHub-Event", "push"); // Gitea's GitHub-compatibility header
        return request;
    }
}
