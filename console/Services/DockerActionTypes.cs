namespace Monitor.Control.Services;

/// <summary>History record types of the Docker views' state-changing actions.</summary>
public static class DockerActionTypes
{
    public const string ImageRemove = "image.remove";
    public const string ImagePrune = "image.prune";
    public const string VolumeRemove = "volume.remove";
    public const string VolumePrune = "volume.prune";
}
