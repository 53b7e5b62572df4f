using Docker.DotNet;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>Registers the stack methods (git, images, container run/wait, compose).</summary>
public static partial class StackHandlers
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(30);

    public static void RegisterInto(IStackMethodSink sink, DockerClient docker, string workDir, string dockerHost)
    {
        Directory.CreateDirectory(workDir);
        var git = new GitSyncHandler(workDir);
        var build = new ImageBuildHandler(docker, workDir);
        var images = new ImageTransferHandler(docker);
        var run = new ContainerRunHandler(docker);
        var wait = new ContainerWaitHandler(docker);
        var compose = new ComposeHandler(docker, workDir, dockerHost);

        sink.Request<GitSyncRequest, GitSyncResult>(StackMethods.GitSync, git.SyncAsync, Long);
        sink.Stream<ImageBuildRequest, OutputBatch, ImageBuildResult>(StackMethods.ImageBuild, build.BuildAsync, Long);
        sink.Request<ImageTagRequest, ImageRefResult>(StackMethods.ImageTag, images.TagAsync);
        sink.Stream<ImageTransferRequest, OutputBatch, ImageRefResult>(StackMethods.ImagePush, images.PushAsync, Long);
        sink.Stream<ImageTransferRequest, OutputBatch, ImageRefResult>(StackMethods.ImagePull, images.PullAsync, Long);
        sink.Request<ContainerRunSpec, ContainerRunResult>(StackMethods.ContainerRun, run.RunAsync, TimeSpan.FromMinutes(2));
        sink.Request<ContainerWaitRequest, ContainerWaitResult>(StackMethods.ContainerWait, wait.WaitAsync, TimeSpan.FromMinutes(61));
        sink.Stream<ComposeRequest, OutputBatch, ComposeResult>(StackMethods.ComposeUp, compose.UpAsync, Long);
        sink.Stream<ComposeRequest, OutputBatch, ComposeResult>(StackMethods.ComposeDown, compose.DownAsync, Long);
        sink.Request<ComposeRequest, ComposePsResult>(StackMethods.ComposePs, compose.PsAsync);
    }
}
