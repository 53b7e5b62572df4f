namespace Monitor.Control.Webhooks;

/// <summary>A delivery's HTTP headers, looked up case-insensitively (providers vary the case: X-GitHub-Event, x-gitlab-token).</summary>
public sealed class WebhookHeaders
{
    private readonly Dictionary<string, string> _values;

    public WebhookHeaders(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values) _values[name] = value;
    }

    /// <summary>The header's value, or null when it is absent or empty.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public bool Has(string name) => this[name] is not null;
}
