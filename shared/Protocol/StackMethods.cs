namespace Monitor.Shared.Protocol;

/// <summary>Method names of the stack pipeline (git, images, container run/wait, compose). Payloads in StackPayloads.cs.</summary>
public static class StackMethods
{
    public const string GitSync = "git.sync";                 // GitSyncRequest → GitSyncResult
    public const string ImageBuild = "image.build";           // ImageBuildRequest → stream of OutputBatch, end ImageBuildResult
    public const string ImageTag = "image.tag";               // ImageTagRequest → ImageRefResult
    public const string ImagePush = "image.push";             // ImageTransferRequest → stream of OutputBatch, end ImageRefResult
    public const string ImagePull = "image.pull";             // ImageTransferRequest → stream of OutputBatch, end ImageRefResult
    public const string ContainerRun = "container.run";       // ContainerRunSpec → ContainerRunResult
    public const string ContainerWait = "container.wait";     // ContainerWaitRequest → ContainerWaitResult
    public const string ComposeUp = "compose.up";             // ComposeRequest → stream of OutputBatch, end ComposeResult
    public const string ComposeDown = "compose.down";         // ComposeRequest → stream of OutputBatch, end ComposeResult
    public const string ComposePs = "compose.ps";             // ComposeRequest → ComposePsResult
}
