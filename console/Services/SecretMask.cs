namespace Monitor.Control.Services;

/// <summary>Replaces every occurrence of each secret value by <see cref="ActionRecorder.Masked"/>; longest first, so a
/// secret that contains another is masked whole.</summary>
public sealed class SecretMask(IEnumerable<string> secrets)
{
    private readonly string[] _secrets = secrets.Where(s => s.Length >= ActionRecorder.MinSecretLength)
        .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    public string Apply(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, ActionRecorder.Masked, StringComparison.Ordinal);
        return text;
    }

    public IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> values) =>
        _secrets.Length == 0 ? values : values.ToDictionary(p => p.Key, p => Apply(p.Value));
}
