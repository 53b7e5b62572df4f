namespace Monitor.Control.Stacks;

/// <summary>Whether a target pulls the image before running it: built images come from the registry (Required);
/// prebuilt images are refreshed when the registry answers, else the local copy runs (IfReachable).</summary>
public enum ImagePullMode { Skip, Required, IfReachable }
