namespace Monitor.Control.Stacks;

/// <summary>Splits "host:port/name:tag" into repository and tag (tag "latest" when absent; digests kept whole).</summary>
public static class ImageReference
{
    public static (string Repository, string Tag) Split(string image)
    {
        if (image.Contains('@')) return (image, "");
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
