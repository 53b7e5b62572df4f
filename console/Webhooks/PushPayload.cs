using System.Text;
using System.Text.Json;

namespace Monitor.Control.Webhooks;

/// <summary>Reads <c>ref</c> and <c>after</c> from a push payload; GitHub, GitLab, Gitea and Forgejo all send these.
/// Accepts JSON bodies and GitHub's form encoding (<c>payload=URL-ENCODED-JSON</c>).</summary>
public static class PushPayload
{
    public static bool TryParse(ReadOnlySpan<byte> body, string? contentType, out PushEvent? push, out string problem)
    {
        push = null;
        problem = "";
        var json = body.ToArray();
        if (contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
            if (form["payload"] is not { } payload) { problem = "form body has no `payload` field"; return false; }
            json = Encoding.UTF8.GetBytes(payload);
        }
        // JsonDocument checks UTF-8 only when a string is read (GetString then throws InvalidOperationException).
        if (!System.Text.Unicode.Utf8.IsValid(json)) { problem = "payload is not valid UTF-8"; return false; }
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { problem = "payload is not a JSON object"; return false; }
            var gitRef = StringProperty(root, "ref");
            var after = StringProperty(root, "after");
            if (gitRef is null || after is null) { problem = "push payload needs `ref` and `after`"; return false; }
            if (!IsCommitId(after)) { problem = "`after` is not a commit id (40 or 64 hex digits)"; return false; }
            push = new PushEvent(gitRef, after.ToLowerInvariant());
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = "payload is not valid JSON";
            return false;
        }
    }

    /// <summary>A full SHA-1 (40) or SHA-256 (64) commit id; nothing else may reach git as a revision.</summary>
    public static bool IsCommitId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigit);

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
